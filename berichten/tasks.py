"""Celery tasks of the messages. Each is idempotent (the rows and their claims decide what is
sent), so a task delivered twice, beat firing twice or a worker restarted halfway sends each
message once (`acks_late`: a task is acknowledged after it ran)."""

from celery import shared_task
from django.conf import settings

from berichten import diensten, verzenden, wachtrij


@shared_task(acks_late=True)
def scan() -> int:
    """Hourly: every active user's due items as messages, in parts of BERICHTEN_SCAN_PER_TAAK
    users that the workers take side by side (issue 15: a city's thousands of users in one
    task ran for ten minutes on one worker, and a worker lost halfway lost the rest of the
    hour); then everything still waiting to be sent is handed on. Returns the number of parts.
    A part that cannot be handed over (the broker down) is logged and taken by the next hour's
    scan: its rows wait in PostgreSQL, as every message does (berichten.wachtrij)."""
    delen = diensten.scan_delen(settings.BERICHTEN_SCAN_PER_TAAK)
    for deel in delen:
        wachtrij.plaats(scan_gebruikers, deel)
    diensten.wachtend()
    return len(delen)


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
