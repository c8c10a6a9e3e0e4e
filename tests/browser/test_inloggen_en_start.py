"""A person's first journey: log in, land on the home page of their role, read the covenant."""

import re

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import expect

from partijen.models import Rol
from partijen.rollen import rollen_van
from tests.browser.conftest import assert_accessible, screenshot


def test_each_role_logs_in_and_sees_its_own_home_page(
    page, live_server, login, convenant_data, gebruiker_per_rol
):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Inloggen", exact=True).click()
    expect(page).to_have_url(re.compile(r"/inloggen/$"))
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    assert_accessible(page)

    login(page, gebruiker_per_rol)
    expect(page).to_have_url(live_server.url + "/")
    expect(
        page.get_by_role("heading", name=f"Welkom, {gebruiker_per_rol.first_name}")
    ).to_be_visible()
    (rol,) = rollen_van(gebruiker_per_rol)
    with translation.override("nl"):
        expect(page.get_by_test_id("rol")).to_have_text(str(Rol(rol).label))
    expect(page.get_by_role("heading", name="Wat het convenant van u vraagt")).to_be_visible()
    nav = page.get_by_role("navigation", name="Hoofdnavigatie")
    beheer = nav.get_by_role("link", name="Beheer", exact=True)
    if rol == Rol.BEHEERDER:
        expect(beheer).to_be_visible()
    else:
        expect(beheer).to_have_count(0)
    assert_accessible(page)
    screenshot(page, f"start-{rol}")


def test_a_coordinator_reads_the_covenant_through_the_navigation(
    page, live_server, login, convenant_data, coordinator
):
    login(page, coordinator)
    nav = page.get_by_role("navigation", name="Hoofdnavigatie")

    nav.get_by_role("link", name="Convenant").click()
    expect(page.get_by_role("heading", name="Artikel 2 · Scholen")).to_be_visible()
    expect(page.get_by_text("wordt dit door de school gemeld aan de politie")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "convenant-tekst")

    tabs = page.get_by_role("navigation", name="Convenant")
    tabs.get_by_role("link", name="Partners").click()
    expect(page.get_by_role("heading", name="Later toegetreden")).to_be_visible()
    expect(page.get_by_role("cell", name="Stichting de Vrije School")).to_be_visible()
    expect(page.get_by_text("14 november 2023 tot en met 13 november 2027")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "convenant-partners")

    tabs.get_by_role("link", name="Overlegstructuur").click()
    expect(page.get_by_role("heading", name="3. Stadsdeeloverleg VO, MBO en HBO")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "convenant-overlegstructuur")

    page.get_by_role("link", name="6.3").click()
    expect(page).to_have_url(re.compile(r"/convenant/#art-6-3$"))

    nav.get_by_role("link", name="Start").click()
    # what the covenant asks of the user's role is one click from the home page (issue 14)
    page.get_by_role("link", name="Wat het convenant van u vraagt").click()
    assert_accessible(page)
    screenshot(page, "mijn-rol")
    page.get_by_role("link", name="Art. 2.5").click()
    expect(page).to_have_url(re.compile(r"/convenant/#art-2-5$"))

    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    page.goto(live_server.url + "/")
    expect(page.get_by_role("link", name="Voor ouders")).to_be_visible()
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)


def test_a_wrong_password_is_explained_in_dutch_and_the_username_kept(
    page, live_server, login, coordinator
):
    login(page, coordinator, password="niet-het-goede")
    expect(page.get_by_text("Voer een juiste gebruikersnaam en wachtwoord in")).to_be_visible()
    expect(page.get_by_label("Gebruikersnaam")).to_have_value(coordinator.username)
    assert_accessible(page)


def test_on_a_phone_the_menu_folds_away_and_opens(
    phone_page, live_server, login, convenant_data, coordinator
):
    page = phone_page
    login(page, coordinator)
    convenant_link = page.get_by_role("link", name="Convenant", exact=True)
    expect(convenant_link).to_be_hidden()
    page.get_by_role("button", name="Menu openen").click()
    expect(convenant_link).to_be_visible()
    assert_accessible(page)
    screenshot(page, "start-telefoon")
    # Nothing is wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_language_switch_gives_english_and_back(
    page, live_server, login, convenant_data, coordinator
):
    login(page, coordinator)
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Wijzigen").click()
    expect(page.get_by_role("heading", name="What the covenant asks of you")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)
    page.get_by_label("Language").select_option("nl")
    page.get_by_role("button", name="Change").click()
    expect(page.get_by_role("heading", name="Wat het convenant van u vraagt")).to_be_visible()


def test_the_administrator_reaches_the_administration(
    page, live_server, login, convenant_data, beheerder
):
    login(page, beheerder)
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Beheer", exact=True
    ).click()
    expect(page.get_by_role("link", name="Ondertekeningen")).to_be_visible()


@pytest.mark.parametrize("wachtwoord", [settings.DEMO_PASSWORD])
def test_the_login_form_works_with_the_keyboard_alone(
    page, live_server, coordinator, wachtwoord, convenant_data
):
    page.goto(live_server.url + "/inloggen/")
    page.keyboard.type(coordinator.username)  # the username field has focus on arrival
    page.keyboard.press("Tab")
    page.keyboard.type(wachtwoord)
    page.keyboard.press("Enter")
    # A coordinator is offered two-factor login and may decline it, by keyboard too.
    expect(page.get_by_role("heading", name="Inloggen met twee factoren instellen")).to_be_visible()
    page.get_by_role("button", name="Niet nu").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile("^Welkom"))).to_be_visible()
