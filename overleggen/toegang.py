"""Who may do what with the meeting structure: the one place this app decides it.

Views, templates and the navigation ask here; none of them looks at a role itself. A user's
schools, areas and neighbourhoods come from their current role assignments
(`School.objects.visible_to`, partijen decides).
"""

from overleggen.models import Overlegvorm
from partijen.models import Overleggebied, School, Wijk
from partijen.rollen import Rol, gebieden_in_rol, heeft_rol, scholen_in_rol
from partijen.toegang import beheert_register

# Who watches compliance (art. 4, 6.3): the area's safety manager and the register keepers.
NALEVING_ROLLEN = frozenset({Rol.VEILIGHEIDSMANAGER, Rol.PROJECTLEIDER, Rol.BEHEERDER})
# Who oversees it without planning (art. 7.2): the school boards, for their own schools.
TOEZICHT_ROLLEN = frozenset({Rol.BESTUURDER})
# Who records the school meetings (6.1, 6.2): the school's coordinator and its police contact.
SCHOOLOVERLEG_ROLLEN = frozenset({Rol.COORDINATOR_VEILIGHEID, Rol.POLITIE_CONTACTPERSOON})


def ziet_naleving(user) -> bool:
    """Art. 4, 6.3 and 7.2: the compliance dashboard is for those who watch compliance (the
    safety manager, the register keepers) and, read-only, for the boards who oversee it."""
    return heeft_rol(user, *NALEVING_ROLLEN, *TOEZICHT_ROLLEN)


def ziet_schooloverleggen(user) -> bool:
    """Art. 6.1, 6.2: the page with the school's own meetings of this year is for those who
    hold them, the school's coordinator and its police contact."""
    return heeft_rol(user, *SCHOOLOVERLEG_ROLLEN)


def naleving_reikwijdten(user) -> set[str]:
    """Art. 7.2: a board oversees its own schools' meetings and the city-wide ones it takes
    part in; the area and neighbourhood meetings are the municipality's to chair and watch
    (5.1, 6.3) and are shared with other boards' schools."""
    R = Overlegvorm.Reikwijdte
    if not ziet_naleving(user):
        return set()
    if not heeft_rol(user, *NALEVING_ROLLEN):
        return {R.STAD, R.SCHOOL}  # a board member only: oversight of its own schools
    return set(R.values)


def bereiken(user):
    """The schools, areas and neighbourhoods a user works with (for the dashboard and for
    planning): what their role assignments cover, everything for the register keepers."""
    scholen = School.objects.visible_to(user)
    if beheert_register(user):
        return scholen, Overleggebied.objects.all(), Wijk.objects.all()
    return (
        scholen,
        Overleggebied.objects.filter(pk__in=scholen.values("overleggebied")),
        Wijk.objects.filter(pk__in=scholen.values("wijk")),
    )


def bereik_ids(user) -> dict[str, set[int]] | None:
    """The ids of the user's scopes, looked up once per request (like Django's permission
    cache on the user): the schools they see and those schools' areas and neighbourhoods;
    None means every scope (the register keepers)."""
    if beheert_register(user):
        return None
    if not hasattr(user, "_overleggen_bereik_ids"):
        ids = {"school": set(), "gebied": set(), "wijk": set()}
        # One query: the schools with their area and neighbourhood.
        for school, gebied, wijk in School.objects.visible_to(user).values_list(
            "pk", "overleggebied_id", "wijk_id"
        ):
            ids["school"].add(school)
            ids["gebied"].add(gebied)
            ids["wijk"].add(wijk)
        ids["gebied"].discard(None)
        ids["wijk"].discard(None)
        user._overleggen_bereik_ids = ids
    return user._overleggen_bereik_ids


def organiseert_stad(user) -> bool:
    """Art. 4, 5.2, 7.1, 7.2: the municipality directs the covenant's follow-up, so its
    project leader (and the administrator) plans and records the city-wide meetings and may
    change any meeting. The one place this rule is written."""
    return beheert_register(user)


def mag_plannen(user, vorm=None, bereik=None) -> bool:
    """Art. 5-7: who plans which meeting, for which scope: its organiser (see `organiseert`).

    Without a kind: may the user plan meetings at all. Without a scope: may the user plan this
    kind for some scope of their own (the form offers only those). The boards oversee but do
    not plan (7.2). Used by the dashboard's "Plannen" links and by the plan form alike.
    """
    if vorm is None:
        # Some kind, for some scope of theirs (organiseert without a kind).
        return (
            organiseert_stad(user)
            or bool(gebieden_in_rol(user, Rol.VEILIGHEIDSMANAGER))
            or bool(scholen_in_rol(user, *SCHOOLOVERLEG_ROLLEN))
        )
    if bereik is not None:
        ids = bereik_ids(user)
        if ids is not None and bereik.pk not in ids.get(vorm.reikwijdte, set()):
            return False
    return organiseert(user, vorm, bereik)


def organiseert(user, vorm, bereik=None) -> bool:
    """Art. 5-7: who organises a kind of meeting, for a scope (None: for any scope of theirs).

    - 6.2 and 6.3: the veiligheidsmanager of the area ("organiseert de veiligheidsmanager");
    - 6.1 and the PO school's contact with the police (5.1): the school's coordinator and its
      police contact, between whom the meeting takes place;
    - the city meetings (5.2, 7.1, 7.2) and the neighbourhood meetings that Passend Onderwijs
      Almere organises without an account here (5.1): the municipality only (organiseert_stad).
    The municipality organises every kind. Planning (mag_plannen) and changing a planned
    meeting (mag_wijzigen) both follow this rule.
    """
    if organiseert_stad(user):
        return True
    if vorm.artikel.strip() in VEILIGHEIDSMANAGER_ORGANISEERT:
        gebieden = gebieden_in_rol(user, Rol.VEILIGHEIDSMANAGER)
        if bereik is None:
            return bool(gebieden)
        return getattr(bereik, "overleggebied_id", bereik.pk) in gebieden
    if vorm.reikwijdte == Overlegvorm.Reikwijdte.SCHOOL:
        scholen = scholen_in_rol(user, *SCHOOLOVERLEG_ROLLEN)
        return bool(scholen) if bereik is None else bereik.pk in scholen
    return False


def planbare_vormen(user):
    """The kinds of meeting the user may plan for some scope (see mag_plannen)."""
    vormen = Overlegvorm.objects.all()
    return vormen.filter(pk__in=[v.pk for v in vormen if mag_plannen(user, v)])


def voor_te_stellen_deelnemers(user, vorm, bereik):
    """Art. 8: the plan form proposes and offers only the participants this kind and scope call
    for (regels.voorgestelde_deelnemers, art. 5-7) whom the user may see (partijen decides):
    planning a meeting must not reveal the staff of schools the user has no business with."""
    from overleggen import regels
    from partijen.models import Persoon

    return regels.voorgestelde_deelnemers(vorm, bereik).filter(
        pk__in=Persoon.objects.visible_to(user).values("pk")
    )


# The kinds the municipality's veiligheidsmanager of the area organises: 6.3 ("organiseert de
# veiligheidsmanager ... per stadsdeel") and the policy meeting with the school (6.2).
VEILIGHEIDSMANAGER_ORGANISEERT = {"6.2", "6.3"}


def mag_wijzigen(user, overleg) -> bool:
    """Art. 5-7: who changes a meeting once planned (report, attendance, status, action points,
    cancelling it): the user who planned it (`aangemaakt_door`), its organiser by the covenant
    (`organiseert`, from the user's current role assignments) and the register keepers; the
    other participants see it. Used by the meeting page for the form and for accepting a POST
    alike.
    """
    if not user.is_authenticated:
        return False
    if overleg.aangemaakt_door_id == user.pk:
        return True
    bereik = overleg.school or overleg.overleggebied or overleg.wijk
    if bereik is None and not organiseert_stad(user):
        return False
    return organiseert(user, overleg.vorm, bereik)


def mag_actiepunt_afronden(user, actiepunt) -> bool:
    """Art. 6.2, 7.1: an action point is marked done by its owner, or by who changes its
    meeting (mag_wijzigen: its organiser and the register keepers)."""
    return actiepunt.eigenaar.gebruiker_id == user.pk or mag_wijzigen(user, actiepunt.overleg)
