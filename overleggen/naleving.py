"""Compliance with the meeting structure (art. 5, 6, 7): given a kind of meeting, a scope and a
period, the status, citing the article the requirement comes from.

The dashboard gathers its counts in one aggregate query and a fixed number of lookups, so the
number of queries does not grow with schools, meetings or years.
"""

import calendar
import hashlib
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple
from uuid import uuid4
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db import connection, models
from django.db.models import BooleanField, Case, Count, Min, Value, When
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from convenant import looptijd
from convenant.lidmaatschap import Lidmaatschap, lidmaatschappen
from overleggen.models import BEREIKVELDEN, Overleg, Overlegvorm
from partijen.models import Sector


class Nalevingsstatus(models.TextChoices):
    """How a kind of meeting in one scope and period stands. Worst first: the order a
    summary of several periods picks from, and the order the dashboard lists them in."""

    TE_LAAT = "te_laat", _("too late")
    BOVEN_MAXIMUM = "boven_maximum", _("above the maximum")
    GEEN_AFSPRAAK = "geen_afspraak", _("no agreement recorded")
    IN_TE_PLANNEN = "in_te_plannen", _("still to be planned")
    GEPLAND = "gepland", _("planned")
    VOLDAAN = "voldaan", _("met")
    NOG_NIET = "nog_niet", _("not yet due")
    NIET_VERPLICHT = "niet_verplicht", _("not required yet (art. 10.1)")
    GEEINDIGD = "geeindigd", _("after the covenant's end (art. 10.3)")
    GEEN_PARTNER = "geen_partner", _("no covenant partner")


ERNST = list(Nalevingsstatus)
# Periods that ask nothing (yet) do not decide the summary of a year.
ZONDER_PLICHT = {
    Nalevingsstatus.NOG_NIET,
    Nalevingsstatus.NIET_VERPLICHT,
    Nalevingsstatus.GEEINDIGD,
    Nalevingsstatus.GEEN_PARTNER,
}


def status(
    minimum: int, maximum: int | None, gehouden: int, gepland: int, voorbij: bool
) -> Nalevingsstatus:
    """Art. 5.1, 5.2, 6.1-6.3, 7.1, 7.2: a kind of meeting is held at least `minimum` and, for
    the area meeting (6.3), at most `maximum` times in its period (a calendar year, or a month
    for the operational school-police meeting, 6.1).

    Only meetings marked as held count; cancelled ones never do, and a past planned meeting
    that was never confirmed does not count as held.
    """
    if maximum is not None and gehouden + gepland > maximum:
        return Nalevingsstatus.BOVEN_MAXIMUM
    if gehouden >= minimum:
        return Nalevingsstatus.VOLDAAN
    if voorbij:
        return Nalevingsstatus.TE_LAAT
    if gehouden + gepland >= minimum:
        return Nalevingsstatus.GEPLAND
    return Nalevingsstatus.IN_TE_PLANNEN


def verplicht_minimum(
    minimum: int, begin: date, einde: date, ingang: date | None, uitgang: date | None = None
) -> int | None:
    """Art. 10.1: "De datum van ondertekening van het convenant is de datum van inwerkingtreding
    hiervan voor de desbetreffende convenantpartners": a partner's duties start on the day it
    signed, and (art. 10.2) end with the last day of its membership after a notice, `uitgang`.
    So a period (month or year, `begin` to `einde` inclusive) asks only for the part of
    `minimum` that falls within the membership.

    - No signing (None): not a covenant partner, no covenant duties at all (returns None).
    - A period wholly within the membership asks the full minimum; one wholly outside it asks
      nothing.
    - A period the membership covers partly asks the minimum pro rata, rounded down: "at least
      n a year" is once every 1/n of a year, and only such stretches that lie wholly within the
      membership are owed. Signed on 1 July, the Kerngroep (four a year) owes two that year;
      signed on 13 November, a yearly meeting is first owed in the next calendar year. For the
      monthly meeting (6.1) the month of signing is not owed unless signed on its first day;
      the first whole month after is. Nobody is late for a meeting they could not have been
      asked to hold.
    """
    if ingang is None:
        return None
    van, tot = max(begin, ingang), min(einde, uitgang) if uitgang else einde
    if van > tot:
        return 0
    if (van, tot) == (begin, einde):
        return minimum
    dagen = (einde - begin).days + 1
    gebonden = (tot - van).days + 1
    return minimum * gebonden // dagen


@dataclass
class Cel:
    status: Nalevingsstatus
    gehouden: int = 0
    gepland: int = 0
    niet_bevestigd: int = 0
    minimum: int | None = None  # what this period asks, after art. 10.1

    @property
    def label(self):
        return Nalevingsstatus(self.status).label


@dataclass
class Rij:
    vorm: Overlegvorm
    bereik: object  # None (city), Overleggebied, Wijk or School
    cel: Cel
    maanden: list[Cel] = field(default_factory=list)
    ingang: date | None = None  # when the covenant took effect for this scope (art. 10.1)
    uitgang: date | None = None  # the last day of its membership after a notice (art. 10.2)


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
        .values("vorm_id", *(f"{veld}_id" for veld in BEREIKVELDEN), "maand", "status", "verleden")
        .annotate(n=Count("id"))
        .order_by()
    )
    telling: dict[tuple, dict[str, int]] = {}
    for r in rijen:
        bereik = tuple(r[f"{veld}_id"] for veld in BEREIKVELDEN)
        sleutel = (r["vorm_id"], bereik, r["maand"])
        bak = telling.setdefault(sleutel, {"gehouden": 0, "gepland": 0, "niet_bevestigd": 0})
        if r["status"] == Overleg.Status.GEHOUDEN:
            bak["gehouden"] += r["n"]
        elif r["verleden"]:
            bak["niet_bevestigd"] += r["n"]
        else:
            bak["gepland"] += r["n"]
    return telling


def _som(telling, vorm, bereik, maanden=range(1, 13)):
    """The counts of the meetings of this kind in this scope: those whose scope field
    (Overlegvorm.bereikveld) holds it and whose other scope fields are empty."""
    ids = tuple(bereik.pk if veld == vorm.bereikveld else None for veld in BEREIKVELDEN)
    totaal = {"gehouden": 0, "gepland": 0, "niet_bevestigd": 0}
    for m in maanden:
        for k, v in telling.get((vorm.pk, ids, m), {}).items():
            totaal[k] += v
    return totaal


def minimum_voor(vorm, bereik) -> int | None:
    """Art. 5.1: for the contact between a primary school and the police the minimum is what
    that school agreed (None: no agreement recorded); otherwise the kind's own minimum."""
    if vorm.minimum_per_school:
        return getattr(bereik, "politiecontact_per_jaar", None)
    return vorm.minimum


def _cel(
    vorm, bereik, aantallen, begin: date, einde: date, lid, vandaag: date, slot: date | None
) -> Cel:
    ingang, uitgang = (lid.begin, lid.einde) if lid else (None, None)
    if ingang is None:
        return Cel(Nalevingsstatus.GEEN_PARTNER, **aantallen)
    # Art. 10.3: a period that starts after the term's last day (`slot`, with the extensions
    # decided) asks nothing; the term's last period still asks its full minimum.
    if slot and begin > slot:
        return Cel(Nalevingsstatus.GEEINDIGD, **aantallen)
    # A month still to come is not due; a year still to come is already there to be planned.
    if (
        vorm.periode == Overlegvorm.Periode.MAAND
        and begin > vandaag
        and not any(aantallen.values())
    ):
        return Cel(Nalevingsstatus.NOG_NIET)
    minimum = minimum_voor(vorm, bereik)
    if minimum is None:
        return Cel(Nalevingsstatus.GEEN_AFSPRAAK, **aantallen)
    minimum = verplicht_minimum(minimum, begin, einde, ingang, uitgang)
    if minimum == 0 and not aantallen["gehouden"]:
        return Cel(Nalevingsstatus.NIET_VERPLICHT, minimum=0, **aantallen)
    return Cel(
        status(minimum, vorm.maximum, aantallen["gehouden"], aantallen["gepland"], einde < vandaag),
        minimum=minimum,
        **aantallen,
    )


def _ingangen() -> tuple[dict[int, Lidmaatschap], Lidmaatschap | None]:
    """Each partner's membership (convenant.lidmaatschap), and the covenant's own: from its
    first signing (10.1), open-ended, for the city's, areas' and neighbourhoods' meetings."""
    per_organisatie = lidmaatschappen()
    eerste = min((lid.begin for lid in per_organisatie.values()), default=None)
    return per_organisatie, Lidmaatschap(0, eerste) if eerste else None


def _samenvatting(cellen: list[Cel]) -> Cel:
    relevant = [c for c in cellen if c.status not in ZONDER_PLICHT] or cellen
    slechtste = min(relevant, key=lambda c: ERNST.index(c.status))
    return Cel(
        slechtste.status,
        gehouden=sum(c.gehouden for c in cellen),
        gepland=sum(c.gepland for c in cellen),
        niet_bevestigd=sum(c.niet_bevestigd for c in cellen),
        minimum=sum(c.minimum or 0 for c in cellen),
    )


class Regel(NamedTuple):
    """A row of the dashboard as the cache keeps it: ids and plain values, which load in a
    fraction of the time model instances do (issue 15). als_rijen makes them Rij again."""

    vorm_id: int
    reikwijdte: str
    bereik_id: int | None
    cel: tuple  # (status, gehouden, gepland, niet_bevestigd, minimum)
    maanden: tuple  # of such tuples, one per month, for the monthly kind (6.1)
    ingang: date | None
    uitgang: date | None


class _Bereik(NamedTuple):
    # What the computation reads of a scope; an area or neighbourhood has only its id.
    pk: int
    bestuur_id: int | None = None
    sector: str = ""
    politiecontact_per_jaar: int | None = None
    overleggebied_id: int | None = None
    wijk_id: int | None = None


_SCHOOLVELDEN = (
    "pk",
    "bestuur_id",
    "sector",
    "politiecontact_per_jaar",
    "overleggebied_id",
    "wijk_id",
)
# The computation's own version: a deployment that changes this module never reads rows its
# predecessor kept.
_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


def _als_tuple(cel: Cel) -> tuple:
    return (str(cel.status), cel.gehouden, cel.gepland, cel.niet_bevestigd, cel.minimum)


def als_cel(waarden: tuple) -> Cel:
    """A cell of a Regel (plain values) as a Cel."""
    return Cel(Nalevingsstatus(waarden[0]), *waarden[1:])


def _bereken(jaar: int, scholen: list[_Bereik], vandaag: date, nu, vormen) -> list[Regel]:
    """Every kind of meeting against every scope it applies to (see dashboard)."""
    from partijen.models import Overleggebied, Wijk

    telling = _telling(jaar, nu)
    per_bestuur, convenant_zelf = _ingangen()
    slot = looptijd.laatste_dag()
    gebieden = Overleggebied.objects.filter(pk__in={s.overleggebied_id for s in scholen})
    wijken = Wijk.objects.filter(pk__in={s.wijk_id for s in scholen if s.sector == Sector.PO})
    R = Overlegvorm.Reikwijdte
    per_reikwijdte = {
        R.STAD: [None],
        R.GEBIED: [_Bereik(pk) for pk in gebieden.values_list("pk", flat=True)],
        R.WIJK: [_Bereik(pk) for pk in wijken.values_list("pk", flat=True)],
        R.SCHOOL: scholen,
    }
    regels = []
    for vorm in vormen:
        sectoren = set(vorm.sectoren)
        bereiken = per_reikwijdte[vorm.reikwijdte]
        per_school = vorm.reikwijdte == R.SCHOOL
        if per_school:
            bereiken = [s for s in bereiken if not sectoren or s.sector in sectoren]
        for bereik in bereiken:
            lid = per_bestuur.get(bereik.bestuur_id) if per_school else convenant_zelf
            ingang, uitgang = (lid.begin, lid.einde) if lid else (None, None)
            maanden = ()
            if vorm.periode == Overlegvorm.Periode.MAAND:
                cellen = [
                    _cel(
                        vorm,
                        bereik,
                        _som(telling, vorm, bereik, maanden=[m]),
                        date(jaar, m, 1),
                        date(jaar, m, calendar.monthrange(jaar, m)[1]),
                        lid,
                        vandaag,
                        slot,
                    )
                    for m in range(1, 13)
                ]
                cel = _samenvatting(cellen)
                maanden = tuple(_als_tuple(c) for c in cellen)
            else:
                cel = _cel(
                    vorm,
                    bereik,
                    _som(telling, vorm, bereik),
                    date(jaar, 1, 1),
                    date(jaar, 12, 31),
                    lid,
                    vandaag,
                    slot,
                )
            regels.append(
                Regel(
                    vorm.pk,
                    vorm.reikwijdte,
                    getattr(bereik, "pk", None),
                    _als_tuple(cel),
                    maanden,
                    ingang,
                    uitgang,
                )
            )
    return regels


def regels(jaar: int, scholen, vandaag: date | None = None, vormen=None) -> list[Regel]:
    """The dashboard's rows for the schools the user sees (a School queryset), as plain values.

    Kept in the cache (issue 15: at the scale of a city the computation is a second) under the
    database's Nalevingsstand token, the year, the day, the kinds and the schools, for as long
    as no meeting's start passes: a planned meeting counts as "not confirmed" from its start on.
    """
    from overleggen.models import Nalevingsstand

    vandaag = vandaag or timezone.localdate()
    nu = timezone.now()
    vormen = list(vormen) if vormen is not None else list(Overlegvorm.objects.all())
    scholen = [_Bereik(*r) for r in scholen.filter(actief=True).values_list(*_SCHOOLVELDEN)]
    token = Nalevingsstand.objects.values_list("token", flat=True).first()
    sleutel = (
        _CODE,
        connection.settings_dict["NAME"],
        token,
        jaar,
        vandaag,
        tuple(v.pk for v in vormen),
        tuple(scholen),
    )
    sleutel = "naleving:" + hashlib.sha256(repr(sleutel).encode()).hexdigest()
    bewaard = _GEHEUGEN.get(sleutel) or cache.get(sleutel)
    if bewaard is not None and bewaard[0] <= nu < bewaard[1]:
        _onthoud(sleutel, bewaard)
        return list(bewaard[2])  # a copy: a caller that sorts its rows sorts its own
    uitkomst = _bereken(jaar, scholen, vandaag, nu, vormen)
    # Until the next start of a meeting of the year: then "planned" becomes "not confirmed".
    volgende = (
        Overleg.objects.filter(start__year=jaar, start__gte=nu)
        .exclude(status=Overleg.Status.GEANNULEERD)
        .aggregate(m=Min("start"))["m"]
    ) or nu + timedelta(days=1)
    cache.set(sleutel, (nu, volgende, uitkomst), timeout=24 * 60 * 60)
    _onthoud(sleutel, (nu, volgende, uitkomst))
    return list(uitkomst)


# The last few answers of regels() in this process as well: at the scale of a city one answer
# is thousands of rows, and reading them from Redis again on every page took most of the
# dashboard's time (issue 15). The same key as the cache (the data's token, the day, the
# schools), so it is exactly as current.
_GEHEUGEN: OrderedDict[str, tuple] = OrderedDict()
GEHEUGEN_MAX = 8


def _onthoud(sleutel: str, waarde: tuple) -> None:
    _GEHEUGEN[sleutel] = waarde
    _GEHEUGEN.move_to_end(sleutel)
    while len(_GEHEUGEN) > GEHEUGEN_MAX:
        _GEHEUGEN.popitem(last=False)


def als_rijen(regels: list[Regel]) -> list[Rij]:
    """The rows with their kind and scope as model instances: four queries, whatever their
    number, so a page reads only the rows it shows."""
    from partijen.models import Overleggebied, School, Wijk

    R = Overlegvorm.Reikwijdte
    vormen = Overlegvorm.objects.in_bulk({r.vorm_id for r in regels})
    bronnen = {
        R.SCHOOL: School.objects.select_related("overleggebied"),
        R.GEBIED: Overleggebied.objects,
        R.WIJK: Wijk.objects,
    }
    objecten = {
        soort: bron.in_bulk({r.bereik_id for r in regels if r.reikwijdte == soort})
        for soort, bron in bronnen.items()
    }
    return [
        Rij(
            vormen[r.vorm_id],
            objecten[r.reikwijdte][r.bereik_id] if r.reikwijdte in objecten else None,
            als_cel(r.cel),
            [als_cel(m) for m in r.maanden],
            r.ingang,
            r.uitgang,
        )
        for r in regels
    ]


def dashboard(jaar: int, scholen, vandaag: date | None = None, vormen=None) -> list[Rij]:
    """Every kind of meeting against every scope it applies to, for the schools the user sees.

    A school's duties start when its board signed; the city's, areas' and neighbourhoods'
    meetings when the covenant was first signed (art. 10.1, see verplicht_minimum).
    """
    return als_rijen(regels(jaar, scholen, vandaag, vormen))


def verhoog_stand(**kwargs) -> None:
    """A change to what the dashboard reads: a new Nalevingsstand token (signal receiver, and
    called after the bulk loads that send no signals: laad_convenant, maak_demo, vul_stad)."""
    from overleggen.models import Nalevingsstand

    if not Nalevingsstand.objects.update(token=uuid4().hex):
        Nalevingsstand.objects.create(token=uuid4().hex)


def stand_modellen():
    """The models whose rows the dashboard reads (STYLE: the one list the signals follow)."""
    from convenant import models as c
    from partijen.models import Organisatie, Overleggebied, School, Wijk

    return [
        Overleg,
        Overlegvorm,
        School,
        Overleggebied,
        Wijk,
        Organisatie,
        c.Convenant,
        c.Lid,
        c.Ondertekening,
        c.Opzegging,
        c.Instemming,
        c.Verlenging,
        c.Wijziging,
        c.Lidwijziging,
    ]


def overlap_maximum(vorm, jaar: int, bereik) -> bool:
    """Art. 6.3: would one more meeting of this kind in this scope and year pass the maximum?"""
    if vorm.maximum is None:
        return False
    zelfde_bereik = {vorm.bereikveld: bereik} if vorm.bereikveld else {}
    bestaand = (
        Overleg.objects.filter(vorm=vorm, start__year=jaar, **zelfde_bereik)
        .exclude(status=Overleg.Status.GEANNULEERD)
        .count()
    )
    return bestaand + 1 > vorm.maximum
