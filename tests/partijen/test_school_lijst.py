"""The school list at the size of a city: a page of 50 at a time, the filter kept across pages,
the area x sector counts over every school, and the same queries for 3 schools or 150."""

import re

import pytest

from partijen.views import PER_PAGINA
from tests.factories import OrganisatieFactory, SchoolFactory

pytestmark = pytest.mark.django_db

URL = "/partijen/scholen/"


def _veel_scholen(stad, n, **velden):
    velden = {"stadsdeel": stad.a1.stadsdeel, "bestuur": stad.bestuur_x, **velden}
    return SchoolFactory.create_batch(n, **velden)


def _namen(response):
    return [s.naam for s in response.context["scholen"]]


def test_the_list_shows_a_page_of_schools_in_alphabetical_order(client, stad, gebruikers):
    _veel_scholen(stad, PER_PAGINA + 7)
    client.force_login(gebruikers["beheerder"])

    eerste = client.get(URL)
    tweede = client.get(URL, {"pagina": 2})

    assert len(_namen(eerste)) == PER_PAGINA
    alle = _namen(eerste) + _namen(tweede)
    assert len(alle) == PER_PAGINA + 10  # the city's three and the new ones, each once
    assert alle == sorted(alle)
    html = eerste.content.decode()
    assert f">{PER_PAGINA + 10} " in html  # the count is of every school, not of the page
    assert "pagina=2" in html


def test_the_area_and_sector_counts_are_of_every_school_not_of_the_page(client, stad, gebruikers):
    _veel_scholen(stad, PER_PAGINA + 7)
    client.force_login(gebruikers["beheerder"])
    response = client.get(URL, {"pagina": 2})
    assert response.context["totaal"] == PER_PAGINA + 10
    per_gebied = {r["gebied"].pk: r["totaal"] for r in response.context["matrix"]}
    assert per_gebied[stad.gebied_a.pk] == PER_PAGINA + 9
    assert per_gebied[stad.gebied_b.pk] == 1


def test_the_filter_is_kept_in_the_page_links(client, stad, gebruikers):
    _veel_scholen(stad, PER_PAGINA + 5, sector="PO")
    client.force_login(gebruikers["beheerder"])
    response = client.get(URL, {"sector": "PO", "naam": "School"})
    links = re.findall(r'href="(\?[^"]*pagina=2[^"]*)"', response.content.decode())
    assert links, "no link to the next page"
    volgende = client.get(URL + links[0].replace("&amp;", "&"))
    assert volgende.context["pagina"].number == 2
    assert {s.sector for s in volgende.context["scholen"]} == {"PO"}
    assert len(volgende.context["scholen"]) == 5


@pytest.mark.parametrize(
    ("pagina", "nummer"),
    [("99999", 2), ("-1", 2), ("0", 2), ("abc", 1), ("2.5", 1), ("9" * 5000, 1), ("", 1)],
)
def test_a_nonsensical_page_number_gives_a_page_not_an_error(
    client, stad, gebruikers, pagina, nummer
):
    # Django's get_page: past the end (or below 1) the last page, not a number the first.
    _veel_scholen(stad, PER_PAGINA)
    client.force_login(gebruikers["beheerder"])
    response = client.get(URL, {"pagina": pagina})
    assert response.status_code == 200
    assert response.context["pagina"].number == nummer


def test_a_role_pages_through_its_own_schools_only(client, stad, gebruikers):
    # Many schools in area A, which the safety manager sees; one in B, which it does not.
    _veel_scholen(stad, PER_PAGINA + 3)
    client.force_login(gebruikers["veiligheidsmanager"])
    namen = []
    for nummer in (1, 2):
        namen += _namen(client.get(URL, {"pagina": nummer}))
    assert stad.b1.naam not in namen
    assert len(namen) == PER_PAGINA + 5
    assert "Poortcollege" not in client.get(URL, {"pagina": 2}).content.decode()


def test_the_board_filter_offers_the_boards_of_the_schools_the_user_sees(client, stad, gebruikers):
    OrganisatieFactory(naam="Bestuur Zonder Zichtbare School")
    client.force_login(gebruikers["coordinator_veiligheid"])  # sees a1, of Bestuur X
    html = client.get(URL).content.decode()
    assert "Bestuur X</option>" in html
    assert "Bestuur Y</option>" not in html
    assert "Bestuur Zonder Zichtbare School" not in html


def test_a_filter_by_board_still_finds_its_schools_on_the_page(client, stad, gebruikers):
    client.force_login(gebruikers["beheerder"])
    response = client.get(URL, {"bestuur": stad.bestuur_y.pk})
    assert _namen(response) == [stad.a2.naam]
    assert f'<option value="{stad.bestuur_y.pk}" selected>' in response.content.decode()


@pytest.mark.parametrize(
    "parameters",
    [
        {"bestuur": "abc"},
        {"bestuur": "99999999"},
        {"overleggebied": "-1"},
        {"sector": "<script>"},
        {"naam": "\x00"},
        {"naam": "a" * 5000, "pagina": "2"},
        {"naam": "%", "pagina": "-1"},
    ],
)
def test_hostile_filters_never_break_the_list(client, stad, gebruikers, parameters):
    client.force_login(gebruikers["beheerder"])
    response = client.get(URL, parameters)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("</form>")[1]


def test_the_query_count_does_not_grow_with_the_city(
    client, stad, gebruikers, django_assert_max_num_queries
):
    client.force_login(gebruikers["beheerder"])
    with django_assert_max_num_queries(12) as klein:
        client.get(URL)
    # Three pages of schools, each with a board of its own (the board filter's options).
    SchoolFactory.create_batch(3 * PER_PAGINA, stadsdeel=stad.a1.stadsdeel)
    with django_assert_max_num_queries(len(klein)):
        client.get(URL, {"pagina": 2})
    with django_assert_max_num_queries(len(klein)):
        client.get(URL, {"sector": "VO", "pagina": 3})
