"""Turn configuration mistakes into one readable line instead of a wall of traceback.

The people who install this are municipal IT staff: an unreachable database or a missing
secret key should tell them what to fix, not where in Django it was noticed.
"""

import os
import sys
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit


def _masked_database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return "(standaard SQLite-bestand)"
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)


@contextmanager
def explain_bad_configuration():
    from django.core.exceptions import ImproperlyConfigured

    try:
        yield
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"Configuratiefout: {exc}\n")
        raise SystemExit(2) from None
    except Exception as exc:
        from django.db.utils import OperationalError

        if not isinstance(exc, OperationalError):
            raise
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        sys.stderr.write(
            f"Database niet bereikbaar via DATABASE_URL={_masked_database_url()}: {reason}\n"
        )
        raise SystemExit(2) from None
