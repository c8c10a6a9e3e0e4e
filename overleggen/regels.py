"""Rules of the meeting structure besides compliance: who takes part, where it meets."""

from django.db.models import F, Max, Q
from django.utils import timezone

from overleggen.models import Overleg, Overlegvorm


def scholen_van(vorm, bereik):
    """The school locations a meeting of this kind and scope is about."""
    from partijen.models import School

    scholen = School.objects.filter(actief=True)
    if vorm.sectoren:
        scholen = scholen.filter(sector__in=vorm.sectoren)
    if vorm.reikwijdte == Overlegvorm.Reikwijdte.SCHOOL:
        return scholen.filter(pk=getattr(bereik, "pk", None))
    if vorm.bereikveld:
        # A school's area and neighbourhood fields carry the meeting's names (BEREIKVELD).
        return scholen.filter(**{vorm.bereikveld: bereik})
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
