"""The coordinator's "Te doen" (issue 14, first part): an incident that must be reported to
the police shows on her home page with its article; a click leads to the incident, and once the
police report is recorded the item is gone."""

from datetime import datetime

from django.utils import timezone
from playwright.sync_api import expect

from partijen.models import Gebruiker, School
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import MeldingFactory


def test_the_coordinator_does_what_her_home_page_says(page, live_server, login, demo):
    school = School.objects.get(naam="Aeres VMBO Almere Buiten")
    gisteren = timezone.localtime() - timezone.timedelta(days=1)
    melding = MeldingFactory(
        school=school,
        tijdstip=datetime(gisteren.year, gisteren.month, gisteren.day, 10, tzinfo=gisteren.tzinfo),
        categorieen=["fysiek-geweld-letsel"],
    )
    login(page, Gebruiker.objects.get(username="coordinator"))
    te_doen = page.get_by_test_id("te-doen")
    item = te_doen.get_by_role("link", name="Meld de melding")
    expect(item).to_be_visible()
    expect(te_doen).to_contain_text("art. 2.4")
    assert_accessible(page)
    screenshot(page, "te-doen-coordinator")

    item.click()
    expect(page).to_have_url(f"{live_server.url}/meldingen/{melding.pk}/")
    politie_kaart = page.locator("section", has=page.get_by_role("heading", name="Politiemelding"))
    politie_kaart.get_by_label("Datum").fill(timezone.localdate().isoformat())
    politie_kaart.get_by_label("Soort").select_option("aangifte")
    politie_kaart.get_by_label("Gemeld door").fill("Carla de Coördinator")
    politie_kaart.get_by_label("Politiekenmerk").fill("PL0900-2026123456")
    page.get_by_role("button", name="Politiemelding vastleggen").click()
    expect(page.get_by_role("status")).to_have_text("De politiemelding is vastgelegd.")

    page.goto(f"{live_server.url}/")
    expect(
        page.get_by_test_id("te-doen").get_by_role("link", name="Meld de melding")
    ).to_have_count(0)
