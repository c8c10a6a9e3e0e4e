"""A parent, without an account, reads the public page and downloads the covenant."""

import re

from playwright.sync_api import expect

from partijen.demo import DEMO_SCHOOL, maak_demo_accounts, maak_demo_gegevens
from tests.browser.conftest import assert_accessible, screenshot


def test_a_parent_reads_the_page_and_downloads_the_covenant(
    phone_page, live_server, convenant_data
):
    maak_demo_gegevens()
    maak_demo_accounts()
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
