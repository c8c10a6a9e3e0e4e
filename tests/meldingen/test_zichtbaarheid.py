"""Who sees which incident (art. 2.2, 8): the school's own people and the police contact."""

import pytest
from django.utils import timezone

from meldingen.models import Melding, Politiemelding
from tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meldingen(stad, gebruikers):
    gewoon = MeldingFactory(school=stad.a1)
    vertrouwelijk_a2 = MeldingFactory(school=stad.a2, vertrouwelijk=True)
    bij_politie_a2 = MeldingFactory(school=stad.a2)
    Politiemelding.objects.create(
        melding=bij_politie_a2, datum="2026-10-01", soort="melding", door="Teamleider"
    )
    return {"gewoon": gewoon, "vertrouwelijk": vertrouwelijk_a2, "politie": bij_politie_a2}


def _ziet(user):
    return set(Melding.objects.visible_to(user).values_list("pk", flat=True))


def test_the_coordinator_sees_the_schools_incidents(meldingen, gebruikers):
    assert _ziet(gebruikers["coordinator_veiligheid"]) == {meldingen["gewoon"].pk}


def test_a_confidential_report_is_hidden_from_the_coordinator_until_shared(
    stad, meldingen, gebruikers, in_rol
):
    coordinator_a2 = gebruikers["veiligheidsmanager"]  # any user; give them A2's coordinatorship
    in_rol(coordinator_a2, "coordinator_veiligheid", school=stad.a2)
    assert meldingen["vertrouwelijk"].pk not in _ziet(coordinator_a2)
    assert meldingen["vertrouwelijk"].pk in _ziet(gebruikers["contactpersoon_vertrouwenszaken"])
    Melding.objects.filter(pk=meldingen["vertrouwelijk"].pk).update(
        gedeeld_met_coordinator=timezone.now()
    )
    assert meldingen["vertrouwelijk"].pk in _ziet(coordinator_a2)


def test_the_police_contact_sees_only_what_was_reported_to_the_police(meldingen, gebruikers):
    assert _ziet(gebruikers["politie_contactpersoon"]) == {meldingen["politie"].pk}


@pytest.mark.parametrize(
    "rol",
    [
        "veiligheidsmanager",
        "projectleider",
        "beheerder",
        "bestuurder",
        "politie_operationeel_expert",
    ],
)
def test_the_municipality_and_the_boards_see_no_incidents(meldingen, gebruikers, rol):
    assert _ziet(gebruikers[rol]) == set()
