"""Art. 8 (with art. 2.2 and 2.6): every role sees the same personal data of an incident in the
export as on the incident page, because one function decides both."""

from datetime import date

import pytest
import tablib

from meldingen.models import Betrokkene, Melding, Politiemelding
from partijen.models import Rol
from tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db

GEBOREN = date(2011, 3, 4)


@pytest.fixture
def meldingen(convenant_data, stad, gebruikers, in_rol):
    """At A2 an incident reported to the police with its people, one reported anonymously, a
    confidential report not yet shared, and one the police never heard of."""
    in_rol(gebruikers["coordinator_veiligheid"], "coordinator_veiligheid", school=stad.a2)

    def melding(naam, politie=None, **kwargs):
        m = MeldingFactory(school=stad.a2, categorieen=["cyberpesten"], **kwargs)
        Betrokkene.objects.create(
            melding=m,
            rol=Betrokkene.Rol.SLACHTOFFER,
            soort=Betrokkene.Soort.LEERLING,
            naam=naam,
            geboortedatum=GEBOREN,
            ouders_geinformeerd_op=date(2026, 10, 2),
        )
        if politie is not None:
            Politiemelding.objects.create(
                melding=m,
                datum=date(2026, 10, 1),
                soort=Politiemelding.Soort.MELDING,
                door="x",
                anoniem=politie == "anoniem",
                reden_persoonsgegevens="" if politie == "anoniem" else "Aangifte nodig",
            )
        return m

    return [
        melding("Daan Visser", politie="met personen"),
        melding("Noor Geheim", politie="anoniem"),
        melding("Vera Vertrouwd", vertrouwelijk=True),
        melding("Piet Plein"),
    ]


def _op_de_pagina(html: str, naam: str) -> set[str]:
    return {
        veld
        for veld, tekst in [
            ("naam", naam),
            ("geboortedatum", "4-3-2011"),
            ("ouders_geinformeerd_op", "2 oktober 2026"),
        ]
        if tekst in html
    }


def _in_de_export(cel: str, naam: str) -> set[str]:
    return {
        veld
        for veld, tekst in [
            ("naam", naam),
            ("geboortedatum", "2011-03-04"),
            ("ouders_geinformeerd_op", "2026-10-02"),
        ]
        if tekst in cel
    }


@pytest.mark.parametrize("rol", Rol.values)
def test_the_export_shows_each_role_the_personal_data_of_the_incident_page(
    client, meldingen, gebruikers, rol
):
    client.force_login(gebruikers[rol])
    export = client.get("/meldingen/export/", {"formaat": "csv"}).getvalue().decode("utf-8-sig")
    rijen = {
        int(r["Nummer"]): r["Betrokkenen"]
        for r in tablib.Dataset().load(export, format="csv", delimiter=";").dict
    }
    for melding in meldingen:
        naam = melding.betrokkenen.get().naam
        response = client.get(f"/meldingen/{melding.pk}/")
        assert (response.status_code == 200) is (melding.pk in rijen)
        if response.status_code == 200:
            pagina = _op_de_pagina(response.content.decode(), naam)
            assert pagina == _in_de_export(rijen[melding.pk], naam), naam


def test_who_sees_which_personal_data(client, meldingen, gebruikers):
    """The table the comparison above runs against, so it cannot pass on empty pages alone."""
    alles = {"naam", "geboortedatum", "ouders_geinformeerd_op"}
    verwacht = {
        # the school's own coordinator: all but the confidential report (art. 2.2)
        "coordinator_veiligheid": {
            "Daan Visser": alles,
            "Noor Geheim": alles,
            "Piet Plein": alles,
        },
        # the confidential contact person: the confidential report only (art. 2.2)
        "contactpersoon_vertrouwenszaken": {"Vera Vertrouwd": alles},
        # the police: what was reported, the people only when not anonymous (art. 2.6, 8)
        "politie_contactpersoon": {"Daan Visser": alles, "Noor Geheim": set()},
    }
    for rol, per_naam in verwacht.items():
        client.force_login(gebruikers[rol])
        gezien = {}
        for melding in Melding.objects.filter(pk__in=[m.pk for m in meldingen]):
            naam = melding.betrokkenen.get().naam
            response = client.get(f"/meldingen/{melding.pk}/")
            if response.status_code == 200:
                gezien[naam] = _op_de_pagina(response.content.decode(), naam)
        assert gezien == per_naam, rol
