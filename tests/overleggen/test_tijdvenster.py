"""Dates of meetings and action points stay within a sensible window: a typing error such as
year 1 or 9999 is refused on the form, and a row that got in anyway breaks no page."""

from datetime import UTC, datetime

import pytest
import time_machine

from overleggen.models import Actiepunt, Overleg, Overlegvorm

pytestmark = pytest.mark.django_db
NU = "2026-11-29T10:00:00+01:00"


@pytest.fixture
def gebiedsoverleg(convenant_data):
    return Overlegvorm.objects.get(code="stadsdeeloverleg")


def _plan(client, vorm, gebied, start, einde):
    return client.post(
        "/overleggen/nieuw/",
        {"vorm": vorm.pk, "overleggebied": gebied.pk, "start": start, "einde": einde},
    )


@time_machine.travel(NU, tick=False)
@pytest.mark.parametrize(
    ("start", "einde", "veld"),
    [
        ("0001-01-01T00:00", "9999-12-31T23:59", "start"),
        ("0001-01-01T00:00", "9999-12-31T23:59", "einde"),
        ("2022-12-31T23:00", "2022-12-31T23:30", "start"),
        ("2036-11-29T10:00", "2036-11-29T11:00", "start"),
        ("2026-12-10T15:00", "2036-11-30T11:00", "einde"),
    ],
)
def test_a_date_outside_the_window_is_refused_in_dutch(
    client, stad, gebruikers, gebiedsoverleg, start, einde, veld
):
    client.force_login(gebruikers["veiligheidsmanager"])
    response = _plan(client, gebiedsoverleg, stad.gebied_a, start, einde)
    assert response.status_code == 200
    fout = " ".join(response.context["form"].errors[veld])
    assert "Kies een datum tussen" in fout
    html = response.content.decode()
    assert start[:10] in html  # what was typed stays
    assert not Overleg.objects.exists()


@time_machine.travel(NU, tick=False)
def test_the_edges_of_the_window_are_accepted(client, stad, gebruikers, gebiedsoverleg):
    client.force_login(gebruikers["veiligheidsmanager"])
    assert (
        _plan(client, gebiedsoverleg, stad.gebied_a, "2023-01-01T00:00", "2023-01-01T01:00")
    ).status_code == 302
    assert (
        _plan(client, gebiedsoverleg, stad.gebied_a, "2036-11-28T22:00", "2036-11-28T23:59")
    ).status_code == 302


@time_machine.travel(NU, tick=False)
def test_an_action_point_due_far_ahead_is_refused(client, stad, gebruikers, gebiedsoverleg):
    overleg = Overleg.objects.create(
        vorm=gebiedsoverleg,
        overleggebied=stad.gebied_a,
        start=datetime(2026, 12, 10, 14, tzinfo=UTC),
        einde=datetime(2026, 12, 10, 15, tzinfo=UTC),
        aangemaakt_door=gebruikers["veiligheidsmanager"],
    )
    client.force_login(gebruikers["veiligheidsmanager"])
    response = client.post(
        f"/overleggen/{overleg.pk}/",
        {
            "status": "gepland",
            "acties-TOTAL_FORMS": "1",
            "acties-INITIAL_FORMS": "0",
            "acties-0-omschrijving": "Voorlichting",
            "acties-0-eigenaar": gebruikers["veiligheidsmanager"].persoon.pk,
            "acties-0-deadline": "9999-12-31",
        },
    )
    assert response.status_code == 200
    assert "Kies een datum tussen" in " ".join(
        response.context["acties"].forms[0].errors["deadline"]
    )
    assert not Actiepunt.objects.exists()


@time_machine.travel(NU, tick=False)
@pytest.mark.parametrize("rol", ["veiligheidsmanager", "coordinator_veiligheid", "beheerder"])
def test_a_stored_out_of_range_meeting_breaks_no_page(
    client, stad, gebruikers, gebiedsoverleg, rol
):
    kapot = Overleg.objects.create(
        vorm=gebiedsoverleg,
        overleggebied=stad.gebied_a,
        start=datetime(1, 1, 1, tzinfo=UTC),
        einde=datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
        aangemaakt_door=gebruikers["veiligheidsmanager"],
    )
    goed = Overleg.objects.create(
        vorm=gebiedsoverleg,
        overleggebied=stad.gebied_a,
        start=datetime(2026, 12, 10, 14, tzinfo=UTC),
        einde=datetime(2026, 12, 10, 15, tzinfo=UTC),
        aangemaakt_door=gebruikers["veiligheidsmanager"],
    )
    goed.deelnemers.add(gebruikers[rol].persoon) if hasattr(gebruikers[rol], "persoon") else None
    kapot.deelnemers.set(goed.deelnemers.all())
    client.force_login(gebruikers[rol])
    lijst = client.get("/overleggen/")
    assert lijst.status_code == 200
    assert f"/overleggen/{goed.pk}/" in lijst.content.decode()
    for url in (
        f"/overleggen/{kapot.pk}/",
        f"/overleggen/{kapot.pk}/ics/",
        f"/overleggen/{goed.pk}/",
        f"/overleggen/{goed.pk}/ics/",
        "/overleggen/mijn/",
        "/overleggen/naleving/",
        "/",
    ):
        assert client.get(url).status_code in (200, 404), url
    if rol == "veiligheidsmanager":
        feed = client.get("/overleggen/agenda/")
        assert feed.status_code == 200
        assert client.get(feed.context["url"].split("testserver", 1)[1]).status_code == 200


@time_machine.travel(NU, tick=False)
def test_a_meeting_dated_before_christ_breaks_no_page(client, stad, gebruikers, gebiedsoverleg):
    """What the form stored before on PostgreSQL: 0001-01-01 in Amsterdam is a year BC in UTC,
    which the database driver cannot even read."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL stores dates before Christ")
    kapot = Overleg.objects.create(
        vorm=gebiedsoverleg,
        overleggebied=stad.gebied_a,
        start=datetime(2026, 12, 10, 14, tzinfo=UTC),
        einde=datetime(2026, 12, 10, 15, tzinfo=UTC),
        aangemaakt_door=gebruikers["veiligheidsmanager"],
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE overleggen_overleg SET start = '0001-12-31 23:40:00+00 BC' WHERE id = %s",
            [kapot.pk],
        )
    client.force_login(gebruikers["veiligheidsmanager"])
    for url in ("/overleggen/", f"/overleggen/{kapot.pk}/", f"/overleggen/{kapot.pk}/ics/", "/"):
        assert client.get(url).status_code in (200, 404), url
