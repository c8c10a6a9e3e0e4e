"""The signed covenant as a PDF for parents (art. 9.3), rendered by WeasyPrint.

WeasyPrint is imported only when a PDF is made. Its URL fetcher resolves the project's own
static files and nothing else: a PDF never reaches the network. A PDF is cached under a hash of
everything that goes into it, so a second download is instant and any change makes a new file.
"""

import hashlib
import mimetypes
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string

from convenant import regels
from convenant.models import Convenant
from overleggen.models import Overlegvorm

LETTERTYPEN = [
    "fonts/dejavu/DejaVuSans.ttf",
    "fonts/dejavu/DejaVuSans-Bold.ttf",
    "fonts/dejavu/DejaVuSans-Oblique.ttf",
    "css/pdf.css",
]


class GeenNetwerk(ValueError):
    pass


def _fetcher(url, *args, **kwargs):
    """Only the project's static files; anything else is refused, never fetched."""
    pad = urlsplit(url).path
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    if pad.startswith(prefix):
        gevonden = finders.find(pad[len(prefix) :])
        if gevonden:
            from weasyprint.urls import URLFetcherResponse

            mime, _ = mimetypes.guess_type(gevonden)
            return URLFetcherResponse(
                url,
                body=Path(gevonden).read_bytes(),
                headers={"Content-Type": mime or "application/octet-stream"},
            )
    raise GeenNetwerk(f"Niet toegestaan in een PDF: {url}")


def inhoud(convenant: Convenant, datum: date) -> dict:
    """What the PDF shows for the covenant as it stands on `datum`: the partners that had
    signed by then (art. 10.1: each partner's own signing date)."""
    ondertekeningen = list(
        convenant.ondertekeningen.filter(datum__lte=datum).select_related("organisatie")
    )
    begin, einde = regels.looptijd(
        list(convenant.ondertekeningen.values_list("datum", flat=True)), convenant.looptijd_jaren
    )
    return {
        "convenant": convenant,
        "datum": datum,
        "artikelen": convenant.artikelen.prefetch_related("leden"),
        "oorspronkelijk": [o for o in ondertekeningen if not o.toetreding],
        "toetredingen": [o for o in ondertekeningen if o.toetreding],
        "overlegvormen": Overlegvorm.objects.all(),
        "begin": begin,
        "einde": einde,
    }


def _html(convenant, datum) -> str:
    return render_to_string("convenant/pdf.html", inhoud(convenant, datum))


def _sleutel(html: str) -> str:
    import weasyprint

    h = hashlib.sha256(html.encode())
    h.update(weasyprint.__version__.encode())
    for bestand in LETTERTYPEN:
        h.update(Path(finders.find(bestand)).read_bytes())
    return h.hexdigest()


def versiedatum(convenant: Convenant, datum: date) -> date:
    """The covenant only changes when a partner signs (art. 10.1, 11.3): the version in force on
    a date is the one of the last signing on or before it (or the first signing). Rendering per
    version, not per day, also keeps a public URL from rendering a new PDF for every date."""
    data = sorted(set(convenant.ondertekeningen.values_list("datum", flat=True)))
    eerder = [d for d in data if d <= datum]
    return eerder[-1] if eerder else (data[0] if data else datum)


def pdf(convenant: Convenant, datum: date) -> tuple[bytes, str]:
    """The PDF of the version in force on `datum`, and its content hash (cache key, ETag)."""
    datum = versiedatum(convenant, datum)
    html = _html(convenant, datum)
    sleutel = _sleutel(html)
    bestaand = cache.get(f"convenant-pdf:{sleutel}")
    if bestaand is not None:
        return bestaand, sleutel
    from weasyprint import HTML

    inhoud_pdf = HTML(string=html, base_url="https://pdf.invalid/", url_fetcher=_fetcher).write_pdf(
        pdf_variant="pdf/ua-1"
    )
    cache.set(f"convenant-pdf:{sleutel}", inhoud_pdf, timeout=None)
    return inhoud_pdf, sleutel
