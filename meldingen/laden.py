"""meldingen's own data: the incident categories and their duties (meldingen/data/categorieen.yaml).

`manage.py laad_convenant` (convenant/site/laden.py) loads them after the covenant.
"""

from pathlib import Path

import yaml
from django.utils.text import slugify

from meldingen.models import Categorie
from meldingen.regels import STRENGHEID
from partijen.laden import OngeldigeData, Verslag, upsert

CATEGORIEEN = Path(__file__).resolve().parent / "data" / "categorieen.yaml"


def laad_categorieen(verslag: Verslag, pad: Path = CATEGORIEEN, *, bijwerken: bool) -> None:
    """The incident categories and the duties they carry (meldingen/data/categorieen.yaml).

    A subcategory is a name, or a mapping with a stricter police duty of its own (theft,
    art. 2.4). The file's police duty is a floor: a stored duty that is lighter (a database
    loaded before the file made it stricter, or a mistaken edit) is raised to the file's, also
    without `bijwerken`; a stricter one an administrator chose stays.
    """
    data = yaml.safe_load(Path(pad).read_text(encoding="utf-8"))
    politie = set(Categorie.Politie.values)
    for volgorde, item in enumerate(data["categorieen"], start=1):
        if item["politie"] not in politie:
            raise OngeldigeData(f"categorie {item['code']}: onbekende politieplicht")
        plicht = {
            "politie": item["politie"],
            "artikel": item.get("artikel", ""),
            "reactietermijn": item.get("reactietermijn"),
        }
        hoofd = upsert(
            verslag,
            Categorie,
            {"code": item["code"]},
            {
                "naam": item["naam"],
                "landelijk": item.get("landelijk", False),
                **plicht,
                "meldcode": item.get("meldcode", False),
                "volgorde": volgorde * 10,
            },
            bijwerken,
        )
        _politieplicht_als_ondergrens(verslag, hoofd, plicht)
        for n, sub in enumerate(item.get("sub", []), start=1):
            sub = sub if isinstance(sub, dict) else {"naam": sub}
            code = f"{item['code']}-{slugify(sub['naam'])}"
            if sub.get("politie", "geen") not in politie:
                raise OngeldigeData(f"categorie {code}: onbekende politieplicht")
            plicht = {
                "politie": sub.get("politie", Categorie.Politie.GEEN),
                "artikel": sub.get("artikel", ""),
                "reactietermijn": sub.get("reactietermijn"),
            }
            categorie = upsert(
                verslag,
                Categorie,
                {"code": code},
                {
                    "naam": sub["naam"],
                    "bovenliggend": hoofd,
                    **plicht,
                    "volgorde": volgorde * 10 + n,
                },
                bijwerken,
            )
            _politieplicht_als_ondergrens(verslag, categorie, plicht)


def _politieplicht_als_ondergrens(verslag: Verslag, categorie: Categorie, plicht: dict) -> None:
    if STRENGHEID[categorie.politie] >= STRENGHEID[plicht["politie"]]:
        return
    for veld, waarde in plicht.items():
        setattr(categorie, veld, waarde)
    categorie.save(update_fields=list(plicht))
    verslag.tel(Categorie, created=False, updated=True)
