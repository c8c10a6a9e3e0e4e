"""Hostile input never gives a 500: every URL pattern, every role, GET and POST.

The test walks the resolver, fills path parameters with ids of the small city (of a school
the user sees and of one it does not), and sends each hostile value in every known query
parameter and in every field of every form the page shows. All 500s are collected and reported
together, so one run lists everything that is still broken.

Extending it: a view that reads a new query parameter by name (``request.GET.get("x")``)
fails ``test_every_query_parameter_is_known`` until the name is added to ``PARAMETERS``.
Fields of GET forms on a page (filters) are found in the HTML and need no entry.
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from partijen.models import Rol
from tests.test_toegang import ANDERMANS

HOSTILE = [
    "²",
    "٣",
    "99999999",
    "-1",
    "\x00",
    "%00",
    "a" * 5000,
    "<script>",
    "' OR 1=1 --",
    "0001-01-01",
    "9999-12-31T23:59",
]

# The roles that see and write the most get every value; the others (the same views behind
# narrower querysets) the values that broke pages, so the suite stays within minutes.
ALLE_WAARDEN = {"beheerder", "coordinator_veiligheid"}
KERN = ["²", "99999999", "\x00", "9999-12-31T23:59"]

# Every query parameter a view reads by name (see the module docstring).
PARAMETERS = [
    "jaar",
    "school",
    "vorm",
    "gebied",
    "wijk",
    "melding",
    "organisatie",
    "persoon",
    "rol",
    "categorieen",
    "zoek",
    "pagina",
    "formaat",
    "tabel",
    "datum",
    "next",
    "titel",
    "locatie",
    "start",
    "einde",
    "lid",
    "eis",
]

ROOT = Path(__file__).resolve().parent.parent
APPS = ["convenant", "meldingen", "overleggen", "partijen", "evaluatie"]
# The Django admin is for the beheerder only and is Django's own code.
OVERGESLAGEN = ("admin:",)


def _patterns(resolver=None, prefix=""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{p.namespace}:" if p.namespace else ""
            yield from _patterns(p, prefix + ns)
        elif isinstance(p, URLPattern) and p.name:
            naam = prefix + p.name
            if not naam.startswith(OVERGESLAGEN):
                yield naam, p.pattern.converters


def _urls(stad, alleen=None):
    """Each pattern's URLs: with a foreign school's ids and with ids of school a1."""
    eigen = SimpleNamespace(**{**vars(stad), "b1": stad.a1, "bestuur_y": stad.bestuur_x})
    for naam, converters in _patterns():
        if alleen and naam != alleen:
            continue
        if not converters:
            yield reverse(naam)
        elif naam in ANDERMANS:
            yield reverse(naam, args=ANDERMANS[naam](stad))
            yield reverse(naam, args=ANDERMANS[naam](eigen))
        elif naam == "voor_ouders_school":
            yield reverse(naam, args=[stad.a1.pk])
        else:
            # Patterns with a string parameter (tokens): the hostile value goes into the path.
            yield SimpleNamespace(naam=naam, converters=list(converters))


class _Formulieren(HTMLParser):
    """The field names of the forms on a page, by method."""

    def __init__(self):
        super().__init__()
        self.velden = {"get": set(), "post": set()}
        self.methode = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.methode = (attrs.get("method") or "get").lower()
        elif (
            tag in ("input", "select", "textarea")
            and self.methode
            and attrs.get("name")
            and attrs.get("type") not in ("submit", "file")
        ):
            self.velden[self.methode].add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.methode = None


def _velden(response):
    parser = _Formulieren()
    if "html" in response.get("Content-Type", ""):
        parser.feed(response.content.decode(errors="replace"))
    return parser.velden


def _vraag(client, fouten, methode, url, data=None):
    # A savepoint per request: on PostgreSQL one failed query must not break the ones after it.
    try:
        with transaction.atomic():
            response = client.get(url) if methode == "GET" else client.post(url, data)
    except Exception as exc:  # noqa: BLE001 - every failure is collected and reported together
        fouten.append(f"{methode} {url[:150]!r} {data and sorted(data)}: {exc!r}"[:400])
        return None
    if response.status_code >= 500:
        fouten.append(f"{methode} {url[:150]!r}: {response.status_code}")
    return response


def _beproef(client, stad, waarden):
    fouten = []
    for url in _urls(stad):
        if isinstance(url, SimpleNamespace):
            for waarde in waarden:
                args = [waarde.replace("/", "") or "x" for _ in url.converters]
                try:
                    pad = reverse(url.naam, args=args)
                except Exception:  # noqa: BLE001 - a value the pattern refuses cannot be requested
                    continue
                _vraag(client, fouten, "GET", pad)
                _vraag(client, fouten, "POST", pad, {})
            continue
        response = _vraag(client, fouten, "GET", url)
        velden = _velden(response) if response is not None else {"get": set(), "post": set()}
        namen = set(PARAMETERS) | velden["get"]
        for waarde in waarden:
            _vraag(client, fouten, "GET", f"{url}?{urlencode(dict.fromkeys(namen, waarde))}")
            if velden["post"]:
                _vraag(client, fouten, "POST", url, dict.fromkeys(velden["post"], waarde))
    return fouten


def _bevolk(stad):
    """Give both schools a person, an incident and a meeting, so every id pattern has a target."""
    from tests.factories import PersoonFactory, RoltoewijzingFactory
    from tests.test_toegang import _melding_op, _overleg_op

    for school in (stad.a1, stad.b1):
        RoltoewijzingFactory(persoon=PersoonFactory(organisatie=school.bestuur), school=school)
        _melding_op(school)
        _overleg_op(school)


@pytest.mark.django_db
def test_anonymous_hostile_input_never_gives_500(client, stad):
    _bevolk(stad)
    fouten = _beproef(client, stad, HOSTILE)
    assert not fouten, "\n".join(fouten)


@pytest.mark.django_db
@pytest.mark.parametrize("rol", Rol.values)
def test_hostile_input_never_gives_500(client, stad, gebruikers, rol):
    _bevolk(stad)
    client.force_login(gebruikers[rol])
    fouten = _beproef(client, stad, HOSTILE if rol in ALLE_WAARDEN else KERN)
    assert not fouten, "\n".join(fouten)


def test_every_query_parameter_is_known():
    gelezen = set()
    patroon = re.compile(r"request\.GET(?:\.get|\.getlist|\.pop)?[\(\[]\s*\"(\w+)\"")
    for app in APPS:
        for bestand in (ROOT / app).rglob("*.py"):
            gelezen |= set(patroon.findall(bestand.read_text()))
    assert gelezen <= set(PARAMETERS), gelezen - set(PARAMETERS)


@pytest.mark.django_db
@pytest.mark.parametrize("lengte", [150, 151, 256, 5000])
def test_a_long_login_name_or_browser_name_gives_no_500(client, lengte):
    """django-axes records failed logins in columns of 255 characters; on PostgreSQL a longer
    name, browser name or path overflowed them and the login page answered 500."""
    client.raise_request_exception = False
    response = client.post(
        "/inloggen/",
        {"username": "a" * lengte, "password": "x"},
        headers={"user-agent": "b" * lengte},
    )
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("soort", ["scholen", "personen"])
def test_a_nul_in_an_imported_cell_gives_no_500(client, beheerder, convenant_data, soort):
    """PostgreSQL refuses a NUL in a query: a cell with one broke the import's look-ups."""
    import io

    from tests.partijen.test_importeren import SCHOLEN_CSV

    client.force_login(beheerder)
    inhoud = SCHOLEN_CSV.replace("Prisma", "Pri\x00sma").replace("Almere Haven", "Almere\x00")
    if soort == "personen":
        inhoud = "voornaam;achternaam;organisatie;school;rol\nA\x00;B;Pri\x00sma;X\x00;co\x00\n"
    bestand = io.BytesIO(inhoud.encode())
    bestand.name = "bestand.csv"
    client.raise_request_exception = False
    response = client.post("/partijen/import/", {"soort": soort, "bestand": bestand})
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_nul_in_a_search_or_a_feed_token_gives_no_500(client, beheerder):
    """PostgreSQL refuses a NUL in a query: a search or a calendar token with one broke."""
    client.force_login(beheerder)
    client.raise_request_exception = False
    assert client.get("/partijen/personen/", {"zoek": "Jan\x00"}).status_code == 200
    assert client.get("/overleggen/agenda/abc%00def.ics").status_code == 404
