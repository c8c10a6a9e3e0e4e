"""Bulk import of school locations and people from the municipality's spreadsheets.

tablib reads the file (CSV or Excel); every row goes through the same forms as the screens, so
an import refuses exactly what a person typing it in would be refused. A dry run does the whole
import inside a transaction and rolls it back; the real run commits only when no row has an
error.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

import tablib
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from partijen.forms import PersoonForm, RoltoewijzingForm, SchoolForm
from partijen.models import (
    TOEWIJSBARE_ROLLEN,
    Organisatie,
    Overleggebied,
    Persoon,
    Rol,
    Roltoewijzing,
    School,
    Stadsdeel,
    Wijk,
)

SCHOOL_KOLOMMEN = [
    f for f in SchoolForm.Meta.fields if f not in {"actief", "politiecontact_per_jaar"}
]
PERSOON_KOLOMMEN = [
    "voornaam",
    "achternaam",
    "functie",
    "email",
    "telefoon",
    "organisatie",
    "leidinggevende",
    "rol",
    "school",
    "overleggebied",
    "begin",
    "einde",
]
JA = {"ja", "j", "yes", "y", "1", "true", "waar", "x"}


class OnleesbaarBestand(ValueError):
    pass


@dataclass
class Rij:
    nummer: int
    actie: str = ""  # nieuw, gewijzigd, ongewijzigd, fout
    omschrijving: str = ""
    fouten: list[str] = field(default_factory=list)


@dataclass
class Uitkomst:
    rijen: list[Rij]
    opgeslagen: bool = False

    @property
    def fouten(self) -> int:
        return sum(1 for r in self.rijen if r.fouten)

    def telling(self) -> dict[str, int]:
        tel: dict[str, int] = {}
        for r in self.rijen:
            tel[r.actie] = tel.get(r.actie, 0) + 1
        return tel


class _Terugdraaien(Exception):
    pass


def lees(inhoud: bytes, bestandsnaam: str) -> list[dict]:
    """The rows of a CSV or Excel file as dicts with lower-case column names."""
    try:
        if bestandsnaam.lower().endswith(".xlsx"):
            data = tablib.Dataset().load(inhoud, format="xlsx")
        else:
            for codering in ("utf-8-sig", "cp1252"):
                try:
                    tekst = inhoud.decode(codering)
                    break
                except UnicodeDecodeError:
                    continue
            eerste = tekst.splitlines()[0] if tekst.strip() else ""
            scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
            data = tablib.Dataset().load(tekst, format="csv", delimiter=scheiding)
    except Exception as exc:  # tablib raises many kinds; all mean "not a table we can read"
        raise OnleesbaarBestand(_("The file could not be read as a table: %s") % exc) from exc
    if not data.headers:
        raise OnleesbaarBestand(_("The file has no header row."))
    koppen = [str(k or "").strip().lower() for k in data.headers]
    return [dict(zip(koppen, rij, strict=False)) for rij in data]


def _tekst(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, datetime):
        return waarde.date().isoformat()
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    # A NUL is never part of a name or code (a damaged export); PostgreSQL refuses it in a
    # query or a column, so it is dropped like the surrounding spaces.
    return str(waarde).replace("\x00", "").strip()


def _datum(waarde) -> str:
    tekst = _tekst(waarde)
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d-%m-%y"):
        try:
            # a calendar date, not a moment: no time zone applies
            return datetime.strptime(tekst, fmt).date().isoformat()  # noqa: DTZ007
        except ValueError:
            continue
    return tekst  # the form reports it as an invalid date


def _zoek(model, waarde, velden=("code", "naam")):
    tekst = _tekst(waarde)
    if not tekst:
        return None
    for veld in velden:
        gevonden = model.objects.filter(**{f"{veld}__iexact": tekst}).first()
        if gevonden:
            return gevonden
    return model.objects.filter(code=slugify(tekst)).first() if "code" in velden else None


def _koppel(
    rij: Rij, data: dict, veld: str, model, waarde, verplicht=False, velden=("code", "naam")
):
    obj = _zoek(model, waarde, velden)
    if obj is None and _tekst(waarde):
        rij.fouten.append(
            _("%(column)s: “%(value)s” is unknown.") % {"column": veld, "value": _tekst(waarde)}
        )
    elif obj is None and verplicht:
        rij.fouten.append(_("%(column)s: this column is required.") % {"column": veld})
    data[veld] = obj.pk if obj else ""


def _formfouten(rij: Rij, form) -> None:
    for veld, fouten in form.errors.items():
        label = form.fields[veld].label if veld in form.fields else ""
        for fout in fouten:
            rij.fouten.append(f"{label}: {fout}" if label else str(fout))


def _bewaar(rij: Rij, form, bestaand, omschrijving: str) -> None:
    # Compare the stored values, not the submitted text: "1315ab" and "1315 AB" are the same.
    voor = model_to_dict(bestaand) if bestaand else None
    if not form.is_valid():
        _formfouten(rij, form)
        return
    if bestaand is None:
        rij.actie = "nieuw"
    elif model_to_dict(form.instance) != voor:
        rij.actie = "gewijzigd"
    else:
        rij.actie = "ongewijzigd"
    form.save()
    rij.omschrijving = omschrijving


def _school_rij(nummer: int, bron: dict) -> Rij:
    rij = Rij(nummer)
    data = {k: _tekst(bron.get(k)) for k in SCHOOL_KOLOMMEN}
    rij.omschrijving = data["naam"]
    data["sector"] = data["sector"].upper()
    _koppel(rij, data, "bestuur", Organisatie, bron.get("bestuur"), verplicht=True)
    _koppel(rij, data, "stadsdeel", Stadsdeel, bron.get("stadsdeel"), verplicht=True)
    _koppel(rij, data, "overleggebied", Overleggebied, bron.get("overleggebied"))
    _koppel(rij, data, "wijk", Wijk, bron.get("wijk"))
    for veld in ("veiligheidsplan_vastgesteld", "veiligheidsplan_herzien_uiterlijk"):
        data[veld] = _datum(bron.get(veld))
    data["plaats"] = data["plaats"] or "Almere"
    data["actief"] = "on"
    if rij.fouten:
        return rij
    bestaand = None
    if data["brin"]:
        bestaand = School.objects.filter(brin__iexact=data["brin"]).first()
    if bestaand is None:
        bestaand = School.objects.filter(naam__iexact=data["naam"], bestuur=data["bestuur"]).first()
    if bestaand is not None and "website" not in bron:
        # Spreadsheets made before the column existed must not wipe the sites typed in since.
        data["website"] = bestaand.website
    form = SchoolForm(data, instance=bestaand)
    _bewaar(rij, form, bestaand, data["naam"])
    return rij


def _rol_code(waarde) -> str:
    tekst = _tekst(waarde).lower()
    for code, label in TOEWIJSBARE_ROLLEN:
        if tekst in {code, str(label).lower()}:
            return code
    return tekst


def _persoon_rij(nummer: int, bron: dict, scholen, door) -> Rij:
    rij = Rij(nummer)
    data = {k: _tekst(bron.get(k)) for k in PERSOON_KOLOMMEN}
    rij.omschrijving = f"{data['voornaam']} {data['achternaam']}".strip()
    _koppel(rij, data, "organisatie", Organisatie, bron.get("organisatie"), verplicht=True)
    if rij.fouten:
        return rij
    bestaand = None
    if data["email"]:
        bestaand = Persoon.objects.filter(email__iexact=data["email"]).first()
    if bestaand is None:
        bestaand = Persoon.objects.filter(
            voornaam__iexact=data["voornaam"],
            achternaam__iexact=data["achternaam"],
            organisatie=data["organisatie"],
        ).first()
    persoondata = {**data, "leidinggevende": "on" if data["leidinggevende"].lower() in JA else ""}
    if bestaand is not None and bestaand.gebruiker_id:
        persoondata["gebruiker"] = bestaand.gebruiker_id
    else:
        persoondata["gebruiker"] = ""
    form = PersoonForm(persoondata, instance=bestaand)
    _bewaar(rij, form, bestaand, f"{data['voornaam']} {data['achternaam']}")
    if rij.fouten or not data["rol"]:
        return rij

    persoon = form.instance
    toewijzing = {
        "persoon": persoon.pk,
        "rol": _rol_code(data["rol"]),
        "begin": _datum(bron.get("begin")) or timezone.localdate().isoformat(),
        "einde": _datum(bron.get("einde")),
    }
    if data["school"]:
        school = (
            scholen.filter(brin__iexact=data["school"]).first()
            or scholen.filter(naam__iexact=data["school"]).first()
        )
        if school is None:
            rij.fouten.append(_("school: “%s” is unknown.") % data["school"])
            return rij
        toewijzing["school"] = school.pk
    _koppel(rij, toewijzing, "overleggebied", Overleggebied, bron.get("overleggebied"))
    toewijzing.setdefault("organisatie", "")
    if toewijzing["rol"] in (
        Rol.BESTUURDER,
        Rol.COMMUNICATIEMEDEWERKER,
    ):
        toewijzing["organisatie"] = persoon.organisatie_id
    al_daar = Roltoewijzing.objects.filter(
        persoon=persoon,
        rol=toewijzing["rol"],
        school=toewijzing.get("school") or None,
        begin=toewijzing["begin"],
    ).exists()
    if al_daar:
        return rij
    toewijzingform = RoltoewijzingForm(toewijzing, scholen=scholen, door=door)
    if toewijzingform.is_valid():
        toewijzingform.save()
        rij.omschrijving += " · " + str(toewijzingform.instance.get_rol_display())
        if rij.actie == "ongewijzigd":
            rij.actie = "gewijzigd"
    else:
        _formfouten(rij, toewijzingform)
    return rij


def importeer(soort: str, inhoud: bytes, bestandsnaam: str, *, echt: bool, door) -> Uitkomst:
    """Run the import. With echt=False (dry run) nothing stays in the database."""
    bronrijen = lees(inhoud, bestandsnaam)
    scholen = School.objects.all()
    rijen: list[Rij] = []
    try:
        with transaction.atomic():
            for nummer, bron in enumerate(bronrijen, start=2):  # row 1 holds the headers
                if not any(_tekst(v) for v in bron.values()):
                    continue
                with transaction.atomic():  # a failing row must not poison the others
                    rij = (
                        _school_rij(nummer, bron)
                        if soort == "scholen"
                        else _persoon_rij(nummer, bron, scholen, door)
                    )
                if rij.fouten:
                    rij.actie = "fout"
                rijen.append(rij)
            uitkomst = Uitkomst(rijen)
            if not echt or uitkomst.fouten:
                raise _Terugdraaien
    except _Terugdraaien:
        return Uitkomst(rijen, opgeslagen=False)
    return Uitkomst(rijen, opgeslagen=True)
