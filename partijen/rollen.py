"""The roles a user holds: the one source every permission module reads.

An account's roles are the roles of its person's role assignments that are current on the day
(`Roltoewijzing`, from the register), the organisation-wide roles of the municipality and the
police included (an assignment without a school or area). The application's own administrator
is not a covenant role but a property of the account (`Gebruiker.is_beheerder`); it is added
here as `Rol.BEHEERDER` so that permission modules ask one question.

The assignments are read once per request: the result is kept on the user object, which
Django's authentication middleware loads anew for every request.
"""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    """Every role the covenant gives people (art. 2-4, 9) and the application's administrator.

    The register assigns all but the last (`TOEWIJSBARE_ROLLEN`); an account is administrator
    by `Gebruiker.is_beheerder`.
    """

    COORDINATOR_VEILIGHEID = "coordinator_veiligheid", _("Safety coordinator")
    CONTACTPERSOON_VERTROUWENSZAKEN = (
        "contactpersoon_vertrouwenszaken",
        _("Confidential contact person"),
    )
    ANTIPESTCOORDINATOR = "antipestcoordinator", _("Anti-bullying coordinator")
    AANSPREEKPUNT_PESTEN = "aanspreekpunt_pesten", _("Contact point for bullying")
    AANDACHTSFUNCTIONARIS = "aandachtsfunctionaris", _("Reporting code officer")
    POLITIE_CONTACTPERSOON = "politie_contactpersoon", _("Police contact person")
    POLITIE_OPERATIONEEL_EXPERT = "politie_operationeel_expert", _("Police operational expert")
    VEILIGHEIDSMANAGER = "veiligheidsmanager", _("Safety manager")
    PROJECTLEIDER = "projectleider", _("Project leader school safety")
    COMMUNICATIEMEDEWERKER = "communicatiemedewerker", _("Communication officer")
    BESTUURDER = "bestuurder", _("School board member")
    BEHEERDER = "beheerder", _("Administrator")


# The roles a role assignment can carry: the administrator is set on the account instead.
TOEWIJSBARE_ROLLEN = [(waarde, label) for waarde, label in Rol.choices if waarde != Rol.BEHEERDER]


@dataclass(frozen=True)
class HuidigeToewijzing:
    """What the permission checks need of one current assignment: its role and its scope."""

    rol: str
    school_id: int | None
    overleggebied_id: int | None
    organisatie_id: int | None


_CACHE = "_partijen_toewijzingen"


def huidige_toewijzingen(user, dag: date | None = None) -> tuple[HuidigeToewijzing, ...]:
    """The assignments the user's person holds on a day (today by default), read once per
    request for today: every check on a page shares one query."""
    if not getattr(user, "is_authenticated", False):
        return ()
    vandaag = timezone.localdate()
    dag = dag or vandaag
    bewaard = getattr(user, _CACHE, None) if dag == vandaag else None
    if bewaard is not None and bewaard[0] == dag:
        return bewaard[1]
    from partijen.models import Roltoewijzing

    rijen = tuple(
        HuidigeToewijzing(*rij)
        for rij in Roltoewijzing.objects.actief_op(dag)
        .filter(persoon__gebruiker=user)
        .values_list("rol", "school_id", "overleggebied_id", "organisatie_id")
    )
    if dag == vandaag:
        setattr(user, _CACHE, (dag, rijen))
    return rijen


def vergeet_rollen(user) -> None:
    """Drop the roles kept on this user object, after its assignments changed."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


def rollen_van(user, dag: date | None = None) -> frozenset[str]:
    """The roles of this user on a day (today by default): the roles of its person's current
    assignments, plus `Rol.BEHEERDER` for the application's administrator."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    rollen = {Rol(t.rol) for t in huidige_toewijzingen(user, dag)}
    if getattr(user, "is_beheerder", False):
        rollen.add(Rol.BEHEERDER)
    return frozenset(rollen)


def heeft_rol(user, *rollen: str) -> bool:
    """Whether the user holds at least one of these roles today."""
    return not rollen_van(user).isdisjoint(rollen)


def rollen_per_school(user, dag: date | None = None) -> dict[int, set[str]]:
    """The school-bound roles the user holds, per school id."""
    result: dict[int, set[str]] = {}
    for t in huidige_toewijzingen(user, dag):
        if t.school_id is not None:
            result.setdefault(t.school_id, set()).add(t.rol)
    return result


def scholen_in_rol(user, *rollen: str) -> set[int]:
    """The ids of the schools for which the user holds one of these roles today."""
    return {
        t.school_id
        for t in huidige_toewijzingen(user)
        if t.rol in rollen and t.school_id is not None
    }


def gebieden_in_rol(user, *rollen: str) -> set[int]:
    """The ids of the meeting areas for which the user holds one of these roles today."""
    return {
        t.overleggebied_id
        for t in huidige_toewijzingen(user)
        if t.rol in rollen and t.overleggebied_id is not None
    }


def organisaties_in_rol(user, *rollen: str) -> set[int]:
    """The ids of the organisations for which the user holds one of these roles today."""
    return {
        t.organisatie_id
        for t in huidige_toewijzingen(user)
        if t.rol in rollen and t.organisatie_id is not None
    }
