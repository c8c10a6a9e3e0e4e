"""Permission checks in templates, answered by the apps' permission modules.

`{% load toegang %}{% if user|mag:"communicatieparagraaf_bewerken" %}...{% endif %}` asks
convenant.toegang; a template never compares a role itself. Checks on one object (may this
user edit this incident) come from the view's context, computed by the same modules.
"""

from django import template

from convenant import toegang as convenant_toegang
from meldingen import toegang as meldingen_toegang
from overleggen import toegang as overleggen_toegang
from partijen import toegang as partijen_toegang
from partijen.rollen import Rol

register = template.Library()

RECHTEN = {
    "communicatieparagraaf_bewerken": convenant_toegang.mag_communicatieparagraaf_bewerken,
    "looptijd_bijhouden": convenant_toegang.mag_looptijd_bijhouden,
    "register_beheren": partijen_toegang.beheert_register,
    "accounts_beheren": partijen_toegang.beheert_accounts,
    "bezetting_zien": partijen_toegang.ziet_bezetting,
    "meldingen_zien": meldingen_toegang.ziet_meldingen,
    "melden": meldingen_toegang.mag_melden,
    "cijfers_zien": meldingen_toegang.ziet_cijfers,
    "naleving_zien": overleggen_toegang.ziet_naleving,
    "plannen": overleggen_toegang.mag_plannen,
}


@register.filter
def mag(user, recht: str) -> bool:
    """Whether the user may do this (a name of RECHTEN); an unknown name is an error."""
    return RECHTEN[recht](user)


@register.filter
def rollen(user) -> list[str]:
    """The names of the user's roles today, in the enum's order."""
    return [str(Rol(r).label) for r in convenant_toegang.rollen_op_volgorde(user)]
