"""The covenant's rules about schools and the people in their roles; one function per rule.

Functions take plain values or model instances; the queryset helpers here return expressions so
that the completeness view ("Bezetting") is computed by the database in one query.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q, Subquery
from django.db.models.lookups import IsNull
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partijen.rollen import Rol


def actief_q(dag: date, prefix: str = "") -> Q:
    """An assignment counts from its first day up to and including its last day, unless it
    was withdrawn: from the day of withdrawal on it gives no access at all."""
    return (
        Q(**{f"{prefix}begin__lte": dag})
        & (Q(**{f"{prefix}einde__isnull": True}) | Q(**{f"{prefix}einde__gte": dag}))
        & (
            Q(**{f"{prefix}ingetrokken_op__isnull": True})
            | Q(**{f"{prefix}ingetrokken_op__date__gt": dag})
        )
    )


def toewijzing_actief(begin: date, einde: date | None, dag: date, ingetrokken_op=None) -> bool:
    if ingetrokken_op is not None and timezone.localdate(ingetrokken_op) <= dag:
        return False
    return begin <= dag and (einde is None or einde >= dag)


def beeindigen_werkt_direct(einde: date, vandaag: date) -> bool:
    """An assignment ended with today as its last day stops giving access now: a register
    keeper who ends a role on the day itself (a mistaken grant, someone who leaves) means
    "withdraw it", and an assignment that started today could otherwise never be cut."""
    return einde <= vandaag


# Roles whose assignment opens personal data of pupils and staff (incidents, confidential
# reports, the reporting code): granting one is logged and shown to the school (BIO 5.18).
def opent_persoonsgegevens(rol: str) -> bool:
    """AVG art. 10 / BIO 5.18: these roles read personal data, so every grant is reviewed."""
    R = Rol
    return rol in {
        R.COORDINATOR_VEILIGHEID,
        R.CONTACTPERSOON_VERTROUWENSZAKEN,
        R.AANDACHTSFUNCTIONARIS,
        R.POLITIE_CONTACTPERSOON,
        R.POLITIE_OPERATIONEEL_EXPERT,
    }


def eigen_persoon(persoon_id, door) -> bool:
    """BIO 5.3/5.15 (segregation of duties): nobody assigns or changes a role for their own
    person, so a register keeper cannot grant themselves access to a school's reports."""
    if door is None or persoon_id is None:
        return False
    from partijen.models import Persoon

    return Persoon.objects.filter(pk=persoon_id, gebruiker_id=door.pk).exists()


# Where each assignment role applies. Changing a role's scope is a change here only.
def bereik_van_rol(rol: str) -> str:
    R = Rol
    if rol in {
        R.COORDINATOR_VEILIGHEID,
        R.CONTACTPERSOON_VERTROUWENSZAKEN,
        R.ANTIPESTCOORDINATOR,
        R.AANSPREEKPUNT_PESTEN,
        R.AANDACHTSFUNCTIONARIS,
        R.POLITIE_CONTACTPERSOON,
    }:
        return "school"
    if rol == R.VEILIGHEIDSMANAGER:
        return "gebied"
    if rol == R.POLITIE_OPERATIONEEL_EXPERT:
        return "gebied_of_stad"
    if rol in {R.COMMUNICATIEMEDEWERKER, R.BESTUURDER}:
        return "organisatie"
    return "stad"


def coordinator_is_leidinggevende(persoon) -> bool:
    """Art. 2.1: the school's coördinator veiligheid is a manager ("leidinggevende")."""
    return persoon.leidinggevende


def overlappende_coordinator(toewijzing):
    """Art. 2.1: a school has one coördinator veiligheid at a time.

    Returns the other assignment whose period overlaps this one, or None.
    """
    from partijen.models import Roltoewijzing

    if toewijzing.rol != Rol.COORDINATOR_VEILIGHEID or not toewijzing.school_id:
        return None
    andere = Roltoewijzing.objects.filter(
        school_id=toewijzing.school_id, rol=Rol.COORDINATOR_VEILIGHEID
    ).exclude(pk=toewijzing.pk)
    if toewijzing.einde:
        andere = andere.filter(begin__lte=toewijzing.einde)
    andere = andere.filter(Q(einde__isnull=True) | Q(einde__gte=toewijzing.begin))
    return andere.select_related("persoon").first()


def controleer_toewijzing(t) -> None:
    """Every check on an assignment, as Dutch errors on the fields they concern."""
    fouten = {}
    if t.begin and t.einde and t.einde < t.begin:
        fouten["einde"] = _("An assignment cannot end before it starts.")
    bereik = bereik_van_rol(t.rol) if t.rol else None
    if bereik == "school" and not t.school_id:
        fouten["school"] = _("Choose the school this role is for.")
    if bereik == "gebied" and not t.overleggebied_id:
        fouten["overleggebied"] = _("Choose the meeting area this role is for.")
    if bereik == "organisatie" and not t.organisatie_id:
        fouten["organisatie"] = _("Choose the organisation this role is for.")
    if bereik != "school" and t.school_id:
        fouten["school"] = _("This role is not tied to a school.")
    if (
        t.persoon_id
        and t.rol == Rol.COORDINATOR_VEILIGHEID
        and not coordinator_is_leidinggevende(t.persoon)
    ):
        fouten["persoon"] = _(
            "The safety coordinator must be a manager (art. 2.1). Mark this person as a "
            "manager first."
        )
    if not fouten and t.begin:
        andere = overlappende_coordinator(t)
        if andere:
            fouten["school"] = _(
                "%(school)s already has a safety coordinator in this period: %(person)s. "
                "A school has one coordinator at a time (art. 2.1); end that assignment first."
            ) % {"school": t.school, "person": andere.persoon}
    if fouten:
        raise ValidationError(fouten)


def einddatum_voorganger(nieuw_begin: date) -> date:
    """The previous holder's last day when a successor starts: the day before."""
    return nieuw_begin - timedelta(days=1)


def controleer_school(school) -> None:
    """A primary school needs its neighbourhood: the PO meeting is per wijk (art. 5.1)."""
    from partijen.models import Sector

    if school.sector == Sector.PO and not school.wijk_id:
        raise ValidationError({"wijk": _("A primary school needs its neighbourhood (art. 5.1).")})
    if school.wijk_id and school.stadsdeel_id and school.wijk.stadsdeel_id != school.stadsdeel_id:
        raise ValidationError({"wijk": _("This neighbourhood lies in another district.")})


# The completeness view ("Bezetting"): each requirement, the article it comes from, and an
# expression that is true for a school that falls short of it on a given day.
@dataclass(frozen=True)
class Bezettingseis:
    code: str
    artikel: str
    omschrijving: str
    tekort: object  # callable(dag, *, veel=True) -> boolean expression on School


def _rol_ontbreekt(rol, dag, veel):
    from partijen.models import Roltoewijzing

    houders = Roltoewijzing.objects.filter(actief_q(dag), rol=rol)
    if not veel:
        # A few schools (a page, one school's page): a lookup per school in the index on
        # school_id. A scalar subquery, because PostgreSQL turns a NOT EXISTS into a hash of
        # every holder in the city when it guesses that is cheaper, for as few as 50 schools.
        return IsNull(Subquery(houders.filter(school=OuterRef("pk")).values("pk")[:1]), True)
    # Many schools: NOT IN lets PostgreSQL read the day's holders once and hash them. The
    # correlated NOT EXISTS inside the OR of met_tekorten was costed per school, and at the
    # size of a city that estimate made it JIT-compile the query for some 200 ms.
    # (school__isnull=False: a single NULL in the list would make NOT IN match nothing.)
    houders = houders.filter(school__isnull=False).values("school_id")
    return ExpressionWrapper(~Q(pk__in=houders), output_field=BooleanField())


def geen_coordinator(dag, *, veel=True):
    """Art. 2.1: every school appoints a coördinator veiligheid."""
    return _rol_ontbreekt(Rol.COORDINATOR_VEILIGHEID, dag, veel)


def geen_vertrouwenspersoon(dag, *, veel=True):
    """Art. 2.2: every school appoints one or more contactpersonen vertrouwenszaken."""
    return _rol_ontbreekt(Rol.CONTACTPERSOON_VERTROUWENSZAKEN, dag, veel)


def geen_politiecontact(dag, *, veel=True):
    """Art. 3.1: the police appoints a contact person who is the school's first point of contact."""
    return _rol_ontbreekt(Rol.POLITIE_CONTACTPERSOON, dag, veel)


def veiligheidsplan_ontbreekt_of_verouderd(dag, *, veel=True):
    """Art. 2.8: the school's agreements are laid down in its (legally required) safety plan.

    Missing, or past its review date (the review date itself still counts as in time).
    """
    return ExpressionWrapper(
        Q(veiligheidsplan_vastgesteld__isnull=True) | Q(veiligheidsplan_herzien_uiterlijk__lt=dag),
        output_field=BooleanField(),
    )


BEZETTINGSEISEN = [
    Bezettingseis("geen_coordinator", "2.1", _("No safety coordinator"), geen_coordinator),
    Bezettingseis(
        "geen_vertrouwenspersoon",
        "2.2",
        _("No confidential contact person"),
        geen_vertrouwenspersoon,
    ),
    Bezettingseis("geen_politiecontact", "3.1", _("No police contact person"), geen_politiecontact),
    Bezettingseis(
        "veiligheidsplan",
        "2.8",
        _("Safety plan missing or past its review date"),
        veiligheidsplan_ontbreekt_of_verouderd,
    ),
]


def schiet_tekort(dag: date) -> Q:
    """A school that falls short of at least one requirement on the day (art. 2.1, 2.2, 2.8,
    3.1), as one condition the database applies to all the schools at once."""
    iets = Q()
    for eis in BEZETTINGSEISEN:
        iets |= Q(eis.tekort(dag))
    return iets


def met_tekorten(scholen, dag: date):
    """Annotate each school with its shortfalls and keep those that have at least one.

    One query, computed by the database: each role's holders of the day are read once for all
    the schools (see _rol_ontbreekt)."""
    scholen = scholen.annotate(**{eis.code: eis.tekort(dag) for eis in BEZETTINGSEISEN})
    return scholen.filter(schiet_tekort(dag))


def tekorten_per_school(scholen, dag: date) -> dict[int, list[Bezettingseis]]:
    """The requirements each of a few schools (a page, one school's page) falls short of, by
    the school's id: one query that looks each school up in the index, so a page of fifty
    costs the same in a city of two hundred schools or of two thousand."""
    from partijen.models import School

    codes = [eis.code for eis in BEZETTINGSEISEN]
    rijen = (
        School.objects.filter(pk__in=[school.pk for school in scholen])
        .annotate(**{eis.code: eis.tekort(dag, veel=False) for eis in BEZETTINGSEISEN})
        .values_list("pk", *codes)
    )
    return {
        pk: [eis for eis, tekort in zip(BEZETTINGSEISEN, vlaggen, strict=True) if tekort]
        for pk, *vlaggen in rijen
    }


def tekorten_op(school, dag: date) -> list[Bezettingseis]:
    """The requirements one school falls short of on the day (the school's own page)."""
    return tekorten_per_school([school], dag).get(school.pk, [])


def tekorten_van(school) -> list[Bezettingseis]:
    """The requirements an annotated school (see met_tekorten) falls short of."""
    return [eis for eis in BEZETTINGSEISEN if getattr(school, eis.code, False)]
