"""The meeting list filters by kind, scope and year (the dashboard's "Meetings" links); a
value that is no id or no year of the covenant filters nothing, never a 500."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from overleggen.models import Overleg, Overlegvorm

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
NU = "2026-11-29T10:00:00+01:00"
URL = "/overleggen/"


@pytest.fixture
def overleggen(convenant_data, stad, gebruikers):
    gebied = Overlegvorm.objects.get(code=Overlegvorm.Code.STADSDEELOVERLEG)
    operationeel = Overlegvorm.objects.get(code=Overlegvorm.Code.OPERATIONEEL_OVERLEG)
    door = gebruikers["beheerder"]

    def overleg(vorm, jaar, **bereik):
        return Overleg.objects.create(
            vorm=vorm,
            start=datetime(jaar, 5, 1, 15, tzinfo=AMS),
            einde=datetime(jaar, 5, 1, 16, tzinfo=AMS),
            aangemaakt_door=door,
            **bereik,
        )

    return {
        "gebied_a_2025": overleg(gebied, 2025, overleggebied=stad.gebied_a),
        "gebied_a_2026": overleg(gebied, 2026, overleggebied=stad.gebied_a),
        "gebied_b_2026": overleg(gebied, 2026, overleggebied=stad.gebied_b),
        "a1_2026": overleg(operationeel, 2026, school=stad.a1),
        "a2_2026": overleg(operationeel, 2026, school=stad.a2),
    }


def _lijst(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return set(response.context["overleggen"])


@time_machine.travel(NU, tick=False)
def test_it_filters_by_kind_scope_and_year(client, stad, gebruikers, overleggen):
    client.force_login(gebruikers["beheerder"])
    o = overleggen
    gebied = o["gebied_a_2025"].vorm
    assert _lijst(client) == set(o.values())
    assert _lijst(client, vorm=gebied.pk) == {
        o["gebied_a_2025"],
        o["gebied_a_2026"],
        o["gebied_b_2026"],
    }
    assert _lijst(client, vorm=gebied.pk, overleggebied=stad.gebied_a.pk, jaar=2026) == {
        o["gebied_a_2026"]
    }
    assert _lijst(client, school=stad.a2.pk) == {o["a2_2026"]}
    assert _lijst(client, jaar=2025) == {o["gebied_a_2025"]}


@time_machine.travel(NU, tick=False)
@pytest.mark.parametrize("waarde", ["²", "-1", "0", "99999999999", "\x00", "abc", "1.5"])
def test_a_value_that_is_no_id_or_year_filters_nothing(client, gebruikers, overleggen, waarde):
    client.force_login(gebruikers["beheerder"])
    for veld in ("vorm", "school", "overleggebied", "wijk", "jaar"):
        assert _lijst(client, **{veld: waarde}) == set(overleggen.values()), veld


@time_machine.travel(NU, tick=False)
@pytest.mark.parametrize("jaar", ["2022", "2028"])
def test_a_year_outside_the_covenant_filters_nothing(client, gebruikers, overleggen, jaar):
    """From the year of the first signature (2023) until next year (partijen.invoer.JaarVeld)."""
    client.force_login(gebruikers["beheerder"])
    assert _lijst(client, jaar=jaar) == set(overleggen.values())


@time_machine.travel(NU, tick=False)
def test_it_filters_only_what_the_user_sees(client, stad, gebruikers, overleggen):
    client.force_login(gebruikers["coordinator_veiligheid"])  # school a1, area a
    assert _lijst(client, school=stad.a2.pk) == set()
    assert _lijst(client, vorm=overleggen["a1_2026"].vorm.pk) == {overleggen["a1_2026"]}
