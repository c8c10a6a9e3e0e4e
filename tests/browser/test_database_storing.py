"""A person sends a form while the database is unreachable: they get the Dutch 503 page, and
what they typed is back in the form when they return to it.

The database is really unreachable for the POST: in the live server's own thread, at the start
of that request, the default connection is swapped for one that cannot connect.
"""

import pytest
from django.core.signals import request_finished, request_started
from django.db import connections
from playwright.sync_api import expect

from partijen.models import Gebruiker
from tests.browser.conftest import assert_accessible, screenshot

OMSCHRIJVING = "Bij controle van een kluisje is een zakje gevonden. Dit wil ik niet kwijt."


class OnbereikbaarBijPost:
    """Makes the database unreachable for POST requests while active (in the server thread)."""

    def __init__(self):
        self.actief = False
        self.echt = {}

    def begin(self, sender, environ, **kwargs):
        if self.actief and environ["REQUEST_METHOD"] == "POST":
            echt = connections["default"]
            instellingen = dict(echt.settings_dict)
            if echt.vendor == "sqlite":
                instellingen["NAME"] = "/bestaat-niet/map/db.sqlite3"
            else:
                instellingen.update(HOST="127.0.0.1", PORT=1)
            self.echt["default"] = echt
            connections["default"] = echt.__class__(instellingen, "default")

    def einde(self, sender, **kwargs):
        if "default" in self.echt:
            connections["default"] = self.echt.pop("default")


@pytest.fixture
def storing():
    onbereikbaar = OnbereikbaarBijPost()
    request_started.connect(onbereikbaar.begin)
    request_finished.connect(onbereikbaar.einde)
    yield onbereikbaar
    request_started.disconnect(onbereikbaar.begin)
    request_finished.disconnect(onbereikbaar.einde)


def test_typed_text_comes_back_after_a_submit_that_failed(page, live_server, login, demo, storing):
    login(page, Gebruiker.objects.get(username="coordinator"))
    page.goto(f"{live_server.url}/meldingen/nieuw/")
    page.get_by_label("Wanneer").fill("2026-11-27T11:15")
    page.get_by_label("in de school", exact=True).check()
    page.get_by_label("Omschrijving").fill(OMSCHRIJVING)
    page.locator("#id_betrokkenen-0-naam").fill("Sem de Vries")

    storing.actief = True
    page.get_by_role("button", name="Melding opslaan").click()
    expect(page.get_by_role("heading", name="Tijdelijk niet beschikbaar")).to_be_visible()
    expect(page.get_by_text("Probeer het over een paar minuten opnieuw")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "database-storing-503")

    storing.actief = False
    page.get_by_role("link", name="Terug naar het formulier").click()
    expect(page.get_by_role("heading", name="Nieuwe melding")).to_be_visible()
    expect(page.get_by_label("Omschrijving")).to_have_value(OMSCHRIJVING)
    expect(page.get_by_label("in de school", exact=True)).to_be_checked()
    expect(page.locator("#id_betrokkenen-0-naam")).to_have_value("Sem de Vries")
    expect(page.get_by_role("status").first).to_contain_text("Versturen is niet gelukt")
    assert_accessible(page)
    screenshot(page, "database-storing-teruggezet")

    # Sent once more, successfully: nothing is kept, a fresh form stays empty.
    page.get_by_role("button", name="Melding opslaan").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/meldingen/nieuw/")
    expect(page.get_by_label("Omschrijving")).to_have_value("")
    assert page.evaluate("sessionStorage.getItem('bewaar-formulier')") is None, page.evaluate(
        "JSON.stringify(sessionStorage)"
    )


def test_a_password_is_never_kept(page, live_server, demo, storing):
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("coordinator")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    storing.actief = True
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Tijdelijk niet beschikbaar")).to_be_visible()
    opgeslagen = page.evaluate(
        "JSON.stringify(Object.keys(sessionStorage).map(k => sessionStorage.getItem(k)))"
    )
    assert "geheim-wachtwoord-123" not in opgeslagen
    assert "coordinator" not in opgeslagen


def test_a_one_time_code_is_never_kept(page, live_server, demo, storing):
    # A two-factor form marks its code field as a one-time code; such a form is not kept.
    page.goto(f"{live_server.url}/inloggen/")
    page.evaluate(
        """() => {
            const form = document.createElement("form");
            form.method = "post";
            form.action = "/voor-ouders/";  // a view that reads the database on any method
            const csrf = document.querySelector("[name=csrfmiddlewaretoken]").value;
            form.innerHTML = '<label>Code <input name="code" autocomplete="one-time-code"></label>'
                + '<input type="hidden" name="csrfmiddlewaretoken" value="' + csrf + '">'
                + '<button>Verifi\u00ebren</button>';
            document.querySelector("main").append(form);
        }"""
    )
    page.get_by_label("Code").fill("123456")
    storing.actief = True
    page.get_by_role("button", name="Verifiëren").click()
    expect(page.get_by_role("heading", name="Tijdelijk niet beschikbaar")).to_be_visible()
    assert "123456" not in page.evaluate("JSON.stringify(sessionStorage)")
