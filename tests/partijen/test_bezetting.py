"""The completeness view (art. 2.1, 2.2, 2.8, 3.1): exactly the schools that fall short."""

from datetime import date

import pytest
import time_machine

from partijen import regels
from partijen.models import Roltoewijzing, School
from partijen.views import PER_PAGINA
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
    veel = [eis.artikel for eis in regels.tekorten_van(annotated)] if annotated else []
    # The city-wide form (the list) and the one-school form (the school's page) agree.
    assert [eis.artikel for eis in regels.tekorten_op(school, VANDAAG)] == veel
    return veel


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
    # The schools that fall short (a page and their number), what the page's schools lack,
    # and the number of active schools; the rest is the session, the user and the shell.
    with django_assert_max_num_queries(9):
        response = client.get("/partijen/bezetting/")
    assert len(response.context["rijen"]) == 23


def test_an_assignment_without_a_school_does_not_hide_the_shortfalls(stad):
    # NOT IN over a list holding a NULL matches nothing: the rule reads only assignments of a
    # school, so a stray one without (an import, the admin) cannot empty the view.
    _volledig(stad.a1)
    RoltoewijzingFactory(school=stad.a2, rol="politie_contactpersoon")
    zonder = RoltoewijzingFactory(school=stad.a2, rol="politie_contactpersoon")
    Roltoewijzing.objects.filter(pk=zonder.pk).update(school=None)
    namen = {s.naam for s in regels.met_tekorten(School.objects.all(), VANDAAG)}
    assert namen == {stad.a2.naam, stad.b1.naam}


def _korte_scholen(stad, n):
    return SchoolFactory.create_batch(n, stadsdeel=stad.a1.stadsdeel, bestuur=stad.bestuur_x)


def test_the_view_pages_through_the_schools_that_fall_short_and_counts_the_others(
    client, stad, gebruikers
):
    _volledig(stad.a1)
    _korte_scholen(stad, PER_PAGINA + 3)  # no one in any role: short of 2.1, 2.2 and 3.1
    client.force_login(gebruikers["beheerder"])
    with time_machine.travel(VANDAAG, tick=False):
        eerste = client.get("/partijen/bezetting/")
        tweede = client.get("/partijen/bezetting/", {"pagina": 2})
    namen = [r["school"].naam for r in eerste.context["rijen"]]
    namen += [r["school"].naam for r in tweede.context["rijen"]]
    assert len(eerste.context["rijen"]) == PER_PAGINA
    assert len(namen) == len(set(namen)) == PER_PAGINA + 5  # a2, b1 and the new ones
    assert namen == sorted(namen)
    assert stad.a1.naam not in namen
    assert eerste.context["aantal_tekort"] == PER_PAGINA + 5
    assert eerste.context["aantal_volledig"] == 1
    html = eerste.content.decode()
    assert f"{PER_PAGINA + 5} van de {PER_PAGINA + 6} scholen" in html
    assert "pagina=2" in html
    # Each row still names what the school lacks, also on a later page.
    assert {e.artikel for e in tweede.context["rijen"][-1]["tekorten"]} >= {"2.1", "2.2", "3.1"}


@pytest.mark.parametrize("pagina", ["99999", "-1", "x", "9" * 5000, "\x00"])
def test_a_nonsensical_page_number_gives_a_page(client, stad, gebruikers, pagina):
    _korte_scholen(stad, PER_PAGINA + 1)
    client.force_login(gebruikers["projectleider"])
    response = client.get("/partijen/bezetting/", {"pagina": pagina})
    assert response.status_code == 200
    assert response.context["rijen"]


def test_the_query_count_stays_the_same_over_pages_and_cities(
    client, stad, gebruikers, django_assert_max_num_queries
):
    client.force_login(gebruikers["projectleider"])
    with django_assert_max_num_queries(9) as klein:
        client.get("/partijen/bezetting/")
    _korte_scholen(stad, 3 * PER_PAGINA)
    with django_assert_max_num_queries(len(klein)):
        response = client.get("/partijen/bezetting/", {"pagina": 3})
    assert len(response.context["rijen"]) == PER_PAGINA
