"""Every date of an incident only within its sensible window (partijen.tijdvenster), with a
Dutch error on the field and nothing typed lost; a row stored out of range breaks no page."""

from datetime import UTC, datetime

import pytest
import time_machine

from meldingen.models import Melding
from tests.meldingen.test_melden import _data

pytestmark = pytest.mark.django_db

NU = "2026-11-29T10:00:00+01:00"
FOUT = "Kies een datum tussen"


@pytest.fixture
def coordinator(client, convenant_data, stad, gebruikers):
    client.force_login(gebruikers["coordinator_veiligheid"])
    return client


@time_machine.travel(NU, tick=False)
@pytest.mark.parametrize(
    ("veld", "waarde"),
    [
        ("tijdstip", "0001-01-01T00:00"),
        ("tijdstip", "9999-12-31T23:59"),
        ("tijdstip", "2022-12-31T23:59"),
        ("betrokkenen-0-geboortedatum", "0001-01-01"),
        ("betrokkenen-0-geboortedatum", "1926-11-28"),
        ("maatregelen-0-datum", "0001-01-01"),
        ("maatregelen-0-datum", "9999-12-31"),
        ("maatregelen-0-datum", "2022-12-31"),
    ],
)
def test_a_date_outside_the_window_is_refused_in_dutch(coordinator, stad, veld, waarde):
    data = _data(stad, "drugs-bezit", **{veld: waarde})
    response = coordinator.post("/meldingen/nieuw/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert FOUT in html
    assert "In de kluis van een leerling" in html  # nothing typed is lost
    assert not Melding.objects.exists()


@time_machine.travel(NU, tick=False)
@pytest.mark.parametrize(
    ("veld", "waarde"),
    [
        ("tijdstip", "2023-01-01T00:00"),
        ("betrokkenen-0-geboortedatum", "1926-11-29"),
        ("maatregelen-0-datum", "2026-12-30"),
    ],
)
def test_the_edges_of_the_window_are_accepted(coordinator, stad, veld, waarde):
    extra = {veld: waarde}
    if veld == "tijdstip":
        extra["maatregelen-0-datum"] = "2023-01-01"
    response = coordinator.post("/meldingen/nieuw/", _data(stad, "drugs-bezit", **extra))
    assert response.status_code == 302, response.content.decode()[:2000]


@time_machine.travel(NU, tick=False)
def test_a_police_report_far_in_the_past_is_refused(coordinator, stad):
    from tests.factories import MeldingFactory

    melding = MeldingFactory(school=stad.a1, tijdstip=datetime(2026, 11, 1, 10, tzinfo=UTC))
    response = coordinator.post(
        f"/meldingen/{melding.pk}/politiemelding/",
        {"datum": "0001-01-01", "soort": "melding", "door": "Agent"},
    )
    assert response.status_code == 200
    assert FOUT in response.content.decode()


@time_machine.travel(NU, tick=False)
@pytest.mark.parametrize("jaar", [1, 9999])
def test_a_stored_out_of_range_incident_breaks_no_page(coordinator, stad, jaar):
    from tests.factories import MeldingFactory

    kapot = MeldingFactory(school=stad.a1, tijdstip=datetime(jaar, 6, 1, 12, tzinfo=UTC))
    for url in (
        "/meldingen/",
        f"/meldingen/{kapot.pk}/",
        f"/meldingen/{kapot.pk}/wijzigen/",
        "/meldingen/cijfers/",
        "/meldingen/export/",
        "/",
    ):
        response = coordinator.get(url)
        response.getvalue()  # a streamed export fails while it streams, not before
        assert response.status_code in (200, 404), url


@time_machine.travel(NU, tick=False)
def test_an_incident_dated_before_christ_breaks_no_page(coordinator, stad):
    """What the form stored before on PostgreSQL: 0001-01-01 in Amsterdam is a year BC in UTC,
    which the database driver cannot even read."""
    from django.db import connection

    from tests.factories import MeldingFactory

    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL stores dates before Christ")
    kapot = MeldingFactory(school=stad.a1)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE meldingen_melding SET tijdstip = '0001-12-31 23:40:00+00 BC' WHERE id = %s",
            [kapot.pk],
        )
    for url in ("/meldingen/", f"/meldingen/{kapot.pk}/", "/meldingen/cijfers/", "/"):
        response = coordinator.get(url)
        response.getvalue()  # a streamed export fails while it streams, not before
        assert response.status_code in (200, 404), url
