"""Who may do what with incidents, reporting code records and external statements: the one
place this app decides it.

Views, templates and the navigation ask here; none of them looks at a role itself. The roles
are the user's current role assignments (partijen.rollen), read once per request. Which
incidents, records and statements a user sees in a list is `visible_to` on their querysets.
"""

from meldingen import regels
from partijen.rollen import (
    Rol,
    heeft_rol,
    organisaties_in_rol,
    rollen_per_school,
    scholen_in_rol,
)

COORDINATOR = Rol.COORDINATOR_VEILIGHEID
VERTROUWENSPERSOON = Rol.CONTACTPERSOON_VERTROUWENSZAKEN
POLITIE = Rol.POLITIE_CONTACTPERSOON
# Roles whose task involves individual incidents (art. 2, 3); the others see counts.
MELDINGEN_ROLLEN = frozenset({COORDINATOR, VERTROUWENSPERSOON, POLITIE})
# Roles that work with counts and trends instead of incidents (art. 4, 8).
CIJFERS_ROLLEN = frozenset(
    {Rol.VEILIGHEIDSMANAGER, Rol.PROJECTLEIDER, Rol.BEHEERDER, Rol.BESTUURDER}
)
# Art. 2.11: the reporting code record is kept by the school's aandachtsfunctionaris and
# coordinator only; never the police or the municipality.
MELDCODE_ROLLEN = frozenset({Rol.AANDACHTSFUNCTIONARIS, COORDINATOR})
# Art. 9.1: the communication officers of the partners approve external statements.
COMMUNICATIE = Rol.COMMUNICATIEMEDEWERKER


def _bij_vertrouwenspersonen(melding) -> bool:
    # regels.bij_vertrouwenspersonen() is written once, as a condition: the incident pages
    # read it from their queryset's annotation (MeldingQuerySet.met_vertrouwelijkheid); an
    # incident loaded without it asks the database the same condition.
    if hasattr(melding, "bij_vertrouwenspersonen"):
        return melding.bij_vertrouwenspersonen
    return type(melding).objects.filter(regels.bij_vertrouwenspersonen(), pk=melding.pk).exists()


def _rollen_bij(user, melding) -> set[str]:
    """The user's roles at the incident's school."""
    return rollen_per_school(user).get(melding.school_id, set())


# --- Incidents ------------------------------------------------------------------------------


def ziet_meldingen(user) -> bool:
    """Art. 2, 3: the incident list is for the school's coordinator and confidential contact
    persons and its police contact (`Melding.objects.visible_to` says which incidents)."""
    return heeft_rol(user, *MELDINGEN_ROLLEN)


def volgt_politiemeldingen(user) -> bool:
    """Art. 3.2: the police contact follows the reports made to the police, so his list puts
    what is past its response target first and the navigation counts it."""
    return heeft_rol(user, POLITIE)


def meld_scholen(user) -> set[int]:
    """Art. 2.1, 2.2: the schools where the user records incidents: as their coordinator or
    as one of their confidential contact persons."""
    return scholen_in_rol(user, COORDINATOR, VERTROUWENSPERSOON)


def mag_melden(user) -> bool:
    return bool(meld_scholen(user))


def mag_vertrouwelijk_melden(user) -> bool:
    """Art. 2.2: a report to a confidential contact person is recorded by one."""
    return bool(scholen_in_rol(user, VERTROUWENSPERSOON))


def meldt_standaard_vertrouwelijk(user) -> bool:
    """A confidential contact person who is not also a coordinator records confidential
    reports, so the form starts with that box ticked."""
    return mag_vertrouwelijk_melden(user) and not scholen_in_rol(user, COORDINATOR)


def mag_bewerken(user, melding) -> bool:
    """Who acts on an incident: edits it, closes and reopens it, records the police report,
    attachments, informed parents and a draft statement. The school's coordinator, and for a
    report that is still with the confidential contact persons (art. 2.2,
    regels.bij_vertrouwenspersonen), only the school's contactpersonen vertrouwenszaken. Never
    the police, never another school: they read at most."""
    rollen = _rollen_bij(user, melding)
    if _bij_vertrouwenspersonen(melding):
        return VERTROUWENSPERSOON in rollen
    return bool(rollen & {COORDINATOR, VERTROUWENSPERSOON})


def mag_afsluiten(user, melding) -> bool:
    """Closing and reopening is editing (the covenant's duties decide whether it may close)."""
    return mag_bewerken(user, melding)


def mag_delen(user, melding) -> bool:
    """Art. 2.2: a contactpersoon vertrouwenszaken of the school may share a report that is
    still only theirs with the coordinator (regels.bij_vertrouwenspersonen)."""
    return _bij_vertrouwenspersonen(melding) and VERTROUWENSPERSOON in _rollen_bij(user, melding)


def persoonsgegevens(user, melding) -> tuple[str, ...]:
    """The personal data of the people involved (and the attachments) this user sees of this
    incident, on its page and in the export alike: art. 8 with art. 2.6,
    regels.zichtbare_persoonsgegevens."""
    return regels.zichtbare_persoonsgegevens(
        _rollen_bij(user, melding), getattr(melding, "politiemelding", None)
    )


def ziet_personen(user, melding) -> bool:
    return bool(persoonsgegevens(user, melding))


def ziet_inzages(user, melding) -> bool:
    """Who read the incident's personal data is shown to the school's coordinator and
    confidential contact persons."""
    return bool(_rollen_bij(user, melding) & {COORDINATOR, VERTROUWENSPERSOON})


def volgt_op_als_politie(user, melding) -> bool:
    """Art. 3.1-3.5: the school's police contact records the steps and notes of a report
    made to the police."""
    return POLITIE in _rollen_bij(user, melding) and hasattr(melding, "politiemelding")


def mag_meldcode_openen_bij(user, melding) -> bool:
    """Art. 2.11: from an incident, the school's aandachtsfunctionaris or coordinator opens a
    reporting code record (when the incident's categories call for the route)."""
    return bool(_rollen_bij(user, melding) & MELDCODE_ROLLEN)


def ziet_cijfers(user) -> bool:
    """Art. 4, 8: the municipality and the boards work with counts, not with incidents."""
    return heeft_rol(user, *CIJFERS_ROLLEN)


# --- The reporting code (art. 2.11) --------------------------------------------------------


def meldcode_scholen(user) -> set[int]:
    """The schools whose reporting code records the user keeps (MELDCODE_ROLLEN)."""
    return scholen_in_rol(user, *MELDCODE_ROLLEN)


def ziet_meldcode(user) -> bool:
    return bool(meldcode_scholen(user))


# --- External statements (art. 9.1) --------------------------------------------------------


def communicatie_organisaties(user) -> set[int]:
    """The partners for which this user is a communication officer today."""
    return organisaties_in_rol(user, COMMUNICATIE)


def heeft_communicatietaak(user) -> bool:
    return bool(communicatie_organisaties(user))


def mag_mededeling_opstellen(user, melding) -> bool:
    """Art. 9.1: whoever acts on an incident the school reported to the police drafts the
    statement about it."""
    from meldingen.mededelingen import mededeling_mogelijk

    return mag_bewerken(user, melding) and mededeling_mogelijk(melding)


def mag_goedkeuren(user, organisatie_id) -> bool:
    """Art. 9.1: a partner's communication officer approves for that partner."""
    return organisatie_id in communicatie_organisaties(user)
