"""Load the covenant's own data (convenant/data/convenant.yaml) into the database.

Rows are matched on their natural keys. By default only what is missing is created, so an
administrator's corrections in the application survive the next `make run`; `bijwerken=True`
overwrites the database with the file.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction
from django.utils.text import slugify

from convenant.models import (
    Aanvulling,
    Artikel,
    Bijlageoverleg,
    Convenant,
    Lid,
    Ondertekening,
    Rolbeschrijving,
)
from meldingen.models import Categorie
from meldingen.regels import STRENGHEID
from overleggen.models import Overlegvorm
from partijen.models import Organisatie, Overleggebied, Rol, Stadsdeel, Wijk

DATABESTAND = Path(__file__).resolve().parent / "data" / "convenant.yaml"
CATEGORIEEN = Path(__file__).resolve().parent.parent / "meldingen" / "data" / "categorieen.yaml"


class OngeldigeData(ValueError):
    """The data file contradicts itself or the application; the message says where."""


@dataclass
class Verslag:
    aangemaakt: dict[str, int] = field(default_factory=dict)
    bijgewerkt: dict[str, int] = field(default_factory=dict)

    def tel(self, model, created: bool, updated: bool):
        name = str(model._meta.verbose_name_plural)
        if created:
            self.aangemaakt[name] = self.aangemaakt.get(name, 0) + 1
        elif updated:
            self.bijgewerkt[name] = self.bijgewerkt.get(name, 0) + 1


def _upsert(verslag, model, lookup, values, bijwerken):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        verslag.tel(model, created=True, updated=False)
        return obj
    if bijwerken:
        changed = [k for k, v in values.items() if getattr(obj, k) != v]
    else:
        # A field the data file gained after the row was made (e.g. a new text) is filled in;
        # what an administrator changed stays.
        changed = [
            k for k, v in values.items() if getattr(obj, k) in ("", None) and v not in ("", None)
        ]
    if changed:
        for k in changed:
            setattr(obj, k, values[k])
        obj.save()
        verslag.tel(model, created=False, updated=True)
    return obj


@transaction.atomic
def laad_convenant(pad: Path = DATABESTAND, *, bijwerken: bool = False) -> Verslag:
    data = yaml.safe_load(Path(pad).read_text(encoding="utf-8"))
    verslag = Verslag()

    meta = dict(data["convenant"])
    convenant = _upsert(verslag, Convenant, {"code": meta.pop("code")}, meta, bijwerken)

    leden_op_verwijzing: dict[str, Lid] = {}
    for art in data["artikelen"]:
        artikel = _upsert(
            verslag,
            Artikel,
            {"convenant": convenant, "nummer": art["nummer"]},
            {"titel": art["titel"], "hoofdstuk": art.get("hoofdstuk", "")},
            bijwerken,
        )
        for item in art["leden"]:
            lid = _upsert(
                verslag,
                Lid,
                {"artikel": artikel, "nummer": item.get("nummer")},
                {
                    "tekst": item["tekst"].strip(),
                    "toelichting": item.get("toelichting", "").strip(),
                },
                bijwerken,
            )
            leden_op_verwijzing[lid.verwijzing] = lid

    organisaties = {}
    soorten = set(Organisatie.Soort.values)
    for org in data["organisaties"]:
        org = dict(org)
        if org["soort"] not in soorten:
            raise OngeldigeData(f"organisatie {org['code']}: onbekende soort {org['soort']!r}")
        code = org.pop("code")
        organisaties[code] = _upsert(verslag, Organisatie, {"code": code}, org, bijwerken)

    for item in data["ondertekeningen"]:
        item = dict(item)
        code = item.pop("organisatie")
        if code not in organisaties:
            raise OngeldigeData(f"ondertekening: onbekende organisatie {code!r}")
        _upsert(
            verslag,
            Ondertekening,
            {
                "convenant": convenant,
                "organisatie": organisaties[code],
                "ondertekenaar": item.pop("ondertekenaar"),
            },
            item,
            bijwerken,
        )

    toetredingsdata = {
        item["datum"] for item in data["ondertekeningen"] if item.get("toetreding", False)
    }
    for item in data.get("aanvullingen", []):
        if item["datum"] not in toetredingsdata:
            raise OngeldigeData(f"aanvulling {item['datum']}: niemand trad op die datum toe")
        _upsert(
            verslag,
            Aanvulling,
            {"convenant": convenant, "datum": item["datum"]},
            {"aanhef": item["aanhef"].strip(), "tekst": item["tekst"].strip()},
            bijwerken,
        )

    for item in data.get("overlegstructuur", []):
        _upsert(
            verslag,
            Bijlageoverleg,
            {"convenant": convenant, "nummer": item["nummer"]},
            {
                "naam": item["naam"],
                "deelnemers": "\n".join(item["deelnemers"]),
                "frequentie": item["frequentie"],
                "gebieden": item.get("gebieden", ""),
            },
            bijwerken,
        )

    for gebied in data["overleggebieden"]:
        gebied = dict(gebied)
        _upsert(verslag, Overleggebied, {"code": gebied.pop("code")}, gebied, bijwerken)

    gebieden = {g.code: g for g in Overleggebied.objects.all()}
    for deel in data.get("stadsdelen", []):
        if deel["overleggebied"] not in gebieden:
            raise OngeldigeData(
                f"stadsdeel {deel['code']}: onbekend gebied {deel['overleggebied']!r}"
            )
        stadsdeel = _upsert(
            verslag,
            Stadsdeel,
            {"code": deel["code"]},
            {"naam": deel["naam"], "overleggebied": gebieden[deel["overleggebied"]]},
            bijwerken,
        )
        for naam in deel["wijken"]:
            _upsert(
                verslag,
                Wijk,
                {"code": slugify(naam)},
                {"naam": naam, "stadsdeel": stadsdeel},
                bijwerken,
            )

    rollen = set(Rol.values)
    for vorm in data["overlegvormen"]:
        vorm = dict(vorm)
        onbekend = set(vorm.get("rollen", [])) - rollen
        if onbekend:
            raise OngeldigeData(f"overlegvorm {vorm['code']}: onbekende rollen {sorted(onbekend)}")
        vorm.setdefault("maximum", None)
        _upsert(verslag, Overlegvorm, {"code": vorm.pop("code")}, vorm, bijwerken)

    for rol, beschrijving in data["rollen"].items():
        if rol not in rollen:
            raise OngeldigeData(f"rollen: onbekende rol {rol!r}")
        ontbrekend = [v for v in beschrijving["leden"] if v not in leden_op_verwijzing]
        if ontbrekend:
            raise OngeldigeData(f"rol {rol}: verwijst naar onbekende leden {ontbrekend}")
        nieuw = not Rolbeschrijving.objects.filter(convenant=convenant, rol=rol).exists()
        obj = _upsert(
            verslag,
            Rolbeschrijving,
            {"convenant": convenant, "rol": rol},
            {"omschrijving": beschrijving["omschrijving"].strip()},
            bijwerken,
        )
        if nieuw or bijwerken:
            obj.leden.set([leden_op_verwijzing[v] for v in beschrijving["leden"]])

    laad_categorieen(verslag, bijwerken=bijwerken)
    return verslag


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
        hoofd = _upsert(
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
            categorie = _upsert(
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
