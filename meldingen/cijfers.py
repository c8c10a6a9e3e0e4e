"""Counts for the municipality and the boards: numbers and trends, never people (art. 8)."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, F
from django.db.models.functions import Coalesce, ExtractMonth

from meldingen.models import Categorie, Melding
from partijen.models import Overleggebied, Sector

MAANDEN = list(range(1, 13))


def toon_aantal(n: int) -> str:
    """Art. 8: counts are shared, people are not. A count between 1 and the threshold (5) could
    point to a person in a small school, so it is shown as "<5"."""
    drempel = settings.CIJFERS_DREMPEL
    return f"<{drempel}" if 0 < n < drempel else str(n)


def _basis(scholen, jaar: int):
    amsterdam = ZoneInfo(settings.TIME_ZONE)
    return Melding.objects.filter(school__in=scholen, tijdstip__year=jaar).annotate(
        maand=ExtractMonth("tijdstip", tzinfo=amsterdam),
        hoofdcategorie=Coalesce(F("categorieen__bovenliggend"), F("categorieen")),
    )


def per_categorie_en_maand(scholen, jaar: int) -> list[dict]:
    """One aggregate query: incidents per main category and month of the year."""
    telling = {
        (r["hoofdcategorie"], r["maand"]): r["n"]
        for r in _basis(scholen, jaar)
        .values("hoofdcategorie", "maand")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    }
    rijen = []
    for cat in Categorie.objects.filter(bovenliggend__isnull=True).order_by("volgorde"):
        aantallen = [telling.get((cat.pk, m), 0) for m in MAANDEN]
        rijen.append(
            {
                "categorie": cat,
                "cellen": [toon_aantal(n) for n in aantallen],
                "totaal": toon_aantal(sum(aantallen)),
            }
        )
    return rijen


def per_gebied_en_sector(scholen, jaar: int) -> list[dict]:
    """One aggregate query: incidents per meeting area and school sector."""
    telling = {
        (r["school__overleggebied"], r["school__sector"]): r["n"]
        for r in Melding.objects.filter(school__in=scholen, tijdstip__year=jaar)
        .values("school__overleggebied", "school__sector")
        .annotate(n=Count("id"))
        .order_by()
    }
    return [
        {
            "gebied": g,
            "cellen": [toon_aantal(telling.get((g.pk, s), 0)) for s in Sector.values],
            "totaal": toon_aantal(sum(telling.get((g.pk, s), 0) for s in Sector.values)),
        }
        for g in Overleggebied.objects.all()
    ]
