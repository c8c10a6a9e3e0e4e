"""Handing work to the Celery worker, only after the transaction that wrote it has committed
(a worker must never look for a row that is not there yet, or that a rollback removed).

A broker that cannot be reached breaks no page: the failure is logged as an incident and the
rows stay waiting in PostgreSQL, where the next scan (berichten.diensten.scan) finds them.
"""

import logging
import time
from contextlib import contextmanager

from django.db import transaction

logger = logging.getLogger(__name__)

# After a failure the broker is left alone this many seconds (as convenant.cache does with
# Redis): a request that hands on several tasks waits for one connection attempt at most.
PAUZE_SECONDEN = 30
_plat_tot = 0.0
_stil = False


@contextmanager
def stil():
    """Write messages without handing anything to a worker (building the demo: its past is not
    news). What waits is sent by the next scan, or when its recipient's own scan runs."""
    global _stil
    vorig, _stil = _stil, True
    try:
        yield
    finally:
        _stil = vorig


def plaats(taak, *args) -> None:
    if _stil:
        return

    def versturen():
        global _plat_tot
        if time.monotonic() < _plat_tot:
            logger.warning(
                "Berichtenwachtrij gepauzeerd; %s%r wacht op de volgende scan.", taak.name, args
            )
            return
        try:
            # No publishing retries in a request: the scan is the retry.
            taak.apply_async(args=args, retry=False)
        except Exception as exc:  # kombu's OperationalError and the socket errors under it
            _plat_tot = time.monotonic() + PAUZE_SECONDEN
            logger.error(
                "Berichtenwachtrij niet bereikbaar (%s: %s); %s%r wacht op de volgende scan.",
                type(exc).__name__,
                exc,
                taak.name,
                args,
            )

    transaction.on_commit(versturen)


def stuur_direct(gebruiker_id: int) -> None:
    from berichten.tasks import verstuur_direct

    plaats(verstuur_direct, gebruiker_id)
