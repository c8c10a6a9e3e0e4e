"""The school meetings page: the police contact's upcoming meetings of the assigned schools."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from overleggen.models import Overleg, Overlegvorm

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
NU = datetime(2026, 11, 29, 10, 0, tzinfo=AMS)


def _overleg(vorm, door, start, **bereik):
    return Overleg.objects.create(
        vorm=vorm, start=start, einde=start + timedelta(hours=1), aangemaakt_door=door, **bereik
    )


@pytest.fixture
def overleggen(convenant_data, stad, gebruikers):
    operationeel = Overlegvorm.objects.get(code="operationeel-overleg")
    beleid = Overlegvorm.objects.get(code="beleidsmatig-overleg")
    gebied = Overlegvorm.objects.get(code="stadsdeeloverleg")
    door = gebruikers["beheerder"]
    return {
        "b1_later": _overleg(operationeel, door, NU + timedelta(days=20), school=stad.b1),
        "a2_eerst": _overleg(operationeel, door, NU + timedelta(days=3), school=stad.a2),
        "a2_beleid": _overleg(beleid, door, NU + timedelta(days=10), school=stad.a2),
        "bezig": _overleg(operationeel, door, NU - timedelta(minutes=30), school=stad.b1),
        "voorbij": _overleg(operationeel, door, NU - timedelta(days=2), school=stad.a2),
        "geannuleerd": Overleg.objects.filter(
            pk=_overleg(operationeel, door, NU + timedelta(days=5), school=stad.a2).pk
        ).update(status="geannuleerd"),
        "andere_school": _overleg(operationeel, door, NU + timedelta(days=4), school=stad.a1),
        "gebied": _overleg(gebied, door, NU + timedelta(days=6), overleggebied=stad.gebied_a),
    }


@time_machine.travel(NU, tick=False)
def test_the_police_contact_sees_the_upcoming_meetings_of_the_assigned_schools_in_order(
    client, gebruikers, overleggen
):
    client.force_login(gebruikers["politie_contactpersoon"])
    response = client.get("/overleggen/mijn/")
    assert list(response.context["komend"]) == [
        overleggen["bezig"],
        overleggen["a2_eerst"],
        overleggen["a2_beleid"],
        overleggen["b1_later"],
    ]
    html = response.content.decode()
    assert f'href="/overleggen/{overleggen["a2_eerst"].pk}/"' in html
    assert f'href="/overleggen/{overleggen["andere_school"].pk}/"' not in html
    assert "Havencollege" not in html  # another school's meeting never appears


@time_machine.travel(NU, tick=False)
def test_the_coordinator_sees_only_the_own_schools_upcoming_meetings(
    client, gebruikers, overleggen
):
    client.force_login(gebruikers["coordinator_veiligheid"])
    response = client.get("/overleggen/mijn/")
    assert list(response.context["komend"]) == [overleggen["andere_school"]]


@time_machine.travel(NU, tick=False)
def test_the_upcoming_list_does_not_grow_in_queries(
    client, stad, gebruikers, overleggen, django_assert_max_num_queries
):
    client.force_login(gebruikers["politie_contactpersoon"])
    with django_assert_max_num_queries(40) as eerst:
        client.get("/overleggen/mijn/")
    vorm = Overlegvorm.objects.get(code="operationeel-overleg")
    for n in range(10):
        _overleg(vorm, gebruikers["beheerder"], NU + timedelta(days=30 + n), school=stad.b1)
    with django_assert_max_num_queries(len(eerst.captured_queries)):
        response = client.get("/overleggen/mijn/")
    assert len(response.context["komend"]) == 14
