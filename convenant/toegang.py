"""Who may do what with the covenant's own pages: the one place this app decides it.

The covenant's text, partners and meeting structure are for every signed-in user; the home
page shows each of the user's roles (partijen.rollen). Views, templates and the navigation ask
here, never a role themselves.
"""

from partijen.rollen import Rol, rollen_van
from partijen.toegang import beheert_register


def mag_communicatieparagraaf_bewerken(user) -> bool:
    """Art. 9.2: the register keepers record the communication paragraph agreed with the
    partners (the municipality directs the covenant's follow-up, art. 4)."""
    return beheert_register(user)


def rollen_op_volgorde(user) -> list[Rol]:
    """The user's roles today in the enum's order, one home page section each."""
    rollen = rollen_van(user)
    return [rol for rol in Rol if rol in rollen]


def mag_looptijd_bijhouden(user) -> bool:
    """Art. 4, 10: the municipality directs the covenant's follow-up, so its register keepers
    record its life: notices, consents and extensions, and read the signed documents."""
    return beheert_register(user)
