"""The projectleider keeps the covenant's life (art. 10): a notice and an extension, seen on the
timeline the same day."""

from playwright.sync_api import expect

from partijen.models import Gebruiker
from tests.browser.conftest import assert_accessible, screenshot

PDF = {"name": "brief.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n%%EOF\n"}


def test_the_project_leader_records_a_notice_and_an_extension(page, live_server, login, demo):
    login(page, Gebruiker.objects.get(username="projectleider"))
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Convenant"
    ).click()
    page.get_by_role("link", name="Looptijd", exact=True).click()
    expect(page.get_by_test_id("vooruitblik")).to_contain_text("op 13-11-2027")
    assert_accessible(page)

    page.get_by_role("link", name="Opzegging vastleggen").click()
    page.get_by_label("Partner").select_option(label="SKOF")
    page.get_by_label("Datum van opzegging").fill("2026-08-31")
    page.locator("input[type=file]").set_input_files(PDF)
    assert_accessible(page)
    page.get_by_role("button", name="Opzegging vastleggen").click()
    expect(page.get_by_role("status")).to_have_text("De opzegging is vastgelegd.")
    tijdlijn = page.get_by_role("list", name="Tijdlijn")
    expect(tijdlijn).to_contain_text("SKOF zegt op (art. 10.2)")
    expect(tijdlijn).to_contain_text("28 februari 2027")

    page.get_by_role("link", name="Verlenging vastleggen").click()
    page.get_by_label("Datum van het besluit").fill("2026-11-02")
    page.get_by_role("button", name="Verlenging vastleggen").click()
    expect(page.get_by_text("Een verlenging berust op een evaluatie")).to_be_visible()
    page.get_by_label("Datum van de evaluatie").fill("2026-10-15")
    page.locator("input[type=file]").set_input_files({**PDF, "name": "evaluatie.pdf"})
    page.get_by_role("button", name="Verlenging vastleggen").click()
    expect(page.get_by_test_id("vooruitblik")).to_contain_text("op 13-11-2028")
    assert_accessible(page)
    screenshot(page, "convenant-looptijd")
