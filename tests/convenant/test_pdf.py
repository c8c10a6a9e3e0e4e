"""The covenant as a PDF for parents (art. 9.3): content, accessibility metadata, caching."""

import io
import re
import subprocess
from datetime import date

import pytest
from django.utils.html import escape
from pypdf import PdfReader

from convenant import pdf as pdf_module
from convenant.models import Artikel, Convenant, Ondertekening

pytestmark = pytest.mark.django_db


def _tekst(inhoud: bytes) -> str:
    resultaat = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=inhoud, capture_output=True, check=True
    )
    return re.sub(r"\s+", " ", resultaat.stdout.decode())


@pytest.fixture
def inhoud(convenant_data):
    return pdf_module.pdf(Convenant.objects.get(), date(2026, 11, 29))[0]


def test_it_holds_every_article_partner_and_the_communication_paragraph(inhoud):
    tekst = _tekst(inhoud)
    for artikel in Artikel.objects.all():
        assert f"Artikel {artikel.nummer} · {artikel.titel}" in tekst
    for o in Ondertekening.objects.select_related("organisatie"):
        assert o.organisatie.naam in tekst
    assert "14 november 2023" in tekst
    assert "Aanvulling van 13 november 2024" in tekst
    assert "Communicatieparagraaf" in tekst
    assert "Elke school heeft een coördinator veiligheid" in tekst
    assert "13 november 2027" in tekst  # the computed end of the term


def test_it_is_tagged_pdf_ua_in_dutch_with_a_title(inhoud):
    reader = PdfReader(io.BytesIO(inhoud))
    assert reader.metadata.title == "Convenant Veiligheid op scholen Almere"
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert (
        b"pdfuaid:part" in inhoud or b"pdfuaid" in reader.trailer["/Root"]["/Metadata"].get_data()
    )


def test_a_date_before_the_accession_leaves_the_later_partners_out(convenant_data):
    tekst = _tekst(pdf_module.pdf(Convenant.objects.get(), date(2024, 11, 12))[0])
    assert "Windesheim Flevoland" in tekst
    assert "Prisma" not in tekst
    assert "VierTaal" not in tekst


def test_the_second_download_comes_from_the_cache_and_a_change_makes_a_new_file(
    convenant_data, monkeypatch
):
    import weasyprint

    convenant = Convenant.objects.get()
    eerste, sleutel = pdf_module.pdf(convenant, date(2026, 11, 29))

    def niet_opnieuw(*args, **kwargs):
        raise AssertionError("rendered again instead of taken from the cache")

    monkeypatch.setattr(weasyprint, "HTML", niet_opnieuw)
    assert pdf_module.pdf(convenant, date(2026, 11, 29)) == (eerste, sleutel)
    monkeypatch.undo()
    convenant.communicatieparagraaf += "\n\nAangepast na overleg met de ouderraden."
    convenant.save()
    tweede, nieuwe_sleutel = pdf_module.pdf(convenant, date(2026, 11, 29))
    assert nieuwe_sleutel != sleutel
    assert "Aangepast na overleg met de ouderraden." in _tekst(tweede)


def test_the_pdf_never_reaches_the_network():
    with pytest.raises(pdf_module.GeenNetwerk):
        pdf_module._fetcher("https://example.com/lettertype.ttf")
    with pytest.raises(pdf_module.GeenNetwerk):
        pdf_module._fetcher("file:///etc/passwd")


def test_the_download_has_a_sensible_name_and_an_etag(client, convenant_data):
    response = client.get("/voor-ouders/convenant.pdf", {"datum": "2024-11-13"})
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="convenant-veiligheid-op-scholen-almere-2024-11-13.pdf"'
    )
    etag = response["ETag"]
    herhaal = client.get(
        "/voor-ouders/convenant.pdf", {"datum": "2024-11-13"}, HTTP_IF_NONE_MATCH=etag
    )
    assert herhaal.status_code == 304
    assert client.get("/voor-ouders/convenant.pdf", {"datum": "onzin"}).status_code == 200


def test_the_history_of_the_communication_paragraph_is_kept(convenant_data):
    convenant = Convenant.objects.get()
    convenant.communicatieparagraaf = "Nieuwe afgesproken tekst."
    convenant.save()
    assert convenant.history.count() == 2
    assert "coördinator veiligheid" in convenant.history.earliest().communicatieparagraaf


def test_the_register_keeper_edits_the_paragraph_and_the_history_shows_it(
    client, convenant_data, beheerder, coordinator
):
    client.force_login(coordinator)
    assert client.get("/convenant/communicatieparagraaf/").status_code == 404
    client.force_login(beheerder)
    response = client.post(
        "/convenant/communicatieparagraaf/", {"communicatieparagraaf": "<script>x</script>"}
    )
    assert "Gebruik geen HTML-code" in response.content.decode()
    client.post(
        "/convenant/communicatieparagraaf/",
        {"communicatieparagraaf": "De afgesproken tekst.\n\nTweede alinea."},
    )
    html = client.get("/convenant/communicatieparagraaf/").content.decode()
    assert "Wijzigingsgeschiedenis" in html
    assert escape(str(beheerder)) in html  # a name may hold an apostrophe
    assert "De afgesproken tekst." in client.get("/voor-ouders/").content.decode()


@pytest.mark.parametrize(
    ("gekozen", "versie"),
    [
        ("2023-11-13", "2023-11-14"),
        ("2024-11-12", "2023-11-14"),
        ("2024-11-13", "2024-11-13"),
        ("2026-11-29", "2024-11-13"),
    ],
)
def test_a_chosen_date_gives_the_version_in_force_on_it(client, convenant_data, gekozen, versie):
    response = client.get("/voor-ouders/convenant.pdf", {"datum": gekozen})
    assert response["Content-Disposition"].endswith(f'almere-{versie}.pdf"')


def test_a_refused_resource_is_left_out_and_the_pdf_is_still_made(caplog):
    html = (
        '<html lang="nl"><head><title>Proef</title>'
        '<link rel="stylesheet" href="https://example.com/extern.css"></head>'
        '<body><p>Tekst</p><img src="/static/../../etc/passwd" alt=""></body></html>'
    )
    inhoud = pdf_module._render(html)
    assert "Tekst" in _tekst(inhoud)
    assert "Niet toegestaan in een PDF: https://example.com/extern.css" in caplog.text


def test_a_guessed_name_is_printed_only_once_the_register_keeper_confirmed_it(convenant_data):
    convenant = Convenant.objects.get()
    gegokt = Ondertekening.objects.filter(te_controleren=True).exclude(ondertekenaar="")
    assert gegokt.count() == 3  # police, Aeres, Passend Onderwijs: guessed from the scan
    tekst = _tekst(pdf_module.pdf(convenant, date(2026, 11, 29))[0])
    for o in gegokt:
        assert o.ondertekenaar not in tekst
    onleesbaar = Ondertekening.objects.filter(te_controleren=True).count()
    assert tekst.count("(naam niet leesbaar in het origineel)") == onleesbaar
    assert "Hogeschool Almere (naam niet leesbaar in het origineel), Directeur" in tekst

    aeres = gegokt.get(organisatie__code="aeres")
    aeres.te_controleren = False  # the register keeper checked the name against the original
    aeres.save()
    tekst = _tekst(pdf_module.pdf(convenant, date(2026, 11, 29))[0])
    assert "Hogeschool Almere G.P. Rossenbroel, Directeur" in tekst
    assert tekst.count("(naam niet leesbaar in het origineel)") == onleesbaar - 1


# The annex "Overlegstructuur" as signed: its five kinds of meeting and its own frequencies.
BIJLAGE = {
    "Bestuurlijk overleg": "2 maal per jaar",
    "Kerngroep overleg": "4 maal per jaar",
    "Stadsdeel overleggen VO, MBO en HBO": "2 maal per jaar",
    "Overleggen Primair Onderwijs: Passend Onderwijs in de Wijk": "1 maal per jaar",
    "Overleg Stedelijke voorzieningen": "3 maal per jaar",
}


def test_it_reproduces_the_signed_annex_not_the_applications_kinds_of_meeting(inhoud):
    tekst = _tekst(inhoud)
    bijlage = tekst[tekst.index("Bijlage: Overlegstructuur") :]
    posities = []
    for naam, frequentie in BIJLAGE.items():
        # Each meeting is followed by its frequency as the annex prints it.
        gevonden = re.search(rf"\d\. {re.escape(naam)} {re.escape(frequentie)}", bijlage)
        assert gevonden, naam
        posities.append(gevonden.start())
    assert posities == sorted(posities)  # in the annex's numbering
    assert "Brandpuntfunctionaris" in bijlage
    assert "Oost-Haven" in bijlage
    assert "Triade Vitree" in bijlage
    # The application's own kinds and minimums are not part of the signed covenant.
    for alleen_in_de_app in (
        "Operationeel overleg school-politie",
        "Beleidsmatig overleg",
        "Contact basisschool-politie",
        "Kerngroep schoolveiligheid",
        "minimaal",
        "keer per",
    ):
        assert alleen_in_de_app not in tekst


def test_the_annex_as_the_register_keeper_corrected_it(convenant_data):
    from convenant.models import Bijlageoverleg

    rij = Bijlageoverleg.objects.get(nummer=1)
    rij.frequentie = "twee maal per jaar"
    rij.save()
    assert rij.history.count() == 2
    tekst = _tekst(pdf_module.pdf(Convenant.objects.get(), date(2026, 11, 29))[0])
    assert "Bestuurlijk overleg" in tekst
    assert "twee maal per jaar" in tekst


def test_it_reproduces_the_addendum_of_13_november_2024_in_its_own_words(inhoud):
    tekst = _tekst(inhoud)
    aanvulling = tekst[tekst.index("Aanvulling van 13 november 2024") :]
    assert "Aldus overeengekomen en ondertekend op 13 november 2024 te Almere." in aanvulling
    assert (
        "wijzigt het Convenant niet, maar wordt het Convenant aanvullend ondertekend door "
        "bovenstaande partners."
    ) in aanvulling
    for partner in ("Prisma", "VierTaal", "SKOF", "Stichting de Vrije School"):
        assert partner in aanvulling[: aanvulling.index("Conform artikel")]
    assert "En aangevuld op 13 november 2024" in tekst


def test_the_version_before_the_addendum_does_not_hold_it(convenant_data):
    tekst = _tekst(pdf_module.pdf(Convenant.objects.get(), date(2024, 11, 12))[0])
    assert "Aanvulling van 13 november 2024" not in tekst
    assert "aanvullend ondertekend" not in tekst


def test_a_partner_that_left_stays_in_the_pdf_of_every_date_it_was_a_partner(
    client, convenant_data
):
    """Art. 10.2: nothing is deleted; the PDF of a date after its last day leaves it out."""
    from convenant.models import Opzegging
    from partijen.models import Organisatie

    convenant = Convenant.objects.get()
    viertaal = Organisatie.objects.get(code="viertaal")
    voor = pdf_module.pdf(convenant, date(2026, 11, 29))[0]
    Opzegging.objects.create(convenant=convenant, organisatie=viertaal, datum=date(2026, 8, 31))
    # its last day (28 February 2027) is still the same version, byte for byte
    assert pdf_module.versiedatum(convenant, date(2027, 2, 28)) == date(2024, 11, 13)
    assert pdf_module.pdf(convenant, date(2026, 11, 29))[0] == voor
    assert "VierTaal" in _tekst(pdf_module.pdf(convenant, date(2027, 2, 28))[0])
    # the day after: a version of its own, without it
    assert pdf_module.versiedatum(convenant, date(2027, 3, 1)) == date(2027, 3, 1)
    assert "VierTaal" not in _tekst(pdf_module.pdf(convenant, date(2027, 3, 1))[0])
    response = client.get("/voor-ouders/convenant.pdf", {"datum": "2027-06-01"})
    assert response["Content-Disposition"].endswith('almere-2027-03-01.pdf"')
