"""overleggen's own part of the covenant's data file (convenant/data/convenant.yaml): the kinds
of meeting of articles 5-7 and the chart "Overlegstructuur" (section `overlegvormen`).

`manage.py laad_convenant` (convenant/site/laden.py) loads them after the covenant.
"""

from overleggen.models import Overlegvorm
from partijen.laden import OngeldigeData, Verslag, upsert
from partijen.models import Rol


def laad_overlegvormen(data: dict, verslag: Verslag, *, bijwerken: bool) -> None:
    rollen = set(Rol.values)
    for vorm in data["overlegvormen"]:
        vorm = dict(vorm)
        onbekend = set(vorm.get("rollen", [])) - rollen
        if onbekend:
            raise OngeldigeData(f"overlegvorm {vorm['code']}: onbekende rollen {sorted(onbekend)}")
        vorm.setdefault("maximum", None)
        upsert(verslag, Overlegvorm, {"code": vorm.pop("code")}, vorm, bijwerken)
