"""The main navigation: one list, each item with the permission (of the app's permission
module) that decides who sees it.

Later issues add their pages here; a user never sees a link to a page that would refuse them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from convenant.tweefactor import is_geverifieerd
from evaluatie import toegang as evaluatie
from meldingen import toegang as meldingen
from meldingen.querysets import te_laat_voor_politie
from overleggen import toegang as overleggen
from partijen import toegang as partijen
from partijen.toegang import wat_ontbreekt


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    # Who sees the item: a function of an app's permission module; None: every signed-in user.
    voorwaarde: Callable | None = None
    # Paths that belong to this section besides its own URL, so it stays highlighted there.
    sectie: tuple[str, ...] = ()
    # A count that needs the user's attention, shown as a badge (e.g. overdue police reports).
    teller: Callable | None = None
    # The label when an earlier item with the same label is shown too (a user in two roles).
    naast_label: str | None = None

    def allows(self, user) -> bool:
        return self.voorwaarde is None or self.voorwaarde(user)


ITEMS = [
    NavItem(_("Home"), "home"),
    NavItem(
        _("Incidents"),
        "meldingen:lijst",
        voorwaarde=meldingen.ziet_meldingen,
        teller=te_laat_voor_politie,
    ),
    NavItem(_("Reporting code"), "meldingen:meldcode_lijst", voorwaarde=meldingen.ziet_meldcode),
    NavItem(
        _("Statements"), "meldingen:mededeling_lijst", voorwaarde=meldingen.heeft_communicatietaak
    ),
    NavItem(_("Figures"), "meldingen:cijfers", voorwaarde=meldingen.ziet_cijfers),
    NavItem(
        _("Meetings"),
        "overleggen:naleving",
        voorwaarde=overleggen.ziet_naleving,
        sectie=("/overleggen/",),
    ),
    NavItem(
        _("Meetings"),
        "overleggen:mijn",
        voorwaarde=overleggen.ziet_schooloverleggen,
        sectie=("/overleggen/",),
        naast_label=_("School meetings"),
    ),
    NavItem(_("Evaluation"), "evaluatie:lijst", voorwaarde=evaluatie.ziet_evaluatie),
    NavItem(_("Schools"), "partijen:school_lijst"),
    NavItem(_("Staffing"), "partijen:bezetting", voorwaarde=partijen.ziet_bezetting),
    NavItem(
        _("Register"),
        "partijen:organisatie_lijst",
        voorwaarde=partijen.beheert_register,
        sectie=("/partijen/personen/", "/partijen/toewijzingen/", "/partijen/import/"),
    ),
    # The audit log is a tab of this page: one more item would push "log out" off the bar.
    NavItem(
        _("Access"),
        "partijen:toegangsoverzicht",
        voorwaarde=partijen.ziet_toegangsoverzicht,
        sectie=("/partijen/audit/",),
    ),
    NavItem(_("Covenant"), "convenant:tekst"),
    NavItem(_("Administration"), "admin:index", voorwaarde=partijen.beheert_accounts),
]


def items_for(user, path: str = "") -> list[dict]:
    if not user.is_authenticated:
        return []
    items = []
    labels = set()
    for item in ITEMS:
        if not item.allows(user):
            continue
        label = item.naast_label if item.label in labels and item.naast_label else item.label
        labels.add(item.label)
        url = reverse(item.url_name)
        # How much of the path this section claims: /meldingen/meldcode/ belongs to
        # "Meldcode", not to "Meldingen", so the longest match wins.
        if url == "/":
            treffer = 1 if path == "/" else 0
        else:
            treffer = max((len(p) for p in (url, *item.sectie) if path.startswith(p)), default=0)
        teller = item.teller(user) if item.teller else 0
        items.append({"label": label, "url": url, "treffer": treffer, "teller": teller})
    beste = max((i["treffer"] for i in items), default=0)
    for i in items:
        treffer = i.pop("treffer")
        i["actief"] = beste > 0 and treffer == beste
    return items


def navigation(request):
    """Template context processor: the navigation items for the signed-in user."""
    if not is_geverifieerd(request):
        # Before the code step no page is reachable, so none is offered.
        return {"nav_items": [], "account_ontbreekt": []}
    return {
        "nav_items": items_for(request.user, request.path),
        # Shown on every page: an account without a role would otherwise meet empty pages.
        "account_ontbreekt": wat_ontbreekt(request.user),
    }
