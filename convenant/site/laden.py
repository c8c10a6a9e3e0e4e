"""`manage.py laad_convenant`: every app's data, each loaded by its own app, in one transaction.

The covenant's data file (convenant/data/convenant.yaml) holds the sections of partijen
(partners, areas, districts), of the covenant (text, signatures, role descriptions) and of
overleggen (kinds of meeting); meldingen's categories have a file of their own. partijen's come
first because the signatures name its organisations.
"""

from pathlib import Path

import yaml
from django.db import transaction

from convenant.laden import DATABESTAND, laad_convenantdata
from evaluatie.laden import laad_vragen
from meldingen.laden import laad_categorieen
from overleggen.laden import laad_overlegvormen
from partijen.laden import OngeldigeData, Verslag, laad_partijen

__all__ = ["DATABESTAND", "OngeldigeData", "Verslag", "laad_convenant"]


@transaction.atomic
def laad_convenant(pad: Path = DATABESTAND, *, bijwerken: bool = False) -> Verslag:
    data = yaml.safe_load(Path(pad).read_text(encoding="utf-8"))
    verslag = Verslag()
    laad_partijen(data, verslag, bijwerken=bijwerken)
    laad_convenantdata(data, verslag, bijwerken=bijwerken)
    laad_overlegvormen(data, verslag, bijwerken=bijwerken)
    laad_categorieen(verslag, bijwerken=bijwerken)
    laad_vragen(verslag, bijwerken=bijwerken)
    return verslag
