"""Export of the visible list: the same filters, personal data only for the school's coordinator."""

import io

import pytest
import tablib

from meldingen.models import Betrokkene, Inzage, Politiemelding
from tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meldingen(convenant_data, stad):
    a2 = MeldingFactory(school=stad.a2, categorieen=["drugs"])
    Betrokkene.objects.create(melding=a2, rol="dader", soort="leerling", naam="Daan Visser")
    Politiemelding.objects.create(melding=a2, datum="2026-10-01", soort="melding", door="x")
    a2_cyber = MeldingFactory(school=stad.a2, categorieen=["cyberpesten"])
    return a2, a2_cyber


def _csv(response):
    tekst = response.getvalue().decode("utf-8-sig")  # streamed (issue 15)
    return list(tablib.Dataset().load(tekst, format="csv", delimiter=";").dict)


def test_the_coordinator_exports_with_the_people_and_the_export_is_logged(
    client, meldingen, stad, gebruikers, in_rol
):
    coordinator = gebruikers["coordinator_veiligheid"]
    in_rol(coordinator, "coordinator_veiligheid", school=stad.a2)
    client.force_login(coordinator)
    response = client.get("/meldingen/export/", {"formaat": "csv"})
    assert response["Content-Disposition"].startswith('attachment; filename="meldingen-')
    rijen = _csv(response)
    assert len(rijen) == 2
    assert "Daan Visser (dader, leerling/student)" in {r["Betrokkenen"] for r in rijen}
    assert Inzage.objects.filter(gebruiker=coordinator).count() == 2


def test_the_police_exports_the_people_only_of_a_report_made_with_them(
    client, meldingen, gebruikers
):
    # Art. 2.6, 8: as on the incident page (tests/meldingen/test_persoonsgegevens.py).
    politie = gebruikers["politie_contactpersoon"]
    client.force_login(politie)
    rijen = _csv(client.get("/meldingen/export/", {"formaat": "csv"}))
    assert len(rijen) == 1  # only what was reported to the police
    assert rijen[0]["Betrokkenen"] == "Daan Visser (dader, leerling/student)"
    assert rijen[0]["Categorieën"] == "Drugs"
    assert Inzage.objects.filter(gebruiker=politie).count() == 1

    Politiemelding.objects.update(anoniem=True)
    Inzage.objects.all().delete()
    rijen = _csv(client.get("/meldingen/export/", {"formaat": "csv"}))
    assert rijen[0]["Betrokkenen"] == ""
    assert not Inzage.objects.exists()


def test_the_export_follows_the_filters_and_speaks_excel(
    client, meldingen, stad, gebruikers, in_rol
):
    coordinator = gebruikers["coordinator_veiligheid"]
    in_rol(coordinator, "coordinator_veiligheid", school=stad.a2)
    client.force_login(coordinator)
    categorie = meldingen[1].categorieen.get()
    response = client.get("/meldingen/export/", {"formaat": "xlsx", "categorie": categorie.pk})
    data = tablib.Dataset().load(io.BytesIO(response.content).read(), format="xlsx")
    assert len(data) == 1
    assert data.dict[0]["Categorieën"] == "Cyberpesten"


def test_a_user_without_incidents_exports_an_empty_list(client, meldingen, gebruikers):
    client.force_login(gebruikers["veiligheidsmanager"])
    assert _csv(client.get("/meldingen/export/")) == []


def test_a_long_export_streams_in_chunks_with_every_row_logged(
    client, meldingen, stad, gebruikers, in_rol, monkeypatch
):
    """Issue 15: the CSV is streamed while the incidents are read a chunk at a time; every
    incident whose people leave is logged before its rows do, and nothing is lost at the
    chunks' edges."""
    monkeypatch.setattr("meldingen.views_overzicht.EXPORT_PER_KEER", 2)
    for _ in range(3):
        MeldingFactory(school=stad.a2, categorieen=["pesten"])
    coordinator = gebruikers["coordinator_veiligheid"]
    in_rol(coordinator, "coordinator_veiligheid", school=stad.a2)
    client.force_login(coordinator)
    response = client.get("/meldingen/export/", {"formaat": "csv"})
    assert response.streaming
    stukken = list(response.streaming_content)
    assert stukken[0].startswith("\ufeff".encode())
    tekst = b"".join(stukken).decode("utf-8-sig")
    rijen = list(tablib.Dataset().load(tekst, format="csv", delimiter=";").dict)
    assert len(rijen) == 5 == len({r["Nummer"] for r in rijen})
    assert Inzage.objects.filter(gebruiker=coordinator).count() == 5
