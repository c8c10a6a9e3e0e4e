from celery import shared_task

from overleggen.herinneringen import stuur


@shared_task
def stuur_herinneringen() -> int:
    """Weekly: remind the safety managers of meetings that are late or still to be planned."""
    return stuur()
