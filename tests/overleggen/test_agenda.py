"""The personal calendar feed and the action points on the owner's home page."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from icalendar import Calendar

from overleggen.models import Actiepunt, Agendafeed, Overleg, Overlegvorm

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def overleg(convenant_data, stad, gebruikers):
    vorm = Overlegvorm.objects.get(code="beleidsmatig-overleg")
    overleg = Overleg.objects.create(
        vorm=vorm,
        school=stad.a1,
        start=datetime(2026, 12, 3, 14, 0, tzinfo=AMS),
        einde=datetime(2026, 12, 3, 15, 0, tzinfo=AMS),
        locatie="Havencollege",
        aangemaakt_door=gebruikers["veiligheidsmanager"],
    )
    overleg.deelnemers.add(gebruikers["coordinator_veiligheid"].persoon)
    return overleg


@time_machine.travel("2026-11-29T10:00:00+01:00", tick=False)
def test_the_feed_holds_the_users_meetings_in_amsterdam_time(client, overleg, gebruikers):
    client.force_login(gebruikers["coordinator_veiligheid"])
    url = client.get("/overleggen/agenda/").context["url"]
    client.logout()
    response = client.get(url.replace("http://testserver", ""))  # no login: the token is the key
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e.get("summary")) for e in events] == ["Beleidsmatig overleg · Havencollege"]
    assert events[0].decoded("dtstart") == datetime(2026, 12, 3, 14, 0, tzinfo=AMS)


@time_machine.travel("2026-11-29T10:00:00+01:00", tick=False)
def test_resetting_the_address_stops_the_old_one(client, overleg, gebruikers):
    client.force_login(gebruikers["coordinator_veiligheid"])
    oud = Agendafeed.voor(gebruikers["coordinator_veiligheid"]).token
    client.post("/overleggen/agenda/")
    nieuw = Agendafeed.objects.get(gebruiker=gebruikers["coordinator_veiligheid"]).token
    assert nieuw != oud
    assert client.get(f"/overleggen/agenda/{oud}.ics").status_code == 404
    assert client.get(f"/overleggen/agenda/{nieuw}.ics").status_code == 200


def test_someone_elses_meetings_are_not_in_my_feed(client, overleg, gebruikers):
    feed = Agendafeed.voor(gebruikers["politie_contactpersoon"])
    response = client.get(f"/overleggen/agenda/{feed.token}.ics")
    assert Calendar.from_ical(response.content).walk("VEVENT") == []


def test_open_action_points_show_on_the_owners_home_page(client, overleg, gebruikers):
    eigenaar = gebruikers["coordinator_veiligheid"]
    Actiepunt.objects.create(
        overleg=overleg,
        omschrijving="Veiligheidsplan bijwerken",
        eigenaar=eigenaar.persoon,
        deadline=date.today() - timedelta(days=1),
    )
    Actiepunt.objects.create(
        overleg=overleg,
        omschrijving="Al gedaan",
        eigenaar=eigenaar.persoon,
        deadline=date.today(),
        afgerond_op=date.today(),
    )
    client.force_login(eigenaar)
    html = client.get("/").content.decode()
    assert "Veiligheidsplan bijwerken" in html
    assert "Al gedaan" not in html
    assert "te laat" in html
    client.force_login(gebruikers["veiligheidsmanager"])
    assert "Veiligheidsplan bijwerken" not in client.get("/").content.decode()
