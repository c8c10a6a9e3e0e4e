"""Counts for the municipality and the boards: numbers and trends, never people (art. 8)."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from meldingen.models import Categorie
from meldingen.telling import opgeteld_per_categorie, opgeteld_per_gebied
from partijen.models import Overleggebied, Sector

MAANDEN = list(range(1, 13))
KWARTALEN = [1, 2, 3, 4]

# A cell hidden only so that a small number elsewhere cannot be computed from the totals. It is
# never shown as "<5": it may hold any number from the threshold up.
VERBORGEN = "x"

# The protection's own version: a deployment that changes this module never reads an answer
# its predecessor kept.
_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


def als_getal(cel: str):
    """A shown count as a spreadsheet cell: a number; "<5" and "x" stay text."""
    return int(cel) if isinstance(cel, str) and cel.isdigit() else cel


def toon_aantal(n: int) -> str:
    """Art. 8: counts are shared, people are not. A count between 1 and the threshold (5) could
    point to a person in a small school, so it is shown as "<5"."""
    drempel = settings.CIJFERS_DREMPEL
    return f"<{drempel}" if 0 < n < drempel else str(n)


@dataclass
class Tabel:
    """A table of counts as it may be shown: every entry is a string, hidden ones masked."""

    rijen: list[list[str]]
    rijtotalen: list[str]
    kolomtotalen: list[str]
    totaal: str


def _grenzen(waarden, verborgen, primair, drempel, lijnen):
    """What someone who sees the table can know of each entry: a lower and an upper bound,
    narrowed over every line (a row or column with its total) until nothing changes."""
    oneindig = float("inf")
    laag, hoog = {}, {}
    for sleutel, n in waarden.items():
        if sleutel not in verborgen:
            laag[sleutel] = hoog[sleutel] = n
        elif sleutel in primair:
            laag[sleutel], hoog[sleutel] = 1, drempel - 1
        else:
            laag[sleutel], hoog[sleutel] = drempel, oneindig
    veranderd = True
    while veranderd:
        veranderd = False
        for delen, som in lijnen:
            # The sums over a line once, each part's rest as the sum less the part (a sum per
            # part made each pass quadratic in the line's length). The upper bounds are summed
            # without the open ones, which are counted: inf - inf is not a number.
            onder = sum(laag[d] for d in delen)
            open_ = sum(1 for d in delen if hoog[d] == oneindig)
            boven = sum(hoog[d] for d in delen if hoog[d] != oneindig)
            nieuw = {som: (max(laag[som], onder), min(hoog[som], oneindig if open_ else boven))}
            for d in delen:
                rest_onder = onder - laag[d]
                if hoog[d] == oneindig:
                    rest_boven = oneindig if open_ > 1 else boven
                else:
                    rest_boven = oneindig if open_ else boven - hoog[d]
                nieuw[d] = (
                    max(laag[d], laag[som] - rest_boven),
                    min(hoog[d], hoog[som] - rest_onder),
                )
            for sleutel, (lo, hi) in nieuw.items():
                if (lo, hi) != (laag[sleutel], hoog[sleutel]):
                    laag[sleutel], hoog[sleutel] = lo, hi
                    veranderd = True
    return laag, hoog


def _rooster(aantallen: list[list[int]], kolommen: int, sleutel=lambda i, j: (i, j)):
    """A table of counts as the checks see it: each cell and each row, column and grand total
    by key, the lines (a row or a column: its parts and its total), and which keys are totals."""
    r = len(aantallen)
    # Without rows (no categories or areas yet) the table still has its columns and totals.
    k = len(aantallen[0]) if r else kolommen
    waarden = {sleutel(i, j): aantallen[i][j] for i in range(r) for j in range(k)}
    for i in range(r):
        waarden[sleutel(i, k)] = sum(aantallen[i])
    for j in range(k):
        waarden[sleutel(r, j)] = sum(aantallen[i][j] for i in range(r))
    waarden[sleutel(r, k)] = sum(waarden[sleutel(i, k)] for i in range(r))
    lijnen = [([sleutel(i, j) for j in range(k)], sleutel(i, k)) for i in range(r + 1)]
    lijnen += [([sleutel(i, j) for i in range(r)], sleutel(r, j)) for j in range(k + 1)]
    totalen = {sleutel(i, k) for i in range(r + 1)} | {sleutel(r, j) for j in range(k + 1)}
    return waarden, lijnen, totalen, r, k


def _tabel(getoond: dict, r: int, k: int, sleutel=lambda i, j: (i, j)) -> Tabel:
    return Tabel(
        rijen=[[getoond[sleutel(i, j)] for j in range(k)] for i in range(r)],
        rijtotalen=[getoond[sleutel(i, k)] for i in range(r)],
        kolomtotalen=[getoond[sleutel(r, j)] for j in range(k)],
        totaal=getoond[sleutel(r, k)],
    )


def beveilig_telling(
    waarden: dict, lijnen: list, *, totalen=frozenset(), gepubliceerd: dict | None = None
) -> dict[object, str]:
    """Art. 8: counts that add up along `lijnen` (each a list of parts and the key of their
    total), as they may be shown: no count below the threshold is shown or computable from the
    others. The method of `beveilig`, for any set of counts that add up: two tables of the same
    incidents side by side, or a count split further. Keys are tuples; `totalen` are hidden
    only when no other key is left.

    `gepubliceerd`: counts already shown elsewhere (the figures page), as shown there. They stay
    exactly so; only the other counts are hidden further, so that what is shown here together
    with what is shown there gives nothing away. A count that follows from those alone (a
    quarter of three months shown there) is shown too: hiding it would protect nothing.
    """
    drempel = settings.CIJFERS_DREMPEL
    # A pure function of the counts: its answer is kept under them (issue 15: a year of
    # months and quarters takes a fifth of a second to check, the same every time it is read).
    sleutel = (
        "beveilig:"
        + hashlib.sha256(
            repr(
                (
                    _CODE,
                    drempel,
                    sorted(map(repr, waarden.items())),
                    [(list(map(repr, delen)), repr(som)) for delen, som in lijnen],
                    sorted(map(repr, totalen)),
                    sorted(map(repr, (gepubliceerd or {}).items())),
                )
            ).encode()
        ).hexdigest()
    )
    bewaard = cache.get(sleutel)
    if bewaard is None:
        bewaard = _beveilig_telling(waarden, lijnen, totalen, gepubliceerd or {}, drempel)
        cache.set(sleutel, bewaard, timeout=7 * 24 * 60 * 60)
    return bewaard


def _beveilig_telling(waarden, lijnen, totalen, gepubliceerd, drempel) -> dict[object, str]:
    primair = {s for s, n in waarden.items() if 0 < n < drempel}
    verborgen = primair | {s for s, getoond in gepubliceerd.items() if not getoond.isdigit()}
    mag_weg = {s for s, n in waarden.items() if n > 0 and s not in gepubliceerd}
    openbaar = set()
    if gepubliceerd:
        # What is pinned even with everything hidden that may be hidden follows from what is
        # shown elsewhere (a quarter of three shown months): hiding it, or more for it, protects
        # nothing.
        laag, hoog = _grenzen(waarden, verborgen | mag_weg, primair, drempel, lijnen)
        openbaar = {s for s in waarden if laag[s] == hoog[s]}
    while True:
        laag, hoog = _grenzen(waarden, verborgen, primair, drempel, lijnen)
        vast = sorted(s for s in verborgen - openbaar if laag[s] == hoog[s])
        if not vast:
            break
        kandidaten = [
            s
            for delen, som in lijnen
            if vast[0] in (*delen, som)
            for s in (*delen, som)
            if s in mag_weg - verborgen - openbaar
        ]
        if not kandidaten:
            kandidaten = list(mag_weg - verborgen - openbaar)
        if not kandidaten:
            break
        # Hide inner cells before totals, the smallest first: the least is lost.
        verborgen.add(min(kandidaten, key=lambda s: (s in totalen, waarden[s], s)))

    def toon(s):
        if s in gepubliceerd:
            return gepubliceerd[s]
        if s in primair:
            return toon_aantal(waarden[s])
        return VERBORGEN if s in verborgen else str(waarden[s])

    return {s: toon(s) for s in waarden}


def beveilig(aantallen: list[list[int]], kolommen: int | None = None) -> Tabel:
    """Art. 8 (and AVG art. 10, data about minors and crimes): no count below the threshold may
    be shown or be computable from what is shown.

    The method is the one Statistics Netherlands (CBS) uses for its tables of counts: primary
    suppression hides every cell from 1 up to the threshold ("<5"); secondary suppression then
    hides more cells ("x") until no hidden cell can be computed exactly from the visible cells and
    the row, column and grand totals. The check does what an attacker would: it narrows each
    hidden entry between a lower and an upper bound using every line (a row or a column with its
    total), knowing that "<5" means 1 to 4 and "x" means at least 5. While some hidden entry is
    pinned to one value, the smallest visible non-zero cell in one of its lines is hidden too
    (a total only when no cell is left), and the check runs again. Zeros stay visible: a zero
    points to no one. Totals are protected as if always published, so a table may show them.
    """
    waarden, lijnen, totalen, r, k = _rooster(aantallen, kolommen or 0)
    return _tabel(beveilig_telling(waarden, lijnen, totalen=totalen), r, k)


def _per_maand(scholen, jaar: int) -> tuple[list[Categorie], list[list[int]]]:
    """One aggregate query: incidents per main category and month of the year, unprotected:
    the sums of the schools' counts (meldingen.telling, kept with every change of an incident).
    The figures page and the evaluation's quarters both count from here."""
    telling = opgeteld_per_categorie(scholen, jaar)
    categorieen = list(Categorie.objects.filter(bovenliggend__isnull=True).order_by("volgorde"))
    return categorieen, [telling.get(c.pk, [0] * len(MAANDEN)) for c in categorieen]


def _rijen(categorieen, tabel: Tabel) -> list[dict]:
    return [
        {"categorie": c, "cellen": cellen, "totaal": totaal}
        for c, cellen, totaal in zip(categorieen, tabel.rijen, tabel.rijtotalen, strict=True)
    ]


def per_categorie_en_maand(scholen, jaar: int) -> tuple[list[dict], Tabel]:
    """Incidents per main category and month of the year, protected."""
    categorieen, per_maand = _per_maand(scholen, jaar)
    tabel = beveilig(per_maand, len(MAANDEN))
    return _rijen(categorieen, tabel), tabel


def per_categorie_en_kwartaal(scholen, jaar: int) -> tuple[list[dict], Tabel]:
    """Incidents per main category and quarter of the year, protected (art. 8): the sums of
    the months the figures page counts (one query, _per_maand), protected together with them."""
    categorieen, per_maand = _per_maand(scholen, jaar)
    tabel = kwartalen_naast_maanden(per_maand)
    return _rijen(categorieen, tabel), tabel


def kwartalen_naast_maanden(per_maand: list[list[int]]) -> Tabel:
    """The quarters of a table of months, as they may be shown beside the months.

    The same people read both tables (the figures page and the evaluation report). So the
    quarters are protected together with the months as beveilig shows them: a quarter holding
    one hidden month beside two shown ones would give the hidden month away, and so could a
    quarter's total. The months stay exactly as they are shown; only quarters are hidden
    further.
    """
    maanden = beveilig(per_maand, len(MAANDEN))

    def maand(i, j):
        return ("maand", i, j)

    def kwartaal(i, q):
        return ("kwartaal", i, q)

    waarden, lijnen, _, r, k = _rooster(per_maand, len(MAANDEN), maand)
    per_kwartaal = [[sum(rij[3 * (q - 1) : 3 * q]) for q in KWARTALEN] for rij in per_maand]
    kwartaalwaarden, kwartaallijnen, totalen, _, kk = _rooster(
        per_kwartaal, len(KWARTALEN), kwartaal
    )
    waarden |= kwartaalwaarden
    lijnen += kwartaallijnen
    # Each quarter is the sum of its three months, in every row and in the totals row.
    for i in range(r + 1):
        lijnen += [([maand(i, 3 * q + d) for d in range(3)], kwartaal(i, q)) for q in range(kk)]
    gepubliceerd = {maand(i, j): getoond for (i, j), getoond in _cellen(maanden, r, k)}
    # A category's year total is one number in both tables: shown as the months show it.
    gepubliceerd |= {kwartaal(i, kk): gepubliceerd[maand(i, k)] for i in range(r + 1)}
    getoond = beveilig_telling(waarden, lijnen, totalen=totalen, gepubliceerd=gepubliceerd)
    return _tabel(getoond, r, kk, kwartaal)


def _cellen(tabel: Tabel, r: int, k: int):
    """Every entry of a shown table by its position, the totals in row r and column k."""
    for i in range(r + 1):
        rij = (
            [*tabel.rijen[i], tabel.rijtotalen[i]] if i < r else [*tabel.kolomtotalen, tabel.totaal]
        )
        for j in range(k + 1):
            yield (i, j), rij[j]


def per_gebied_en_sector(scholen, jaar: int) -> tuple[list[dict], Tabel]:
    """One aggregate query: incidents per meeting area and school sector, protected."""
    telling = opgeteld_per_gebied(scholen, jaar)
    gebieden = list(Overleggebied.objects.all())
    tabel = beveilig(
        [[telling.get((g.pk, s), 0) for s in Sector.values] for g in gebieden], len(Sector.values)
    )
    rijen = [
        {"gebied": g, "cellen": cellen, "totaal": totaal}
        for g, cellen, totaal in zip(gebieden, tabel.rijen, tabel.rijtotalen, strict=True)
    ]
    return rijen, tabel
