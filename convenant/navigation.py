"""The main navigation: one list, each item with the roles that can use it.

Later issues add their pages here; a role never sees a link to a page that would refuse it.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partijen.models import Rol


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str] | None = None  # None: every signed-in user

    def allows(self, user) -> bool:
        return self.roles is None or user.rol in self.roles


ITEMS = [
    NavItem(_("Home"), "home"),
    NavItem(_("Covenant"), "convenant:tekst"),
    NavItem(_("Partners"), "convenant:partners"),
    NavItem(_("Meeting structure"), "convenant:overlegstructuur"),
    NavItem(_("Administration"), "admin:index", frozenset({Rol.BEHEERDER})),
]


def items_for(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    return [
        {"label": item.label, "url": reverse(item.url_name), "url_name": item.url_name}
        for item in ITEMS
        if item.allows(user)
    ]


def navigation(request):
    """Template context processor: the navigation items for the signed-in user."""
    return {"nav_items": items_for(request.user)}
