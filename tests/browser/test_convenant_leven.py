"""The covenant's life in one journey (issue 12): the projectleider records a partner's notice, a
new partner's accession and an amendment with every partner's consent; the timeline, the
partners page, the compliance dashboard, the text page and the PDF each change on their own
date, and not before."""

import re
import subprocess
from datetime import date

from playwright.sync_api import expect

from convenant.lidmaatschap import instemming_nodig_voor
from convenant.models import Instemming, Wijziging
from overleggen.models import Overlegvorm
from partijen.models import Gebruiker, Organisatie, School
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import OrganisatieFactory, SchoolFactory

PDF = {"name": "brief.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n%%EOF\n"}
NIEUWE_TEKST = (
    "Het convenant geldt voor een periode van vier jaar en kan op basis van evaluatie "
    "telkens met twee jaar worden verlengd."
)


def _pdf_tekst(page, base, datum):
    response = page.request.get(f"{base}/voor-ouders/convenant.pdf?datum={datum}")
    assert response.ok
    uit = subprocess.run(["pdftotext", "-", "-"], input=response.body(), capture_output=True)
    return re.sub(r"\s+", " ", uit.stdout.decode())


def test_notice_accession_and_amendment_change_every_page_on_their_dates(
    page, live_server, login, demo
):
    # The register already holds the new board and its primary school (art. 11.3).
    nieuw = OrganisatieFactory(code="de-nieuwe-stichting", naam="De Nieuwe Stichting")
    SchoolFactory(naam="De Nieuwe School", bestuur=nieuw, sector="PO")
    skof_school = School.objects.filter(bestuur__code="skof", actief=True).order_by("naam")[0]
    login(page, Gebruiker.objects.get(username="projectleider"))
    base = live_server.url

    # 1. SKOF gives notice on 31 August 2026: a partner up to and including 28 February 2027.
    page.goto(f"{base}/convenant/looptijd/")
    page.get_by_role("link", name="Opzegging vastleggen").click()
    page.get_by_label("Partner").select_option(label="SKOF")
    page.get_by_label("Datum van opzegging").fill("2026-08-31")
    page.locator("input[type=file]").set_input_files(PDF)
    page.get_by_role("button", name="Opzegging vastleggen").click()
    expect(page.get_by_role("status")).to_have_text("De opzegging is vastgelegd.")

    # 2. A primary-school board accedes on 10 November 2026, without an amendment.
    page.get_by_role("link", name="Toetreding vastleggen").click()
    page.get_by_label("Organisatie").select_option(label="De Nieuwe Stichting")
    page.get_by_label("Datum van ondertekening").fill("2026-11-10")
    page.get_by_label("Ondertekenaar").fill("Mw. J. Jansen")
    page.get_by_role("button", name="Toetreding vastleggen").click()
    expect(page.get_by_role("status")).to_have_text("De toetreding is vastgelegd.")

    # 3. An amendment of art. 10.3, proposed on 2 November, to take effect on 15 November.
    page.goto(f"{base}/convenant/")
    page.get_by_role("link", name="Wijziging voorstellen van art. 10.3").click()
    expect(page.locator("#id_leden-0-tekst")).to_contain_text("telkens met één jaar")
    page.get_by_label("Wat het wijzigt").fill("Verlenging met twee jaar")
    page.get_by_label("Datum van het voorstel").fill("2026-11-02")
    page.get_by_label("Gaat in op").fill("2026-11-15")
    page.locator("#id_leden-0-tekst").fill(NIEUWE_TEKST)
    assert_accessible(page)
    screenshot(page, "convenant-wijziging-voorstel")
    page.get_by_role("button", name="Voorstel vastleggen").click()
    expect(page.get_by_test_id("status-wijziging")).to_contain_text("wacht op instemmingen")
    # Every partner on 2 November consents, SKOF (still a partner) included; the new board,
    # which signed later, is not asked. All but the last came in on paper earlier.
    wijziging = Wijziging.objects.get()
    nodig = instemming_nodig_voor(wijziging)
    assert Organisatie.objects.get(code="skof").pk in nodig
    assert nieuw.pk not in nodig
    laatste = Organisatie.objects.filter(pk__in=nodig).order_by("naam").last()
    for partner in nodig - {laatste.pk}:
        Instemming.objects.create(
            wijziging=wijziging, organisatie_id=partner, datum=date(2026, 11, 12), namens="X"
        )
    # the old text stays in force while one consent is missing
    assert "telkens met één jaar" in _pdf_tekst(page, base, "2026-11-20")
    page.reload()
    page.get_by_role("link", name="Instemming vastleggen").click()
    page.get_by_label("Partner").select_option(label=laatste.naam)
    page.get_by_label("Datum van instemming").fill("2026-11-13")
    page.get_by_label("Ingestemd door").fill("Dhr. K. de Boer, bestuurder")
    page.get_by_role("button", name="Instemming vastleggen").click()
    expect(page.get_by_test_id("status-wijziging")).to_contain_text(
        "van kracht vanaf 15 november 2026"
    )

    # The timeline shows all three, each on its date.
    page.goto(f"{base}/convenant/looptijd/")
    tijdlijn = page.get_by_role("list", name="Tijdlijn")
    expect(tijdlijn).to_contain_text("SKOF zegt op (art. 10.2)")
    expect(tijdlijn).to_contain_text("Laatste dag van SKOF als partner")
    expect(tijdlijn).to_contain_text("28 februari 2027")
    expect(tijdlijn).to_contain_text("De Nieuwe Stichting")
    expect(tijdlijn).to_contain_text("Wijziging van kracht: Verlenging met twee jaar")
    assert_accessible(page)
    screenshot(page, "convenant-leven-tijdlijn")

    # The partners page: SKOF with its last day, the new board among the accessions.
    page.goto(f"{base}/convenant/partners/")
    expect(page.get_by_text("SKOF")).to_be_visible()
    expect(page.locator("main")).to_contain_text("28 februari 2027")
    expect(page.locator("main")).to_contain_text("De Nieuwe Stichting")

    # The compliance dashboard of 2027: SKOF's school is a partner up to its last day.
    vorm = Overlegvorm.objects.get(code="contact-po-politie")
    page.goto(f"{base}/overleggen/naleving/?jaar=2027&vorm={vorm.pk}")
    rij = page.locator("tr", has_text=skof_school.naam)
    expect(rij.get_by_test_id("uitgang")).to_contain_text("28 februari 2027")
    assert_accessible(page)

    # The text page: the new text from 15 November, the old one the day before.
    page.goto(f"{base}/convenant/?datum=2026-11-14")
    expect(page.get_by_test_id("tekstdatum")).to_contain_text("14 november 2026")
    expect(page.locator("#art-10-3")).to_contain_text("telkens met één jaar")
    page.goto(f"{base}/convenant/?datum=2026-11-15")
    expect(page.locator("#art-10-3")).to_contain_text("telkens met twee jaar")
    expect(page.locator("#art-10-3")).to_contain_text("gewijzigd per 15 november 2026")
    assert_accessible(page)

    # The PDF for parents, per date.
    voor = _pdf_tekst(page, base, "2026-11-09")
    assert "De Nieuwe Stichting" not in voor
    assert "telkens met één jaar" in voor
    toegetreden = _pdf_tekst(page, base, "2026-11-10")
    assert "De Nieuwe Stichting" in toegetreden
    assert "telkens met één jaar" in toegetreden
    assert "telkens met twee jaar" in _pdf_tekst(page, base, "2026-11-15")
    assert "SKOF" in _pdf_tekst(page, base, "2027-02-28")
    assert "SKOF" not in _pdf_tekst(page, base, "2027-03-01")
