"""The tables of who may do what (tests/<app>/test_rechten.py) and the check that the
permission functions, the views, the templates and the navigation all follow them.

A table row is an action and one mark per role, in the order of `Rol`:

    "bezetting": "x . . . . . . x x x x .",

`x` allowed, `.` not. Each row names where the permission shows: the permission function,
the view (its status for an allowed and a refused user), a link or button on a page, and the
navigation.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from convenant.site.navigation import items_for
from partijen import regels
from partijen.models import Gebruiker, Rol

ROLLEN = list(Rol)
# The heading to put above a table, one column per role in the order of Rol:
#   coördinator, vertrouwenspersoon, antipest, aanspreekpunt pesten, aandachtsfunctionaris,
#   politie contactpersoon, operationeel expert, veiligheidsmanager, projectleider,
#   communicatie, bestuurder, beheerder


def toegestaan(regel: str) -> set[str]:
    """The roles a table row allows."""
    tekens = regel.split()
    assert len(tekens) == len(ROLLEN), f"{regel!r}: one mark per role, {len(ROLLEN)} in all"
    assert set(tekens) <= {"x", "."}, regel
    return {rol for rol, teken in zip(ROLLEN, tekens, strict=True) if teken == "x"}


@dataclass
class Actie:
    """Where one action of a table shows. Urls may be functions of the scenario (the objects
    made for the test), called when checked."""

    naam: str
    functie: Callable | None = None  # (user) -> bool
    url: Callable | str | None = None
    methode: str = "get"
    data: dict = field(default_factory=dict)
    ja: tuple[int, ...] = (200,)  # the view's status for a user who may
    nee: tuple[int, ...] = (404,)  # ... and for one who may not
    nav: str | None = None  # the url of the navigation item
    pagina: Callable | str | None = None  # a page that shows the link or button ...
    teken: Callable | str | None = None  # ... recognised by this text in its html


def _waarde(x):
    return x() if callable(x) else x


def afwijkingen(client, user, rol, tabel: dict[str, str], acties: list[Actie]) -> list[str]:
    """Every place where a permission function, a view, a page or the navigation disagrees with
    the table for this user in this role."""
    assert set(tabel) == {a.naam for a in acties}, set(tabel) ^ {a.naam for a in acties}
    fouten = []
    client.force_login(user)
    nav = {i["url"] for i in items_for(Gebruiker.objects.get(pk=user.pk))}
    for actie in acties:
        mag = rol in toegestaan(tabel[actie.naam])
        waar = f"{rol} · {actie.naam}"
        if actie.functie is not None:
            # A fresh user object: no roles kept from an earlier check.
            uitkomst = actie.functie(Gebruiker.objects.get(pk=user.pk))
            if bool(uitkomst) != mag:
                fouten.append(f"{waar}: the permission function says {bool(uitkomst)}")
        if actie.nav is not None and (actie.nav in nav) != mag:
            fouten.append(f"{waar}: the navigation {'lacks' if mag else 'shows'} {actie.nav}")
        if actie.pagina is not None:
            # The page itself may be closed to this user (its own row says so); where it
            # opens, the link or button is there exactly for those who may.
            response = client.get(_waarde(actie.pagina))
            if response.status_code == 200:
                getoond = _waarde(actie.teken) in response.content.decode()
                if getoond != mag:
                    fouten.append(
                        f"{waar}: {_waarde(actie.pagina)} {'lacks' if mag else 'shows'} "
                        f"{_waarde(actie.teken)!r}"
                    )
        if actie.url is not None:
            url = _waarde(actie.url)
            status = getattr(client, actie.methode)(url, actie.data).status_code
            if status not in (actie.ja if mag else actie.nee):
                fouten.append(f"{waar}: {actie.methode.upper()} {url} answers {status}")
    return fouten


def bij_a1(rol, stad, maak_gebruiker, in_rol):
    """A user in this role, held for the Havencollege: at the school, its area or its board."""
    user = maak_gebruiker(rol)
    bereik = regels.bereik_van_rol(rol)
    if bereik == "school":
        in_rol(user, rol, school=stad.a1)
    elif bereik.startswith("gebied"):
        in_rol(user, rol, overleggebied=stad.gebied_a)
    elif bereik == "organisatie":
        in_rol(user, rol, organisatie=stad.bestuur_x)
    return Gebruiker.objects.get(pk=user.pk)
