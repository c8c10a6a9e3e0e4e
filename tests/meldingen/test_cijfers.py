"""The municipality sees counts and trends, never people (art. 4, 8)."""

import random

import pytest
import time_machine

from meldingen import cijfers
from meldingen.cijfers import beveilig, toon_aantal
from meldingen.models import Betrokkene, Melding
from partijen.models import Sector
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
    # March: drugs 5, cyberbullying 2 and the month total 7 would give the 2 away.
    assert drugs["cellen"][2] == "x"
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


# Secondary suppression (issue #10): no hidden cell can be computed from what is shown.


def _zichtbaar(tabel):
    """The table as someone sees it: a number where it is shown, None where it is hidden,
    with the totals in an extra column and row."""
    rijen = [[*rij, totaal] for rij, totaal in zip(tabel.rijen, tabel.rijtotalen, strict=True)]
    rijen.append([*tabel.kolomtotalen, tabel.totaal])
    return [[int(c) if c.isdigit() else None for c in rij] for rij in rijen]


def _afleiden(grid):
    """Subtract as an attacker would: a line (row or column with its total) with exactly one
    unknown entry gives it away; repeat with what was learned until nothing changes."""
    grid = [list(rij) for rij in grid]
    r, k = len(grid) - 1, len(grid[0]) - 1
    lijnen = [[(i, j) for j in range(k + 1)] for i in range(r + 1)]
    lijnen += [[(i, j) for i in range(r + 1)] for j in range(k + 1)]
    veranderd = True
    while veranderd:
        veranderd = False
        for lijn in lijnen:
            onbekend = [s for s in lijn if grid[s[0]][s[1]] is None]
            if len(onbekend) != 1:
                continue
            (i, j), som = onbekend[0], lijn[-1]
            bekend = sum(grid[a][b] for a, b in lijn[:-1] if (a, b) != (i, j))
            grid[i][j] = bekend if (i, j) == som else grid[som[0]][som[1]] - bekend
            veranderd = True
    return grid


def _controleer(aantallen):
    tabel = beveilig(aantallen)
    zichtbaar = _zichtbaar(tabel)
    afgeleid = _afleiden(zichtbaar)
    for i, rij in enumerate(zichtbaar):
        for j, c in enumerate(rij):
            if c is None:
                assert afgeleid[i][j] is None, (aantallen, tabel, (i, j))
    # Every count from 1 to 4 is hidden, wherever it is.
    volledig = [[*rij, sum(rij)] for rij in aantallen]
    volledig.append([sum(k) for k in zip(*volledig, strict=True)])
    for i, rij in enumerate(volledig):
        for j, n in enumerate(rij):
            if 0 < n < 5:
                assert zichtbaar[i][j] is None
            elif zichtbaar[i][j] is not None:
                assert zichtbaar[i][j] == n
    return tabel


def test_no_hidden_cell_can_be_computed_from_the_totals_in_random_tables():
    rng = random.Random(10)
    for _ in range(400):
        r, k = rng.randint(1, 5), rng.randint(1, 6)
        hoog = rng.choice([3, 8, 25])
        _controleer([[rng.choice([0, rng.randint(0, hoog)]) for _ in range(k)] for _ in range(r)])


def test_buiten_hout_no_longer_gives_away_the_mbo_count():
    # VO 19, MBO 3: the total 22 gave the 3 away.
    tabel = _controleer([[0, 19, 3], [0, 40, 12]])
    assert tabel.rijen[0][2] == "<5"
    assert tabel.rijen[0][1] == "x"
    assert tabel.rijtotalen[0] == "22"


@pytest.mark.parametrize(
    "aantallen",
    [
        [[1, 1, 10]],  # two ones and their total: both would be 1
        [[1, 5]],  # "<5" plus an "x" of at least 5 summing to 6: the 1 would follow
        [[4, 0], [0, 0]],
        [[2, 7], [9, 3]],
    ],
)
def test_bounds_do_not_pin_a_hidden_cell(aantallen):
    tabel = beveilig(aantallen)
    # Every hidden pair in a line must leave room: the attacker's bounds stay apart.
    laag, hoog = cijfers._grenzen(*_model(aantallen, tabel))
    for s in _model(aantallen, tabel)[1]:
        assert laag[s] < hoog[s], (aantallen, tabel, s)


def _model(aantallen, tabel):
    r, k = len(aantallen), len(aantallen[0])
    zichtbaar = _zichtbaar(tabel)
    volledig = [[*rij, sum(rij)] for rij in aantallen]
    volledig.append([sum(c) for c in zip(*volledig, strict=True)])
    waarden = {(i, j): volledig[i][j] for i in range(r + 1) for j in range(k + 1)}
    verborgen = {s for s in waarden if zichtbaar[s[0]][s[1]] is None}
    primair = {s for s in verborgen if 0 < waarden[s] < 5}
    lijnen = [([(i, j) for j in range(k)], (i, k)) for i in range(r + 1)]
    lijnen += [([(i, j) for i in range(r)], (r, j)) for j in range(k + 1)]
    return waarden, verborgen, primair, 5, lijnen


@time_machine.travel("2026-11-29T12:00:00+01:00", tick=False)
def test_the_figures_page_hides_what_the_area_total_would_give_away(
    client, convenant_data, stad, gebruikers
):
    # Buiten-Hout in the issue: VO 19, MBO "<5", area total 22.
    stad.a2.sector = "MBO"
    stad.a2.save()
    vo, mbo = Sector.values.index("VO"), Sector.values.index("MBO")
    _maak(stad.a1, 19)
    _maak(stad.a2, 3)
    client.force_login(gebruikers["projectleider"])
    response = client.get("/meldingen/cijfers/", {"jaar": 2026})
    rij = next(r for r in response.context["per_gebied"] if r["gebied"] == stad.a1.overleggebied)
    assert rij["cellen"][mbo] == "<5"
    assert rij["cellen"][vo] == "x"
    assert rij["totaal"] == "22"


@time_machine.travel("2026-11-29T12:00:00+01:00", tick=False)
def test_the_exports_of_the_figures_carry_the_same_protected_table(
    client, convenant_data, stad, gebruikers
):
    import io

    import openpyxl
    import tablib

    stad.a2.sector = "MBO"
    stad.a2.save()
    _maak(stad.a1, 19)
    _maak(stad.a2, 3)
    client.force_login(gebruikers["projectleider"])
    url = "/meldingen/cijfers/export/"
    response = client.get(url, {"jaar": 2026, "tabel": "gebied", "formaat": "csv"})
    assert "no-store" in response["Cache-Control"]
    tekst = response.content.decode("utf-8-sig")
    rijen = {r["Gebied"]: r for r in tablib.Dataset().load(tekst, format="csv", delimiter=";").dict}
    haven = rijen[stad.a1.overleggebied.naam]
    assert (haven["VO"], haven["MBO"], haven["Totaal"]) == ("x", "<5", "22")
    assert rijen["Totaal"]["MBO"] == "<5"

    response = client.get(url, {"jaar": 2026, "tabel": "gebied", "formaat": "xlsx"})
    blad = openpyxl.load_workbook(io.BytesIO(response.content)).active
    koppen = [c.value for c in blad[1]]
    rij = next(r for r in blad.iter_rows(min_row=2) if r[0].value == stad.a1.overleggebied.naam)
    waarden = dict(zip(koppen, (c.value for c in rij), strict=True))
    assert (waarden["VO"], waarden["MBO"], waarden["Totaal"]) == ("x", "<5", 22)

    tekst = client.get(url, {"jaar": 2026, "formaat": "csv"}).content.decode("utf-8-sig")
    drugs = next(
        r
        for r in tablib.Dataset().load(tekst, format="csv", delimiter=";").dict
        if r["Categorie"] == "Drugs"
    )
    assert drugs["3"] == "22"
    assert "19" not in tekst.replace("2026", "")


@pytest.mark.parametrize(
    "rol", ["coordinator_veiligheid", "politie_contactpersoon", "contactpersoon_vertrouwenszaken"]
)
def test_roles_without_figures_do_not_get_their_export(client, gebruikers, rol):
    client.force_login(gebruikers[rol])
    assert client.get("/meldingen/cijfers/export/").status_code == 404
