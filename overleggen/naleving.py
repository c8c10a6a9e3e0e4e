"""Compliance with the meeting structure (art. 5, 6, 7): given a kind of meeting, a scope and a
period, the status, citing the article the requirement comes from.

The dashboard gathers its counts in one aggregate query and a fixed number of lookups, so the
number of queries does not grow with schools, meetings or years.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import BooleanField, Case, Count, Value, When
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from overleggen.models import Overleg, Overlegvorm

VOLDAAN = "voldaan"
GEPLAND = "gepland"
IN_TE_PLANNEN = "in_te_plannen"
TE_LAAT = "te_laat"
BOVEN_MAXIMUM = "boven_maximum"
NOG_NIET = "nog_niet"
GEEN_AFSPRAAK = "geen_afspraak"

LABELS = {
    VOLDAAN: _("met"),
    GEPLAND: _("planned"),
    IN_TE_PLANNEN: _("still to be planned"),
    TE_LAAT: _("too late"),
    BOVEN_MAXIMUM: _("above the maximum"),
    NOG_NIET: _("not yet due"),
    GEEN_AFSPRAAK: _("no agreement recorded"),
}
# Worst first: the order a summary of several periods picks from.
ERNST = [TE_LAAT, BOVEN_MAXIMUM, GEEN_AFSPRAAK, IN_TE_PLANNEN, GEPLAND, VOLDAAN, NOG_NIET]


def status(minimum: int, maximum: int | None, gehouden: int, gepland: int, voorbij: bool) -> str:
    """Art. 5.1, 5.2, 6.1-6.3, 7.1, 7.2: a kind of meeting is held at least `minimum` and, for
    the area meeting (6.3), at most `maximum` times in its period (a calendar year, or a month
    for the operational school-police meeting, 6.1).

    Only meetings marked as held count; cancelled ones never do, and a past planned meeting
    that was never confirmed does not count as held.
    """
    if maximum is not None and gehouden + gepland > maximum:
        return BOVEN_MAXIMUM
    if gehouden >= minimum:
        return VOLDAAN
    if voorbij:
        return TE_LAAT
    if gehouden + gepland >= minimum:
        return GEPLAND
    return IN_TE_PLANNEN


@dataclass
class Cel:
    status: str
    gehouden: int = 0
    gepland: int = 0
    niet_bevestigd: int = 0

    @property
    def label(self):
        return LABELS[self.status]


@dataclass
class Rij:
    vorm: Overlegvorm
    bereik: object  # None (city), Overleggebied, Wijk or School
    cel: Cel
    maanden: list[Cel] = field(default_factory=list)


def _telling(jaar: int, nu):
    """One query: meetings per kind, scope, month and status, split in past and future."""
    amsterdam = ZoneInfo(settings.TIME_ZONE)
    rijen = (
        Overleg.objects.filter(start__year=jaar)
        .exclude(status=Overleg.Status.GEANNULEERD)
        .annotate(
            maand=ExtractMonth("start", tzinfo=amsterdam),
            verleden=Case(
                When(start__lt=nu, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .values(
            "vorm_id", "school_id", "overleggebied_id", "wijk_id", "maand", "status", "verleden"
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    telling: dict[tuple, dict[str, int]] = {}
    for r in rijen:
        sleutel = (r["vorm_id"], r["school_id"], r["overleggebied_id"], r["wijk_id"], r["maand"])
        bak = telling.setdefault(sleutel, {"gehouden": 0, "gepland": 0, "niet_bevestigd": 0})
        if r["status"] == Overleg.Status.GEHOUDEN:
            bak["gehouden"] += r["n"]
        elif r["verleden"]:
            bak["niet_bevestigd"] += r["n"]
        else:
            bak["gepland"] += r["n"]
    return telling


def _som(telling, vorm, school=None, gebied=None, wijk=None, maanden=range(1, 13)):
    totaal = {"gehouden": 0, "gepland": 0, "niet_bevestigd": 0}
    for m in maanden:
        for k, v in telling.get((vorm.pk, school, gebied, wijk, m), {}).items():
            totaal[k] += v
    return totaal


def minimum_voor(vorm, bereik) -> int | None:
    """Art. 5.1: for the contact between a primary school and the police the minimum is what
    that school agreed (None: no agreement recorded); otherwise the kind's own minimum."""
    if vorm.minimum_per_school:
        return getattr(bereik, "politiecontact_per_jaar", None)
    return vorm.minimum


def _cel(vorm, bereik, aantallen, voorbij: bool, nog_niet: bool = False) -> Cel:
    if nog_niet and not any(aantallen.values()):
        return Cel(NOG_NIET)
    minimum = minimum_voor(vorm, bereik)
    if minimum is None:
        return Cel(GEEN_AFSPRAAK, **aantallen)
    return Cel(
        status(minimum, vorm.maximum, aantallen["gehouden"], aantallen["gepland"], voorbij),
        **aantallen,
    )


def _samenvatting(cellen: list[Cel]) -> Cel:
    relevant = [c for c in cellen if c.status != NOG_NIET] or cellen
    slechtste = min(relevant, key=lambda c: ERNST.index(c.status))
    return Cel(
        slechtste.status,
        gehouden=sum(c.gehouden for c in cellen),
        gepland=sum(c.gepland for c in cellen),
        niet_bevestigd=sum(c.niet_bevestigd for c in cellen),
    )


def dashboard(jaar: int, scholen, vandaag: date | None = None, vormen=None) -> list[Rij]:
    """Every kind of meeting against every scope it applies to, for the schools the user sees."""
    from partijen.models import Overleggebied, Wijk

    vandaag = vandaag or timezone.localdate()
    nu = timezone.now()
    telling = _telling(jaar, nu)
    scholen = list(scholen.filter(actief=True).select_related("overleggebied"))
    gebieden = list(Overleggebied.objects.filter(pk__in={s.overleggebied_id for s in scholen}))
    wijken = list(Wijk.objects.filter(pk__in={s.wijk_id for s in scholen if s.sector == "PO"}))
    jaar_voorbij = date(jaar, 12, 31) < vandaag
    rijen = []
    for vorm in vormen or Overlegvorm.objects.all():
        sectoren = set(vorm.sectoren)
        if vorm.reikwijdte == Overlegvorm.Reikwijdte.STAD:
            bereiken = [(None, {})]
        elif vorm.reikwijdte == Overlegvorm.Reikwijdte.GEBIED:
            bereiken = [(g, {"gebied": g.pk}) for g in gebieden]
        elif vorm.reikwijdte == Overlegvorm.Reikwijdte.WIJK:
            bereiken = [(w, {"wijk": w.pk}) for w in wijken]
        else:
            bereiken = [
                (s, {"school": s.pk}) for s in scholen if not sectoren or s.sector in sectoren
            ]
        for bereik, sleutel in bereiken:
            if vorm.periode == Overlegvorm.Periode.MAAND:
                maanden = []
                for m in range(1, 13):
                    laatste = date(jaar, m, calendar.monthrange(jaar, m)[1])
                    maanden.append(
                        _cel(
                            vorm,
                            bereik,
                            _som(telling, vorm, maanden=[m], **sleutel),
                            voorbij=laatste < vandaag,
                            nog_niet=date(jaar, m, 1) > vandaag,
                        )
                    )
                rijen.append(Rij(vorm, bereik, _samenvatting(maanden), maanden))
            else:
                rijen.append(
                    Rij(
                        vorm,
                        bereik,
                        _cel(vorm, bereik, _som(telling, vorm, **sleutel), voorbij=jaar_voorbij),
                    )
                )
    return rijen


def overlap_maximum(vorm, jaar: int, **bereik) -> bool:
    """Art. 6.3: would one more meeting of this kind in this scope and year pass the maximum?"""
    if vorm.maximum is None:
        return False
    bestaand = (
        Overleg.objects.filter(vorm=vorm, start__year=jaar, **bereik)
        .exclude(status=Overleg.Status.GEANNULEERD)
        .count()
    )
    return bestaand + 1 > vorm.maximum
