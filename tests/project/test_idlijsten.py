"""A long list of ids is sent to PostgreSQL as one array (convenant.idlijsten, issue 15): the
same rows as Django's IN, without a placeholder per id for psycopg to bind in Python."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from convenant.idlijsten import LANG
from partijen.models import Persoon, School
from tests.factories import PersoonFactory, SchoolFactory

pytestmark = pytest.mark.django_db
postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's arrays")


@pytest.fixture
def scholen():
    return SchoolFactory.create_batch(LANG + 8)


def _sql(queryset) -> tuple[list, str]:
    with CaptureQueriesContext(connection) as vastgelegd:
        rijen = list(queryset)
    (query,) = vastgelegd.captured_queries
    return rijen, query["sql"]


def test_a_long_list_finds_exactly_its_rows_without_none_or_doubles(scholen):
    gevraagd = [s.pk for s in scholen[:-3]]
    # A None matches nothing, a double once; the schools left out stay out.
    rijen, sql = _sql(School.objects.filter(pk__in=[*gevraagd, None, gevraagd[0]]))
    assert sorted(s.pk for s in rijen) == sorted(gevraagd)
    if connection.vendor == "postgresql":
        # One array parameter (shown here as its literal), not a placeholder per id.
        assert "= ANY('{" in sql
        assert " IN (" not in sql


@postgres
def test_a_relation_compared_with_a_long_list_of_objects_is_an_array_too(scholen):
    for s in scholen:
        PersoonFactory(organisatie=s.bestuur)
    besturen = {s.bestuur for s in scholen[: LANG + 2]}
    rijen, sql = _sql(Persoon.objects.filter(organisatie__in=besturen))
    assert {p.organisatie_id for p in rijen} == {b.pk for b in besturen}
    assert "= ANY(" in sql


@postgres
def test_a_short_list_text_and_a_subquery_keep_djangos_in(scholen):
    kort = [s.pk for s in scholen[:LANG]]
    assert "= ANY(" not in _sql(School.objects.filter(pk__in=kort))[1]
    namen = [s.naam for s in scholen]  # text: an array cast could cut a value short
    rijen, sql = _sql(School.objects.filter(naam__in=namen))
    assert len(rijen) == len(scholen)
    assert "= ANY(" not in sql
    rijen, sql = _sql(School.objects.filter(pk__in=School.objects.values("pk")))
    assert len(rijen) == len(scholen)
    assert "= ANY(" not in sql


def test_an_empty_list_still_asks_nothing(scholen):
    with CaptureQueriesContext(connection) as vastgelegd:
        assert list(School.objects.filter(pk__in=[])) == []
    assert vastgelegd.captured_queries == []
