"""A parent, without an account, reads the public page and downloads the covenant."""

import re

from playwright.sync_api import expect

from partijen.demo import DEMO_SCHOOL
from tests.browser.conftest import assert_accessible, screenshot


def test_a_parent_reads_the_page_and_downloads_the_covenant(phone_page, live_server, demo):
    page = phone_page
    page.goto(f"{live_server.url}/voor-ouders/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("wat het convenant")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    screenshot(page, "voor-ouders-telefoon")

    page.get_by_role("link", name=DEMO_SCHOOL).click()
    expect(page.get_by_text(re.compile("coördinator veiligheid \\(teamleider\\)"))).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download het convenant (pdf)").click()
    bestand = download.value
    assert re.fullmatch(
        r"convenant-veiligheid-op-scholen-almere-\d{4}-\d\d-\d\d\.pdf", bestand.suggested_filename
    )
    with open(bestand.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"


def test_the_administrator_downloads_the_pdf_from_the_covenant_page(
    page, live_server, login, convenant_data, beheerder
):
    login(page, beheerder)
    page.goto(f"{live_server.url}/convenant/")
    page.get_by_label("Convenant zoals het geldt op").fill("2024-11-13")
    with page.expect_download() as download:
        page.get_by_role("button", name="PDF voor ouders").click()
    assert download.value.suggested_filename.endswith("2024-11-13.pdf")


def test_the_register_keeper_edits_the_communication_paragraph(
    page, live_server, login, convenant_data, beheerder
):
    login(page, beheerder)
    page.goto(f"{live_server.url}/convenant/")
    page.get_by_role("navigation", name="Convenant").get_by_role(
        "link", name="Communicatieparagraaf"
    ).click()
    page.get_by_label(re.compile("communicatieparagraaf", re.I)).fill(
        "Scholen, gemeente en politie werken samen.\n\nVragen? Neem contact op met de school."
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De communicatieparagraaf is opgeslagen.")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/voor-ouders/")
    expect(page.get_by_text("Vragen? Neem contact op met de school.")).to_be_visible()
    expect(page.get_by_test_id("concept")).to_be_visible()

    # Art. 9.2: gemeente, onderwijs and politie each agree to the text; then it is no concept.
    page.goto(f"{live_server.url}/convenant/communicatieparagraaf/")
    for partij in ("gemeente", "onderwijs", "politie"):
        page.get_by_label("Partij").select_option(partij)
        page.get_by_label("Datum van instemming").fill("2026-11-20")
        page.get_by_label("Ingestemd door").fill(f"Namens {partij}")
        page.get_by_role("button", name="Instemming vastleggen").click()
        expect(page.get_by_role("status")).to_have_text("De instemming is vastgelegd.")
    expect(page.get_by_test_id("status-paragraaf")).to_contain_text("Vastgesteld")
    assert_accessible(page)
    screenshot(page, "communicatieparagraaf-vastgesteld")
    page.goto(f"{live_server.url}/voor-ouders/")
    expect(page.get_by_text("Vragen? Neem contact op met de school.")).to_be_visible()
    expect(page.get_by_test_id("concept")).to_have_count(0)


def _naar_voorpagina(page):
    page.get_by_role("banner").get_by_role("link", name="Veiligheid op scholen Almere").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Veiligheid op scholen Almere")


def test_a_parent_who_types_the_sites_address_finds_the_parents_page(page, live_server, demo):
    page.goto(live_server.url)
    expect(page).to_have_url(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Veiligheid op scholen Almere")
    assert_accessible(page)
    screenshot(page, "voorpagina")

    page.get_by_role("link", name="Voor ouders").click()
    expect(page).to_have_url(f"{live_server.url}/voor-ouders/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("wat het convenant")
    _naar_voorpagina(page)

    page.get_by_role("link", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Voor ouders").click()
    expect(page).to_have_url(f"{live_server.url}/voor-ouders/")
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_role("banner").get_by_role("link", name="Veiligheid op scholen").click()
    expect(page).to_have_url(live_server.url + "/")


def test_the_front_page_fits_a_phone(phone_page, live_server, convenant_data):
    page = phone_page
    page.goto(live_server.url)
    page.get_by_role("link", name="Voor ouders").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("wat het convenant")
    _naar_voorpagina(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    screenshot(page, "voorpagina-telefoon")


def test_a_parent_searches_a_school_by_neighbourhood_and_finds_its_address_and_website(
    phone_page, live_server, demo
):
    from partijen.models import School

    page = phone_page
    school = (
        School.objects.filter(wijk__isnull=False).exclude(website="").select_related("wijk").first()
    )
    page.goto(f"{live_server.url}/voor-ouders/")
    page.get_by_label("Zoek een school").fill(school.wijk.naam)
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_label("Zoek een school")).to_have_value(school.wijk.naam)
    expect(page.get_by_role("link", name=school.naam, exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    screenshot(page, "voor-ouders-zoeken")

    page.get_by_role("link", name=school.naam, exact=True).click()
    expect(page.get_by_text(school.straat)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("website", re.I))).to_have_attribute(
        "href", school.website
    )
    assert_accessible(page)
    screenshot(page, "voor-ouders-school-adres")
    page.get_by_role("link", name="Alle scholen").click()
    page.get_by_label("Zoek een school").fill("Bestaat Nergens")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Geen scholen gevonden")).to_be_visible()
    assert_accessible(page)


def test_a_parent_pages_through_the_schools_and_picks_a_district_on_a_phone(
    phone_page, live_server, demo
):
    from convenant.views_publiek import PER_PAGINA
    from partijen.models import School

    page = phone_page
    actief = School.objects.filter(actief=True)
    pagina_s = -(-actief.count() // PER_PAGINA)
    page.goto(f"{live_server.url}/voor-ouders/")
    lijst = page.get_by_test_id("scholen").get_by_role("link")
    expect(lijst).to_have_count(min(actief.count(), PER_PAGINA))
    page.get_by_role("navigation", name="Pagina's").get_by_role("link", name="Volgende").click()
    expect(page).to_have_url(re.compile(r"/voor-ouders/\?pagina=2#scholen$"))
    expect(page.get_by_text(f"Pagina 2 van {pagina_s}")).to_be_visible()
    # The list's heading is in view: the parent does not scroll past the explanation again.
    expect(page.locator("#scholen")).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    screenshot(page, "voor-ouders-pagina-2-telefoon")

    school = actief.select_related("stadsdeel").get(naam=DEMO_SCHOOL)
    stadsdelen = page.get_by_test_id("stadsdelen")
    stadsdelen.get_by_role("link", name=school.stadsdeel.naam, exact=True).click()
    expect(page.get_by_label("Zoek een school")).to_have_value(school.stadsdeel.naam)
    expect(
        stadsdelen.get_by_role("link", name=school.stadsdeel.naam, exact=True)
    ).to_have_attribute("aria-current", "page")
    in_stadsdeel = actief.filter(stadsdeel=school.stadsdeel).count()
    expect(page.get_by_test_id("scholen").get_by_role("link")).to_have_count(
        min(in_stadsdeel, PER_PAGINA)
    )
    assert_accessible(page)
    screenshot(page, "voor-ouders-stadsdeel-telefoon")
    page.get_by_role("link", name=DEMO_SCHOOL, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(DEMO_SCHOOL)


def test_the_search_and_the_pages_work_without_javascript(browser, live_server, demo):
    from convenant.views_publiek import PER_PAGINA

    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/voor-ouders/?zoek=a")
        gevonden = page.get_by_test_id("scholen").get_by_role("link")
        expect(gevonden).to_have_count(PER_PAGINA)
        page.get_by_role("link", name="Volgende").click()
        expect(page).to_have_url(re.compile(r"zoek=a&pagina=2#scholen$"))
        expect(page.get_by_label("Zoek een school")).to_have_value("a")
        page.get_by_label("Zoek een school").fill("Regenboog")
        page.get_by_role("button", name="Zoeken").click()
        expect(
            page.get_by_test_id("scholen").get_by_role("link", name="OBS De Regenboog")
        ).to_be_visible()
    finally:
        context.close()
