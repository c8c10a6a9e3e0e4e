"""The duty panel speaks its changes, and the police contact finds and moves reports on."""

import pytest
from playwright.sync_api import expect

from meldingen.models import Betrokkene, Politiemelding, PolitieStatus
from partijen.demo import DEMO_SCHOOL
from partijen.models import Gebruiker, School
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import MeldingFactory


def test_ticking_theft_updates_the_same_live_region_with_art_2_4(page, live_server, login, demo):
    login(page, Gebruiker.objects.get(username="coordinator"))
    page.goto(f"{live_server.url}/meldingen/nieuw/")
    live = page.locator("[aria-live]")
    expect(live).to_have_count(1)
    # Mark the element a screen reader is watching; it must still be the one that changes.
    regio = live.element_handle()
    regio.evaluate("el => { el.dataset.gemarkeerd = 'ja' }")
    page.get_by_label("Vernieling of diefstal: Diefstal", exact=True).check()
    expect(live).to_contain_text("art. 2.4")
    expect(live).to_contain_text("meld dit bij de politie")
    assert regio.evaluate("el => el.isConnected && el.dataset.gemarkeerd") == "ja"
    assert "art. 2.4" in regio.inner_text()
    page.get_by_label("Vernieling of diefstal: Diefstal", exact=True).uncheck()
    page.get_by_label("Vernieling of diefstal: Vernieling", exact=True).check()
    expect(live).to_contain_text("art. 2.6")
    assert regio.evaluate("el => el.isConnected && el.dataset.gemarkeerd") == "ja"
    assert "art. 2.4" not in regio.inner_text()
    page.get_by_label("Vernieling of diefstal: Diefstal", exact=True).check()
    expect(live).to_contain_text("art. 2.4")
    assert_accessible(page)
    screenshot(page, "melding-nieuw-diefstal")


@pytest.fixture
def gemelde_meldingen(demo):
    """Two reports at the demo school, one of them anonymous (art. 2.6)."""
    school = School.objects.get(naam=DEMO_SCHOOL)
    coordinator = Gebruiker.objects.get(username="coordinator")
    meldingen = []
    for categorie, kenmerk, anoniem in (
        ("drugs", "PL0900-2026123456", False),
        ("cyberpesten", "PL0900-2026777001", True),
    ):
        melding = MeldingFactory(school=school, categorieen=[categorie])
        Politiemelding.objects.create(
            melding=melding,
            datum="2026-11-20",
            soort="melding",
            door="Coördinator",
            referentie=kenmerk,
            anoniem=anoniem,
            reactie_uiterlijk="2026-11-25",
        )
        PolitieStatus.objects.create(melding=melding, status="gemeld", door=coordinator)
        Betrokkene.objects.create(
            melding=melding, rol="dader", soort="leerling", naam=f"Leerling {kenmerk[-3:]}"
        )
        meldingen.append(melding)
    return meldingen


def test_the_police_contact_searches_filters_and_records_a_step(
    page, live_server, login, gemelde_meldingen
):
    drugs, anoniem = gemelde_meldingen
    login(page, Gebruiker.objects.get(username="politie"))
    page.goto(f"{live_server.url}/meldingen/")
    filters = page.get_by_role("form", name="Meldingen filteren")
    filters.get_by_label("Politiekenmerk").fill("777001")
    filters.get_by_role("button", name="Filteren").click()
    rijen = page.locator("tbody tr")
    expect(rijen).to_have_count(1)
    expect(rijen).to_contain_text("Cyberpesten")
    expect(rijen).to_contain_text("PL0900-2026777001")
    expect(page.get_by_text("Leerling 001")).to_have_count(0)  # anonymous: no names
    assert_accessible(page)

    filters.get_by_label("Politiekenmerk").fill("")
    filters.get_by_label("Politiestatus").select_option(label="gemeld")
    filters.get_by_role("button", name="Filteren").click()
    expect(rijen).to_have_count(2)
    screenshot(page, "politie-lijst-gefilterd")

    page.goto(f"{live_server.url}/meldingen/{drugs.pk}/")
    # Each next step has its own form with only the fields that step records.
    stappen = page.get_by_role("group", name="Volgende stap")
    stappen.get_by_text("in behandeling", exact=True).click()
    in_behandeling = page.get_by_role("form", name="in behandeling")
    expect(in_behandeling.get_by_label("Uitkomst")).to_have_count(0)
    expect(in_behandeling.get_by_label("Proces-verbaal verzonden op")).to_have_count(0)
    in_behandeling.get_by_label("Toelichting").fill("Wijkagent gaat langs.")
    assert_accessible(page)
    screenshot(page, "politie-stap-in-behandeling")
    in_behandeling.get_by_role("button", name="Vastleggen: in behandeling").click()
    expect(page.get_by_role("status")).to_have_text("De politiestatus is bijgewerkt.")

    stappen.get_by_text("afgerond", exact=True).click()
    afgerond = page.get_by_role("form", name="afgerond")
    afgerond.get_by_role("button", name="Vastleggen: afgerond").click()
    expect(page.get_by_text("Zeg hoe de melding is afgerond.")).to_be_visible()
    afgerond = page.get_by_role("form", name="afgerond")
    afgerond.get_by_label("Uitkomst").select_option(
        label="proces-verbaal naar het Openbaar Ministerie"
    )
    afgerond.get_by_label("Proces-verbaal verzonden op").fill("2026-11-28")
    afgerond.get_by_role("button", name="Vastleggen: afgerond").click()
    expect(page.get_by_role("status")).to_have_text("De politiestatus is bijgewerkt.")
    expect(page.get_by_role("group", name="Volgende stap")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "politie-stap-afgerond")
    assert list(drugs.politiestatussen.values_list("status", flat=True)) == [
        "gemeld",
        "in_behandeling",
        "afgerond",
    ]
    assert drugs.politiestatussen.get(status="in_behandeling").uitkomst == ""


def test_the_step_forms_work_without_javascript(browser, live_server, login, gemelde_meldingen):
    drugs, _ = gemelde_meldingen
    context = browser.new_context(bypass_csp=True, locale="nl-NL", java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = context.new_page()
    login(page, Gebruiker.objects.get(username="politie"))
    page.goto(f"{live_server.url}/meldingen/{drugs.pk}/")
    page.get_by_role("group", name="Volgende stap").get_by_text("afgerond", exact=True).click()
    afgerond = page.get_by_role("form", name="afgerond")
    afgerond.get_by_label("Uitkomst").select_option(label="Halt-verwijzing")
    afgerond.get_by_label("Proces-verbaal verzonden op").fill("2026-11-28")
    afgerond.get_by_role("button", name="Vastleggen: afgerond").click()
    # The typed date stays, with the reason it does not belong to a referral to Halt.
    afgerond = page.get_by_role("form", name="afgerond")
    expect(afgerond.get_by_text("Alleen een proces-verbaal")).to_be_visible()
    expect(afgerond.get_by_label("Proces-verbaal verzonden op")).to_have_value("2026-11-28")
    afgerond.get_by_label("Proces-verbaal verzonden op").fill("")
    afgerond.get_by_role("button", name="Vastleggen: afgerond").click()
    expect(page.get_by_role("status")).to_have_text("De politiestatus is bijgewerkt.")
    context.close()
    stap = drugs.politiestatussen.get(status="afgerond")
    assert (stap.uitkomst, stap.pv_datum) == ("halt", None)


def test_an_anonymous_report_does_not_tell_the_police_a_minor_is_involved(
    page, live_server, login, gemelde_meldingen
):
    from datetime import date

    _drugs, anoniem = gemelde_meldingen
    # A 15-year-old: the parents option would have said so (art. 2.6, 3.5).
    anoniem.betrokkenen.update(geboortedatum=date(2011, 3, 1))
    login(page, Gebruiker.objects.get(username="politie"))
    page.goto(f"{live_server.url}/meldingen/{anoniem.pk}/")
    expect(page.get_by_text("Anoniem gemeld").first).to_be_visible()
    expect(page.get_by_role("button", name="Notitie toevoegen")).to_be_visible()
    expect(page.get_by_label("Besproken met de ouders")).to_have_count(0)
    expect(page.get_by_text("Leerling 001")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "politie-anonieme-melding")
