"""Statuses, scopes, kinds and roles are enums in overleggen, and the scope of a kind of
meeting maps to a field of the meeting in one place (models.BEREIKVELD)."""

import ast
import dataclasses
from pathlib import Path

from overleggen import models as overlegmodellen
from overleggen.models import BEREIKVELD, Overleg, Overlegvorm
from overleggen.naleving import Cel, Nalevingsstatus
from partijen.models import Rol, School, Sector

APP = Path(overlegmodellen.__file__).resolve().parent


def test_every_scope_but_the_city_has_its_field_on_the_meeting():
    R = Overlegvorm.Reikwijdte
    assert set(BEREIKVELD) == set(R) - {R.STAD}
    for reikwijdte, veld in BEREIKVELD.items():
        assert Overleg._meta.get_field(veld).is_relation, reikwijdte
        assert Overlegvorm(reikwijdte=reikwijdte).bereikveld == veld
    assert Overlegvorm(reikwijdte=R.STAD).bereikveld is None
    # The rules select a scope's schools by the same names (regels.scholen_van).
    for reikwijdte in (R.GEBIED, R.WIJK):
        assert School._meta.get_field(BEREIKVELD[reikwijdte]).is_relation


STATUSSEN = set(Overleg.Status.values) | set(Nalevingsstatus.values) | set(Overlegvorm.Code.values)
# Strings that only ever mean a status or a kind of meeting: wrong anywhere outside the enums.
# The compliance counts are named after what they count (Cel.gehouden, Cel.gepland).
EENDUIDIG = STATUSSEN - {veld.name for veld in dataclasses.fields(Cel)}
# Strings that are also field names ("school", "wijk") or words ("jaar"): wrong as a value
# compared with, or passed as one of these fields in a query.
CODES = STATUSSEN | set(Overlegvorm.Reikwijdte.values) | set(Rol.values) | set(Sector.values)
VELDEN = {"status", "reikwijdte", "rol", "sector", "code", "periode"}


def _is_enum(klasse: ast.ClassDef) -> bool:
    return any(getattr(b, "attr", getattr(b, "id", "")) == "TextChoices" for b in klasse.bases)


def _teksten(knoop) -> list[str]:
    if isinstance(knoop, ast.Constant) and isinstance(knoop.value, str):
        return [knoop.value]
    if isinstance(knoop, ast.List | ast.Tuple | ast.Set):
        return [t for e in knoop.elts for t in _teksten(e)]
    return []


def _is_codeveld(argument: str | None) -> bool:
    """`status=`, `rol__in=`, `vorm__reikwijdte=`: a query on one of VELDEN."""
    delen = (argument or "").split("__")
    return delen[0] in VELDEN or delen[-1] in VELDEN


def _letterlijke_codes(bron: str) -> list[tuple[int, str]]:
    boom = ast.parse(bron)
    in_enum = {
        id(k)
        for klasse in ast.walk(boom)
        if isinstance(klasse, ast.ClassDef) and _is_enum(klasse)
        for k in ast.walk(klasse)
    }
    gevonden = []
    for knoop in ast.walk(boom):
        if id(knoop) in in_enum:
            continue
        if isinstance(knoop, ast.Constant) and knoop.value in EENDUIDIG:
            gevonden.append((knoop.lineno, knoop.value))
        elif isinstance(knoop, ast.Compare):
            for kant in (knoop.left, *knoop.comparators):
                gevonden += [(knoop.lineno, t) for t in _teksten(kant) if t in CODES]
        elif isinstance(knoop, ast.keyword) and _is_codeveld(knoop.arg):
            gevonden += [(knoop.value.lineno, t) for t in _teksten(knoop.value) if t in CODES]
    return sorted(set(gevonden))


def test_no_status_scope_kind_or_role_is_written_as_a_string():
    fouten = {
        bestand.name: codes
        for bestand in sorted(APP.glob("*.py"))
        if (codes := _letterlijke_codes(bestand.read_text()))
    }
    assert fouten == {}


def test_the_check_finds_the_literals_it_is_about():
    bron = """
AANDACHT = {"te_laat"}
class Status(models.TextChoices):
    GEPLAND = "gepland", "planned"
x = vormen["kerngroep"]
y = Overlegvorm.objects.filter(reikwijdte="school")
z = Roltoewijzing.objects.filter(rol__in=["veiligheidsmanager"])
if o.status == "geannuleerd":
    pass
velden = ("school", "overleggebied", "wijk")
"""
    assert [code for _regel, code in _letterlijke_codes(bron)] == [
        "te_laat",
        "kerngroep",
        "school",
        "veiligheidsmanager",
        "geannuleerd",
    ]
