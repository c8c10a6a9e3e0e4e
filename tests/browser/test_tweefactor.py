"""A police contact's whole journey through two-factor login, password change and reset, as a
person sees it: every page axe-clean, with screenshots. No shortcut: no force_login, and the
`login` fixture is not used either."""

import base64
import re
import time

import pytest
from django.conf import settings
from django.core import mail
from django_otp.oath import TOTP
from playwright.sync_api import expect

from partijen.models import Rol
from tests.browser.conftest import assert_accessible, screenshot

NIEUW = "een-heel-nieuw-wachtwoord-2026"
NIEUW_VELD = re.compile(r"^Nieuw wachtwoord\*?\s*$")


@pytest.fixture
def politie(maak_gebruiker):
    return maak_gebruiker(Rol.POLITIE_CONTACTPERSOON, email="politie@example.org")


def _code_uit_sleutel(sleutel: str) -> str:
    totp = TOTP(base64.b32decode(sleutel))
    totp.time = time.time()
    return f"{totp.token():06d}"


def _wachtwoordstap(page, user, password=settings.DEMO_PASSWORD):
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


def test_a_police_contact_sets_up_and_uses_two_factor_login(
    page, live_server, convenant_data, politie
):
    page.goto(f"{live_server.url}/meldingen/")
    _wachtwoordstap(page, politie)

    # Required, no app yet: only the setup page opens, with a QR code and the key as text.
    expect(page.get_by_role("heading", name="Inloggen met twee factoren instellen")).to_be_visible()
    expect(
        page.get_by_role("img", name="QR-code met de sleutel voor uw authenticator-app")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Niet nu")).to_have_count(0)
    expect(page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link")).to_have_count(
        1
    )
    assert_accessible(page)
    screenshot(page, "tweefactor-instellen")
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Inloggen met twee factoren instellen")).to_be_visible()

    sleutel = page.get_by_test_id("geheim").inner_text()
    page.get_by_role("textbox", name="Code").fill(_code_uit_sleutel(sleutel))
    page.get_by_role("button", name="Bevestigen").click()

    expect(page.get_by_role("heading", name="Uw reservecodes")).to_be_visible()
    codes = page.get_by_test_id("reservecodes").get_by_role("listitem").all_inner_texts()
    assert len(codes) == 10
    assert_accessible(page)
    screenshot(page, "tweefactor-reservecodes")
    page.get_by_role("link", name="Ik heb ze bewaard, verder").click()
    expect(page.get_by_role("heading", name=re.compile("^Welkom"))).to_be_visible()

    page.get_by_role("button", name="Uitloggen").click()
    page.goto(f"{live_server.url}/meldingen/")
    _wachtwoordstap(page, politie)
    expect(page.get_by_role("heading", name="Vul uw code in")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "tweefactor-code")

    page.get_by_role("textbox", name="Code").fill("000000")
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_text("Deze code klopt niet.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "tweefactor-code-fout")

    page.wait_for_timeout(1100)  # django-otp's own pause after a wrong code
    page.get_by_role("textbox", name="Code").fill(codes[0])
    page.get_by_role("button", name="Controleren").click()
    expect(page).to_have_url(f"{live_server.url}/meldingen/")

    page.get_by_role("link", name="Account").click()
    expect(page.get_by_role("heading", name="Account en beveiliging")).to_be_visible()
    expect(page.get_by_text("9 ongebruikte reservecodes")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "account")

    page.get_by_role("link", name="Uw wachtwoord wijzigen").click()
    expect(page.get_by_role("heading", name="Uw wachtwoord wijzigen")).to_be_visible()
    page.get_by_label("Oud wachtwoord").fill("fout")
    page.get_by_role("textbox", name=NIEUW_VELD).fill(NIEUW)
    page.get_by_role("textbox", name="Nieuw wachtwoord bevestigen").fill(NIEUW)
    page.get_by_role("button", name="Wachtwoord wijzigen").click()
    expect(page.locator(".invalid-feedback, .text-danger").first).to_be_visible()
    assert_accessible(page)
    screenshot(page, "wachtwoord-wijzigen-fout")
    page.get_by_label("Oud wachtwoord").fill(settings.DEMO_PASSWORD)
    page.get_by_role("textbox", name=NIEUW_VELD).fill(NIEUW)
    page.get_by_role("textbox", name="Nieuw wachtwoord bevestigen").fill(NIEUW)
    page.get_by_role("button", name="Wachtwoord wijzigen").click()
    expect(page.get_by_role("heading", name="Wachtwoord gewijzigd")).to_be_visible()
    assert_accessible(page)


def test_a_forgotten_password_is_reset_by_e_mail(page, live_server, settings, politie):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    expect(page.get_by_role("heading", name="Wachtwoord vergeten?")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "wachtwoord-vergeten")
    page.get_by_label("E-mailadres").fill(politie.email)
    page.get_by_role("button", name="Stuur de link").click()
    expect(page.get_by_role("heading", name="Kijk in uw e-mail")).to_be_visible()
    assert_accessible(page)

    link = re.search(r"http://\S+/inloggen/nieuw-wachtwoord/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", name="Kies een nieuw wachtwoord")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "wachtwoord-kiezen")
    page.get_by_role("textbox", name=NIEUW_VELD).fill(NIEUW)
    page.get_by_role("textbox", name="Nieuw wachtwoord bevestigen").fill(NIEUW)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_role("heading", name="Wachtwoord opgeslagen")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Inloggen").last.click()
    _wachtwoordstap(page, politie, NIEUW)
    # A new password does not skip the second factor.
    expect(page.get_by_role("heading", name="Inloggen met twee factoren instellen")).to_be_visible()
