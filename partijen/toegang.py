"""Who may do what with the register (schools, organisations, people, role assignments,
accounts): the one place this app decides it.

Views, templates and the navigation ask here; none of them looks at a role itself. The roles
come from the user's current role assignments (partijen.rollen). Which schools and people a
user sees in a list is `visible_to` on their querysets (partijen.querysets).
"""

from django.utils.translation import gettext_lazy as _

from partijen.rollen import Rol, heeft_rol, huidige_toewijzingen, scholen_in_rol

# Art. 4: the municipality keeps the register, through its projectleider and the
# application's administrator.
REGISTERHOUDERS = frozenset({Rol.PROJECTLEIDER, Rol.BEHEERDER})
# Who watches whether schools have their people (art. 2.1, 2.2, 3.1, 4): the school itself,
# its board, the area's safety manager and the register keepers.
BEZETTING_ROLLEN = frozenset(
    {Rol.COORDINATOR_VEILIGHEID, Rol.VEILIGHEIDSMANAGER, Rol.BESTUURDER, *REGISTERHOUDERS}
)


def beheert_register(user) -> bool:
    """Art. 4: the municipality (its projectleider and administrator) keeps the register:
    reads and edits schools, organisations, people and their role assignments, and imports."""
    return heeft_rol(user, *REGISTERHOUDERS)


def ziet_bezetting(user) -> bool:
    """Art. 2.1, 2.2, 3.1: the staffing overview, for those who watch it (BEZETTING_ROLLEN)."""
    return heeft_rol(user, *BEZETTING_ROLLEN)


def ziet_toekenningen_van(user, school) -> bool:
    """Art. 2.1: the school's coordinator watches over its safety, so he sees who was recently
    given a role that opens the school's personal data (as do the register keepers)."""
    return beheert_register(user) or school.pk in scholen_in_rol(user, Rol.COORDINATOR_VEILIGHEID)


def ziet_toegangsoverzicht(user) -> bool:
    """BIO 5.18: the register keepers review who has access (the access review, audit log)."""
    return beheert_register(user)


def ziet_auditlog(user) -> bool:
    """BIO 8.15: the administrator reads the log of writes and reads of personal data."""
    return heeft_rol(user, Rol.BEHEERDER)


def beheert_accounts(user) -> bool:
    """BIO 5.16-5.18: the administrator creates accounts for people of the register (and
    reaches Django's administration); nobody else hands out a login."""
    return heeft_rol(user, Rol.BEHEERDER)


def mag_account_aanmaken(user, persoon) -> bool:
    """An account for a person of the register, by the administrator, once: a person has at
    most one account, and nobody makes one for their own person (BIO 5.3)."""
    # A person linked to an account (the user's own person included) gets no second one.
    return beheert_accounts(user) and persoon.gebruiker_id is None


def aanspreekpunten():
    """Whom a user asks for an account, a link to their person or a role: the active
    administrators."""
    from partijen.models import Gebruiker

    return Gebruiker.objects.filter(is_beheerder=True, is_active=True).order_by(
        "last_name", "first_name", "username"
    )


def wat_ontbreekt(user) -> list[str]:
    """What keeps a signed-in account from having a covenant role today, in the words the user
    reads: no person of the register linked to it, or no current role assignment. Empty for
    an account that has a role, and for the administrator (a property of the account)."""
    if not getattr(user, "is_authenticated", False):
        return []
    # The usual case costs no query: the roles are read once per request anyway.
    if huidige_toewijzingen(user) or heeft_rol(user, Rol.BEHEERDER):
        return []
    from partijen.models import Persoon

    if not Persoon.objects.filter(gebruiker=user).exists():
        return [
            _(
                "Your account is not linked to a person in the register, so it has no role "
                "under the covenant."
            )
        ]
    return [_("You hold no role under the covenant today (no current role assignment).")]
