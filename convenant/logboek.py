"""Log lines never carry the calendar feed's secret token.

The feed URL (/overleggen/agenda/<token>.ics) is the only key to a person's meetings, and
calendar programs cannot send it in a header, so it stays in the path; every log line that could
hold a path passes through `verberg_geheimen` instead: Django's loggers (filter below, set up in
settings.LOGGING) and gunicorn's access log (`GunicornLogger`, set in gunicorn.conf.py).
"""

import logging
import re

from gunicorn.glogging import Logger

# The token is whatever sits between /agenda/ and .ics (the URL pattern takes any non-slash).
_FEED_TOKEN = re.compile(r"(/agenda/)[^/\s?#\"']+(\.ics)")


def verberg_geheimen(tekst: str) -> str:
    return _FEED_TOKEN.sub(r"\1***\2", tekst)


class VerbergGeheimen(logging.Filter):
    """Rewrites a record's message without the token, for every handler after it (caplog too)."""

    def filter(self, record):
        try:
            bericht = record.getMessage()
        except Exception:  # a malformed record is the logging module's to report
            return True
        schoon = verberg_geheimen(bericht)
        if schoon != bericht:
            record.msg, record.args = schoon, ()
        return True


class GunicornLogger(Logger):
    """gunicorn's logger with the token masked in every access log field (request line, path,
    query, referer): whichever access log format the operator chooses."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {k: verberg_geheimen(v) if isinstance(v, str) else v for k, v in atoms.items()}
