"""Loading data files into the database, and partijen's own part of the covenant's data file:
the partner organisations, the consultation areas, the districts and their neighbourhoods.

Rows are matched on their natural keys. By default only what is missing is created, so an
administrator's corrections in the application survive the next `make run`; `bijwerken=True`
overwrites the database with the file. Every app loads its own data with `upsert` and reports
into one `Verslag`; `manage.py laad_convenant` (convenant/site/laden.py) calls them in order.
"""

from dataclasses import dataclass, field

from django.utils.text import slugify

from partijen.models import Organisatie, Overleggebied, Stadsdeel, Wijk


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


def upsert(verslag, model, lookup, values, bijwerken):
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


def laad_partijen(data: dict, verslag: Verslag, *, bijwerken: bool) -> None:
    """The sections `organisaties`, `overleggebieden` and `stadsdelen` of the data file."""
    soorten = set(Organisatie.Soort.values)
    for org in data["organisaties"]:
        org = dict(org)
        if org["soort"] not in soorten:
            raise OngeldigeData(f"organisatie {org['code']}: onbekende soort {org['soort']!r}")
        upsert(verslag, Organisatie, {"code": org.pop("code")}, org, bijwerken)

    for gebied in data["overleggebieden"]:
        gebied = dict(gebied)
        upsert(verslag, Overleggebied, {"code": gebied.pop("code")}, gebied, bijwerken)

    gebieden = {g.code: g for g in Overleggebied.objects.all()}
    for deel in data.get("stadsdelen", []):
        if deel["overleggebied"] not in gebieden:
            raise OngeldigeData(
                f"stadsdeel {deel['code']}: onbekend gebied {deel['overleggebied']!r}"
            )
        stadsdeel = upsert(
            verslag,
            Stadsdeel,
            {"code": deel["code"]},
            {"naam": deel["naam"], "overleggebied": gebieden[deel["overleggebied"]]},
            bijwerken,
        )
        for naam in deel["wijken"]:
            upsert(
                verslag,
                Wijk,
                {"code": slugify(naam)},
                {"naam": naam, "stadsdeel": stadsdeel},
                bijwerken,
            )
