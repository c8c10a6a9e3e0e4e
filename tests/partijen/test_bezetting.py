"""The completeness view (art. 2.1, 2.2, 2.8, 3.1): exactly the schools that fall short."""

from datetime import date

import pytest
import time_machine

from partijen import regels
from partijen.models import School
from tests.factories import RoltoewijzingFactory, SchoolFactory

pytestmark = pytest.mark.django_db

VANDAAG = date(2026, 11, 29)


def _volledig(school, **overrides):
    """Give a school everything the covenant asks for, valid today."""
    for rol in (
        "coordinator_veiligheid",
        "contactpersoon_vertrouwenszaken",
        "politie_contactpersoon",
    ):
        RoltoewijzingFactory(school=school, rol=rol, **overrides.get(rol, {}))
    return school


def _tekorten(school):
    annotated = regels.met_tekorten(School.objects.filter(pk=school.pk), VANDAAG).first()
    return [eis.artikel for eis in regels.tekorten_van(annotated)] if annotated else []


def test_a_complete_school_is_not_listed():
    assert _tekorten(_volledig(SchoolFactory())) == []


@pytest.mark.parametrize(
    ("rol", "artikel"),
    [
        ("coordinator_veiligheid", "2.1"),
        ("contactpersoon_vertrouwenszaken", "2.2"),
        ("politie_contactpersoon", "3.1"),
    ],
)
def test_a_missing_role_is_listed_with_its_article(rol, artikel):
    school = SchoolFactory()
    for andere in {
        "coordinator_veiligheid",
        "contactpersoon_vertrouwenszaken",
        "politie_contactpersoon",
    } - {rol}:
        RoltoewijzingFactory(school=school, rol=andere)
    assert _tekorten(school) == [artikel]


@pytest.mark.parametrize(
    ("periode", "tekort"),
    [
        ({"begin": date(2024, 1, 1), "einde": VANDAAG}, False),  # ends today: still there
        ({"begin": date(2024, 1, 1), "einde": date(2026, 11, 28)}, True),  # ended yesterday
        ({"begin": date(2026, 11, 30)}, True),  # starts tomorrow: not yet
        ({"begin": VANDAAG}, False),  # starts today
    ],
)
def test_the_coordinator_counts_on_the_days_of_the_assignment(periode, tekort):
    school = _volledig(SchoolFactory(), coordinator_veiligheid=periode)
    assert ("2.1" in _tekorten(school)) is tekort


@pytest.mark.parametrize(
    ("vastgesteld", "herzien", "tekort"),
    [
        (None, None, True),  # no plan
        (date(2024, 1, 1), date(2026, 11, 29), False),  # review date is today: in time
        (date(2024, 1, 1), date(2026, 11, 28), True),  # review date was yesterday
        (date(2024, 1, 1), None, False),  # adopted, no review date set
    ],
)
def test_the_safety_plan_counts_until_its_review_date(vastgesteld, herzien, tekort):
    school = _volledig(
        SchoolFactory(
            veiligheidsplan_vastgesteld=vastgesteld, veiligheidsplan_herzien_uiterlijk=herzien
        )
    )
    assert ("2.8" in _tekorten(school)) is tekort


def test_the_page_lists_exactly_the_schools_missing_something(client, stad, gebruikers):
    _volledig(stad.a1)
    with time_machine.travel(VANDAAG, tick=False):
        client.force_login(gebruikers["beheerder"])
        response = client.get("/partijen/bezetting/")
    namen = [r["school"].naam for r in response.context["rijen"]]
    assert namen == sorted([stad.a2.naam, stad.b1.naam])
    html = response.content.decode()
    assert "art. 2.1" in html
    assert "Geen contactpersoon politie" in html


@pytest.mark.parametrize(
    ("rol", "scholen"),
    [
        ("veiligheidsmanager", {"a1", "a2"}),
        ("coordinator_veiligheid", {"a1"}),
        ("bestuurder", {"a1", "b1"}),
        ("beheerder", {"a1", "a2", "b1"}),
    ],
)
def test_each_role_sees_the_view_for_its_own_schools(client, stad, gebruikers, rol, scholen):
    client.force_login(gebruikers[rol])
    response = client.get("/partijen/bezetting/")
    assert {r["school"].naam for r in response.context["rijen"]} == {
        getattr(stad, s).naam for s in scholen
    }


@pytest.mark.parametrize(
    "rol",
    ["politie_contactpersoon", "contactpersoon_vertrouwenszaken", "politie_operationeel_expert"],
)
def test_roles_whose_task_it_is_not_get_403(client, gebruikers, rol):
    client.force_login(gebruikers[rol])
    assert client.get("/partijen/bezetting/").status_code == 403


def test_the_view_does_not_grow_in_queries_with_schools(
    client, stad, gebruikers, django_assert_max_num_queries
):
    client.force_login(gebruikers["beheerder"])
    for _ in range(20):
        SchoolFactory(stadsdeel=stad.a1.stadsdeel, bestuur=stad.bestuur_x)
    with django_assert_max_num_queries(8):
        response = client.get("/partijen/bezetting/")
    assert len(response.context["rijen"]) == 23
