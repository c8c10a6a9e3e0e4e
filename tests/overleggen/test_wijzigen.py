"""Who changes a meeting after it is planned: its organiser and the register keepers; the
participants see it read-only (art. 6.1-6.3, 7)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from overleggen.models import Overleg, Overlegvorm
from overleggen.toegang import mag_wijzigen

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
NU = "2026-11-29T10:00:00+01:00"


def _overleg(code, door, **bereik):
    start = datetime(2026, 12, 10, 15, tzinfo=AMS)
    return Overleg.objects.create(
        vorm=Overlegvorm.objects.get(code=code),
        start=start,
        einde=start + timedelta(hours=1),
        aangemaakt_door=door,
        verslag="Oorspronkelijk verslag.",
        **bereik,
    )


def _verslag(client, overleg, **extra):
    return client.post(
        f"/overleggen/{overleg.pk}/",
        {
            "status": "geannuleerd",
            "verslag": "Overschreven.",
            "acties-TOTAL_FORMS": "0",
            "acties-INITIAL_FORMS": "0",
            **extra,
        },
    )


@pytest.fixture
def gebiedsoverleg(convenant_data, stad, gebruikers):
    """The area meeting of Oost-Haven, planned by the register keeper, chaired by the area's
    veiligheidsmanager (art. 6.3)."""
    return _overleg("stadsdeeloverleg", gebruikers["beheerder"], overleggebied=stad.gebied_a)


@time_machine.travel(NU, tick=False)
@pytest.mark.parametrize("rol", ["coordinator_veiligheid", "politie_contactpersoon"])
def test_a_participant_sees_the_area_meeting_read_only(client, gebruikers, gebiedsoverleg, rol):
    client.force_login(gebruikers[rol])
    response = client.get(f"/overleggen/{gebiedsoverleg.pk}/")
    assert response.status_code == 200
    assert response.context["form"] is None
    html = response.content.decode()
    assert 'name="verslag"' not in html
    assert 'name="status"' not in html
    assert "Oorspronkelijk verslag." in html


@time_machine.travel(NU, tick=False)
@pytest.mark.parametrize("rol", ["coordinator_veiligheid", "politie_contactpersoon"])
def test_a_participant_cannot_change_the_area_meeting(client, gebruikers, gebiedsoverleg, rol):
    client.force_login(gebruikers[rol])
    response = _verslag(
        client,
        gebiedsoverleg,
        **{
            "acties-TOTAL_FORMS": "1",
            "acties-0-omschrijving": "Ingeschoven",
            "acties-0-eigenaar": gebruikers[rol].persoon.pk,
            "acties-0-deadline": "2027-01-15",
        },
    )
    assert response.status_code == 403
    gebiedsoverleg.refresh_from_db()
    assert gebiedsoverleg.status == Overleg.Status.GEPLAND
    assert gebiedsoverleg.verslag == "Oorspronkelijk verslag."
    assert not gebiedsoverleg.actiepunten.exists()
    assert not gebiedsoverleg.aanwezigen.exists()


@time_machine.travel(NU, tick=False)
@pytest.mark.parametrize("rol", ["veiligheidsmanager", "projectleider", "beheerder"])
def test_the_organiser_and_the_register_keepers_record_the_report(
    client, gebruikers, gebiedsoverleg, rol
):
    client.force_login(gebruikers[rol])
    assert client.get(f"/overleggen/{gebiedsoverleg.pk}/").context["form"] is not None
    response = _verslag(client, gebiedsoverleg, status="gehouden", verslag="Trends besproken.")
    assert response.status_code == 302
    gebiedsoverleg.refresh_from_db()
    assert gebiedsoverleg.verslag == "Trends besproken."
    assert gebiedsoverleg.status == Overleg.Status.GEHOUDEN


@time_machine.travel(NU, tick=False)
def test_the_veiligheidsmanager_of_another_area_does_not_organise_it(
    convenant_data, stad, gebruikers, maak_gebruiker, in_rol
):
    overleg = _overleg("stadsdeeloverleg", gebruikers["beheerder"], overleggebied=stad.gebied_b)
    assert not mag_wijzigen(gebruikers["veiligheidsmanager"], overleg)
    ander = maak_gebruiker("veiligheidsmanager", username="vm_b")
    in_rol(ander, "veiligheidsmanager", overleggebied=stad.gebied_b)
    assert mag_wijzigen(ander, overleg)


@time_machine.travel(NU, tick=False)
def test_the_planner_of_a_meeting_may_change_it(client, stad, gebruikers, convenant_data):
    overleg = _overleg(
        "stadsdeeloverleg", gebruikers["coordinator_veiligheid"], overleggebied=stad.gebied_a
    )
    assert mag_wijzigen(gebruikers["coordinator_veiligheid"], overleg)
    assert not mag_wijzigen(gebruikers["politie_contactpersoon"], overleg)


@time_machine.travel(NU, tick=False)
def test_school_meetings_are_organised_by_the_school_and_its_police_contact(
    stad, gebruikers, convenant_data
):
    """6.1 by the school and its police contact; 6.2 by the area's veiligheidsmanager."""
    door = gebruikers["beheerder"]
    maandelijks = _overleg("operationeel-overleg", door, school=stad.a2)
    assert mag_wijzigen(gebruikers["politie_contactpersoon"], maandelijks)  # police of A2
    assert not mag_wijzigen(gebruikers["coordinator_veiligheid"], maandelijks)  # of A1
    assert not mag_wijzigen(gebruikers["veiligheidsmanager"], maandelijks)
    eigen = _overleg("operationeel-overleg", door, school=stad.a1)
    assert mag_wijzigen(gebruikers["coordinator_veiligheid"], eigen)
    beleid = _overleg("beleidsmatig-overleg", door, school=stad.a1)
    assert mag_wijzigen(gebruikers["veiligheidsmanager"], beleid)
    assert not mag_wijzigen(gebruikers["coordinator_veiligheid"], beleid)
    assert not mag_wijzigen(gebruikers["politie_operationeel_expert"], beleid)


@time_machine.travel(NU, tick=False)
def test_city_meetings_are_changed_by_the_register_keepers_only(stad, gebruikers, convenant_data):
    kerngroep = _overleg("kerngroep", gebruikers["projectleider"])
    for rol, mag in {
        "projectleider": True,
        "beheerder": True,
        "veiligheidsmanager": False,
        "politie_operationeel_expert": False,
        "bestuurder": False,
        "coordinator_veiligheid": False,
    }.items():
        assert mag_wijzigen(gebruikers[rol], kerngroep) is mag, rol
