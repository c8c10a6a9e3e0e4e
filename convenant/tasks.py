from celery import shared_task
from django.db import connection


@shared_task
def gezondheidscontrole() -> dict:
    """Prove that a worker can run a task and reach the database (used by health checks)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (een,) = cursor.fetchone()
    return {"database": een == 1}
