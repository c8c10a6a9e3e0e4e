"""The projectleider proposes an amendment (art. 11.3), collects the partners' consents, and the
covenant's text changes once the last one is in."""

from datetime import date

from playwright.sync_api import expect

from convenant.lidmaatschap import instemming_nodig_voor
from convenant.models import Instemming, Wijziging
from partijen.models import Gebruiker, Organisatie
from tests.browser.conftest import assert_accessible, screenshot


def test_the_project_leader_amends_the_covenant_with_every_consent(page, live_server, login, demo):
    login(page, Gebruiker.objects.get(username="projectleider"))
    page.goto(f"{live_server.url}/convenant/wijzigingen/")
    page.get_by_role("link", name="Wijziging voorstellen").click()
    page.get_by_label("Wat het wijzigt").fill("Verlenging met twee jaar")
    page.get_by_label("Datum van het voorstel").fill("2026-11-02")
    page.get_by_label("Gaat in op").fill("2026-11-15")
    page.locator("#id_leden-0-lid").select_option(label="Art. 10.3")
    page.locator("#id_leden-0-tekst").fill(
        "Het convenant geldt voor een periode van vier jaar en kan op basis van evaluatie "
        "telkens met twee jaar worden verlengd."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Voorstel vastleggen").click()
    expect(page.get_by_test_id("status-wijziging")).to_contain_text("wacht op instemmingen")
    expect(page.locator("ins")).to_contain_text("twee")

    # Every partner but one consented on paper; the last one is recorded here.
    wijziging = Wijziging.objects.get()
    nodig = sorted(instemming_nodig_voor(wijziging))
    for partner in nodig[:-1]:
        Instemming.objects.create(
            wijziging=wijziging, organisatie_id=partner, datum=date(2026, 11, 10), namens="X"
        )
    page.reload()
    page.get_by_role("link", name="Instemming vastleggen").click()
    page.get_by_label("Partner").select_option(label=str(Organisatie.objects.get(pk=nodig[-1])))
    page.get_by_label("Datum van instemming").fill("2026-11-12")
    page.get_by_label("Ingestemd door").fill("Mw. C. Bakker, bestuurder")
    page.locator("input[type=file]").set_input_files(
        {"name": "instemming.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n%%EOF\n"}
    )
    page.get_by_role("button", name="Instemming vastleggen").click()
    expect(page.get_by_test_id("status-wijziging")).to_contain_text(
        "van kracht vanaf 15 november 2026"
    )
    assert_accessible(page)
    screenshot(page, "convenant-wijziging")

    page.get_by_role("navigation", name="Convenant").get_by_role("link", name="Tekst").click()
    expect(page.get_by_text("telkens met twee jaar worden verlengd")).to_be_visible()
