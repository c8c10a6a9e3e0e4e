"""Incidents per quarter (issue 13, the evaluation report): the sums of the figures page's
months, protected together with those months, so the two tables side by side give no count
below five away (art. 8)."""

import random

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meldingen import cijfers
from meldingen.cijfers import MAANDEN, beveilig, beveilig_telling, kwartalen_naast_maanden
from partijen.models import School
from tests.factories import MeldingFactory


def _volledig(aantallen):
    """The table with its totals: a row total per row, then the column totals."""
    rijen = [[*rij, sum(rij)] for rij in aantallen]
    rijen.append([sum(k) for k in zip(*rijen, strict=True)] if rijen else [0] * 13)
    return rijen


def _getoond(tabel):
    rijen = [[*rij, t] for rij, t in zip(tabel.rijen, tabel.rijtotalen, strict=True)]
    rijen.append([*tabel.kolomtotalen, tabel.totaal])
    return rijen


def _model(per_maand):
    """What someone who reads both tables knows: every entry of the months and the quarters
    (with their totals), the shown ones as numbers and the hidden ones unknown, and every sum
    that holds between them."""
    maanden, kwartalen = beveilig(per_maand), kwartalen_naast_maanden(per_maand)
    r = len(per_maand)
    per_kwartaal = [[sum(rij[3 * q : 3 * q + 3]) for q in range(4)] for rij in per_maand]
    echt = {}
    getoond = {}
    for naam, aantallen, tabel, k in (
        ("m", per_maand, maanden, 12),
        ("k", per_kwartaal, kwartalen, 4),
    ):
        for i, (rij, rij_getoond) in enumerate(
            zip(_volledig(aantallen), _getoond(tabel), strict=True)
        ):
            for j in range(k + 1):
                echt[(naam, i, j)] = rij[j]
                getoond[(naam, i, j)] = rij_getoond[j]
    lijnen = []
    for naam, k in (("m", 12), ("k", 4)):
        lijnen += [([(naam, i, j) for j in range(k)], (naam, i, k)) for i in range(r + 1)]
        lijnen += [([(naam, i, j) for i in range(r)], (naam, r, j)) for j in range(k + 1)]
    for i in range(r + 1):
        lijnen += [([("m", i, 3 * q + d) for d in range(3)], ("k", i, q)) for q in range(4)]
        lijnen.append(([("m", i, 12)], ("k", i, 4)))
    return echt, getoond, lijnen


def _afleiden(bekend, lijnen):
    """Subtract as an attacker would: a sum with exactly one unknown entry gives it away."""
    bekend = dict(bekend)
    veranderd = True
    while veranderd:
        veranderd = False
        for delen, som in lijnen:
            onbekend = [s for s in (*delen, som) if bekend[s] is None]
            if len(onbekend) != 1:
                continue
            (s,) = onbekend
            rest = sum(bekend[d] for d in delen if d != s)
            bekend[s] = rest if s == som else bekend[som] - rest
            veranderd = True
    return bekend


def _controleer(per_maand):
    echt, getoond, lijnen = _model(per_maand)
    for s, g in getoond.items():
        if 0 < echt[s] < 5:
            assert g == "<5", (per_maand, s)
        elif g.isdigit():
            assert int(g) == echt[s]
        else:
            assert g == "x"
    # What the figures page alone gives away: its months, with every quarter hidden.
    verborgen = {s for s, g in getoond.items() if not g.isdigit()}
    primair = {s for s, g in getoond.items() if g == "<5"}
    alle_kwartalen = {s for s in echt if s[0] == "k" and echt[s] > 0}
    laag0, hoog0 = cijfers._grenzen(echt, verborgen | alle_kwartalen, primair, 5, lijnen)
    al_bekend = {s for s in echt if laag0[s] == hoog0[s]}
    # Subtracting along every sum, nothing hidden comes out that the months did not give.
    bekend = {s: int(g) if g.isdigit() else None for s, g in getoond.items()}
    afgeleid = _afleiden(bekend, lijnen)
    for s in verborgen - al_bekend:
        assert afgeleid[s] is None, (per_maand, s)
    # Nor can bounds pin it ("<5" is 1 to 4, "x" at least 5).
    laag, hoog = cijfers._grenzen(echt, verborgen, primair, 5, lijnen)
    for s in verborgen - al_bekend:
        assert laag[s] < hoog[s], (per_maand, s, laag[s], hoog[s])
    return getoond


def test_no_hidden_month_or_quarter_can_be_computed_from_both_tables():
    rng = random.Random(13)
    for _ in range(150):
        r = rng.randint(1, 6)
        hoog = rng.choice([2, 4, 8, 25])
        _controleer([[rng.choice([0, 0, rng.randint(0, hoog)]) for _ in MAANDEN] for _ in range(r)])


@pytest.mark.parametrize(
    "per_maand",
    [
        # January's 3 beside February's and March's 10: the quarter's 23 would give it away.
        [[3, 10, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 10, 10, 6, 0, 0, 0, 0, 0, 0, 0, 0]],
        # One small month per quarter, and a quarter that is only small months.
        [[1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0], [7, 8, 9, 0, 0, 0, 0, 0, 0, 0, 0, 4]],
        [[2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
    ],
)
def test_a_small_month_is_not_given_away_by_its_quarter(per_maand):
    _controleer(per_maand)


def test_without_small_counts_the_quarters_are_the_sums_of_the_months():
    per_maand = [[5, 6, 7, 0, 0, 9, 10, 0, 0, 0, 0, 12], [0] * 12]
    tabel = kwartalen_naast_maanden(per_maand)
    assert tabel.rijen == [["18", "9", "10", "12"], ["0", "0", "0", "0"]]
    assert (tabel.rijtotalen, tabel.kolomtotalen, tabel.totaal) == (
        ["49", "0"],
        ["18", "9", "10", "12"],
        "49",
    )


def _maak(school, aantal, categorie, maand):
    for _ in range(aantal):
        MeldingFactory(
            school=school, categorieen=[categorie], tijdstip=f"2026-{maand:02d}-10T10:00:00+01:00"
        )


@pytest.mark.django_db
@time_machine.travel("2026-11-29T12:00:00+01:00", tick=False)
def test_the_quarters_count_what_the_figures_page_counts_per_month(
    client, convenant_data, stad, gebruikers
):
    _maak(stad.a1, 5, "drugs", 1)
    _maak(stad.a2, 6, "drugs", 2)
    _maak(stad.b1, 7, "drugs", 5)
    _maak(stad.a1, 10, "cyberpesten", 3)
    client.force_login(gebruikers["projectleider"])
    pagina = client.get("/meldingen/cijfers/", {"jaar": 2026}).context
    with CaptureQueriesContext(connection) as queries:
        rijen, tabel = cijfers.per_categorie_en_kwartaal(School.objects.all(), 2026)
    assert len(queries) == 2  # the figures page's one count, and the categories
    maanden = {r["categorie"].pk: r for r in pagina["per_categorie"]}
    for rij in rijen:
        per_maand = [int(c) for c in maanden[rij["categorie"].pk]["cellen"]]
        assert rij["cellen"] == [str(sum(per_maand[3 * q : 3 * q + 3])) for q in range(4)]
        assert rij["totaal"] == maanden[rij["categorie"].pk]["totaal"]
    drugs = next(r for r in rijen if r["categorie"].code == "drugs")
    assert drugs["cellen"] == ["11", "7", "0", "0"]
    assert tabel.totaal == pagina["categorie_tabel"].totaal == "28"


@pytest.mark.django_db
def test_the_quarters_and_the_months_count_once(monkeypatch, convenant_data):
    # One computation: both tables come from the same unprotected count per month.
    gezien = []
    origineel = cijfers._per_maand

    def tel(scholen, jaar):
        categorieen, per_maand = origineel(scholen, jaar)
        per_maand[0][0], per_maand[0][1], per_maand[0][4] = 6, 7, 9
        gezien.append(per_maand)
        return categorieen, per_maand

    monkeypatch.setattr(cijfers, "_per_maand", tel)
    _, maanden = cijfers.per_categorie_en_maand(School.objects.none(), 2026)
    _, kwartalen = cijfers.per_categorie_en_kwartaal(School.objects.none(), 2026)
    assert len(gezien) == 2
    assert kwartalen.rijen[0] == ["13", "9", "0", "0"]
    assert maanden.rijen[0][:5] == ["6", "7", "0", "0", "9"]


def test_the_protection_kept_in_the_cache_follows_the_counts_and_the_threshold(settings):
    """Issue 15: the protection's answer is kept under the counts it was given; other counts or
    another threshold are never answered from it."""

    def getoond(a, b):
        waarden = {("a",): a, ("b",): b, ("som",): a + b}
        return beveilig_telling(waarden, [([("a",), ("b",)], ("som",))], totalen={("som",)})

    settings.CIJFERS_DREMPEL = 5
    assert getoond(3, 20) == {("a",): "<5", ("b",): "x", ("som",): "23"}
    assert getoond(3, 20) == {("a",): "<5", ("b",): "x", ("som",): "23"}  # from the cache
    assert getoond(6, 20) == {("a",): "6", ("b",): "20", ("som",): "26"}
    settings.CIJFERS_DREMPEL = 3
    assert getoond(3, 20) == {("a",): "3", ("b",): "20", ("som",): "23"}
