"""What is due on meetings (issue 14): the user's open action points (art. 6.2, 7.1) by their
due date, a meeting the user organises that took place without a report, a kind of meeting
falling short in its period for its organiser (art. 5-7; the monthly school-police meeting,
6.1, in the month's last week), for the project leader a period that ended short (art. 4), and
for a participant a meeting coming up within a week."""

import calendar
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from overleggen import naleving, toegang
from overleggen.models import Actiepunt, Overleg, Overlegvorm
from partijen.rollen import Rol, rollen_van
from partijen.te_doen import Taak, gebundeld

# How long the project leader sees a period that ended short (overleg_gemist): a month after
# its last day, time enough to take it up with the organiser, after which the compliance
# dashboard keeps it and the list on the home page does not grow with every past period.
GEMIST_ZICHTBAAR_DAGEN = 30
# How long a meeting past without a report stays on its organiser's list (the "verslag" item).
VERSLAG_ZICHTBAAR_DAGEN = 90


def voor(user, vandaag: date) -> list[Taak]:
    taken = [
        Taak(
            soort="actiepunt",
            sleutel=f"actiepunt:{a.pk}",
            wat=_("Action point: %(wat)s") % {"wat": a.omschrijving},
            artikel=a.overleg.vorm.artikel,
            url=reverse("overleggen:actiepunt", args=[a.pk]),
            uiterlijk=a.deadline,
        )
        for a in Actiepunt.objects.filter(
            eigenaar__gebruiker=user, afgerond_op__isnull=True
        ).select_related("overleg__vorm")
    ]
    # A meeting held (its day passed) still marked planned and without a report: who planned it
    # or organises it (as signaal_voor: the municipality for the kinds nobody else organises)
    # records what happened, or the compliance dashboard cannot count it. Only for
    # VERSLAG_ZICHTBAAR_DAGEN: an older one stays on the dashboard as "not confirmed", and the
    # list does not grow with every meeting of the city's past (issue 15).
    nu = timezone.now()
    # Only the kinds the user hears of for some scope (signaal_voor without one is true for
    # every scope it is true for), and what the user planned: a register keeper sees every
    # meeting of the city, but records the report of few (issue 15).
    vormen = list(Overlegvorm.objects.all())
    eigen_vormen = [v.pk for v in vormen if signaal_voor(user, v)]
    zonder_verslag = (
        Overleg.objects.visible_to(user)
        .filter(Q(aangemaakt_door=user) | Q(vorm__in=eigen_vormen))
        .filter(
            status=Overleg.Status.GEPLAND,
            einde__lt=nu,
            einde__gte=nu - timedelta(days=VERSLAG_ZICHTBAAR_DAGEN),
            verslag="",
        )
        .select_related("vorm", "school", "overleggebied", "wijk")
        .order_by("start")
    )
    for o in zonder_verslag:
        if o.aangemaakt_door_id == user.pk or signaal_voor(
            user, o.vorm, o.school or o.overleggebied or o.wijk
        ):
            taken.append(
                Taak(
                    soort="verslag",
                    sleutel=f"overleg:{o.pk}",
                    wat=_("Record the report of %(overleg)s of %(dag)s")
                    % {
                        "overleg": o.vorm.naam,
                        "dag": timezone.localtime(o.start).strftime("%d-%m-%Y"),
                    },
                    artikel=o.vorm.artikel,
                    url=reverse("overleggen:detail", args=[o.pk]),
                    uiterlijk=timezone.localtime(o.einde).date(),
                )
            )
    if toegang.mag_plannen(user) or Rol.PROJECTLEIDER in rollen_van(user):
        taken += _tekorten(user, vandaag, vormen)
        taken += _gemist(user, vandaag, vormen)
    taken += _herinneringen(user, vandaag)
    return taken


# --- A kind of meeting falling short in its period (art. 5-7) ------------------------------


def periode_van(vorm, dag: date) -> tuple[date, date]:
    """The period of `dag` in which a kind of meeting is counted (art. 5-7): its calendar year,
    or its month for the operational school-police meeting (6.1). First and last day."""
    if vorm.periode == Overlegvorm.Periode.MAAND:
        laatste = calendar.monthrange(dag.year, dag.month)[1]
        return date(dag.year, dag.month, 1), date(dag.year, dag.month, laatste)
    return date(dag.year, 1, 1), date(dag.year, 12, 31)


def signaal_vanaf(vorm, einde: date) -> date:
    """Art. 5-7: a kind of meeting still short of its minimum is signalled to its organiser
    OVERLEG_SIGNAAL_WEKEN weeks before its period (ending on `einde`) ends, time enough to plan
    one; the monthly school-police meeting (6.1) in its month's last seven days."""
    weken = 1 if vorm.periode == Overlegvorm.Periode.MAAND else settings.OVERLEG_SIGNAAL_WEKEN
    return einde + timedelta(days=1) - timedelta(weeks=weken)


def signaal_voor(user, vorm, bereik=None) -> bool:
    """Art. 5-7: who hears that a kind of meeting falls short in a scope: its organiser
    (toegang.organiseert). The municipality may plan every kind (toegang.organiseert_stad), but
    is signalled only for the kinds nobody else organises (the city's and the neighbourhoods',
    5.1, 5.2, 7.1, 7.2); the safety manager's (6.2, 6.3) and the school's own (5.1, 6.1) reach
    it once their period ended short (overleg_gemist, art. 4). A school's coordinator and its
    police contact hear of their school's meetings alike; no other school's."""
    if not toegang.organiseert(user, vorm, bereik):
        return False
    eigen_organisator = (
        vorm.artikel.strip() in toegang.VEILIGHEIDSMANAGER_ORGANISEERT
        or vorm.reikwijdte == Overlegvorm.Reikwijdte.SCHOOL
    )
    return not (eigen_organisator and toegang.organiseert_stad(user))


def _te_kort(cel) -> bool:
    # Still to be planned; a past meeting not yet confirmed counts as held here, since its
    # report is due already (the "verslag" item) and planning another would be a double.
    return (
        cel.status == naleving.Nalevingsstatus.IN_TE_PLANNEN
        and cel.gehouden + cel.gepland + cel.niet_bevestigd < (cel.minimum or 0)
    )


def _periodenaam(vorm, begin: date) -> str:
    if vorm.periode == Overlegvorm.Periode.MAAND:
        return formats.date_format(begin, "F Y")
    return str(begin.year)


def _periodecode(vorm, begin: date) -> str:
    """The period in a message key: "2026-10" for the monthly kind (6.1), "2026" otherwise."""
    return f"{begin:%Y-%m}" if vorm.periode == Overlegvorm.Periode.MAAND else f"{begin:%Y}"


def _sleutel(vorm, bereik, begin: date) -> str:
    """Names the kind, the scope and the period: "overlegvorm:6:school:12:2026-10"."""
    veld = vorm.bereikveld
    bereik = f"{veld}:{bereik.pk}" if veld and bereik is not None else "stad"
    periode = _periodecode(vorm, begin)
    return f"overlegvorm:{vorm.pk}:{bereik}:{periode}"


def _plan_url(vorm, bereik) -> str:
    # The plan form opened on this kind and scope, as the dashboard's "Plannen" link.
    veld = vorm.bereikveld
    params = {"vorm": vorm.pk, **({veld: bereik.pk} if veld and bereik is not None else {})}
    return f"{reverse('overleggen:nieuw')}?{urlencode(params)}"


def _cel(rij, begin: date):
    """The cell of the period starting on `begin`: a naleving.Cel of a Rij, or the plain
    values of a naleving.Regel as a Cel."""
    cel = rij.maanden[begin.month - 1] if rij.maanden else rij.cel
    return naleving.als_cel(cel) if isinstance(cel, tuple) else cel


def _tekorten(user, vandaag: date, vormen) -> list[Taak]:
    """Art. 5-7: in a period that is running, from signaal_vanaf, the kinds and scopes the user
    organises (signaal_voor) with fewer meetings held or planned than the period asks
    (naleving.dashboard), by the period's last day. A yearly kind is "overleg_tekort"; the
    monthly school-police meeting (6.1) is "maandoverleg", due to the school's coordinator and
    police contact in the month's last week. The one kind has one period, so nobody gets both
    for the same meeting."""
    perioden = {v.pk: periode_van(v, vandaag) for v in vormen}
    vormen = [
        v
        for v in vormen
        if signaal_vanaf(v, perioden[v.pk][1]) <= vandaag and signaal_voor(user, v)
    ]
    if not vormen:
        return []
    scholen = toegang.bereiken(user)[0]
    # The short ones first, on the plain rows; only those are made model rows (issue 15).
    kort = [
        r
        for r in naleving.regels(vandaag.year, scholen, vandaag, vormen=vormen)
        if _te_kort(_cel(r, perioden[r.vorm_id][0]))
    ]
    per_vorm: dict[int, list] = {}
    for rij in naleving.als_rijen(kort):
        if signaal_voor(user, rij.vorm, rij.bereik):
            per_vorm.setdefault(rij.vorm.pk, []).append(rij)

    def soort(vorm):
        return "maandoverleg" if vorm.periode == Overlegvorm.Periode.MAAND else "overleg_tekort"

    def een(rij):
        begin, einde = perioden[rij.vorm.pk]
        cel = _cel(rij, begin)
        return Taak(
            soort=soort(rij.vorm),
            sleutel=_sleutel(rij.vorm, rij.bereik, begin),
            wat=_(
                "Plan %(overleg)s (%(bereik)s): %(geteld)d of at least %(minimum)d held "
                "or planned in %(periode)s"
            )
            % {
                "overleg": rij.vorm.naam,
                "bereik": rij.bereik or _("city"),
                "geteld": cel.gehouden + cel.gepland + cel.niet_bevestigd,
                "minimum": cel.minimum,
                "periode": _periodenaam(rij.vorm, begin),
            },
            artikel=rij.vorm.artikel,
            url=_plan_url(rij.vorm, rij.bereik),
            uiterlijk=einde,
        )

    def samen(rijen):
        vorm = rijen[0].vorm
        begin, einde = perioden[vorm.pk]
        periode = _periodecode(vorm, begin)
        return Taak(
            soort=soort(vorm),
            sleutel=f"overlegvorm:{vorm.pk}:{periode}",
            wat=_(
                "Plan %(overleg)s: %(aantal)d schools or areas have fewer than the minimum "
                "held or planned in %(periode)s"
            )
            % {"overleg": vorm.naam, "aantal": len(rijen), "periode": _periodenaam(vorm, begin)},
            artikel=vorm.artikel,
            url=_naleving_url(vorm, begin),
            uiterlijk=einde,
        )

    return [taak for rijen in per_vorm.values() for taak in gebundeld(rijen, een, samen)]


def _naleving_url(vorm, begin: date) -> str:
    # The compliance dashboard on this kind and year: where every scope of a bundle is listed.
    return f"{reverse('overleggen:naleving')}?" + urlencode({"jaar": begin.year, "vorm": vorm.pk})


def _gemist(user, vandaag: date, vormen) -> list[Taak]:
    """Art. 4: the municipality supervises compliance. A kind and scope whose period ended with
    fewer meetings held than it asked (naleving: "too late") is due for the project leader (the
    city) and the safety manager (the schools and meetings of her area) once per period, for
    GEMIST_ZICHTBAAR_DAGEN days after its last day."""
    if not {Rol.PROJECTLEIDER, Rol.VEILIGHEIDSMANAGER} & set(rollen_van(user)):
        return []
    # The periods that ended in the last GEMIST_ZICHTBAAR_DAGEN days: last year, last month.
    perioden = {}
    for v in vormen:
        begin, einde = periode_van(v, periode_van(v, vandaag)[0] - timedelta(days=1))
        if (vandaag - einde).days <= GEMIST_ZICHTBAAR_DAGEN:
            perioden[v.pk] = (begin, einde)
    per_jaar: dict[int, list] = {}
    for v in vormen:
        if v.pk in perioden:
            per_jaar.setdefault(perioden[v.pk][0].year, []).append(v)
    scholen = toegang.bereiken(user)[0]
    # One item per kind and period, however many schools or areas fell short: the overseer
    # reads the dashboard for which (a city of 200 schools would otherwise give hundreds).
    gemist: dict[tuple, list] = {}
    per_pk = {v.pk: v for v in vormen}
    for jaar, jaarvormen in sorted(per_jaar.items()):
        for regel in naleving.regels(jaar, scholen, vandaag, vormen=jaarvormen):
            begin, einde = perioden[regel.vorm_id]
            cel = _cel(regel, begin)
            if cel.status == naleving.Nalevingsstatus.TE_LAAT:
                gemist.setdefault((per_pk[regel.vorm_id], begin, einde), []).append(regel)
    taken = []
    for (vorm, begin, einde), regels in gemist.items():
        if len(regels) == 1:
            # the one scope by its name: only this row is made a model row
            (rij,) = naleving.als_rijen(regels)
            cel = _cel(rij, begin)
            wat = _(
                "%(overleg)s (%(bereik)s): only %(gehouden)d of at least %(minimum)d "
                "held in %(periode)s"
            ) % {
                "overleg": vorm.naam,
                "bereik": rij.bereik or _("city"),
                "gehouden": cel.gehouden,
                "minimum": cel.minimum,
                "periode": _periodenaam(vorm, begin),
            }
        else:
            wat = _(
                "%(overleg)s: held fewer than the minimum at %(aantal)d schools or areas in "
                "%(periode)s"
            ) % {
                "overleg": vorm.naam,
                "aantal": len(regels),
                "periode": _periodenaam(vorm, begin),
            }
        periode = _periodecode(vorm, begin)
        taken.append(
            Taak(
                soort="overleg_gemist",
                sleutel=f"overlegvorm:{vorm.pk}:{periode}",
                wat=wat,
                artikel="4",
                url=_naleving_url(vorm, begin),
                uiterlijk=einde,
            )
        )
    return taken


# --- A meeting coming up (art. 5-7) --------------------------------------------------------


def herinnering_stap(start: datetime, vandaag: date) -> str | None:
    """A participant is reminded of a planned meeting twice: in the week before it (two to
    seven days ahead, "week") and the day before or on the day ("dag"). The start is part of
    the step, so a meeting moved to another time is announced anew. None: not within a week."""
    begin = timezone.localtime(start)
    dagen = (begin.date() - vandaag).days
    if not 0 <= dagen <= 7:
        return None
    return f"{'dag' if dagen <= 1 else 'week'}:{begin:%Y-%m-%dT%H:%M}"


def _herinneringen(user, vandaag: date) -> list[Taak]:
    """A planned meeting the user is invited to (Overleg.deelnemers, through the user's
    person) that has not started and starts within seven days, by its day (herinnering_stap)."""
    tot = timezone.make_aware(datetime.combine(vandaag + timedelta(days=8), time.min))
    komend = (
        Overleg.objects.visible_to(user)
        .filter(
            status=Overleg.Status.GEPLAND,
            deelnemers__gebruiker=user,
            start__gt=timezone.now(),
            start__lt=tot,
        )
        .select_related("vorm", "school", "overleggebied", "wijk")
        .distinct()
        .order_by("start", "pk")
    )
    taken = []
    for o in komend:
        stap = herinnering_stap(o.start, vandaag)
        if stap is None:
            continue
        begin = timezone.localtime(o.start)
        taken.append(
            Taak(
                soort="overleg_herinnering",
                sleutel=f"overleg:{o.pk}",
                wat=_("Meeting: %(overleg)s on %(tijd)s")
                % {"overleg": o, "tijd": begin.strftime("%d-%m-%Y %H:%M")},
                artikel=o.vorm.artikel,
                url=reverse("overleggen:detail", args=[o.pk]),
                uiterlijk=begin.date(),
                stap=stap,
            )
        )
    return taken
