"""Issue 14: the coordinator hears through the bell what needs her, opens the message, does it,
and sees it marked done; she chooses how she receives messages. The administrator sees what
went out to whom."""

from datetime import datetime

from django.utils import timezone
from playwright.sync_api import expect

from berichten import diensten
from berichten.models import Bericht
from partijen.models import Gebruiker, School
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import MeldingFactory


def test_the_coordinator_follows_a_message_from_the_bell_to_done(page, live_server, login, demo):
    coordinator = Gebruiker.objects.get(username="coordinator")
    gisteren = timezone.localtime() - timezone.timedelta(days=1)
    melding = MeldingFactory(
        school=School.objects.get(naam="Aeres VMBO Almere Buiten"),
        tijdstip=datetime(gisteren.year, gisteren.month, gisteren.day, 10, tzinfo=gisteren.tzinfo),
        categorieen=["fysiek-geweld-letsel"],
    )
    diensten.scan_gebruiker(coordinator)  # as the hourly scan does
    ongelezen = Bericht.objects.van(coordinator).ongelezen().count()
    assert ongelezen >= 1

    login(page, coordinator)
    bel = page.get_by_test_id("bel")
    expect(bel.get_by_test_id("ongelezen")).to_have_text(f"{ongelezen} ongelezen")
    bel.click()
    expect(page.get_by_role("heading", name="Uw berichten")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "berichten-centrum")
    page.get_by_test_id("berichten").get_by_role(
        "link", name=f"Meld de melding van {gisteren:%d-%m-%Y}"
    ).first.click()
    expect(page).to_have_url(f"{live_server.url}/meldingen/{melding.pk}/")

    politie_kaart = page.locator("section", has=page.get_by_role("heading", name="Politiemelding"))
    politie_kaart.get_by_label("Datum").fill(timezone.localdate().isoformat())
    politie_kaart.get_by_label("Soort").select_option("aangifte")
    politie_kaart.get_by_label("Gemeld door").fill("Carla de Coördinator")
    politie_kaart.get_by_label("Politiekenmerk").fill("PL0900-2026123456")
    page.get_by_role("button", name="Politiemelding vastleggen").click()
    expect(page.get_by_role("status")).to_have_text("De politiemelding is vastgelegd.")

    diensten.scan_gebruiker(coordinator)  # the next scan: the item is done
    page.get_by_test_id("bel").click()
    bericht = page.get_by_test_id("bericht").filter(has_text=f"{gisteren:%d-%m-%Y}")
    expect(bericht.get_by_text("gedaan", exact=True)).to_be_visible()

    page.get_by_role("link", name="Hoe u berichten ontvangt").click()
    page.get_by_role("group", name="Plichten bij meldingen (art. 2, 3.5, 9.1)").get_by_label(
        "Alleen in de applicatie"
    ).check()
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_have_text("Uw keuzes zijn opgeslagen.")
    screenshot(page, "berichten-voorkeuren")


def test_the_administrator_sees_what_went_out(page, live_server, login, demo):
    coordinator = Gebruiker.objects.get(username="coordinator")
    # Something due for her today, whatever day the test runs on (the demo's own items depend
    # on the calendar: on 1 December it had none).
    gisteren = timezone.localtime() - timezone.timedelta(days=1)
    MeldingFactory(
        school=School.objects.get(naam="Aeres VMBO Almere Buiten"),
        tijdstip=datetime(gisteren.year, gisteren.month, gisteren.day, 10, tzinfo=gisteren.tzinfo),
        categorieen=["fysiek-geweld-letsel"],
    )
    diensten.scan_gebruiker(coordinator)
    login(page, Gebruiker.objects.get(username="beheerder"))
    page.get_by_test_id("bel").click()
    page.get_by_role("link", name="Verzonden berichten").click()
    expect(page.get_by_role("heading", name="Verzonden berichten")).to_be_visible()
    expect(page.get_by_test_id("verzonden-bericht").first).to_contain_text(str(coordinator))
    assert_accessible(page)
    screenshot(page, "berichten-verzonden")
