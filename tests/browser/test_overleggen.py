"""The safety manager plans and records an area meeting; the police records a school meeting."""

import re

import pytest
from playwright.sync_api import expect

from partijen.demo import DEMO_SCHOOL, maak_demo_accounts, maak_demo_gegevens
from partijen.models import Gebruiker, School


@pytest.fixture
def demo(convenant_data):
    maak_demo_gegevens()
    maak_demo_accounts()


def _cel(page, bereik):
    rij = page.get_by_role("row").filter(has_text="Stadsdeeloverleg").filter(has_text=bereik)
    return rij.locator(".badge").first


def test_the_safety_manager_plans_and_records_the_area_meeting(page, live_server, login, demo):
    from tests.browser.conftest import assert_accessible, screenshot

    login(page, Gebruiker.objects.get(username="veiligheidsmanager"))
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Overleggen"
    ).click()
    expect(page.get_by_role("heading", name=re.compile("^Naleving overleggen"))).to_be_visible()
    expect(_cel(page, "Buiten-Hout")).to_have_text("nog in te plannen")
    assert_accessible(page)
    screenshot(page, "naleving")

    page.get_by_role("row").filter(has_text="Stadsdeeloverleg").filter(
        has_text="Buiten-Hout"
    ).get_by_role("link", name=re.compile("^Plannen")).click()
    expect(page.get_by_role("heading", name="Overleg plannen")).to_be_visible()
    expect(page.get_by_label("Gastschool")).not_to_have_value("")
    expect(page.get_by_role("checkbox", name=re.compile("Carla de Coördinator"))).to_be_checked()
    expect(page.get_by_role("checkbox", name=re.compile("Peter Politie"))).to_be_checked()
    page.get_by_label("Begin").fill("2026-11-26T15:00")
    page.get_by_label("Einde").fill("2026-11-26T16:30")
    assert_accessible(page)
    page.get_by_role("button", name="Overleg plannen").click()
    expect(page.get_by_text("Het overleg is gepland.")).to_be_visible()

    page.get_by_label("Het overleg is").select_option("gehouden")
    page.get_by_role("checkbox", name=re.compile("Carla de Coördinator")).check()
    page.get_by_label("Kort verslag").fill("Trends in de wijk besproken; geen namen.")
    page.get_by_label("Besluiten").fill("Volgend overleg bij het ISK.")
    page.locator("#id_acties-0-omschrijving").fill("Voorlichting over vuurwerk plannen")
    page.locator("#id_acties-0-eigenaar").select_option(label="Vincent Veiligheid")
    page.locator("#id_acties-0-deadline").fill("2027-01-15")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het overleg is vastgelegd.")).to_be_visible()
    expect(page.get_by_text("Voorlichting over vuurwerk plannen")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "overleg-vastgelegd")

    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Overleggen"
    ).click()
    expect(_cel(page, "Buiten-Hout")).to_have_text("voldaan")

    page.get_by_role("row").filter(has_text="Stadsdeeloverleg").filter(
        has_text="Buiten-Hout"
    ).get_by_role("link", name="Overleggen").click()
    expect(page.get_by_role("cell", name="gehouden")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Start").click()
    expect(page.get_by_text("Voorlichting over vuurwerk plannen")).to_be_visible()
    page.get_by_role("link", name="Uw overleggen in uw agenda").click()
    feed_url = page.get_by_label("Agenda-adres").input_value()
    assert feed_url.endswith(".ics")
    assert_accessible(page)
    assert page.request.get(feed_url).text().startswith("BEGIN:VCALENDAR")


def test_the_police_records_a_monthly_meeting_for_its_school_only(page, live_server, login, demo):
    from tests.browser.conftest import assert_accessible

    login(page, Gebruiker.objects.get(username="politie"))
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Overleggen"
    ).click()
    expect(page.get_by_role("heading", name=re.compile("^Schooloverleggen"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("row").filter(has_text="Operationeel overleg").filter(
        has_text=DEMO_SCHOOL
    ).get_by_role("link", name=re.compile("^Vastleggen")).click()
    expect(page.get_by_label(re.compile("Dit overleg is al gehouden"))).to_be_checked()
    page.get_by_label("Begin").fill("2026-11-20T10:00")
    page.get_by_label("Einde").fill("2026-11-20T10:30")
    page.get_by_label("Kort verslag").fill("Rustige maand; afspraken over de pauzes.")
    page.get_by_role("button", name="Overleg plannen").click()
    expect(page.get_by_text("Het overleg is vastgelegd.")).to_be_visible()
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Overleggen"
    ).click()
    maand = (
        page.get_by_role("row")
        .filter(has_text="Operationeel overleg")
        .filter(has_text=DEMO_SCHOOL)
        .locator(".maand")
        .nth(10)
    )
    expect(maand).to_have_class(re.compile("status-voldaan"))

    andere = (
        School.objects.filter(sector="VO")
        .exclude(pk__in=School.objects.visible_to(Gebruiker.objects.get(username="politie")))
        .first()
    )
    from overleggen.models import Overlegvorm

    vorm = Overlegvorm.objects.get(code="operationeel-overleg")
    # A link for a school that is not theirs is refused, like any other school's page.
    page.goto(f"{live_server.url}/overleggen/nieuw/?vorm={vorm.pk}&school={andere.pk}")
    expect(page.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()
