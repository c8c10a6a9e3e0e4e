"""The facts the application gathers for an evaluation round's period (art. 4, 6.2, 7.2, 11.1):
for the whole city, as counts and trends, never a person or a student (art. 8).

Every figure comes from the computation its own page uses (the compliance dashboard, the
register's completeness view, the figures page), so the report and those pages cannot
disagree. Incident counts are protected as on the figures page (meldingen.cijfers): no count
below the threshold is shown or computable. The query count does not grow with the data.

The day the facts describe (`peildag`) is the period's last day, or today while the period
is still running: the register and the open action points are as they stood on that day.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from convenant.lidmaatschap import lidmaatschappen
from meldingen import cijfers, regels, telling
from meldingen.meldcode import MeldcodeDossier, MeldcodeStap
from meldingen.models import Melding, Politietelling
from overleggen import naleving
from overleggen.models import Actiepunt, Overlegvorm
from partijen.models import Organisatie, School
from partijen.regels import BEZETTINGSEISEN, Bezettingseis, met_tekorten, tekorten_van

# --- Meeting compliance (art. 5-7) -----------------------------------------------------------


@dataclass
class NalevingVanVorm:
    """One kind of meeting: per year, the number of its scopes (the city, each area,
    neighbourhood or school) in each status of the compliance dashboard. Every status is
    present, in the dashboard's order (worst first), zeros included."""

    vorm: Overlegvorm
    per_jaar: dict[int, dict[naleving.Nalevingsstatus, int]]


def _naleving(jaren: list[int], vandaag: date, vormen) -> list[NalevingVanVorm]:
    scholen = School.objects.all()  # the dashboard keeps the active ones itself
    per_jaar = {
        # The dashboard's plain rows (naleving.regels, cached): only their counts are shown,
        # so no row is made a model instance (issue 15).
        jaar: Counter(
            (regel.vorm_id, naleving.als_cel(regel.cel).status)
            for regel in naleving.regels(jaar, scholen, vandaag=vandaag, vormen=vormen)
        )
        for jaar in jaren
    }
    return [
        NalevingVanVorm(
            vorm,
            {
                jaar: {status: telling[(vorm.pk, status)] for status in naleving.ERNST}
                for jaar, telling in per_jaar.items()
            },
        )
        for vorm in vormen
    ]


# --- The register (art. 2.1, 2.2, 2.8, 3.1, 10.1, 10.2) -----------------------------------


@dataclass
class Registertekort:
    """One requirement of the register's completeness view and the active schools that fall
    short of it on the peildag (school names: organisations, not persons)."""

    eis: Bezettingseis  # code, artikel, omschrijving
    scholen: list[str]


@dataclass
class Partnerwijziging:
    organisatie: str
    datum: date  # the first day as a partner (10.1), or the last one after a notice (10.2)


@dataclass
class Register:
    actieve_scholen: int
    # Every requirement, in the completeness view's order, also when no school falls short.
    tekorten: list[Registertekort]
    partners: int  # partners on the peildag
    toegetreden: list[Partnerwijziging]  # joined within the period
    vertrokken: list[Partnerwijziging]  # left within the period (last day in it)


def _register(begin: date, einde: date, peildag: date) -> Register:
    actief = School.objects.filter(actief=True)
    per_eis = {eis.code: [] for eis in BEZETTINGSEISEN}
    for school in met_tekorten(actief, peildag):
        for eis in tekorten_van(school):
            per_eis[eis.code].append(school.naam)
    leden = lidmaatschappen().values()
    namen = dict(
        Organisatie.objects.filter(pk__in=[lid.organisatie_id for lid in leden]).values_list(
            "pk", "naam"
        )
    )

    def binnen(datums):
        return sorted(
            (Partnerwijziging(namen[p], d) for p, d in datums if d and begin <= d <= einde),
            key=lambda w: (w.datum, w.organisatie),
        )

    return Register(
        actieve_scholen=actief.count(),
        tekorten=[Registertekort(eis, per_eis[eis.code]) for eis in BEZETTINGSEISEN],
        partners=sum(lid.op(peildag) for lid in leden),
        toegetreden=binnen((lid.organisatie_id, lid.begin) for lid in leden),
        vertrokken=binnen((lid.organisatie_id, lid.einde) for lid in leden),
    )


# --- Incidents (art. 2.4-2.6, 2.11, 3.2, 6.2), protected (art. 8) -----------------------------


@dataclass
class Incidentenjaar:
    """One calendar year the period touches, the whole year, as on the figures page."""

    jaar: int
    kwartalen: list[int]  # the quarters of this year that lie (partly) within the period
    per_categorie: list[dict]  # per main category: categorie, cellen (a quarter each), totaal
    categorie_tabel: cijfers.Tabel
    per_gebied: list[dict]  # per meeting area: gebied, cellen (a sector each), totaal
    gebied_tabel: cijfers.Tabel


@dataclass
class Aandeel:
    """A share as it may be shown: the part and the whole as counts ("12", "<5", "x"), and the
    fraction only when the whole reaches the threshold and neither the part nor the rest is
    hidden (a share of a shown whole would otherwise give the hidden count away)."""

    deel: str
    geheel: str
    fractie: float | None

    @property
    def procent(self) -> int | None:
        return None if self.fractie is None else round(100 * self.fractie)


@dataclass
class Politiecijfers:
    """The incidents of the period and their reports to the police (art. 2.4-2.6), and how the
    police answered them (art. 3.2), judged with what is known today."""

    meldingen: str
    gemeld: Aandeel  # reported to the police, of all incidents
    binnen_termijn: Aandeel  # intervention by the final day, of the reports whose term is over
    te_laat: str  # no intervention by the final day
    loopt: str  # final day not yet passed, no intervention yet


@dataclass
class Meldcodecijfers:
    """The meldcode (art. 2.11): records opened in the period, and the decisions (step 5)
    taken in it, one per record (its last)."""

    geopend: str
    beslissingen: list[tuple[MeldcodeStap.Beslissing, str]]
    beslist: str


def _incidentenjaar(scholen, jaar: int, begin: date, einde: date) -> Incidentenjaar:
    per_categorie, categorie_tabel = cijfers.per_categorie_en_kwartaal(scholen, jaar)
    per_gebied, gebied_tabel = cijfers.per_gebied_en_sector(scholen, jaar)
    kwartalen = [
        q
        for q in cijfers.KWARTALEN
        if date(jaar, 3 * q - 2, 1) <= einde and begin < _eerste_dag_na_kwartaal(jaar, q)
    ]
    return Incidentenjaar(jaar, kwartalen, per_categorie, categorie_tabel, per_gebied, gebied_tabel)


def _eerste_dag_na_kwartaal(jaar: int, q: int) -> date:
    return date(jaar + 1, 1, 1) if q == 4 else date(jaar, 3 * q + 1, 1)


def _in_periode(begin: date, einde: date, veld: str = "tijdstip") -> Q:
    # The local days (Europe/Amsterdam, the current time zone), as the figures page counts,
    # as a range of moments: the index on the moment serves it, where the local date of every
    # incident of the city had to be computed (issue 15).
    van = timezone.make_aware(datetime.combine(begin, time.min))
    tot = timezone.make_aware(datetime.combine(einde + timedelta(days=1), time.min))
    return Q(**{f"{veld}__gte": van, f"{veld}__lt": tot})


def _aandeel(getoond: dict, deel, rest, geheel, waarden: dict) -> Aandeel:
    zichtbaar = all(getoond[s].isdigit() for s in (deel, rest, geheel))
    genoeg = waarden[geheel] >= settings.CIJFERS_DREMPEL
    return Aandeel(
        getoond[deel],
        getoond[geheel],
        waarden[deel] / waarden[geheel] if zichtbaar and genoeg else None,
    )


def _politietellingen(scholen, begin: date, einde: date, vandaag: date, jaren) -> dict:
    """The unprotected counts behind Politiecijfers, in one aggregate query: meldingen, gemeld,
    op_tijd, te_laat, loopt and jaar_<year> per year in `jaren`."""
    if telling.hele_stad(scholen):
        # The whole city: its incidents per local day as kept with every change
        # (meldingen.politietelling), some 6,000 rows a year at scale 10 instead of the incidents
        # and their reports (issue 15). The same conditions, on the count's own fields.
        rijen = Politietelling.objects.filter(dag__gte=begin, dag__lte=einde)
        stap, uiterlijk, gemeld = "stap_op_de_dag", "reactie_uiterlijk", Q(gemeld=True)

        def aantal(filter=None):
            return Coalesce(Sum("aantal", filter=filter), 0)

        def in_jaar(jaar):
            return Q(dag__year=jaar)
    else:
        # The step each report had reached at the end of its final day: kept on the report
        # (Politiemelding.stap_op_de_dag), so this is one pass over the period's incidents.
        rijen = Melding.objects.filter(_in_periode(begin, einde), school__in=scholen)
        stap, uiterlijk = "politiemelding__stap_op_de_dag", "politiemelding__reactie_uiterlijk"
        gemeld = Q(politiemelding__isnull=False)

        def aantal(filter=None):
            return Count("id", filter=filter)

        def in_jaar(jaar):
            return Q(tijdstip__year=jaar)

    met_termijn = Q(**{f"{uiterlijk}__isnull": False})
    over_de_termijn = met_termijn & regels.over_de_termijn(vandaag, stap, uiterlijk)
    loopt = regels.politie_loopt(stap)
    return rijen.aggregate(
        meldingen=aantal(),
        gemeld=aantal(gemeld),
        op_tijd=aantal(met_termijn & ~loopt),
        te_laat=aantal(over_de_termijn),
        loopt=aantal(met_termijn & loopt & ~over_de_termijn),
        **{f"jaar_{j.jaar}": aantal(in_jaar(j.jaar)) for j in jaren},
    )


def _politie(scholen, begin: date, einde: date, vandaag: date, jaren: list[Incidentenjaar]):
    """One aggregate query (_politietellingen). Art. 3.2's one definition
    (regels.over_de_termijn) is read with the police step each report had reached at the end of its final day: a report is late when its
    intervention had not happened by then, and answered in time when it had. The `te_laat` of
    the incident list (the step reached today) forgets a report that was answered late.
    """
    tellingen = _politietellingen(scholen, begin, einde, vandaag, jaren)
    # The counts and how they add up: incidents = reported + not reported; reported = answered
    # in time + late + still running (+ any without a final day).
    meldingen, gemeld, niet_gemeld = ("meldingen",), ("gemeld",), ("niet_gemeld",)
    op_tijd, te_laat, loopt = ("op_tijd",), ("te_laat",), ("loopt",)
    beslist, zonder_termijn = ("beslist",), ("zonder_termijn",)
    waarden = {s: tellingen[s[0]] for s in (meldingen, gemeld, op_tijd, te_laat, loopt)}
    waarden[niet_gemeld] = waarden[meldingen] - waarden[gemeld]
    waarden[beslist] = waarden[op_tijd] + waarden[te_laat]
    waarden[zonder_termijn] = waarden[gemeld] - waarden[beslist] - waarden[loopt]
    lijnen = [
        ([gemeld, niet_gemeld], meldingen),
        ([op_tijd, te_laat], beslist),
        ([beslist, loopt, zonder_termijn], gemeld),
    ]
    # A period of whole calendar years: its incidents are the sum of those years' totals on the
    # figures page (the area table), which stay as that page shows them.
    gepubliceerd = {}
    if begin == date(begin.year, 1, 1) and einde == date(einde.year, 12, 31):
        for j in jaren:
            waarden[("jaar", j.jaar)] = tellingen[f"jaar_{j.jaar}"]
            gepubliceerd[("jaar", j.jaar)] = j.gebied_tabel.totaal
        lijnen.append(([("jaar", j.jaar) for j in jaren], meldingen))
    getoond = cijfers.beveilig_telling(
        waarden, lijnen, totalen={meldingen, gemeld, beslist}, gepubliceerd=gepubliceerd
    )
    return Politiecijfers(
        meldingen=getoond[meldingen],
        gemeld=_aandeel(getoond, gemeld, niet_gemeld, meldingen, waarden),
        binnen_termijn=_aandeel(getoond, op_tijd, te_laat, beslist, waarden),
        te_laat=getoond[te_laat],
        loopt=getoond[loopt],
    )


def _meldcode(scholen, begin: date, einde: date) -> Meldcodecijfers:
    """Two aggregate queries over the restricted records: counts only, never a record."""
    beslissen = MeldcodeStap.objects.filter(
        stap=MeldcodeStap.Stap.BESLISSEN, datum__gte=begin, datum__lte=einde
    ).exclude(beslissing="")
    later = beslissen.filter(dossier=OuterRef("dossier")).filter(
        Q(datum__gt=OuterRef("datum")) | Q(datum=OuterRef("datum"), pk__gt=OuterRef("pk"))
    )
    laatste = beslissen.filter(~Exists(later))
    geopend = MeldcodeDossier.objects.filter(_in_periode(begin, einde, "geopend_op"))
    if not telling.hele_stad(scholen):
        # The whole city needs no school of a record (a join of every decision, issue 15).
        laatste = laatste.filter(dossier__school__in=scholen)
        geopend = geopend.filter(school__in=scholen)
    per_beslissing = dict(laatste.values_list("beslissing").annotate(n=Count("id")).order_by())
    geopend = geopend.count()
    soorten = list(MeldcodeStap.Beslissing)
    delen = [("beslissing", b.value) for b in soorten]
    waarden = {s: per_beslissing.get(s[1], 0) for s in delen}
    waarden[("beslist",)] = sum(waarden.values())
    getoond = cijfers.beveilig_telling(waarden, [(delen, ("beslist",))], totalen={("beslist",)})
    return Meldcodecijfers(
        geopend=cijfers.toon_aantal(geopend),
        beslissingen=[(b, getoond[("beslissing", b.value)]) for b in soorten],
        beslist=getoond[("beslist",)],
    )


# --- Action points of the meetings -----------------------------------------------------------


@dataclass
class ActiepuntenVanVorm:
    """The action points of one kind of meeting still open on the peildag, and how many of
    those were past their due date then (the due date itself is still in time)."""

    vorm: Overlegvorm
    open: int
    te_laat: int


def _actiepunten(peildag: date, vormen) -> list[ActiepuntenVanVorm]:
    per_vorm = {
        r["overleg__vorm"]: r
        # Meetings that started on or before the peildag (local), as a moment: no time zone
        # conversion of every meeting of the city (issue 15).
        for r in Actiepunt.objects.filter(
            overleg__start__lt=timezone.make_aware(
                datetime.combine(peildag + timedelta(days=1), time.min)
            )
        )
        .filter(Q(afgerond_op__isnull=True) | Q(afgerond_op__gt=peildag))
        .values("overleg__vorm")
        .annotate(open=Count("id"), te_laat=Count("id", filter=Q(deadline__lt=peildag)))
        .order_by()
    }
    leeg = {"open": 0, "te_laat": 0}
    return [
        ActiepuntenVanVorm(vorm, **{k: per_vorm.get(vorm.pk, leeg)[k] for k in leeg})
        for vorm in vormen
    ]


# --- All facts --------------------------------------------------------------------------------


@dataclass
class Feiten:
    begin: date
    einde: date
    peildag: date  # the period's last day, or today while it runs
    jaren: list[int]  # the calendar years the period touches
    naleving_jaren: list[int]  # those years and the year before them, for the trend
    naleving: list[NalevingVanVorm]  # per kind of meeting, in the order of the covenant
    register: Register
    incidenten: list[Incidentenjaar]  # one per year in `jaren`
    politie: Politiecijfers  # over the period itself
    meldcode: Meldcodecijfers  # over the period itself
    actiepunten: list[ActiepuntenVanVorm]  # per kind of meeting, on the peildag
    # Art. 11.2: the improvement actions of earlier rounds. Not gathered here: the caller,
    # which owns the rounds and their actions (evaluatie.models), fills it.
    verbeteracties: list = field(default_factory=list)


def verzamel(begin: date, einde: date, vandaag: date | None = None) -> Feiten:
    """Everything the evaluation report shows for the period `begin` to `einde` (inclusive),
    for the whole city: the projectleider's view. Incident tables per calendar year the period
    touches (the whole year, equal to the figures page for it), the shares over the period
    itself, meeting compliance for those years and the year before (the dashboard's)."""
    if einde < begin:
        raise ValueError("The period ends before it begins.")
    vandaag = vandaag or timezone.localdate()
    peildag = min(einde, vandaag)
    jaren = list(range(begin.year, einde.year + 1))
    # Incidents of a school that has closed since still count in the year they happened, as
    # on the figures page, which shows the projectleider every school.
    scholen = School.objects.all()
    incidenten = [_incidentenjaar(scholen, jaar, begin, einde) for jaar in jaren]
    vormen = list(Overlegvorm.objects.all())
    return Feiten(
        begin=begin,
        einde=einde,
        peildag=peildag,
        jaren=jaren,
        naleving_jaren=[jaren[0] - 1, *jaren],
        naleving=_naleving([jaren[0] - 1, *jaren], vandaag, vormen),
        register=_register(begin, einde, peildag),
        incidenten=incidenten,
        politie=_politie(scholen, begin, einde, vandaag, incidenten),
        meldcode=_meldcode(scholen, begin, einde),
        actiepunten=_actiepunten(peildag, vormen),
    )
