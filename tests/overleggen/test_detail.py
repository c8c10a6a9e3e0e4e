"""The meeting page: what carries over from earlier meetings of the same kind and scope."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from overleggen.models import Actiepunt, Overleg, Overlegvorm

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def _overleg(vorm, door, dag, **bereik):
    start = datetime.combine(dag, datetime.min.time(), tzinfo=AMS).replace(hour=15)
    return Overleg.objects.create(
        vorm=vorm, start=start, einde=start + timedelta(hours=1), aangemaakt_door=door, **bereik
    )


def test_only_real_open_action_points_carry_over(client, convenant_data, stad, gebruikers):
    vorm = Overlegvorm.objects.get(code="operationeel-overleg")
    door = gebruikers["beheerder"]
    eigenaar = gebruikers["coordinator_veiligheid"].persoon
    # Five earlier monthly meetings without action points, one with an open and a done point.
    for maand in range(1, 6):
        _overleg(vorm, door, date(2026, maand, 10), school=stad.a1)
    met_acties = _overleg(vorm, door, date(2026, 6, 10), school=stad.a1)
    Actiepunt.objects.create(
        overleg=met_acties,
        omschrijving="Camerabeelden opvragen",
        eigenaar=eigenaar,
        deadline=date(2026, 7, 1),
    )
    Actiepunt.objects.create(
        overleg=met_acties,
        omschrijving="Al afgerond",
        eigenaar=eigenaar,
        deadline=date(2026, 7, 1),
        afgerond_op=date(2026, 6, 20),
    )
    # Another school's open point is not this meeting's business.
    elders = _overleg(vorm, door, date(2026, 6, 10), school=stad.a2)
    Actiepunt.objects.create(
        overleg=elders, omschrijving="Van een andere school", eigenaar=eigenaar, deadline="2026-7-1"
    )
    komend = _overleg(vorm, door, date(2026, 12, 10), school=stad.a1)

    client.force_login(gebruikers["coordinator_veiligheid"])
    response = client.get(f"/overleggen/{komend.pk}/")
    html = response.content.decode()
    assert "None" not in html
    regels = [str(a) for a in response.context["overgenomen"]]
    assert regels == ["Camerabeelden opvragen"]
    assert f"Camerabeelden opvragen · {eigenaar} · 1-7-2026" in html


def test_carried_over_points_do_not_grow_the_query_count(
    client, convenant_data, stad, gebruikers, django_assert_max_num_queries
):
    from tests.factories import PersoonFactory

    vorm = Overlegvorm.objects.get(code="operationeel-overleg")
    door = gebruikers["beheerder"]
    eerder = _overleg(vorm, door, date(2026, 1, 10), school=stad.a1)
    Actiepunt.objects.create(
        overleg=eerder, omschrijving="Een", eigenaar=PersoonFactory(), deadline="2026-2-1"
    )
    komend = _overleg(vorm, door, date(2026, 12, 10), school=stad.a1)
    client.force_login(gebruikers["coordinator_veiligheid"])
    with django_assert_max_num_queries(40) as eerst:
        client.get(f"/overleggen/{komend.pk}/")
    for maand in range(2, 12):
        eerder = _overleg(vorm, door, date(2026, maand, 10), school=stad.a1)
        Actiepunt.objects.create(
            overleg=eerder, omschrijving="Meer", eigenaar=PersoonFactory(), deadline="2026-12-1"
        )
    with django_assert_max_num_queries(len(eerst.captured_queries)):
        response = client.get(f"/overleggen/{komend.pk}/")
    assert len(response.context["overgenomen"]) == 11


def test_extra_action_point_rows_are_not_marked_required_until_filled(
    client, convenant_data, stad, gebruikers
):
    import re

    vorm = Overlegvorm.objects.get(code="stadsdeeloverleg")
    overleg = _overleg(
        vorm, gebruikers["beheerder"], date(2026, 12, 10), overleggebied=stad.gebied_a
    )
    client.force_login(gebruikers["veiligheidsmanager"])

    def gemarkeerd(html):
        return set(
            re.findall(r'for="id_acties-(\d)-\w+"[^>]*>\s*[^<]*<span class="asteriskField"', html)
        )

    assert gemarkeerd(client.get(f"/overleggen/{overleg.pk}/").content.decode()) == set()
    response = client.post(
        f"/overleggen/{overleg.pk}/",
        {
            "status": "gepland",
            "acties-TOTAL_FORMS": "2",
            "acties-INITIAL_FORMS": "0",
            "acties-0-omschrijving": "Half ingevuld",
        },
    )
    assert response.status_code == 200
    assert gemarkeerd(response.content.decode()) == {"0"}
    assert not overleg.actiepunten.exists()
