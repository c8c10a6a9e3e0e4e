"""Rules of the meeting structure besides compliance: who takes part, where it meets."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db.models import F, Max, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from overleggen.models import Overleg, Overlegvorm


def scholen_van(vorm, bereik):
    """The school locations a meeting of this kind and scope is about."""
    from partijen.models import School

    scholen = School.objects.filter(actief=True)
    if vorm.sectoren:
        scholen = scholen.filter(sector__in=vorm.sectoren)
    if vorm.reikwijdte == Overlegvorm.Reikwijdte.SCHOOL:
        return scholen.filter(pk=getattr(bereik, "pk", None))
    if vorm.reikwijdte == Overlegvorm.Reikwijdte.GEBIED:
        return scholen.filter(overleggebied=bereik)
    if vorm.reikwijdte == Overlegvorm.Reikwijdte.WIJK:
        return scholen.filter(wijk=bereik)
    return scholen if vorm.sectoren else scholen.none()


def voorgestelde_deelnemers(vorm, bereik, dag=None):
    """Art. 5-7 and the chart: the people whose current roles make them participants, e.g. for
    the area meeting (6.3) the coordinators of the area's VO, MBO and HBO locations, their
    police contacts and the area's veiligheidsmanager. Organisations without accounts
    (Leerplicht, Toezichtsbedrijf, youth work) are listed from the kind's participants text."""
    from partijen import regels as partijregels
    from partijen.models import Persoon, Roltoewijzing

    if bereik is None and vorm.reikwijdte != Overlegvorm.Reikwijdte.STAD:
        # No scope chosen yet: nobody is called for. (A filter on `overleggebied=None` would
        # match every school-bound assignment in the city.)
        return Persoon.objects.none()
    dag = dag or timezone.localdate()
    scholen = scholen_van(vorm, bereik)
    gebieden = scholen.values("overleggebied")
    toewijzingen = Roltoewijzing.objects.filter(partijregels.actief_q(dag), rol__in=vorm.rollen)
    toewijzingen = toewijzingen.filter(
        Q(school__in=scholen)
        | Q(school__isnull=True, overleggebied__in=gebieden)
        | Q(school__isnull=True, overleggebied__isnull=True)
        | (
            # the area's veiligheidsmanager chairs it even while the area has no VO school yet
            Q(school__isnull=True, overleggebied=bereik)
            if vorm.reikwijdte == Overlegvorm.Reikwijdte.GEBIED
            else Q(pk__in=[])
        )
    )
    return Persoon.objects.filter(pk__in=toewijzingen.values("persoon")).order_by("achternaam")


def gastscholen(vorm, gebied):
    """Art. 6.3: the location of the area meeting of VO, MBO and HBO rotates between the
    locations it is for: the area's active schools of the kind's own sectors
    (Overlegvorm.sectoren), never a primary or special school of the area. Ordered as proposed:
    the school that hosted longest ago, or never, first; among equals, alphabetically."""
    from partijen.models import School

    scholen = School.objects.filter(actief=True, overleggebied=gebied)
    if vorm.sectoren:
        scholen = scholen.filter(sector__in=vorm.sectoren)
    return scholen.annotate(
        laatst=Max(
            "gastoverleggen__start",
            filter=Q(gastoverleggen__vorm=vorm)
            & ~Q(gastoverleggen__status=Overleg.Status.GEANNULEERD),
        )
    ).order_by(F("laatst").asc(nulls_first=True), "naam")


def voorgestelde_gastschool(vorm, gebied):
    """The host proposed for the next area meeting: the first in turn (art. 6.3)."""
    return gastscholen(vorm, gebied).first()


# The covenant was signed on 14 November 2023 and takes effect on signing (art. 10.1): no
# meeting or action point of it dates from before 2023.
EERSTE_DAG = date(2023, 1, 1)
# It runs until it is terminated (art. 10.2); planning further ahead than this is a typing error.
JAREN_VOORUIT = 10


def tijdvenster(vandaag=None) -> tuple[date, date]:
    """Art. 10.1-10.2: the first and the last day a meeting or an action point may have, from
    the covenant's first year to ten years ahead. Outside it a date is a typing error ("0001",
    "9999") that would also break every page showing it in local time (year 0 or 10000)."""
    vandaag = vandaag or timezone.localdate()
    try:
        tot = vandaag.replace(year=vandaag.year + JAREN_VOORUIT)
    except ValueError:  # 29 February
        tot = vandaag.replace(year=vandaag.year + JAREN_VOORUIT, day=28)
    return EERSTE_DAG, date.fromordinal(tot.toordinal() - 1)


def valideer_tijdvenster(waarde):
    """Validator for every date and date-time field of the meeting forms (see tijdvenster)."""
    if waarde is None:
        return
    # A typed date-time carries the current time zone already; .date() is the day as typed and
    # avoids a conversion that overflows for year 1.
    dag = waarde.date() if isinstance(waarde, datetime) else waarde
    van, tot = tijdvenster()
    if not van <= dag <= tot:
        raise ValidationError(
            _("Choose a date between %(from)s and %(to)s."),
            code="buiten_tijdvenster",
            params={
                "from": formats.date_format(van, "SHORT_DATE_FORMAT"),
                "to": formats.date_format(tot, "SHORT_DATE_FORMAT"),
            },
        )
