"""The coordinator logs a drugs incident and the police contact follows it up (art. 2.5, 3.2)."""

import re

from playwright.sync_api import expect

from meldingen.models import Melding
from partijen.demo import DEMO_SCHOOL
from partijen.models import Gebruiker, School
from tests.browser.conftest import assert_accessible, screenshot


def _nieuwe_melding(page, live_server, categorie, geboortedatum="2010-05-01"):
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Meldingen"
    ).click()
    page.get_by_role("link", name="Nieuwe melding").click()
    expect(page.get_by_role("heading", name="Nieuwe melding")).to_be_visible()
    page.get_by_label("Wanneer").fill("2026-11-27T11:15")
    page.get_by_label("in de school", exact=True).check()
    page.get_by_label(categorie, exact=True).check()
    page.get_by_label("Omschrijving").fill("Bij controle van een kluisje is een zakje gevonden.")
    page.locator("#id_betrokkenen-0-rol").select_option("dader")
    page.locator("#id_betrokkenen-0-soort").select_option("leerling")
    page.locator("#id_betrokkenen-0-naam").fill("Sem de Vries")
    page.locator("#id_betrokkenen-0-geboortedatum").fill(geboortedatum)


def test_a_coordinator_logs_drugs_and_the_police_follows_up(
    page, live_server, login, demo, browser
):
    coordinator = Gebruiker.objects.get(username="coordinator")
    login(page, coordinator)
    _nieuwe_melding(page, live_server, "Drugs: Bezit")
    # The duty panel follows the ticked category, before anything is saved (htmx).
    paneel = page.locator("#plichten")
    expect(paneel).to_contain_text("art. 2.5")
    expect(paneel).to_contain_text("meld dit bij de politie")
    assert_accessible(page)
    screenshot(page, "melding-nieuw")
    page.get_by_role("button", name="Melding opslaan").click()

    expect(page.get_by_role("status")).to_have_text("De melding is vastgelegd.")
    expect(page.get_by_text("Leg eerst de politiemelding vast (art. 2.5).")).to_be_visible()
    page.get_by_role("button", name="Melding afsluiten").click()
    expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_contain_text(
        "Leg eerst de politiemelding vast"
    )
    melding = Melding.objects.get()
    assert melding.status == "open"
    assert_accessible(page)

    politie_kaart = page.get_by_role("region", name="Politiemelding").or_(
        page.locator("section", has=page.get_by_role("heading", name="Politiemelding"))
    )
    politie_kaart.get_by_label("Datum").fill("2026-11-28")
    politie_kaart.get_by_label("Soort").select_option("aangifte")
    politie_kaart.get_by_label("Gemeld door").fill("Carla de Coördinator")
    politie_kaart.get_by_label("Politiekenmerk").fill("PL0900-2026123456")
    page.get_by_role("button", name="Politiemelding vastleggen").click()
    expect(page.get_by_role("status")).to_have_text("De politiemelding is vastgelegd.")
    expect(paneel).to_contain_text("gedaan")
    page.get_by_role("button", name="Melding afsluiten").click()
    expect(page.get_by_role("status")).to_have_text("De melding is afgesloten.")
    screenshot(page, "melding-afgesloten")

    # The police contact of this school sees it, with the people involved.
    politie_context = browser.new_context(bypass_csp=True, locale="nl-NL")
    politie = politie_context.new_page()
    login(politie, Gebruiker.objects.get(username="politie"))
    politie.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Meldingen"
    ).click()
    politie.get_by_role("link", name=re.compile("27-11-2026")).click()
    expect(politie.get_by_text("Sem de Vries")).to_be_visible()
    expect(politie.get_by_role("button", name="Melding afsluiten")).to_have_count(0)
    assert_accessible(politie)
    stappen = politie.get_by_role("group", name="Volgende stap")
    for stap in ("in behandeling", "interventie uitgevoerd"):
        stappen.get_by_text(stap, exact=True).click()
        politie.get_by_role("form", name=stap).get_by_role("button").click()
        expect(politie.get_by_role("status")).to_have_text("De politiestatus is bijgewerkt.")
    stappen.get_by_text("afgerond", exact=True).click()
    afgerond = politie.get_by_role("form", name="afgerond")
    afgerond.get_by_role("button", name="Vastleggen: afgerond").click()
    expect(politie.get_by_text("Zeg hoe de melding is afgerond.")).to_be_visible()
    afgerond.get_by_label("Uitkomst").select_option(
        label="proces-verbaal naar het Openbaar Ministerie"
    )
    afgerond.get_by_label("Proces-verbaal verzonden op").fill("2026-11-28")
    afgerond.get_by_role("button", name="Vastleggen: afgerond").click()
    expect(politie.get_by_role("status")).to_have_text("De politiestatus is bijgewerkt.")
    expect(stappen).to_have_count(0)
    screenshot(politie, "melding-politie-afgerond")
    assert_accessible(politie)
    politie_context.close()
    assert list(melding.politiestatussen.values_list("status", flat=True)) == [
        "gemeld",
        "in_behandeling",
        "interventie_uitgevoerd",
        "afgerond",
    ]


def test_the_police_contact_of_another_school_does_not_see_it(
    page, live_server, login, demo, maak_gebruiker, in_rol
):
    from tests.factories import MeldingFactory

    school = School.objects.get(naam=DEMO_SCHOOL)
    melding = MeldingFactory(school=school, categorieen=["drugs"])
    melding.politiemelding = None
    andere = School.objects.exclude(pk=school.pk).first()
    agent = maak_gebruiker("politie_contactpersoon", username="andere-agent")
    in_rol(agent, "politie_contactpersoon", school=andere)
    login(page, agent)
    page.goto(f"{live_server.url}/meldingen/")
    expect(page.get_by_text("Geen meldingen om te tonen.")).to_be_visible()
    assert page.goto(f"{live_server.url}/meldingen/{melding.pk}/").status == 404


def test_a_confidential_report_stays_hidden_from_the_coordinator(
    page, browser, live_server, login, demo
):
    login(page, Gebruiker.objects.get(username="vertrouwenspersoon"))
    _nieuwe_melding(page, live_server, "Grove pesterijen")
    expect(page.get_by_label("Vertrouwelijke melding")).to_be_checked()
    page.get_by_role("button", name="Melding opslaan").click()
    expect(page.get_by_text("vertrouwelijk (art. 2.2)")).to_be_visible()
    melding = Melding.objects.get()
    assert melding.vertrouwelijk

    coordinator_context = browser.new_context(bypass_csp=True, locale="nl-NL")
    coordinator = coordinator_context.new_page()
    login(coordinator, Gebruiker.objects.get(username="coordinator"))
    coordinator.goto(f"{live_server.url}/meldingen/")
    expect(coordinator.get_by_text("Geen meldingen om te tonen.")).to_be_visible()
    assert coordinator.goto(f"{live_server.url}/meldingen/{melding.pk}/").status == 404

    page.get_by_role("button", name="Delen met de coördinator veiligheid").click()
    expect(page.get_by_text("De melding is gedeeld")).to_be_visible()
    coordinator.goto(f"{live_server.url}/meldingen/{melding.pk}/")
    expect(coordinator.get_by_role("heading", name=re.compile("Melding"))).to_be_visible()
    coordinator_context.close()


def test_an_adult_students_incident_offers_no_parent_notification(page, live_server, login, demo):
    login(page, Gebruiker.objects.get(username="coordinator"))
    _nieuwe_melding(page, live_server, "Cyberpesten", geboortedatum="2008-11-27")
    page.get_by_role("button", name="Melding opslaan").click()
    expect(page.get_by_text("Meerderjarig op de dag van het incident")).to_be_visible()
    expect(page.get_by_label("Ouders geïnformeerd op")).to_have_count(0)
    page.locator("input[type=file]").set_input_files(
        files=[
            {
                "name": "programma.pdf",
                "mimeType": "application/pdf",
                "buffer": b"MZ\x90\x00" + b"\x00" * 300,
            }
        ]
    )
    page.get_by_role("button", name="Bijlage toevoegen").click()
    expect(page.get_by_text("Alleen foto's (JPEG, PNG) en pdf-bestanden")).to_be_visible()
    page.locator("input[type=file]").set_input_files(
        files=[
            {
                "name": "screenshot-groepsapp.pdf",
                "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4\n%%EOF\n",
            }
        ]
    )
    page.get_by_role("button", name="Bijlage toevoegen").click()
    expect(page.get_by_role("link", name="screenshot-groepsapp.pdf")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "melding-meerderjarig")


def test_a_worry_about_a_student_goes_through_the_reporting_code(page, live_server, login, demo):
    login(page, Gebruiker.objects.get(username="coordinator"))
    _nieuwe_melding(page, live_server, "Zorgsignaal over een leerling")
    expect(page.locator("#plichten")).to_contain_text("art. 2.11")
    page.get_by_role("button", name="Melding opslaan").click()
    page.get_by_role("link", name="Meldcodedossier openen").click()
    page.get_by_label("Leerling").fill("Lotte, groep 7")
    page.get_by_role("button", name="Dossier openen").click()
    expect(page.get_by_text("Het meldcodedossier is geopend.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("combobox", name="Stap").select_option("3")
    page.get_by_role("button", name="Stap vastleggen").click()
    expect(page.get_by_text("Leg eerst stap 2 vast")).to_be_visible()
    page.get_by_role("combobox", name="Stap").select_option("1")
    page.get_by_label("Eigen waarnemingen").fill("Komt vaak zonder ontbijt; blauwe plek op arm.")
    page.get_by_role("button", name="Stap vastleggen").click()
    expect(page.get_by_role("status")).to_have_text("De stap is vastgelegd.")
    expect(page.get_by_role("combobox", name="Stap")).to_have_value(
        "2"
    )  # the next step is proposed
    assert_accessible(page)
    screenshot(page, "meldcode-dossier")

    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Meldcode", exact=True
    ).click()
    expect(page.get_by_role("cell", name="Lotte, groep 7")).to_be_visible()
    assert_accessible(page)


def test_the_safety_manager_reads_figures_not_people(page, live_server, login, demo_met_meldingen):
    login(page, Gebruiker.objects.get(username="veiligheidsmanager"))
    nav = page.get_by_role("navigation", name="Hoofdnavigatie")
    expect(nav.get_by_role("link", name="Meldingen")).to_have_count(0)
    nav.get_by_role("link", name="Cijfers").click()
    expect(page.get_by_role("heading", name=re.compile("^Meldingen in"))).to_be_visible()
    expect(page.get_by_text("<5").first).to_be_visible()
    expect(page.get_by_text("Leerling 1", exact=True)).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "cijfers")


def test_the_coordinator_exports_the_list(page, live_server, login, demo_met_meldingen):
    login(page, Gebruiker.objects.get(username="coordinator"))
    page.goto(f"{live_server.url}/meldingen/")
    assert_accessible(page)
    screenshot(page, "meldingen-lijst")
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")


def test_an_external_statement_is_released_after_approval(
    page, browser, live_server, login, demo, maak_gebruiker, in_rol
):
    from meldingen.models import Politiemelding
    from partijen.models import Organisatie
    from tests.factories import MeldingFactory

    school = School.objects.get(naam=DEMO_SCHOOL)
    melding = MeldingFactory(school=school, categorieen=["wapenbezit"])
    Politiemelding.objects.create(melding=melding, datum="2026-11-20", soort="aangifte", door="C")
    gemeente = Organisatie.objects.get(code="gemeente-almere")
    woordvoerder = maak_gebruiker("projectleider", username="woordvoerder")
    in_rol(woordvoerder, "communicatiemedewerker", organisatie=gemeente)

    login(page, Gebruiker.objects.get(username="coordinator"))
    page.goto(f"{live_server.url}/meldingen/{melding.pk}/")
    page.get_by_role("link", name="Mededeling opstellen").click()
    page.get_by_label("Mededeling").fill(
        "Op school is een wapen aangetroffen. De politie "
        "onderzoekt de zaak; de school biedt opvang."
    )
    for vakje in page.get_by_role("checkbox").all():
        vakje.uncheck()
    page.get_by_role("checkbox", name="Gemeente Almere").check()
    assert_accessible(page)
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_text("concept: nog niet vrijgegeven")).to_be_visible()

    context = browser.new_context(bypass_csp=True, locale="nl-NL")
    comm = context.new_page()
    login(comm, woordvoerder)
    comm.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Mededelingen"
    ).click()
    assert_accessible(comm)
    comm.get_by_role("link", name=re.compile(r"^Mededeling \d")).click()
    comm.get_by_role("button", name="Goedkeuren voor Gemeente Almere").click()
    expect(comm.get_by_text(re.compile("^vrijgegeven"))).to_be_visible()
    assert_accessible(comm)
    screenshot(comm, "mededeling-vrijgegeven")
    context.close()


def test_the_incident_form_works_on_a_phone(phone_page, live_server, login, demo):
    page = phone_page
    login(page, Gebruiker.objects.get(username="coordinator"))
    page.goto(f"{live_server.url}/meldingen/nieuw/")
    page.get_by_label("Drugs", exact=True).check()
    expect(page.locator("#plichten")).to_contain_text("art. 2.5")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    screenshot(page, "melding-nieuw-telefoon")


def test_the_coordinator_changes_closes_and_reopens_an_incident(page, live_server, login, demo):
    coordinator = Gebruiker.objects.get(username="coordinator")
    login(page, coordinator)
    _nieuwe_melding(page, live_server, "Cyberpesten")
    page.get_by_role("button", name="Melding opslaan").click()
    expect(page.get_by_role("status")).to_have_text("De melding is vastgelegd.")

    # The next day a measure is decided: the locker was opened.
    page.get_by_role("link", name="Wijzigen").click()
    expect(page.get_by_role("heading", name=re.compile("^Melding \\d+ wijzigen"))).to_be_visible()
    expect(page.get_by_label("Omschrijving")).to_have_value(
        "Bij controle van een kluisje is een zakje gevonden."
    )
    paneel = page.locator("#plichten")
    expect(paneel).to_contain_text("art. 2.6")
    page.locator("#id_maatregelen-0-soort").select_option("kluisje")
    expect(paneel).to_contain_text("art. 2.7")  # the duties follow the new measure
    page.locator("#id_maatregelen-0-datum").fill("2026-11-28")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(page.get_by_text("Leg vast waarom het kluisje is geopend (art. 2.7).")).to_be_visible()
    expect(page.locator("#id_maatregelen-0-soort")).to_have_value("kluisje")  # nothing lost
    assert_accessible(page)
    screenshot(page, "melding-wijzigen-fout")
    page.locator("#id_maatregelen-0-reden").fill("Tip van een medeleerling over drugs.")
    page.locator("#id_maatregelen-0-besloten_door").fill("J. de Wit, teamleider")
    page.get_by_label("Omschrijving").fill("Bij controle van kluisje 112 is een zakje gevonden.")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(page.get_by_role("status")).to_have_text("De wijzigingen zijn opgeslagen.")
    expect(page.get_by_text("Tip van een medeleerling over drugs.")).to_be_visible()
    expect(page.get_by_text("J. de Wit, teamleider")).to_be_visible()
    geschiedenis = page.locator(
        "section", has=page.get_by_role("heading", name="Wijzigingsgeschiedenis")
    )
    expect(geschiedenis).to_contain_text(str(coordinator))
    expect(geschiedenis).to_contain_text("kluisje 112")
    expect(geschiedenis).to_contain_text("Maatregel: kluisje geopend aangemaakt")
    assert_accessible(page)
    screenshot(page, "melding-gewijzigd")

    page.get_by_role("button", name="Melding afsluiten").click()
    expect(page.get_by_role("status")).to_have_text("De melding is afgesloten.")
    expect(page.get_by_role("link", name="Wijzigen")).to_have_count(0)
    page.get_by_role("button", name="Heropenen").click()
    expect(page.get_by_text("Geef de reden om de melding te heropenen.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Reden van heropenen").fill("De ouders meldden een tweede voorval.")
    page.get_by_role("button", name="Heropenen").click()
    expect(page.get_by_role("status")).to_have_text("De melding is heropend.")
    expect(page.get_by_text("De ouders meldden een tweede voorval.")).to_be_visible()
    expect(page.get_by_role("link", name="Wijzigen")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "melding-heropend")
    assert Melding.objects.get().status == "open"


def test_a_small_count_cannot_be_worked_out_from_the_area_total(page, live_server, login, demo):
    """Issue #10: "VO 19, MBO <5, total 22" gave the 3 away; the 19 is now hidden too."""
    from tests.factories import MeldingFactory

    demo_school = School.objects.get(naam=DEMO_SCHOOL)
    gebied = demo_school.overleggebied
    vo = School.objects.filter(overleggebied=gebied, sector="VO").first()
    mbo = School.objects.filter(overleggebied=gebied, sector="MBO").first()
    for school, aantal in ((vo, 19), (mbo, 3)):
        for _ in range(aantal):
            MeldingFactory(school=school, categorieen=["drugs"], tijdstip="2026-03-10T10:00+01:00")
    login(page, Gebruiker.objects.get(username="veiligheidsmanager"))
    page.goto(f"{live_server.url}/meldingen/cijfers/?jaar=2026")
    rij = page.get_by_role("row", name=gebied.naam)
    cellen = rij.get_by_role("cell")
    tekst = cellen.all_inner_texts()
    assert "<5" in tekst
    assert "19" not in tekst
    assert "x" in tekst
    assert_accessible(page)
    screenshot(page, "cijfers-secundair-verborgen")
