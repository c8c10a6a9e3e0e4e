"""The projectleider corrects a scan error in the copied text of art. 2.5: a change of meaning is
refused with what was typed kept, the correction shows on "what changed when" with its word
difference, and the text page reads the corrected paragraph. No amendment, no new version."""

from playwright.sync_api import expect

from convenant.models import Lid, Tekstcorrectie
from partijen.models import Gebruiker
from tests.browser.conftest import assert_accessible, screenshot

GELEZEN = "verdovende of verboden middelen"
GESCAND = "verd0vende of verb0den middelen"


def test_the_project_leader_corrects_a_scan_error(page, live_server, login, demo):
    lid = Lid.objects.get(artikel__nummer=2, nummer=5)
    lid.tekst = lid.tekst.replace(GELEZEN, GESCAND)
    lid.save()
    projectleider = Gebruiker.objects.get(username="projectleider")
    login(page, projectleider)
    page.goto(f"{live_server.url}/convenant/wijzigingen/")
    page.locator('a[href="/convenant/wijzigingen/correctie/"]').click()
    page.locator("#id_lid").select_option(label="Art. 2.5")
    page.get_by_test_id("kies-lid").locator("button[type=submit]").click()
    expect(page.get_by_test_id("huidige-tekst")).to_contain_text(GESCAND)
    tekst = page.locator("#id_nieuwe_tekst")
    expect(tekst).to_have_value(lid.tekst)
    assert_accessible(page)

    # Another substance in the text is a change of meaning: refused, everything typed kept.
    andere = lid.tekst.replace(GESCAND, "alcohol, tabak of vuurwerk in en rond de school")
    tekst.fill(andere)
    page.locator("#id_reden").fill("Getekende PDF, pagina 3")
    page.locator("input[name=corrigeren]").click()
    expect(page.locator("#id_nieuwe_tekst")).to_have_value(andere)
    expect(page.locator("#id_reden")).to_have_value("Getekende PDF, pagina 3")
    expect(page.locator(".invalid-feedback, .text-danger").first).to_contain_text("11.3")
    assert not Tekstcorrectie.objects.exists()
    screenshot(page, "convenant-tekstcorrectie-geweigerd")

    page.locator("#id_nieuwe_tekst").fill(lid.tekst.replace(GESCAND, GELEZEN))
    page.locator("#id_reden").fill("Getekende PDF, pagina 3: ‘verdovende of verboden middelen’")
    page.locator("input[name=corrigeren]").click()
    page.wait_for_url(f"{live_server.url}/convenant/wijzigingen/")
    correctie = page.get_by_test_id("correctie")
    expect(correctie).to_contain_text("Art. 2.5")
    expect(correctie).to_contain_text("Getekende PDF, pagina 3")
    expect(correctie).to_contain_text(str(projectleider))
    expect(correctie.locator("del").first).to_have_text("verd0vende")
    expect(correctie.locator("ins").first).to_have_text("verdovende")
    assert_accessible(page)
    screenshot(page, "convenant-tekstcorrectie")

    page.get_by_role("navigation", name="Convenant").get_by_role("link", name="Tekst").click()
    expect(page.locator("#art-2-5")).to_contain_text(GELEZEN)
