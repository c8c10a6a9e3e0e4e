"""The writes that touch several models (overleggen.diensten): keyword-only, all or nothing."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError

from overleggen import diensten
from overleggen.models import Actiepunt, Overleg, Overlegvorm
from partijen.models import Persoon

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
START = datetime(2026, 12, 10, 15, tzinfo=AMS)
EINDE = datetime(2026, 12, 10, 16, tzinfo=AMS)


@pytest.fixture
def gebiedsoverleg(convenant_data):
    return Overlegvorm.objects.get(code=Overlegvorm.Code.STADSDEELOVERLEG)


def _personen(gebruikers, *rollen):
    return [gebruikers[rol].persoon for rol in rollen]


def test_it_plans_a_meeting_with_its_participants(stad, gebruikers, gebiedsoverleg):
    deelnemers = _personen(gebruikers, "veiligheidsmanager", "coordinator_veiligheid")
    overleg = diensten.overleg_plannen(
        door=gebruikers["veiligheidsmanager"],
        vorm=gebiedsoverleg,
        overleggebied=stad.gebied_a,
        start=START,
        einde=EINDE,
        deelnemers=deelnemers,
    )
    overleg.refresh_from_db()
    assert overleg.status == Overleg.Status.GEPLAND
    assert overleg.aangemaakt_door == gebruikers["veiligheidsmanager"]
    assert set(overleg.deelnemers.all()) == set(deelnemers)
    assert not overleg.aanwezigen.exists()


def test_a_meeting_recorded_afterwards_is_held_with_everyone_invited_present(
    stad, gebruikers, gebiedsoverleg
):
    deelnemers = _personen(gebruikers, "veiligheidsmanager", "coordinator_veiligheid")
    overleg = diensten.overleg_plannen(
        door=gebruikers["veiligheidsmanager"],
        vorm=gebiedsoverleg,
        overleggebied=stad.gebied_a,
        start=datetime(2026, 3, 10, 15, tzinfo=AMS),
        einde=datetime(2026, 3, 10, 16, tzinfo=AMS),
        deelnemers=deelnemers,
        al_gehouden=True,
    )
    assert overleg.status == Overleg.Status.GEHOUDEN
    assert set(overleg.aanwezigen.all()) == set(deelnemers)


def test_it_takes_keyword_arguments_only(stad, gebruikers, gebiedsoverleg):
    with pytest.raises(TypeError):
        diensten.overleg_plannen(gebruikers["beheerder"], gebiedsoverleg, START, EINDE, [])
    with pytest.raises(TypeError):
        diensten.verslag_vastleggen(Overleg(), Overleg.Status.GEHOUDEN, [])


def test_planning_stores_nothing_when_inviting_fails(stad, gebruikers, gebiedsoverleg):
    nooit_opgeslagen = Persoon(voornaam="Niet", achternaam="Bewaard")
    with pytest.raises(ValueError, match="Cannot add"):
        diensten.overleg_plannen(
            door=gebruikers["veiligheidsmanager"],
            vorm=gebiedsoverleg,
            overleggebied=stad.gebied_a,
            start=START,
            einde=EINDE,
            deelnemers=[nooit_opgeslagen],
        )
    assert not Overleg.objects.exists()


def _overleg(stad, gebruikers, vorm):
    return Overleg.objects.create(
        vorm=vorm,
        overleggebied=stad.gebied_a,
        start=START,
        einde=EINDE,
        aangemaakt_door=gebruikers["veiligheidsmanager"],
    )


def test_it_records_the_report_attendance_and_new_action_points(stad, gebruikers, gebiedsoverleg):
    overleg = _overleg(stad, gebruikers, gebiedsoverleg)
    eigenaar = gebruikers["coordinator_veiligheid"].persoon
    diensten.verslag_vastleggen(
        overleg=overleg,
        status=Overleg.Status.GEHOUDEN,
        aanwezigen=[eigenaar],
        verslag="Vuurwerk besproken.",
        besluiten="Voorlichting in december.",
        actiepunten=[
            {
                "omschrijving": "Voorlichting plannen",
                "eigenaar": eigenaar,
                "deadline": date(2026, 12, 20),
            }
        ],
    )
    overleg.refresh_from_db()
    assert overleg.status == Overleg.Status.GEHOUDEN
    assert (overleg.verslag, overleg.besluiten) == (
        "Vuurwerk besproken.",
        "Voorlichting in december.",
    )
    assert list(overleg.aanwezigen.all()) == [eigenaar]
    assert [str(a) for a in overleg.actiepunten.all()] == ["Voorlichting plannen"]


def test_the_report_is_not_stored_when_an_action_point_fails(stad, gebruikers, gebiedsoverleg):
    overleg = _overleg(stad, gebruikers, gebiedsoverleg)
    eigenaar = gebruikers["coordinator_veiligheid"].persoon
    goed = {"omschrijving": "Eerste", "eigenaar": eigenaar, "deadline": date(2026, 12, 20)}
    kapot = {"omschrijving": "Zonder datum", "eigenaar": eigenaar, "deadline": None}
    with pytest.raises(IntegrityError):
        diensten.verslag_vastleggen(
            overleg=overleg,
            status=Overleg.Status.GEHOUDEN,
            aanwezigen=[eigenaar],
            verslag="Niet bewaard",
            besluiten="",
            actiepunten=[goed, kapot],
        )
    overleg.refresh_from_db()
    assert overleg.status == Overleg.Status.GEPLAND
    assert overleg.verslag == ""
    assert not overleg.aanwezigen.exists()
    assert not Actiepunt.objects.exists()
