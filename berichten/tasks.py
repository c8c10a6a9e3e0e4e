"""Celery tasks of the messages. Each is idempotent (the rows and their claims decide what is
sent), so a task delivered twice, beat firing twice or a worker restarted halfway sends each
message once (`acks_late`: a task is acknowledged after it ran)."""

from celery import shared_task
from django.utils import timezone

from berichten import diensten, verzenden


@shared_task(acks_late=True)
def scan() -> int:
    """Hourly: every user's due items as messages, and everything still waiting handed on."""
    return diensten.scan(timezone.localdate())


@shared_task(acks_late=True)
def wachtend() -> int:
    """Every 5 minutes: what waits to go out at once is handed to a worker again."""
    return diensten.wachtend()


@shared_task(bind=True, acks_late=True, max_retries=verzenden.MAX_POGINGEN)
def verstuur_direct(self, gebruiker_id: int) -> int:
    """Send a user's messages that go out at once; retried with a growing pause while the
    mail server fails (1, 2, 4, 8 ... minutes, at most an hour)."""
    try:
        return verzenden.verstuur_direct(gebruiker_id)
    except verzenden.Verzendfout as exc:
        raise self.retry(exc=exc, countdown=min(60 * 2**self.request.retries, 3600)) from exc


@shared_task(acks_late=True)
def verstuur_overzichten(frequentie: str) -> int:
    """Daily at 07:00 and on Monday at 07:00: the digests."""
    return verzenden.verstuur_overzichten(frequentie)


@shared_task(acks_late=True)
def scan_gebruikers(gebruiker_ids: list[int]) -> int:
    """Right after an event that makes something due for these users (a new police report for
    the school's police contacts): their scan, instead of waiting for the hourly one."""
    from partijen.models import Gebruiker

    return sum(
        diensten.scan_gebruiker(g)
        for g in Gebruiker.objects.filter(pk__in=gebruiker_ids, is_active=True)
    )
