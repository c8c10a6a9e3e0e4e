"""Counts for the municipality and the boards: numbers and trends, never people (art. 8)."""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, F
from django.db.models.functions import Coalesce, ExtractMonth

from meldingen.models import Categorie, Melding
from partijen.models import Overleggebied, Sector

MAANDEN = list(range(1, 13))

# A cell hidden only so that a small number elsewhere cannot be computed from the totals. It is
# never shown as "<5": it may hold any number from the threshold up.
VERBORGEN = "x"


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
            nieuw = {
                som: (
                    max(laag[som], sum(laag[d] for d in delen)),
                    min(hoog[som], sum(hoog[d] for d in delen)),
                )
            }
            for d in delen:
                rest_onder = sum(laag[e] for e in delen if e != d)
                rest_boven = sum(hoog[e] for e in delen if e != d)
                nieuw[d] = (
                    max(laag[d], laag[som] - rest_boven),
                    min(hoog[d], hoog[som] - rest_onder),
                )
            for sleutel, (lo, hi) in nieuw.items():
                if (lo, hi) != (laag[sleutel], hoog[sleutel]):
                    laag[sleutel], hoog[sleutel] = lo, hi
                    veranderd = True
    return laag, hoog


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
    drempel = settings.CIJFERS_DREMPEL
    r = len(aantallen)
    # Without rows (no categories or areas yet) the table still has its columns and totals.
    k = len(aantallen[0]) if r else (kolommen or 0)
    waarden = {(i, j): aantallen[i][j] for i in range(r) for j in range(k)}
    for i in range(r):
        waarden[(i, k)] = sum(aantallen[i])
    for j in range(k):
        waarden[(r, j)] = sum(aantallen[i][j] for i in range(r))
    waarden[(r, k)] = sum(waarden[(i, k)] for i in range(r))
    # Each line: its parts and its total, rows and columns including the margins.
    lijnen = [([(i, j) for j in range(k)], (i, k)) for i in range(r + 1)]
    lijnen += [([(i, j) for i in range(r)], (r, j)) for j in range(k + 1)]
    primair = {s for s, n in waarden.items() if 0 < n < drempel}
    verborgen = set(primair)
    while True:
        laag, hoog = _grenzen(waarden, verborgen, primair, drempel, lijnen)
        vast = sorted(s for s in verborgen if laag[s] == hoog[s])
        if not vast:
            break
        kandidaten = [
            s
            for delen, som in lijnen
            if vast[0] in (*delen, som)
            for s in (*delen, som)
            if s not in verborgen and waarden[s] > 0
        ]
        if not kandidaten:
            kandidaten = [s for s in waarden if s not in verborgen and waarden[s] > 0]
        if not kandidaten:
            break
        # Hide inner cells before totals, the smallest first: the least is lost.
        verborgen.add(min(kandidaten, key=lambda s: (s[0] == r or s[1] == k, waarden[s], s)))

    def toon(s):
        if s in primair:
            return toon_aantal(waarden[s])
        return VERBORGEN if s in verborgen else str(waarden[s])

    return Tabel(
        rijen=[[toon((i, j)) for j in range(k)] for i in range(r)],
        rijtotalen=[toon((i, k)) for i in range(r)],
        kolomtotalen=[toon((r, j)) for j in range(k)],
        totaal=toon((r, k)),
    )


def _basis(scholen, jaar: int):
    amsterdam = ZoneInfo(settings.TIME_ZONE)
    return Melding.objects.filter(school__in=scholen, tijdstip__year=jaar).annotate(
        maand=ExtractMonth("tijdstip", tzinfo=amsterdam),
        hoofdcategorie=Coalesce(F("categorieen__bovenliggend"), F("categorieen")),
    )


def per_categorie_en_maand(scholen, jaar: int) -> tuple[list[dict], Tabel]:
    """One aggregate query: incidents per main category and month of the year, protected."""
    telling = {
        (r["hoofdcategorie"], r["maand"]): r["n"]
        for r in _basis(scholen, jaar)
        .values("hoofdcategorie", "maand")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    }
    categorieen = list(Categorie.objects.filter(bovenliggend__isnull=True).order_by("volgorde"))
    tabel = beveilig(
        [[telling.get((c.pk, m), 0) for m in MAANDEN] for c in categorieen], len(MAANDEN)
    )
    rijen = [
        {"categorie": c, "cellen": cellen, "totaal": totaal}
        for c, cellen, totaal in zip(categorieen, tabel.rijen, tabel.rijtotalen, strict=True)
    ]
    return rijen, tabel


def per_gebied_en_sector(scholen, jaar: int) -> tuple[list[dict], Tabel]:
    """One aggregate query: incidents per meeting area and school sector, protected."""
    telling = {
        (r["school__overleggebied"], r["school__sector"]): r["n"]
        for r in Melding.objects.filter(school__in=scholen, tijdstip__year=jaar)
        .values("school__overleggebied", "school__sector")
        .annotate(n=Count("id"))
        .order_by()
    }
    gebieden = list(Overleggebied.objects.all())
    tabel = beveilig(
        [[telling.get((g.pk, s), 0) for s in Sector.values] for g in gebieden], len(Sector.values)
    )
    rijen = [
        {"gebied": g, "cellen": cellen, "totaal": totaal}
        for g, cellen, totaal in zip(gebieden, tabel.rijen, tabel.rijtotalen, strict=True)
    ]
    return rijen, tabel
