"""Issue 14: planning a meeting invites its participants at once, with the meeting's calendar
file; moving it is a new invitation. The message pages take as many queries for many messages
as for one."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from berichten import diensten, verzenden
from berichten.models import Bericht
from overleggen import diensten as overlegdiensten
from overleggen.models import Overleg, Overlegvorm
from partijen.models import Persoon, Rol
from tests.factories import MeldingFactory, PersoonFactory

pytestmark = pytest.mark.django_db


def _plan(vm, deelnemers, stad, start):
    return overlegdiensten.overleg_plannen(
        door=vm,
        vorm=Overlegvorm.objects.get(code="stadsdeeloverleg"),
        start=start,
        einde=start + timedelta(hours=1),
        deelnemers=deelnemers,
        overleggebied=stad.gebied_a,
    )


def test_planning_a_meeting_invites_its_participants_with_the_calendar_file(
    convenant_data, stad, gebruikers
):
    vm = gebruikers[Rol.VEILIGHEIDSMANAGER]
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    zonder_account = PersoonFactory(organisatie=stad.bestuur_x, gebruiker=None)
    deelnemers = [Persoon.objects.get(gebruiker=u) for u in (vm, coordinator)] + [zonder_account]
    overleg = _plan(vm, deelnemers, stad, datetime(2027, 3, 10, 9, tzinfo=UTC))
    # the planner is not invited to her own meeting; a person without an account cannot be
    (bericht,) = Bericht.objects.filter(soort="uitnodiging")
    assert bericht.ontvanger == coordinator
    assert bericht.wat.startswith("Uitnodiging: Stadsdeeloverleg")
    assert "10-03-2027 10:00" in bericht.wat  # Amsterdam time
    assert bericht.url == f"/overleggen/{overleg.pk}/"
    # invitations go out at once by default, with the .ics
    assert verzenden.verstuur_direct(coordinator.pk) == 1
    (uitnodiging,) = mail.outbox
    (naam, inhoud, mimetype) = uitnodiging.attachments[0]
    assert naam == "uitnodiging.ics"
    assert mimetype.startswith("text/calendar")
    ics = inhoud.decode() if isinstance(inhoud, bytes) else inhoud
    assert f"UID:overleg-{overleg.pk}@veiligheid-op-scholen" in ics
    assert "DTSTART;TZID=Europe/Amsterdam:20270310T100000" in ics
    assert "art. " in uitnodiging.body

    # moved to another day: a new invitation; the same start again: none
    Overleg.objects.filter(pk=overleg.pk).update(
        start=datetime(2027, 3, 17, 9, tzinfo=UTC), einde=datetime(2027, 3, 17, 10, tzinfo=UTC)
    )
    overleg.refresh_from_db()
    overlegdiensten._nodig_uit(overleg, vm)
    overlegdiensten._nodig_uit(overleg, vm)
    assert Bericht.objects.filter(soort="uitnodiging").count() == 2


def test_a_meeting_recorded_afterwards_invites_nobody(convenant_data, stad, gebruikers):
    vm = gebruikers[Rol.VEILIGHEIDSMANAGER]
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    overlegdiensten.overleg_plannen(
        door=vm,
        vorm=Overlegvorm.objects.get(code="stadsdeeloverleg"),
        start=datetime(2026, 3, 10, 9, tzinfo=UTC),
        einde=datetime(2026, 3, 10, 10, tzinfo=UTC),
        deelnemers=[Persoon.objects.get(gebruiker=coordinator)],
        overleggebied=stad.gebied_a,
        al_gehouden=True,
    )
    assert not Bericht.objects.filter(soort="uitnodiging").exists()


@pytest.mark.parametrize("pad", ["/berichten/", "/berichten/verzonden/", "/"])
def test_the_message_pages_take_as_many_queries_for_many_messages(
    client, convenant_data, stad, gebruikers, django_assert_max_num_queries, pad
):
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    gebruiker = gebruikers[Rol.BEHEERDER] if "verzonden" in pad else coordinator
    client.force_login(gebruiker)
    MeldingFactory(school=stad.a1, categorieen=["fysiek-geweld-letsel"])
    diensten.scan_gebruiker(coordinator)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as een:
        assert client.get(pad).status_code == 200
    for _ in range(30):
        MeldingFactory(school=stad.a1, categorieen=["fysiek-geweld-letsel"])
    diensten.scan_gebruiker(coordinator)
    assert Bericht.objects.count() > 30
    with django_assert_max_num_queries(len(een)):
        assert client.get(pad).status_code == 200
