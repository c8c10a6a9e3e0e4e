"""The signed covenant as a PDF for parents (art. 9.3), rendered by WeasyPrint.

WeasyPrint is imported only when a PDF is made. Its URL fetcher resolves the project's own
static files and nothing else: a PDF never reaches the network. A PDF is cached under a hash of
everything that goes into it, so a second download is instant and any change makes a new file.
"""

import hashlib
import mimetypes
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string

from convenant.lidmaatschap import leden_op, lidmaatschappen
from convenant.models import Convenant
from convenant.versies import artikelen_op, wijzigingsdata

LETTERTYPEN = [
    "fonts/dejavu/DejaVuSans.ttf",
    "fonts/dejavu/DejaVuSans-Bold.ttf",
    "fonts/dejavu/DejaVuSans-Oblique.ttf",
    "css/pdf.css",
]


class GeenNetwerk(ValueError):
    pass


# WeasyPrint resolves the template's relative URLs against this base; nothing is served there.
BASIS_URL = "https://pdf.invalid/"


def _statisch_bestand(naam: str) -> Path | None:
    """The file behind a static name: the source file (development, tests) or, in production,
    the collected file that the manifest lists under its original or hashed name
    (`css/pdf.css`, `css/pdf.343be4482603.css`, and the hashed fonts the CSS refers to)."""
    gevonden = finders.find(naam)
    if gevonden:
        return Path(gevonden)
    manifest = getattr(staticfiles_storage, "hashed_files", None)
    if manifest and (naam in manifest or naam in manifest.values()):
        return Path(staticfiles_storage.path(naam))
    return None


def _fetcher(url: str):
    """Only the project's static files; anything else is refused, never fetched."""
    from weasyprint.urls import URLFetcherResponse

    delen = urlsplit(url)
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    if f"{delen.scheme}://{delen.netloc}/" == BASIS_URL and delen.path.startswith(prefix):
        try:
            gevonden = _statisch_bestand(unquote(delen.path[len(prefix) :]))
        except SuspiciousFileOperation:
            gevonden = None  # a path that climbs out of the static folders
        if gevonden:
            mime, _ = mimetypes.guess_type(gevonden)
            return URLFetcherResponse(
                url,
                body=gevonden.read_bytes(),
                headers={"Content-Type": mime or "application/octet-stream"},
            )
    raise GeenNetwerk(f"Niet toegestaan in een PDF: {url}")


def _url_fetcher():
    """WeasyPrint wants a URLFetcher object: on a refused URL it asks the fetcher whether to
    stop (a plain function made that an AttributeError, a 500). A refused URL is logged and
    left out; the PDF is still made."""
    from weasyprint.urls import URLFetcher

    class AlleenStatischeBestanden(URLFetcher):
        def fetch(self, url, headers=None):
            return _fetcher(url)

    return AlleenStatischeBestanden(fail_on_errors=False)


def inhoud(convenant: Convenant, datum: date) -> dict:
    """What the PDF shows for the covenant as it stands on `datum`: the partners on that day
    (art. 10.1: from each partner's own signing date; 10.2: up to its last day after a notice),
    the annex as signed, and each addendum signed by then with the partners who acceded by
    signing it."""
    leden = leden_op(datum, convenant)
    ondertekeningen = [
        o
        for o in convenant.ondertekeningen.filter(datum__lte=datum).select_related("organisatie")
        if o.organisatie_id in leden
    ]
    begin, einde = convenant.looptijd(op=datum)
    aanvullingen = {a.datum: a for a in convenant.aanvullingen.filter(datum__lte=datum)}
    toetredingen: dict[date, list] = {}
    for o in ondertekeningen:
        if o.toetreding:
            toetredingen.setdefault(o.datum, []).append(o)
    return {
        "convenant": convenant,
        "datum": datum,
        "artikelen": artikelen_op(convenant, datum),
        "oorspronkelijk": [o for o in ondertekeningen if not o.toetreding],
        # An accession the register keeper recorded without the addendum's text still shows.
        "toetredingen": [
            {"datum": d, "aanvulling": aanvullingen.get(d), "ondertekeningen": rij}
            for d, rij in sorted(toetredingen.items())
        ],
        "bijlageoverleggen": convenant.bijlageoverleggen.all(),
        "paragraaf_vastgesteld": convenant.communicatieparagraaf_vastgesteld(),
        "begin": begin,
        "einde": einde,
    }


def maak_pdf(html: str) -> bytes:
    """A tagged PDF (PDF/UA-1) of an HTML page of this project, its static files resolved
    locally and nothing fetched from the network (also for evaluatie's report)."""
    return _render(html)


def _render(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=BASIS_URL, url_fetcher=_url_fetcher()).write_pdf(
        pdf_variant="pdf/ua-1"
    )


def _html(convenant, datum) -> str:
    return render_to_string("convenant/pdf.html", inhoud(convenant, datum))


def _sleutel(html: str) -> str:
    import weasyprint

    h = hashlib.sha256(html.encode())
    h.update(weasyprint.__version__.encode())
    for bestand in LETTERTYPEN:
        h.update(_statisch_bestand(bestand).read_bytes())
    return h.hexdigest()


def versiedatum(convenant: Convenant, datum: date) -> date:
    """The covenant only changes when a partner signs (art. 10.1, 11.3), when a partner's
    membership ends (10.2: the day after its last day), when it is extended (10.3) and when an
    amendment takes effect (11.3): the
    version in force on a date is the one of the last such change on or before it (or the
    first signing). Rendering per version, not per day, also keeps a public URL from rendering
    a new PDF for every date."""
    data = sorted(
        set(convenant.ondertekeningen.values_list("datum", flat=True))
        | {
            lid.einde + timedelta(days=1)
            for lid in lidmaatschappen(convenant).values()
            if lid.einde
        }
        | set(convenant.verlengingen.values_list("besloten_op", flat=True))
        | wijzigingsdata(convenant)
    )
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
    inhoud_pdf = _render(html)
    cache.set(f"convenant-pdf:{sleutel}", inhoud_pdf, timeout=None)
    return inhoud_pdf, sleutel
