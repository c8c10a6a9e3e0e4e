"""Journeys through the register: each role finds exactly its own schools; the register keeper
assigns a coordinator and imports a spreadsheet."""

import re

import pytest
from playwright.sync_api import expect

from partijen.demo import DEMO_ACCOUNTS, DEMO_SCHOOL
from partijen.models import Gebruiker, School
from partijen.toegang import ziet_bezetting
from partijen.views import PER_PAGINA
from tests.browser.conftest import assert_accessible, screenshot


@pytest.mark.parametrize(
    ("username", "rol"), [a[:2] for a in DEMO_ACCOUNTS], ids=[a[1].value for a in DEMO_ACCOUNTS]
)
def test_each_role_walks_to_exactly_its_own_schools(page, live_server, login, demo, username, rol):
    user = Gebruiker.objects.get(username=username)
    eigen = list(
        School.objects.visible_to(user).order_by("naam", "pk").values_list("naam", flat=True)
    )
    login(page, user)
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Scholen", exact=True
    ).click()
    expect(page.get_by_role("heading", name="Scholen", exact=True)).to_be_visible()
    # A page at a time (the demo city's 60 schools are two pages for whoever sees them all).
    links = page.get_by_role("table").last.get_by_role("link")
    expect(links).to_have_count(min(len(eigen), PER_PAGINA))
    gezien = links.all_inner_texts()
    assert gezien == eigen[:PER_PAGINA]
    assert_accessible(page)
    screenshot(page, f"scholen-{rol.value}")
    if len(eigen) > PER_PAGINA:
        page.get_by_role("navigation", name="Pagina's").get_by_role("link", name="Volgende").click()
        expect(page.get_by_text(f"Pagina 2 van {-(-len(eigen) // PER_PAGINA)}")).to_be_visible()
        gezien += page.get_by_role("table").last.get_by_role("link").all_inner_texts()
        assert gezien == eigen
        assert_accessible(page)
        screenshot(page, f"scholen-{rol.value}-pagina-2")
        page.get_by_role("navigation", name="Pagina's").get_by_role("link", name="Vorige").click()

    page.get_by_role("link", name=eigen[0], exact=True).click()
    expect(page.get_by_role("heading", name=eigen[0], level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Mensen in rollen van het convenant")).to_be_visible()
    assert_accessible(page)

    nav = page.get_by_role("navigation", name="Hoofdnavigatie")
    if ziet_bezetting(user):
        nav.get_by_role("link", name="Bezetting").click()
        expect(page.get_by_role("heading", name="Bezetting")).to_be_visible()
        for naam in page.get_by_role("table").get_by_role("link").all_inner_texts():
            assert naam in eigen
        assert_accessible(page)
        screenshot(page, f"bezetting-{rol.value}")
    else:
        expect(nav.get_by_role("link", name="Bezetting")).to_have_count(0)


def test_another_schools_page_is_not_found(page, live_server, login, demo):
    coordinator = Gebruiker.objects.get(username="coordinator")
    andere = School.objects.exclude(naam=DEMO_SCHOOL).first()
    login(page, coordinator)
    response = page.goto(f"{live_server.url}/partijen/scholen/{andere.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()
    expect(page.get_by_text(andere.naam)).to_have_count(0)


def test_the_register_keeper_replaces_a_coordinator(page, live_server, login, demo):
    school = School.objects.get(naam=DEMO_SCHOOL)
    login(page, Gebruiker.objects.get(username="projectleider"))
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Register"
    ).click()
    expect(page.get_by_role("heading", name="Register van partners")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Personen").click()
    assert_accessible(page)
    page.get_by_role("link", name="Nieuwe persoon").click()
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("Haddou")
    page.get_by_label("Functie").fill("Teamleider onderbouw")
    page.get_by_label("Organisatie").select_option(label="Aeres VMBO, MBO en Hogeschool Almere")
    page.get_by_label("Leidinggevende").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Noor Haddou")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Rol toewijzen").click()
    page.get_by_label("Rol").select_option(label="Coördinator veiligheid")
    page.get_by_label("School").select_option(label=DEMO_SCHOOL)
    page.get_by_label("Vanaf").fill("2026-12-01")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("heeft in deze periode al een coördinator veiligheid")).to_be_visible()
    expect(page.get_by_label("Vanaf")).to_have_value("2026-12-01")  # nothing typed is lost
    assert_accessible(page)
    screenshot(page, "toewijzing-fout")
    page.get_by_label("Beëindig de toewijzing van de huidige coördinator").check()
    page.get_by_role("button", name="Opslaan").click()

    expect(page).to_have_url(re.compile(rf"/partijen/scholen/{school.pk}/$"))
    expect(page.get_by_text("De rol is toegewezen.")).to_be_visible()
    page.get_by_text("eerdere of toekomstige toewijzing").click()
    expect(page.get_by_role("link", name="Noor Haddou", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Wijzigingsgeschiedenis")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "school-na-wissel")


def test_the_register_keeper_imports_schools_after_a_dry_run(
    page, live_server, login, demo, tmp_path
):
    bestand = tmp_path / "scholen.csv"
    bestand.write_text(
        "naam;bestuur;sector;stadsdeel;wijk;veiligheidsplan_vastgesteld\n"
        "OBS De Vlieger;Prisma;PO;Almere Haven;De Werven;1-9-2025\n"
        "OBS Zonder Wijk;Prisma;PO;Almere Haven;;1-9-2025\n",
        encoding="utf-8",
    )
    login(page, Gebruiker.objects.get(username="beheerder"))
    page.goto(f"{live_server.url}/partijen/import/")
    page.get_by_label("Wat het bestand bevat").select_option("scholen")
    page.locator("input[type=file]").set_input_files(bestand)
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.get_by_text("1 regel bevat een fout")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("OBS Zonder Wijk.*wijk nodig"))).to_be_visible()
    expect(page.get_by_role("button", name="Nu importeren")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "import-fout")

    bestand.write_text(bestand.read_text().replace(";;1-9-2025", ";De Werven;1-9-2025"))
    page.locator("input[type=file]").set_input_files(bestand)
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.get_by_role("cell", name="nieuw")).to_have_count(2)
    assert not School.objects.filter(naam="OBS De Vlieger").exists()
    page.get_by_role("button", name="Nu importeren").click()
    expect(page.get_by_text("De import is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("link", name="OBS De Vlieger")).to_be_visible()


def test_a_school_page_reads_well_on_a_phone(phone_page, live_server, login, demo):
    page = phone_page
    login(page, Gebruiker.objects.get(username="coordinator"))
    page.goto(f"{live_server.url}/partijen/scholen/{School.objects.get(naam=DEMO_SCHOOL).pk}/")
    expect(page.get_by_role("heading", name=DEMO_SCHOOL)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    screenshot(page, "school-telefoon")


def test_editing_a_person_shows_and_keeps_the_stored_organisation(page, live_server, login, demo):
    from partijen.models import Persoon

    persoon = Persoon.objects.select_related("organisatie").filter(gebruiker__isnull=False).first()
    login(page, Gebruiker.objects.get(username="projectleider"))
    page.goto(f"{live_server.url}/partijen/personen/{persoon.pk}/")
    page.get_by_role("link", name="Bewerken").click()
    organisatie = page.get_by_label("Organisatie")
    expect(organisatie).to_have_value(str(persoon.organisatie_id))
    expect(organisatie.locator("option:checked")).to_have_text(persoon.organisatie.naam)
    assert_accessible(page)
    screenshot(page, "persoon-bewerken")
    page.get_by_label("Functie").fill("Teamleider bovenbouw")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De persoon is opgeslagen.")).to_be_visible()
    opgeslagen = Persoon.objects.get(pk=persoon.pk)
    assert opgeslagen.functie == "Teamleider bovenbouw"
    assert opgeslagen.organisatie_id == persoon.organisatie_id
