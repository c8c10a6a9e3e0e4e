"""Issue 14: an action point is done on its own page, by its owner (who may not see the
meeting's scope) or by the meeting's organiser; the item leaves "Te doen" then."""

from datetime import UTC, date, datetime

import pytest

from convenant.site import te_doen
from overleggen.models import Actiepunt, Overleg, Overlegvorm
from partijen.models import Persoon, Rol

pytestmark = pytest.mark.django_db


@pytest.fixture
def punt(convenant_data, stad, gebruikers):
    """A meeting of school b1, planned by its (unrelated) planner, with an action point for the
    coordinator of a1, who does not see b1."""
    from tests.factories import GebruikerFactory

    overleg = Overleg.objects.create(
        vorm=Overlegvorm.objects.get(code="operationeel-overleg"),
        school=stad.b1,
        start=datetime(2026, 11, 2, 10, tzinfo=UTC),
        einde=datetime(2026, 11, 2, 11, tzinfo=UTC),
        aangemaakt_door=GebruikerFactory(),
        status=Overleg.Status.GEHOUDEN,
    )
    return Actiepunt.objects.create(
        overleg=overleg,
        omschrijving="Camerabeelden opvragen",
        eigenaar=Persoon.objects.get(gebruiker=gebruikers[Rol.COORDINATOR_VEILIGHEID]),
        deadline=date(2026, 12, 1),
    )


def _soorten(user):
    return {(t.soort, t.url) for t in te_doen.voor(user, date(2026, 11, 30))}


def test_the_owner_marks_her_action_point_done_and_it_leaves_te_doen(client, punt, gebruikers):
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    url = f"/overleggen/actiepunten/{punt.pk}/"
    assert ("actiepunt", url) in _soorten(coordinator)
    client.force_login(coordinator)
    html = client.get(url).content.decode()
    assert "Camerabeelden opvragen" in html
    # she does not see b1's meeting: its kind is named, not linked
    assert f'href="/overleggen/{punt.overleg_id}/"' not in html
    assert client.get(f"/overleggen/{punt.overleg_id}/").status_code == 404
    antwoord = client.post(url, follow=True)
    assert "Het actiepunt is afgerond." in antwoord.content.decode()
    punt.refresh_from_db()
    assert punt.afgerond_op is not None
    assert ("actiepunt", url) not in _soorten(coordinator)
    # a second click changes nothing and says so
    assert "was al afgerond" in client.post(url, follow=True).content.decode()


def test_who_sees_the_meeting_reads_the_point_only_its_organiser_marks_it(client, punt, gebruikers):
    url = f"/overleggen/actiepunten/{punt.pk}/"
    # the police contact of b1 sees the meeting and organises it with the school (6.1)
    client.force_login(gebruikers[Rol.POLITIE_CONTACTPERSOON])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    punt.refresh_from_db()
    assert punt.afgerond_op is not None


def test_a_reader_of_the_meeting_cannot_mark_it_and_a_stranger_gets_404(client, punt, gebruikers):
    url = f"/overleggen/actiepunten/{punt.pk}/"
    client.force_login(gebruikers[Rol.BESTUURDER])  # board x: sees b1, organises nothing
    assert client.get(url).status_code == 200
    assert "Afgerond" not in client.get(url).content.decode()
    assert client.post(url).status_code == 403
    client.force_login(gebruikers[Rol.VEILIGHEIDSMANAGER])  # area a: does not see b1
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    punt.refresh_from_db()
    assert punt.afgerond_op is None
