"""The municipality sees counts and trends, never people (art. 4, 8)."""

import pytest
import time_machine

from meldingen.cijfers import toon_aantal
from meldingen.models import Betrokkene, Melding
from tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("n", "getoond"), [(0, "0"), (1, "<5"), (4, "<5"), (5, "5"), (12, "12")])
def test_small_counts_are_masked(n, getoond):
    assert toon_aantal(n) == getoond


def _maak(school, aantal, categorie="drugs", maand=3):
    for _ in range(aantal):
        m = MeldingFactory(
            school=school, categorieen=[categorie], tijdstip=f"2026-{maand:02d}-10T10:00:00+01:00"
        )
        Betrokkene.objects.create(melding=m, rol="dader", soort="leerling", naam="Geheime Naam")


@time_machine.travel("2026-11-29T12:00:00+01:00", tick=False)
def test_the_safety_manager_sees_counts_of_their_area_only(
    client, convenant_data, stad, gebruikers
):
    _maak(stad.a1, 5)
    _maak(stad.a2, 2, categorie="cyberpesten")
    _maak(stad.b1, 7)  # another area
    client.force_login(gebruikers["veiligheidsmanager"])
    response = client.get("/meldingen/cijfers/", {"jaar": 2026})
    drugs = next(r for r in response.context["per_categorie"] if r["categorie"].code == "drugs")
    assert drugs["cellen"][2] == "5"  # March
    assert drugs["totaal"] == "5"
    cyber = next(
        r for r in response.context["per_categorie"] if r["categorie"].code == "cyberpesten"
    )
    assert cyber["totaal"] == "<5"
    html = response.content.decode()
    assert "Geheime Naam" not in html
    gebieden = {r["gebied"].naam: r["totaal"] for r in response.context["per_gebied"]}
    assert gebieden["Oost-Haven"] == "7"
    assert gebieden["West-Poort"] == "0"


@time_machine.travel("2026-01-01T00:30:00+01:00", tick=False)
def test_an_incident_on_new_years_eve_counts_for_the_old_year(
    client, convenant_data, stad, gebruikers
):
    # 23:30 in Amsterdam on 31 December is 22:30 UTC: still December.
    for _ in range(5):
        MeldingFactory(school=stad.a1, categorieen=["drugs"], tijdstip="2025-12-31T23:30:00+01:00")
    client.force_login(gebruikers["projectleider"])
    rijen = client.get("/meldingen/cijfers/", {"jaar": 2025}).context["per_categorie"]
    drugs = next(r for r in rijen if r["categorie"].code == "drugs")
    assert drugs["cellen"][11] == "5"


@pytest.mark.parametrize(
    "rol", ["coordinator_veiligheid", "politie_contactpersoon", "contactpersoon_vertrouwenszaken"]
)
def test_roles_that_work_with_incidents_do_not_get_the_figures(client, gebruikers, rol):
    client.force_login(gebruikers[rol])
    assert client.get("/meldingen/cijfers/").status_code == 404


def test_the_figures_take_a_fixed_number_of_queries(
    client, convenant_data, stad, gebruikers, django_assert_max_num_queries
):
    client.force_login(gebruikers["beheerder"])
    _maak(stad.a1, 2)
    with django_assert_max_num_queries(12):
        client.get("/meldingen/cijfers/?jaar=2026")
    _maak(stad.b1, 30, maand=5)
    with django_assert_max_num_queries(12):
        client.get("/meldingen/cijfers/?jaar=2026")
    assert Melding.objects.count() == 32


def test_a_bad_year_falls_back_instead_of_failing(client, convenant_data, gebruikers):
    client.force_login(gebruikers["beheerder"])
    assert client.get("/meldingen/cijfers/?jaar=abc").status_code == 200
    assert client.get("/meldingen/cijfers/?jaar=99999").status_code == 200
