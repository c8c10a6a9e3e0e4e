"""The roles of a user today: its person's current assignments, read once per request."""

import re
from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partijen.models import Gebruiker, Rol
from partijen.rollen import heeft_rol, rollen_per_school, rollen_van
from tests.factories import GebruikerFactory, MeldingFactory

pytestmark = pytest.mark.django_db


def _rollen_gelezen(queries) -> int:
    """How many queries read the user's own assignments (partijen.rollen)."""
    return sum(
        bool(re.match(r'SELECT "partijen_roltoewijzing"\."rol"( AS "rol")?, ', q["sql"]))
        for q in queries
    )


def test_the_roles_are_the_current_assignments_plus_the_administrator(stad, maak_gebruiker, in_rol):
    user = maak_gebruiker(Rol.COORDINATOR_VEILIGHEID)
    in_rol(user, Rol.COORDINATOR_VEILIGHEID, school=stad.a1)
    in_rol(user, Rol.AANDACHTSFUNCTIONARIS, school=stad.a1, einde=date(2026, 6, 30))
    with time_machine.travel(date(2026, 6, 30), tick=False):
        assert rollen_van(Gebruiker.objects.get(pk=user.pk)) == {
            Rol.COORDINATOR_VEILIGHEID,
            Rol.AANDACHTSFUNCTIONARIS,
        }
    with time_machine.travel(date(2026, 7, 1), tick=False):
        user = Gebruiker.objects.get(pk=user.pk)
        assert rollen_van(user) == {Rol.COORDINATOR_VEILIGHEID}
        assert rollen_per_school(user) == {stad.a1.pk: {Rol.COORDINATOR_VEILIGHEID}}
        user.is_beheerder = True
        assert heeft_rol(user, Rol.BEHEERDER)
    assert rollen_van(GebruikerFactory()) == frozenset()


def test_one_query_answers_every_check_on_a_page(client, convenant_data, stad, gebruikers):
    melding = MeldingFactory(school=stad.a1)
    client.force_login(gebruikers[Rol.COORDINATOR_VEILIGHEID])
    for url in ("/", f"/meldingen/{melding.pk}/", "/partijen/scholen/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert _rollen_gelezen(queries.captured_queries) == 1, url
