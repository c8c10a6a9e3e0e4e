"""The covenant as a PDF for parents (art. 9.3): content, accessibility metadata, caching."""

import io
import re
import subprocess

import pytest
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
    from datetime import date

    return pdf_module.pdf(Convenant.objects.get(), date(2026, 11, 29))[0]


def test_it_holds_every_article_partner_and_the_communication_paragraph(inhoud):
    tekst = _tekst(inhoud)
    for artikel in Artikel.objects.all():
        assert f"Artikel {artikel.nummer} · {artikel.titel}" in tekst
    for o in Ondertekening.objects.select_related("organisatie"):
        assert o.organisatie.naam in tekst
    assert "14 november 2023" in tekst
    assert "Toegetreden op 13 november 2024" in tekst
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
    from datetime import date

    tekst = _tekst(pdf_module.pdf(Convenant.objects.get(), date(2024, 11, 12))[0])
    assert "Windesheim Flevoland" in tekst
    assert "Prisma" not in tekst
    assert "VierTaal" not in tekst


def test_the_second_download_comes_from_the_cache_and_a_change_makes_a_new_file(
    convenant_data, monkeypatch
):
    from datetime import date

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
    assert str(beheerder) in html
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
