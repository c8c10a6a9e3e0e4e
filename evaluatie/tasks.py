from celery import shared_task
from django.conf import settings
from django.utils import timezone

from evaluatie import diensten


@shared_task
def open_jaarronde() -> int | None:
    """Daily: open this year's yearly evaluation round once its day has come (exactly once)."""
    ronde = diensten.open_jaarronde(
        timezone.localdate(),
        opent=settings.EVALUATIE_JAARRONDE_OPENT,
        termijn_dagen=settings.EVALUATIE_ANTWOORDTERMIJN_DAGEN,
    )
    return ronde.pk if ronde else None
