"""A small Almere for the visibility tests: two areas, two boards, three schools."""

from dataclasses import dataclass

import pytest

from partijen.models import Rol
from tests.factories import (
    OrganisatieFactory,
    OverleggebiedFactory,
    SchoolFactory,
    StadsdeelFactory,
)


@dataclass
class Stad:
    a1: object
    a2: object
    b1: object
    gebied_a: object
    gebied_b: object
    bestuur_x: object
    bestuur_y: object


@pytest.fixture
def stad(db):
    gebied_a = OverleggebiedFactory(code="oost-haven", naam="Oost-Haven")
    gebied_b = OverleggebiedFactory(code="west-poort", naam="West-Poort")
    haven = StadsdeelFactory(code="haven", naam="Almere Haven", overleggebied=gebied_a)
    poort = StadsdeelFactory(code="poort", naam="Almere Poort", overleggebied=gebied_b)
    x = OrganisatieFactory(code="bestuur-x", naam="Bestuur X")
    y = OrganisatieFactory(code="bestuur-y", naam="Bestuur Y")
    return Stad(
        a1=SchoolFactory(naam="Havencollege", bestuur=x, stadsdeel=haven),
        a2=SchoolFactory(naam="Haventheater Lyceum", bestuur=y, stadsdeel=haven),
        b1=SchoolFactory(naam="Poortcollege", bestuur=x, stadsdeel=poort),
        gebied_a=gebied_a,
        gebied_b=gebied_b,
        bestuur_x=x,
        bestuur_y=y,
    )


@pytest.fixture
def gebruikers(stad, maak_gebruiker, in_rol):
    """One user per role with the assignments that tie it to part of the city."""
    u = {rol: maak_gebruiker(rol) for rol in Rol.values}
    # The other register roles keep their assignment without a scope: they see no school.
    in_rol(u["coordinator_veiligheid"], "coordinator_veiligheid", school=stad.a1)
    in_rol(u["contactpersoon_vertrouwenszaken"], "contactpersoon_vertrouwenszaken", school=stad.a2)
    in_rol(u["politie_contactpersoon"], "politie_contactpersoon", school=stad.a2)
    in_rol(u["politie_contactpersoon"], "politie_contactpersoon", school=stad.b1)
    in_rol(
        u["politie_operationeel_expert"], "politie_operationeel_expert", overleggebied=stad.gebied_b
    )
    in_rol(u["veiligheidsmanager"], "veiligheidsmanager", overleggebied=stad.gebied_a)
    in_rol(u["bestuurder"], "bestuurder", organisatie=stad.bestuur_x)
    return u


# Which schools each role sees in the small city above.
ZICHTBAAR = {
    "coordinator_veiligheid": {"a1"},
    "contactpersoon_vertrouwenszaken": {"a2"},
    "politie_contactpersoon": {"a2", "b1"},
    "politie_operationeel_expert": {"b1"},
    "veiligheidsmanager": {"a1", "a2"},
    "bestuurder": {"a1", "b1"},
    "projectleider": {"a1", "a2", "b1"},
    "beheerder": {"a1", "a2", "b1"},
    "antipestcoordinator": set(),
    "aanspreekpunt_pesten": set(),
    "aandachtsfunctionaris": set(),
    "communicatiemedewerker": set(),
}
