"""The covenant's own part of its data file (convenant/data/convenant.yaml): the text, the
signatures, the accessions, the signed annex of meetings and what the covenant asks per role.

The file also holds partijen's sections (partners, areas, districts) and overleggen's (the kinds
of meeting); each app loads its own (partijen/laden.py, overleggen/laden.py) and
`manage.py laad_convenant` (convenant/site/laden.py) loads them all, partijen's first.
"""

from pathlib import Path

from convenant.models import (
    Aanvulling,
    Artikel,
    Bijlageoverleg,
    Convenant,
    Lid,
    Ondertekening,
    Rolbeschrijving,
)
from partijen.laden import OngeldigeData, Verslag, upsert
from partijen.models import Organisatie, Rol

DATABESTAND = Path(__file__).resolve().parent / "data" / "convenant.yaml"


def laad_convenantdata(data: dict, verslag: Verslag, *, bijwerken: bool) -> None:
    """The sections `convenant`, `artikelen`, `ondertekeningen`, `aanvullingen`,
    `overlegstructuur` and `rollen`; the signing organisations must be loaded already."""
    meta = dict(data["convenant"])
    convenant = upsert(verslag, Convenant, {"code": meta.pop("code")}, meta, bijwerken)

    leden_op_verwijzing: dict[str, Lid] = {}
    for art in data["artikelen"]:
        artikel = upsert(
            verslag,
            Artikel,
            {"convenant": convenant, "nummer": art["nummer"]},
            {"titel": art["titel"], "hoofdstuk": art.get("hoofdstuk", "")},
            bijwerken,
        )
        for item in art["leden"]:
            lid = upsert(
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

    # A signature names one of the file's organisations (loaded by partijen/laden.py).
    organisaties = {
        o.code: o
        for o in Organisatie.objects.filter(code__in=[org["code"] for org in data["organisaties"]])
    }
    for item in data["ondertekeningen"]:
        item = dict(item)
        code = item.pop("organisatie")
        if code not in organisaties:
            raise OngeldigeData(f"ondertekening: onbekende organisatie {code!r}")
        upsert(
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
        upsert(
            verslag,
            Aanvulling,
            {"convenant": convenant, "datum": item["datum"]},
            {"aanhef": item["aanhef"].strip(), "tekst": item["tekst"].strip()},
            bijwerken,
        )

    for item in data.get("overlegstructuur", []):
        upsert(
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

    rollen = set(Rol.values)
    for rol, beschrijving in data["rollen"].items():
        if rol not in rollen:
            raise OngeldigeData(f"rollen: onbekende rol {rol!r}")
        ontbrekend = [v for v in beschrijving["leden"] if v not in leden_op_verwijzing]
        if ontbrekend:
            raise OngeldigeData(f"rol {rol}: verwijst naar onbekende leden {ontbrekend}")
        nieuw = not Rolbeschrijving.objects.filter(convenant=convenant, rol=rol).exists()
        obj = upsert(
            verslag,
            Rolbeschrijving,
            {"convenant": convenant, "rol": rol},
            {"omschrijving": beschrijving["omschrijving"].strip()},
            bijwerken,
        )
        if nieuw or bijwerken:
            obj.leden.set([leden_op_verwijzing[v] for v in beschrijving["leden"]])
