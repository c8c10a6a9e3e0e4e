"""While PostgreSQL (or the SQLite file) cannot be reached, a page answers 503 in Dutch.

The database is really unreachable for one request: the default connection is swapped for one
whose server is a closed port (PostgreSQL) or whose file lies in a folder that does not exist
(SQLite). Nothing is mocked; the connection attempt itself fails.
"""

from contextlib import contextmanager

import pytest
from django.db import connections
from django.test import Client

pytestmark = pytest.mark.django_db


@contextmanager
def database_onbereikbaar():
    echt = connections["default"]
    instellingen = dict(echt.settings_dict)
    if echt.vendor == "sqlite":
        instellingen["NAME"] = "/bestaat-niet/map/db.sqlite3"
    else:
        instellingen.update(HOST="127.0.0.1", PORT=1)
    dood = echt.__class__(instellingen, "default")
    connections["default"] = dood
    try:
        yield
    finally:
        connections["default"] = echt


def test_a_page_answers_503_in_dutch_while_the_database_is_unreachable(client, caplog):
    with caplog.at_level("ERROR"), database_onbereikbaar():
        response = client.get("/voor-ouders/")
    assert response.status_code == 503
    html = response.content.decode()
    assert "Probeer het over een paar minuten opnieuw" in html
    assert '<html lang="nl">' in html
    assert response["Retry-After"]
    assert response["Cache-Control"].startswith("no-store")
    assert any("Database niet bereikbaar" in r.getMessage() for r in caplog.records)


def test_a_failed_post_answers_503_and_carries_the_form_keeping_script(coordinator):
    # A logged-in request meets the outage in the session middleware, before any view: Django
    # turns that into a 500 at once, and handler500 must still make it the 503 page. (The test
    # client would re-raise the error instead of showing what the browser gets.)
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)
    with database_onbereikbaar():
        response = client.post("/meldingen/nieuw/", {"omschrijving": "Wat ik typte"})
    assert response.status_code == 503
    html = response.content.decode()
    assert "Probeer het over een paar minuten opnieuw" in html
    assert "js/bewaar-formulier" in html
    assert "data-bewaar-mislukt" in html
    # The script runs: either no policy was sent (the outage struck before the CSP
    # middleware) or the page carries the policy's nonce.
    beleid = response.get("Content-Security-Policy", "")
    if "nonce-" in beleid:
        nonce = beleid.split("nonce-", 1)[1].split("'", 1)[0]
        assert f'nonce="{nonce}"' in html


def test_a_failed_get_does_not_mark_a_kept_form_as_failed(client):
    # After a successful submit the redirect's page may fail: the form must not come back.
    with database_onbereikbaar():
        response = client.get("/voor-ouders/")
    assert "data-bewaar-mislukt" not in response.content.decode()


def test_the_database_works_again_after_the_outage(client):
    with database_onbereikbaar():
        assert client.get("/voor-ouders/").status_code == 503
    assert client.get("/inloggen/").status_code == 200
