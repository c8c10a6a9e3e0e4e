"""evaluatie's own data file (evaluatie/data/vragen.yaml): the questionnaire of the evaluation
rounds, per article and per paragraph that imposes a duty (art. 11.1).

`manage.py laad_convenant` (convenant/site/laden.py) loads it after the covenant.
"""

from pathlib import Path

import yaml

from convenant.models import Artikel, Convenant, Lid
from evaluatie.models import Vraag
from partijen.laden import OngeldigeData, Verslag, upsert

VRAGENBESTAND = Path(__file__).resolve().parent / "data" / "vragen.yaml"


def laad_vragen(verslag: Verslag, *, bijwerken: bool, pad: Path = VRAGENBESTAND) -> None:
    convenant = Convenant.objects.actueel()
    data = yaml.safe_load(Path(pad).read_text(encoding="utf-8"))
    artikelen = {a.nummer: a for a in Artikel.objects.filter(convenant=convenant)}
    leden = {
        lid.verwijzing: lid
        for lid in Lid.objects.filter(artikel__convenant=convenant).select_related("artikel")
    }
    for rij in data["vragen"]:
        if "lid" in rij:
            lid = leden.get(str(rij["lid"]))
            if lid is None:
                raise OngeldigeData(f"evaluatievraag: onbekend lid {rij['lid']}")
            artikel = lid.artikel
        else:
            lid = None
            artikel = artikelen.get(rij["artikel"])
            if artikel is None:
                raise OngeldigeData(f"evaluatievraag: onbekend artikel {rij['artikel']}")
        upsert(
            verslag,
            Vraag,
            {"convenant": convenant, "artikel": artikel, "lid": lid, "vanaf": rij.get("vanaf")},
            {"tekst": rij["tekst"], "actief": rij.get("actief", True)},
            bijwerken,
        )
