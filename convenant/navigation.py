"""The main navigation: one list, each item with the roles that can use it.

Later issues add their pages here; a role never sees a link to a page that would refuse it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from convenant.tweefactor import is_geverifieerd
from meldingen.mededelingen import heeft_communicatietaak
from meldingen.meldcode import heeft_meldcode_toegang
from meldingen.querysets import CIJFERS_ROLLEN, MELDINGEN_ROLLEN, te_laat_voor_politie
from overleggen.toegang import SCHOOLOVERLEG_ROLLEN, ziet_naleving
from partijen.models import Rol
from partijen.querysets import (
    BEZETTING_ROLLEN,
    REGISTERHOUDERS,
    ziet_toegangsoverzicht,
)


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str] | None = None  # None: every signed-in user
    # Paths that belong to this section besides its own URL, so it stays highlighted there.
    sectie: tuple[str, ...] = ()
    # A count that needs the user's attention, shown as a badge (e.g. overdue police reports).
    teller: Callable | None = None
    # For pages that depend on the user's role assignments rather than the account's role.
    voorwaarde: Callable | None = None

    def allows(self, user) -> bool:
        if self.roles is not None and user.rol not in self.roles:
            return False
        return self.voorwaarde is None or self.voorwaarde(user)


ITEMS = [
    NavItem(_("Home"), "home"),
    NavItem(
        _("Incidents"), "meldingen:lijst", frozenset(MELDINGEN_ROLLEN), teller=te_laat_voor_politie
    ),
    NavItem(
        _("Reporting code"),
        "meldingen:meldcode_lijst",
        frozenset({Rol.COORDINATOR_VEILIGHEID, Rol.CONTACTPERSOON_VERTROUWENSZAKEN}),
        voorwaarde=heeft_meldcode_toegang,
    ),
    NavItem(_("Statements"), "meldingen:mededeling_lijst", voorwaarde=heeft_communicatietaak),
    NavItem(_("Figures"), "meldingen:cijfers", frozenset(CIJFERS_ROLLEN)),
    NavItem(
        _("Meetings"), "overleggen:naleving", voorwaarde=ziet_naleving, sectie=("/overleggen/",)
    ),
    NavItem(
        _("Meetings"), "overleggen:mijn", frozenset(SCHOOLOVERLEG_ROLLEN), sectie=("/overleggen/",)
    ),
    NavItem(_("Schools"), "partijen:school_lijst"),
    NavItem(_("Staffing"), "partijen:bezetting", frozenset(BEZETTING_ROLLEN)),
    NavItem(
        _("Register"),
        "partijen:organisatie_lijst",
        frozenset(REGISTERHOUDERS),
        sectie=("/partijen/personen/", "/partijen/toewijzingen/", "/partijen/import/"),
    ),
    # The audit log is a tab of this page: one more item would push "log out" off the bar.
    NavItem(
        _("Access"),
        "partijen:toegangsoverzicht",
        voorwaarde=ziet_toegangsoverzicht,
        sectie=("/partijen/audit/",),
    ),
    NavItem(_("Covenant"), "convenant:tekst"),
    NavItem(_("Administration"), "admin:index", frozenset({Rol.BEHEERDER})),
]


def items_for(user, path: str = "") -> list[dict]:
    if not user.is_authenticated:
        return []
    items = []
    for item in ITEMS:
        if not item.allows(user):
            continue
        url = reverse(item.url_name)
        # How much of the path this section claims: /meldingen/meldcode/ belongs to
        # "Meldcode", not to "Meldingen", so the longest match wins.
        if url == "/":
            treffer = 1 if path == "/" else 0
        else:
            treffer = max((len(p) for p in (url, *item.sectie) if path.startswith(p)), default=0)
        teller = item.teller(user) if item.teller else 0
        items.append({"label": item.label, "url": url, "treffer": treffer, "teller": teller})
    beste = max((i["treffer"] for i in items), default=0)
    for i in items:
        treffer = i.pop("treffer")
        i["actief"] = beste > 0 and treffer == beste
    return items


def navigation(request):
    """Template context processor: the navigation items for the signed-in user."""
    if not is_geverifieerd(request):
        # Before the code step no page is reachable, so none is offered.
        return {"nav_items": []}
    return {"nav_items": items_for(request.user, request.path)}
