"""Bulk import from the municipality's spreadsheets: a dry run first, then all or nothing."""

import io

import pytest
import tablib

from partijen.models import Persoon, Roltoewijzing, School

pytestmark = pytest.mark.django_db

SCHOLEN_CSV = """naam;brin;bestuur;sector;straat;huisnummer;postcode;stadsdeel;wijk;veiligheidsplan_vastgesteld;veiligheidsplan_herzien_uiterlijk
OBS De Vlieger;11AA00;Prisma;PO;Vliegerweg;3;1315ab;Almere Haven;De Werven;1-9-2025;1-9-2027
Baken Nieuw College;11BB00;Het Baken;vo;Collegeweg;10;1325 XY;Almere Poort;;2025-08-01;
"""


@pytest.fixture
def beheer(client, beheerder, convenant_data):
    client.force_login(beheerder)
    return client


def _upload(client, soort, inhoud, naam="scholen.csv"):
    bestand = io.BytesIO(inhoud if isinstance(inhoud, bytes) else inhoud.encode("utf-8"))
    bestand.name = naam
    return client.post("/partijen/import/", {"soort": soort, "bestand": bestand})


def test_the_dry_run_shows_what_would_happen_and_saves_nothing(beheer):
    response = _upload(beheer, "scholen", SCHOLEN_CSV)
    uitkomst = response.context["uitkomst"]
    assert [(r.nummer, r.actie, r.omschrijving) for r in uitkomst.rijen] == [
        (2, "nieuw", "OBS De Vlieger"),
        (3, "nieuw", "Baken Nieuw College"),
    ]
    assert not School.objects.exists()
    assert "Nu importeren" in response.content.decode()


def test_confirming_imports_everything(beheer):
    _upload(beheer, "scholen", SCHOLEN_CSV)
    response = beheer.post("/partijen/import/", {"bevestigen": "1"})
    assert response.status_code == 302
    vlieger = School.objects.get(brin="11AA00")
    assert vlieger.postcode == "1315 AB"
    assert vlieger.overleggebied.naam == "Oost-Haven"
    assert vlieger.wijk.naam == "De Werven"
    assert str(vlieger.veiligheidsplan_herzien_uiterlijk) == "2027-09-01"
    assert School.objects.get(brin="11BB00").sector == "VO"


def test_importing_the_same_file_again_changes_nothing(beheer):
    _upload(beheer, "scholen", SCHOLEN_CSV)
    beheer.post("/partijen/import/", {"bevestigen": "1"})
    uitkomst = _upload(beheer, "scholen", SCHOLEN_CSV).context["uitkomst"]
    assert [r.actie for r in uitkomst.rijen] == ["ongewijzigd", "ongewijzigd"]
    gewijzigd = SCHOLEN_CSV.replace("Vliegerweg;3", "Vliegerweg;5")
    uitkomst = _upload(beheer, "scholen", gewijzigd).context["uitkomst"]
    assert [r.actie for r in uitkomst.rijen] == ["gewijzigd", "ongewijzigd"]


def test_row_errors_are_shown_per_row_and_nothing_can_be_confirmed(beheer):
    fout = SCHOLEN_CSV + "SBO Zonder Bestuur;;Onbekend Bestuur;SBO;;;;Almere Buiten;;;\n"
    fout += "OBS Zonder Wijk;;Prisma;PO;;;;Almere Buiten;;;\n"
    response = _upload(beheer, "scholen", fout)
    uitkomst = response.context["uitkomst"]
    fouten = {r.nummer: r.fouten for r in uitkomst.rijen if r.fouten}
    assert fouten[4] == ["bestuur: ‘Onbekend Bestuur’ is onbekend."]
    assert any("wijk nodig" in f for f in fouten[5])
    assert "2 regels bevatten fouten" in response.content.decode()
    assert "Nu importeren" not in response.content.decode()
    assert beheer.post("/partijen/import/", {"bevestigen": "1"}).status_code == 200
    assert not School.objects.exists()


def test_an_excel_file_with_people_and_roles(beheer):
    _upload(beheer, "scholen", SCHOLEN_CSV)
    beheer.post("/partijen/import/", {"bevestigen": "1"})
    data = tablib.Dataset(
        headers=[
            "voornaam",
            "achternaam",
            "functie",
            "email",
            "organisatie",
            "leidinggevende",
            "rol",
            "school",
            "begin",
        ]
    )
    data.append(
        [
            "Ilse",
            "Kramer",
            "Directeur",
            "i.kramer@prisma.invalid",
            "Prisma",
            "ja",
            "Coördinator veiligheid",
            "11AA00",
            "1-8-2025",
        ]
    )
    data.append(
        [
            "Joost",
            "Bos",
            "Mentor",
            "",
            "Prisma",
            "nee",
            "contactpersoon_vertrouwenszaken",
            "OBS De Vlieger",
            "2025-08-01",
        ]
    )
    data.append(
        [
            "Sanne",
            "Smit",
            "Docent",
            "",
            "Prisma",
            "nee",
            "Coördinator veiligheid",
            "OBS De Vlieger",
            "2025-08-01",
        ]
    )
    response = _upload(beheer, "personen", data.export("xlsx"), naam="personen.xlsx")
    rijen = response.context["uitkomst"].rijen
    assert rijen[0].actie == "nieuw"
    assert "Coördinator veiligheid" in rijen[0].omschrijving
    assert rijen[1].actie == "nieuw"
    assert rijen[2].actie == "fout"  # not a manager, and the school has a coordinator already
    assert any("leidinggevende" in f for f in rijen[2].fouten)
    assert not Persoon.objects.exists()

    data = tablib.Dataset(*list(data)[:2], headers=data.headers)
    _upload(beheer, "personen", data.export("xlsx"), naam="personen.xlsx")
    beheer.post("/partijen/import/", {"bevestigen": "1"})
    ilse = Persoon.objects.get(email="i.kramer@prisma.invalid")
    assert ilse.leidinggevende
    assert Roltoewijzing.objects.get(persoon=ilse).school.brin == "11AA00"
    assert Roltoewijzing.objects.count() == 2


@pytest.mark.parametrize(
    ("inhoud", "naam", "fout"),
    [
        (b"", "leeg.csv", "Het verstuurde bestand is leeg."),
        (b"\n\n", "leeg.csv", "geen kopregel"),
        (b"\x00\x01\x02", "kapot.xlsx", "kon niet als tabel worden gelezen"),
        (b"naam\nx\n", "scholen.pdf", "Kies een .csv- of .xlsx-bestand."),
    ],
)
def test_an_unreadable_file_is_explained_on_the_form(beheer, inhoud, naam, fout):
    response = _upload(beheer, "scholen", inhoud, naam=naam)
    assert response.status_code == 200
    assert fout in " ".join(response.context["form"].errors["bestand"])


def test_a_windows_excel_csv_is_read(beheer):
    response = _upload(beheer, "scholen", SCHOLEN_CSV.replace("Poort", "Poort").encode("cp1252"))
    assert [r.actie for r in response.context["uitkomst"].rijen] == ["nieuw", "nieuw"]
