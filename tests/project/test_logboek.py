"""The calendar feed's secret token never reaches a log line (issue #10).

Calendar programs cannot send a header, so the token stays in the URL and the logs mask it:
Django's request and runserver loggers, every console line, and gunicorn's access log (that
last one is tested against the real gunicorn in test_productie.py).
"""

import logging

import pytest

from convenant.logboek import verberg_geheimen
from overleggen.models import Agendafeed

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed(coordinator):
    return Agendafeed.voor(coordinator)


def _alle_tekst(caplog) -> str:
    return "\n".join(caplog.text.splitlines() + [r.getMessage() for r in caplog.records])


def test_a_feed_request_with_a_wrong_token_logs_no_token(client, caplog):
    geheim = "Geheim-Token_" + "x" * 30
    with caplog.at_level("INFO"):
        response = client.get(f"/overleggen/agenda/{geheim}.ics")
    assert response.status_code == 404
    assert caplog.records, "the 404 is logged"
    assert geheim not in _alle_tekst(caplog)
    assert "/overleggen/agenda/***.ics" in _alle_tekst(caplog)


def test_runservers_access_line_for_the_feed_has_no_token(client, caplog, feed):
    # runserver writes its access line through "django.server" with this format and arguments.
    with caplog.at_level("INFO", logger="django.server"):
        logging.getLogger("django.server").info(
            '"%s" %s %s', f"GET /overleggen/agenda/{feed.token}.ics HTTP/1.1", "200", "512"
        )
    assert feed.token not in _alle_tekst(caplog)
    assert '"GET /overleggen/agenda/***.ics HTTP/1.1" 200 512' in _alle_tekst(caplog)


def test_an_error_in_the_feed_view_logs_no_token(client, caplog, feed, settings):
    # An outage while a calendar program fetches the feed: logged by the 503 middleware.
    from tests.project.test_database_storing import database_onbereikbaar

    with caplog.at_level("INFO"), database_onbereikbaar():
        response = client.get(f"/overleggen/agenda/{feed.token}.ics")
    assert response.status_code == 503
    assert feed.token not in _alle_tekst(caplog)


def test_the_mask_leaves_other_paths_alone():
    assert (
        verberg_geheimen("GET /overleggen/agenda/ HTTP/1.1") == "GET /overleggen/agenda/ HTTP/1.1"
    )
    assert (
        verberg_geheimen("GET /overleggen/12/ics/ HTTP/1.1") == "GET /overleggen/12/ics/ HTTP/1.1"
    )
    assert verberg_geheimen("/overleggen/agenda/a-b_c.ics?x=1") == "/overleggen/agenda/***.ics?x=1"
