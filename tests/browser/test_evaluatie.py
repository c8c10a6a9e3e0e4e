"""An evaluation round from opening to extension (issue 13): the projectleider opens a round,
two partners answer (one saves half-way first), the report shows the answers and the gathered
figures and downloads as a PDF that holds them, and the extension decision recorded on the
covenant's term page rests on the round (art. 10.3)."""

import re
import subprocess
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from evaluatie import diensten
from evaluatie.models import Evaluatieronde, Vragenlijst
from partijen.models import Gebruiker
from tests.browser.conftest import assert_accessible, screenshot

OPMERKING = "De terugkoppeling van de politie komt laat"


def _antwoord_alles(page, oordeel):
    for radio in page.locator(f"input[type=radio][value={oordeel}]").all():
        radio.check()


def test_a_round_from_opening_to_the_extension_it_supports(browser, live_server, login, demo):
    base = live_server.url
    vandaag = timezone.localdate()

    # The projectleider opens the round for the extension decision.
    projectleider = browser.new_page()
    login(projectleider, Gebruiker.objects.get(username="projectleider"))
    projectleider.goto(f"{base}/evaluatie/")
    projectleider.get_by_role("link", name="Ronde openen").click()
    projectleider.get_by_label("Soort").select_option(value="verlenging")
    projectleider.get_by_label("Periode vanaf").fill((vandaag - timedelta(days=300)).isoformat())
    projectleider.get_by_label("Periode tot en met").fill(vandaag.isoformat())
    projectleider.get_by_label("Sluitdatum").fill((vandaag + timedelta(days=21)).isoformat())
    assert_accessible(projectleider)
    projectleider.get_by_role("button", name="Ronde openen").click()
    expect(projectleider.get_by_role("status")).to_contain_text("De ronde is geopend")
    ronde = Evaluatieronde.objects.get()

    # The school board's coordinator saves half-way, comes back, and submits.
    coordinator = browser.new_page()
    login(coordinator, Gebruiker.objects.get(username="coordinator"))
    coordinator.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Evaluatie"
    ).click()
    coordinator.get_by_role("link", name=str(ronde)).first.click()
    eerste = coordinator.locator("fieldset").first
    eerste.get_by_label("werkt deels").check()
    eerste.get_by_label("Opmerking").fill(OPMERKING)
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Bewaren en later verder").click()
    expect(coordinator.get_by_role("status")).to_contain_text("u kunt later verder")
    coordinator.reload()
    expect(coordinator.locator("fieldset").first.get_by_label("Opmerking")).to_have_value(OPMERKING)
    coordinator.get_by_role("button", name="Indienen").click()
    expect(coordinator.get_by_role("alert")).to_contain_text("Beantwoord iedere vraag")
    _antwoord_alles(coordinator, "goed")
    coordinator.locator("fieldset").first.get_by_label("werkt deels").check()
    coordinator.get_by_role("button", name="Indienen").click()
    expect(coordinator.get_by_test_id("ingediend")).to_be_visible()
    screenshot(coordinator, "evaluatie-vragenlijst-ingediend")

    # The police answers for the police.
    politie = browser.new_page()
    login(politie, Gebruiker.objects.get(username="politie"))
    politie.goto(f"{base}/evaluatie/")
    politie.get_by_role("link", name=str(ronde)).first.click()
    _antwoord_alles(politie, "goed")
    politie.get_by_role("button", name="Indienen").click()
    expect(politie.get_by_test_id("ingediend")).to_be_visible()

    # The other partners answered on paper, entered by the projectleider's office.
    for lijst in Vragenlijst.objects.filter(ronde=ronde, ingediend_op__isnull=True):
        diensten.bewaar_antwoorden(
            vragenlijst=lijst,
            antwoorden={v.pk: ("onbekend", "") for v in ronde.vragen.all()},
            indienen=True,
            door=None,
        )

    # The report: the answers and the figures, on the page and in the PDF.
    projectleider.goto(f"{base}/evaluatie/{ronde.pk}/")
    projectleider.get_by_role("link", name="Evaluatierapport").click()
    expect(projectleider.get_by_text(OPMERKING)).to_be_visible()
    expect(projectleider.get_by_test_id("naleving")).to_be_visible()
    expect(projectleider.get_by_test_id("politie")).to_contain_text("Gemeld bij de politie")
    expect(projectleider.get_by_text("Voorgesteld besluit (art. 10.3)")).to_be_visible()
    assert_accessible(projectleider)
    screenshot(projectleider, "evaluatie-rapport")
    with projectleider.expect_download() as download:
        projectleider.get_by_role("link", name="Downloaden als pdf").click()
    pdf = open(download.value.path(), "rb").read()  # noqa: SIM115 (read at once)
    tekst = re.sub(
        r"\s+",
        " ",
        subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True).stdout.decode(),
    )
    assert OPMERKING in tekst
    assert "Overleggen gehouden zoals het convenant vraagt" in tekst
    assert "Gemeld bij de politie" in tekst

    # The extension decision rests on the round.
    projectleider.goto(f"{base}/convenant/looptijd/verlenging/")
    projectleider.get_by_label("Datum van het besluit").fill(vandaag.isoformat())
    projectleider.get_by_label("Evaluatieronde").select_option(label=str(ronde))
    projectleider.get_by_role("button", name="Verlenging vastleggen").click()
    expect(projectleider.get_by_test_id("vooruitblik")).to_contain_text("op 13-11-2028")
    expect(projectleider.get_by_role("link", name=str(ronde))).to_be_visible()
    screenshot(projectleider, "evaluatie-verlenging")
