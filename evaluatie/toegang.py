"""Who may do what with the evaluation rounds: the one place this app decides it.

Art. 4: the municipality organises the (interim) evaluation, so its projectleider opens rounds,
records findings and improvement actions. Each partner answers its own questionnaire, through
its coordinator or bestuurder (for the municipality and the police: the people who carry out
the covenant there). The report is for the administrative meeting (art. 7.2): the bestuurders,
the projectleider and the safety managers.
"""

from partijen.rollen import Rol, heeft_rol, huidige_toewijzingen

# Who answers for a partner (art. 11.1): the roles that carry out the covenant for it.
ANTWOORDROLLEN = frozenset(
    {
        Rol.COORDINATOR_VEILIGHEID,
        Rol.BESTUURDER,
        Rol.VEILIGHEIDSMANAGER,
        Rol.PROJECTLEIDER,
        Rol.POLITIE_CONTACTPERSOON,
        Rol.POLITIE_OPERATIONEEL_EXPERT,
    }
)
RAPPORTROLLEN = frozenset({Rol.PROJECTLEIDER, Rol.VEILIGHEIDSMANAGER, Rol.BESTUURDER})


def mag_rondes_beheren(user) -> bool:
    """Art. 4: the municipality's projectleider organises the evaluation."""
    return heeft_rol(user, Rol.PROJECTLEIDER)


def antwoordt_voor(user) -> set[int]:
    """The partners (organisation ids) this user answers the questionnaire for: the
    organisation of the user's person when it holds an answering role; a bestuurder also for the
    board it is assigned to, a coordinator for the board of its school. (A police contact
    assigned to schools answers for the police, not for their boards.)"""
    toewijzingen = [t for t in huidige_toewijzingen(user) if t.rol in ANTWOORDROLLEN]
    if not toewijzingen:
        return set()
    from partijen.models import Persoon, School

    organisaties = set(
        Persoon.objects.filter(gebruiker=user).values_list("organisatie_id", flat=True)
    )
    organisaties |= {
        t.organisatie_id for t in toewijzingen if t.rol == Rol.BESTUURDER and t.organisatie_id
    }
    scholen = {
        t.school_id for t in toewijzingen if t.rol == Rol.COORDINATOR_VEILIGHEID and t.school_id
    }
    if scholen:
        organisaties |= set(
            School.objects.filter(pk__in=scholen).values_list("bestuur_id", flat=True)
        )
    return organisaties


def ziet_rapport(user) -> bool:
    """Art. 7.2: the administrative meeting oversees compliance with the report."""
    return heeft_rol(user, *RAPPORTROLLEN)


def ziet_evaluatie(user) -> bool:
    """The evaluation pages are for whoever organises, answers or reads a round."""
    return heeft_rol(user, *ANTWOORDROLLEN, *RAPPORTROLLEN)
