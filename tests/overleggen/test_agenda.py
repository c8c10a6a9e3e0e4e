"""The personal calendar feed and the action points on the owner's home page."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
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


@time_machine.travel("2026-11-29T10:00:00+01:00", tick=False)
def test_the_feed_names_no_other_participant_but_the_invitation_does(client, overleg, gebruikers):
    # The feed leaves the partners (a calendar service fetches it with only the token): the
    # meeting and its organiser, not the names and addresses of everyone invited (art. 8).
    from tests.factories import PersoonFactory

    collega = PersoonFactory(email="collega@school.example", achternaam="Zichtbaar")
    overleg.deelnemers.add(collega)
    feed = Agendafeed.voor(gebruikers["coordinator_veiligheid"])
    inhoud = client.get(f"/overleggen/agenda/{feed.token}.ics").content.decode()
    (event,) = Calendar.from_ical(inhoud).walk("VEVENT")
    assert event.get("attendee") is None
    assert "collega@school.example" not in inhoud
    assert "Zichtbaar" not in inhoud
    assert event.get("organizer") is not None
    # The invitation, downloaded by a participant who is logged in, names them.
    client.force_login(gebruikers["coordinator_veiligheid"])
    uitnodiging = client.get(f"/overleggen/{overleg.pk}/ics/").content.decode()
    assert "collega@school.example" in uitnodiging


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
        deadline=timezone.localdate() - timedelta(days=1),
    )
    Actiepunt.objects.create(
        overleg=overleg,
        omschrijving="Al gedaan",
        eigenaar=eigenaar.persoon,
        deadline=timezone.localdate(),
        afgerond_op=timezone.localdate(),
    )
    client.force_login(eigenaar)
    html = client.get("/").content.decode()
    assert "Veiligheidsplan bijwerken" in html
    assert "Al gedaan" not in html
    assert "te laat" in html
    client.force_login(gebruikers["veiligheidsmanager"])
    assert "Veiligheidsplan bijwerken" not in client.get("/").content.decode()


def _tijden_via_vtimezone(cal):
    """Each event's start and end read back through the file's own VTIMEZONE (not the
    reader's time-zone database): what a calendar program without Europe/Amsterdam sees."""

    zones = {str(tz["tzid"]): tz.to_tz(lookup_tzid=False) for tz in cal.walk("VTIMEZONE")}
    tijden = []
    for event in cal.walk("VEVENT"):
        paar = []
        for veld in ("dtstart", "dtend"):
            lokaal = event[veld].dt.replace(tzinfo=None)
            paar.append(lokaal.replace(tzinfo=zones[str(event[veld].params["TZID"])]))
        tijden.append(tuple(paar))
    return tijden


@time_machine.travel("2026-11-29T10:00:00+01:00", tick=False)
def test_the_invitation_carries_time_zone_stamp_attendees_and_organiser(
    client, overleg, gebruikers
):
    from datetime import UTC

    from tests.factories import PersoonFactory

    coordinator = gebruikers["coordinator_veiligheid"].persoon
    coordinator.email = "carla@school.example"
    coordinator.save()
    overleg.deelnemers.add(PersoonFactory(voornaam="Zonder", achternaam="Adres", email=""))
    client.force_login(gebruikers["coordinator_veiligheid"])
    response = client.get(f"/overleggen/{overleg.pk}/ics/")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = Calendar.from_ical(response.content)
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    event = cal.walk("VEVENT")[0]
    assert event["dtstart"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("dtstamp") == datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
    assert event.decoded("dtstamp") != event.decoded("dtstart")
    assert str(event["uid"]) == f"overleg-{overleg.pk}@veiligheid-op-scholen"
    attendees = event.get("attendee")
    attendees = attendees if isinstance(attendees, list) else [attendees]
    assert [(str(a), a.params["CN"]) for a in attendees] == [
        ("mailto:carla@school.example", str(coordinator))
    ]
    planner = gebruikers["veiligheidsmanager"]
    assert str(event["organizer"]) == f"mailto:{planner.email}"
    assert event["organizer"].params["CN"] == str(planner)
    assert _tijden_via_vtimezone(cal) == [(overleg.start, overleg.einde)]

    # A second download is the same event (same UID), stamped with the time it was made.
    with time_machine.travel("2026-11-29T16:00:00+01:00", tick=False):
        again = Calendar.from_ical(client.get(f"/overleggen/{overleg.pk}/ics/").content)
    assert str(again.walk("VEVENT")[0]["uid"]) == str(event["uid"])
    assert again.walk("VEVENT")[0].decoded("dtstamp") == datetime(2026, 11, 29, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("start", "offset_uur"),
    # Wall-clock times in Almere, made aware in the test (start.replace(tzinfo=AMS)).
    [
        # The last Sunday of March 2027: at 02:00 the clocks go to 03:00 (summer time).
        (datetime(2027, 3, 27, 15, 0), 1),  # noqa: DTZ001
        (datetime(2027, 3, 28, 10, 0), 2),  # noqa: DTZ001
        # The last Sunday of October 2026: at 03:00 the clocks go back to 02:00 (winter time).
        (datetime(2026, 10, 24, 15, 0), 2),  # noqa: DTZ001
        (datetime(2026, 10, 25, 10, 0), 1),  # noqa: DTZ001
    ],
)
def test_summer_and_winter_meetings_keep_their_local_time_in_the_feed(
    client, overleg, gebruikers, start, offset_uur
):
    overleg.start = start.replace(tzinfo=AMS)
    overleg.einde = overleg.start + timedelta(hours=1)
    overleg.save()
    feed = Agendafeed.voor(gebruikers["coordinator_veiligheid"])
    with time_machine.travel(overleg.start - timedelta(days=7), tick=False):
        response = client.get(f"/overleggen/agenda/{feed.token}.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = Calendar.from_ical(response.content)
    event = cal.walk("VEVENT")[0]
    assert event.decoded("dtstart") == overleg.start
    assert event.decoded("dtstart").replace(tzinfo=None) == start  # local time as planned
    ((begin, einde),) = _tijden_via_vtimezone(cal)
    assert begin == overleg.start
    assert einde == overleg.einde
    assert begin.utcoffset() == timedelta(hours=offset_uur)


def test_the_feed_does_not_grow_in_queries_with_meetings(
    client, overleg, gebruikers, django_assert_max_num_queries
):
    from tests.factories import PersoonFactory

    feed = Agendafeed.voor(gebruikers["coordinator_veiligheid"])
    with time_machine.travel("2026-11-29T10:00:00+01:00", tick=False):
        with django_assert_max_num_queries(10) as eerst:
            client.get(f"/overleggen/agenda/{feed.token}.ics")
        for n in range(5):
            ander = Overleg.objects.create(
                vorm=overleg.vorm,
                school=overleg.school,
                start=overleg.start + timedelta(days=30 * (n + 1)),
                einde=overleg.einde + timedelta(days=30 * (n + 1)),
                aangemaakt_door=gebruikers["veiligheidsmanager"],
            )
            ander.deelnemers.add(
                gebruikers["coordinator_veiligheid"].persoon,
                PersoonFactory(email=f"p{n}@example.invalid"),
            )
        with django_assert_max_num_queries(len(eerst.captured_queries)):
            response = client.get(f"/overleggen/agenda/{feed.token}.ics")
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 6
