"""Attachments: checked by content, limited in size, stored privately, served by visibility."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from meldingen.models import Bijlage, Inzage, Politiemelding
from tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\nIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01\r\n-\xb4\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


@pytest.fixture
def melding(convenant_data, stad):
    return MeldingFactory(school=stad.a1, categorieen=["vernieling-diefstal"])


@pytest.fixture
def coordinator(client, gebruikers):
    client.force_login(gebruikers["coordinator_veiligheid"])
    return client


def _upload(client, melding, inhoud, naam):
    return client.post(
        f"/meldingen/{melding.pk}/bijlagen/", {"bestand": SimpleUploadedFile(naam, inhoud)}
    )


@pytest.mark.parametrize(
    ("inhoud", "naam"), [(PNG, "foto.png"), (PDF, "verslag.pdf"), (PNG, "foto-zonder-extensie.png")]
)
def test_photos_and_pdfs_are_accepted_by_their_content(coordinator, melding, inhoud, naam):
    assert _upload(coordinator, melding, inhoud, naam).status_code == 302
    bijlage = Bijlage.objects.get()
    assert bijlage.naam == naam
    assert naam not in bijlage.bestand.name  # stored under a random name


@pytest.mark.parametrize(
    ("inhoud", "naam"), [(EXE, "verslag.pdf"), (b"<script>", "foto.png"), (b"", "leeg.pdf")]
)
def test_a_renamed_program_or_anything_else_is_refused_in_dutch(coordinator, melding, inhoud, naam):
    response = _upload(coordinator, melding, inhoud, naam)
    assert response.status_code == 200
    fouten = " ".join(response.context["bijlage_form"].errors["bestand"])
    assert "Alleen foto's" in fouten or "leeg" in fouten
    assert not Bijlage.objects.exists()


def test_a_file_over_the_limit_is_refused(coordinator, melding, settings):
    settings.BIJLAGE_MAX_BYTES = 1024
    response = _upload(coordinator, melding, PDF + b"0" * 2000, "groot.pdf")
    assert "groter dan" in " ".join(response.context["bijlage_form"].errors["bestand"])


def test_the_file_is_served_only_through_the_view_and_logged(
    coordinator, melding, client, gebruikers
):
    _upload(coordinator, melding, PDF, "verslag.pdf")
    bijlage = Bijlage.objects.get()
    response = coordinator.get(f"/meldingen/{melding.pk}/bijlagen/{bijlage.pk}/")
    assert response["Content-Disposition"] == 'attachment; filename="verslag.pdf"'
    assert b"".join(response.streaming_content) == PDF
    assert Inzage.objects.filter(melding=melding).exists()
    client.force_login(gebruikers["politie_contactpersoon"])
    assert client.get(f"/meldingen/{melding.pk}/bijlagen/{bijlage.pk}/").status_code == 404


def test_the_police_does_not_get_attachments_of_an_anonymous_report(
    client, convenant_data, stad, gebruikers, melding
):
    anoniem = MeldingFactory(school=stad.a2, categorieen=["cyberpesten"])
    Politiemelding.objects.create(
        melding=anoniem, datum="2026-10-01", soort="melding", door="x", anoniem=True
    )
    bijlage = Bijlage.objects.create(
        melding=anoniem,
        bestand=SimpleUploadedFile("a.png", PNG),
        naam="a.png",
        soort="image/png",
        grootte=len(PNG),
        door=gebruikers["beheerder"],
    )
    client.force_login(gebruikers["politie_contactpersoon"])
    assert client.get(f"/meldingen/{anoniem.pk}/").status_code == 200
    assert client.get(f"/meldingen/{anoniem.pk}/bijlagen/{bijlage.pk}/").status_code == 404


# A polyglot: a real PNG header with HTML behind it, named to be opened as a web page.
POLYGLOT = PNG + b"<html><script>alert(document.cookie)</script></html>"


@pytest.mark.parametrize(
    ("inhoud", "naam", "verwacht", "soort"),
    [
        (POLYGLOT, "poly.html", "poly.png", "image/png"),
        (PNG, "foto.PDF", "foto.png", "image/png"),
        (PDF, "verslag", "verslag.pdf", "application/pdf"),
        (PNG, "foto.png", "foto.png", "image/png"),
    ],
)
def test_the_name_follows_the_detected_type_when_stored_and_offered(
    coordinator, melding, inhoud, naam, verwacht, soort
):
    assert _upload(coordinator, melding, inhoud, naam).status_code == 302
    bijlage = Bijlage.objects.get()
    assert bijlage.naam == verwacht
    assert bijlage.bestand.name.endswith(verwacht[verwacht.rindex(".") :])
    response = coordinator.get(f"/meldingen/{melding.pk}/bijlagen/{bijlage.pk}/")
    assert response["Content-Type"] == soort
    assert response["Content-Disposition"] == f'attachment; filename="{verwacht}"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_attachment_stored_before_under_a_wrong_name_is_offered_by_its_type(
    coordinator, melding, gebruikers
):
    from django.core.files.base import ContentFile

    bijlage = Bijlage(melding=melding, naam="poly.html", soort="image/png", grootte=10)
    bijlage.door = gebruikers["coordinator_veiligheid"]
    bijlage.bestand.save("x", ContentFile(POLYGLOT), save=True)
    response = coordinator.get(f"/meldingen/{melding.pk}/bijlagen/{bijlage.pk}/")
    assert response["Content-Disposition"] == 'attachment; filename="poly.png"'
    assert response["Content-Type"] == "image/png"
