from celery import shared_task

from meldingen.bewaren import anonimiseer


@shared_task
def anonimiseer_verlopen() -> int:
    """Daily: anonymise the people involved in incidents past the retention period."""
    return anonimiseer()
