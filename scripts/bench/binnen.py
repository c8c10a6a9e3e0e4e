"""The bench's part inside Django, for one database with the production settings:

    python -m scripts.bench.binnen <opdracht> <invoer.json> <uitvoer.json>

`voorbereiden` chooses the accounts and objects the pages show and logs each role in (a session
in the database, as django.contrib.auth and django_otp would write it); `queries` counts each
page's queries with Django's test client on those sessions; `taken` times the background jobs;
`na` does both for the smoke run; `opruimen` removes the sessions and the read logs the
requests wrote. JSON in and out through files: the application may print.
"""

import json
import os
import statistics
import sys
import time
from contextlib import contextmanager
from importlib import import_module

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convenant.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from convenant import tweefactor  # noqa: E402
from partijen.models import Gebruiker, Rol, Roltoewijzing  # noqa: E402
from scripts.bench.paginas import TAAKGROEPEN, TAAKNAMEN  # noqa: E402
from scripts.bench.server import PROXY_KOP  # noqa: E402


def _sessie(gebruiker) -> str:
    """A logged-in session as `django.contrib.auth.login` writes it, and for an account with
    two factors the code step passed as `django_otp.login` records it (convenant.tweefactor);
    an account that may skip the step has skipped it."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = gebruiker._meta.pk.value_to_string(gebruiker)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = gebruiker.get_session_auth_hash()
    apparaat = TOTPDevice.objects.filter(user=gebruiker, confirmed=True).first()
    if apparaat is None and tweefactor.tweefactor_verplicht(gebruiker):
        # The accounts vul_stad makes have the demo device; one it left without gets its own.
        apparaat = TOTPDevice.objects.create(user=gebruiker, name="bench", confirmed=True)
    if apparaat is not None:
        store[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
    else:
        store[tweefactor.OVERGESLAGEN_SESSION_KEY] = True
    store.create()
    return store.session_key


def _coordinator(prefix: str, vandaag):
    """The city's coordinator whose school has the most incidents."""
    rij = (
        Roltoewijzing.objects.actief_op(vandaag)
        .filter(
            rol=Rol.COORDINATOR_VEILIGHEID,
            school__isnull=False,
            persoon__gebruiker__username__startswith=f"{prefix}-coordinator-",
        )
        .annotate(n=Count("school__meldingen"))
        .order_by("-n", "pk")
        .values_list("persoon__gebruiker", "school", "n")
        .first()
    )
    if rij is None:
        raise SystemExit(f"Geen coördinator {prefix}-coordinator-NNNN: is vul_stad gedraaid?")
    return Gebruiker.objects.get(pk=rij[0]), rij[1], rij[2]


def _categorie(school_id) -> int:
    """The main category with the most incidents at the school (the filter counts a main
    category's subcategories too)."""
    from meldingen.models import Categorie, Melding

    tellingen = {}
    for hoofd, sub in Melding.categorieen.through.objects.filter(
        melding__school_id=school_id
    ).values_list("categorie__bovenliggend", "categorie"):
        tellingen[hoofd or sub] = tellingen.get(hoofd or sub, 0) + 1
    if tellingen:
        return max(sorted(tellingen), key=tellingen.get)
    return Categorie.objects.filter(bovenliggend__isnull=True).order_by("pk").first().pk


def _ronde(vandaag) -> int:
    """The latest evaluation round; when there is none, the yearly round of the last full year,
    opened as beat would have opened it."""
    from convenant.models import Convenant
    from evaluatie import diensten, regels
    from evaluatie.models import Evaluatieronde

    ronde = Evaluatieronde.objects.order_by("-geopend_op", "-pk").first()
    if ronde is None:
        geopend, begin, einde = regels.jaarronde(vandaag.year, settings.EVALUATIE_JAARRONDE_OPENT)
        if geopend > vandaag:
            geopend, begin, einde = regels.jaarronde(
                vandaag.year - 1, settings.EVALUATIE_JAARRONDE_OPENT
            )
        ronde = diensten.open_ronde(
            convenant=Convenant.objects.actueel(),
            soort=Evaluatieronde.Soort.JAARLIJKS,
            periode_begin=begin,
            periode_einde=einde,
            geopend_op=geopend,
            sluitdatum=regels.sluitdatum(geopend, settings.EVALUATIE_ANTWOORDTERMIJN_DAGEN),
        )
    return ronde.pk


def voorbereiden(invoer: dict) -> dict:
    from meldingen.models import Melding
    from overleggen.models import Agendafeed, Overleg
    from partijen.models import School

    vandaag = timezone.localdate()
    prefix = f"stad{invoer['zaad']}"
    coordinator, school, n_school = _coordinator(prefix, vandaag)
    gebruikers = {
        "coordinator": coordinator,
        "politie": Gebruiker.objects.get(username=f"{prefix}-politie-001"),
        "projectleider": Gebruiker.objects.get(username="projectleider"),
        "veiligheidsmanager": Gebruiker.objects.get(username="veiligheidsmanager"),
        "beheerder": Gebruiker.objects.get(username="beheerder"),
    }
    if not (gebruikers["beheerder"].is_staff and gebruikers["beheerder"].is_active):
        raise SystemExit("Het demo-account beheerder kan niet in het beheer (geen is_staff).")
    meldingen = Melding.objects.filter(school_id=school).order_by("-tijdstip", "-pk")
    melding = meldingen.filter(politiemelding__isnull=False).first() or meldingen.first()
    overleggen = Overleg.objects.visible_to(coordinator).order_by("-start", "-pk")
    overleg = (
        overleggen.filter(deelnemers=coordinator.persoon, start__lte=timezone.now()).first()
        or overleggen.first()
    )
    objecten = {
        "school": school,
        "categorie": _categorie(school),
        "melding": melding.pk,
        "overleg": overleg.pk,
        "ronde": _ronde(vandaag),
        "feed": Agendafeed.voor(coordinator).token,
        "jaar": vandaag.year,
    }
    return {
        # From here on the read logs (Inzage ...) the bench's requests write are its own.
        "sinds": timezone.now().isoformat(),
        "cookie": settings.SESSION_COOKIE_NAME,
        "sessies": {rol: _sessie(g) for rol, g in gebruikers.items()},
        "gebruikers": {rol: g.username for rol, g in gebruikers.items()},
        "objecten": objecten,
        "omvang": {
            "scholen": School.objects.count(),
            "meldingen": Melding.objects.count(),
            "overleggen": Overleg.objects.count(),
            "gebruikers": Gebruiker.objects.count(),
            "meldingen_school_coordinator": n_school,
        },
    }


def _client(sessie: str | None) -> Client:
    client = Client(
        HTTP_HOST="127.0.0.1",
        **{f"HTTP_{PROXY_KOP[0].upper().replace('-', '_')}": PROXY_KOP[1]},
        raise_request_exception=False,
    )
    if sessie:
        client.cookies[settings.SESSION_COOKIE_NAME] = sessie
    return client


def queries(invoer: dict) -> dict:
    """Per page the queries of one request, counted on the second of two (the first fills the
    process's own caches, as a warm gunicorn worker has them)."""
    uit = {}
    for pagina in invoer["paginas"]:
        client = _client(invoer["sessies"].get(pagina["rol"]))
        client.get(pagina["pad"])
        with CaptureQueriesContext(connection) as vastgelegd:
            antwoord = client.get(pagina["pad"])
        if hasattr(antwoord, "streaming_content"):
            for _ in antwoord.streaming_content:
                pass  # a streamed export queries while it is read
        uit[pagina["sleutel"]] = {
            "status": antwoord.status_code,
            "queries": len(vastgelegd.captured_queries),
        }
    return uit


@contextmanager
def _teller():
    """Counts statements without keeping them (the scan at scale 10 runs many)."""
    aantal = [0]

    def tel(execute, sql, params, many, context):
        aantal[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(tel):
        yield aantal


def _meet(functie, keer: int) -> dict:
    tijden, resultaat, n = [], None, 0
    for _ in range(keer):
        with _teller() as aantal:
            begin = time.perf_counter()
            resultaat = functie()
            tijden.append((time.perf_counter() - begin) * 1000)
        n = aantal[0]
    return {
        "ms": tijden,
        "mediaan_ms": statistics.median(tijden),
        "queries": n,
        "resultaat": resultaat,
    }


@contextmanager
def _teruggedraaid():
    """The job's writes are undone: the database stays as filled for the next run."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def taken(invoer: dict, tussendoor=lambda uit: None) -> dict:
    """The groups asked for (all by default); `tussendoor` gets what is measured so far after
    every job, so a process stopped at the time limit leaves its finished jobs behind."""
    from django.core.cache import cache

    from berichten import diensten
    from convenant import pdf
    from convenant.models import Convenant
    from meldingen import bewaren

    snel, traag = invoer["snel"], invoer["traag"]
    groepen = invoer.get("groepen") or list(TAAKGROEPEN)
    vandaag = timezone.localdate()
    convenant = Convenant.objects.actueel()
    uit = {}

    def meet(sleutel, functie, keer):
        uit[sleutel] = _meet(functie, keer) | {"naam": TAAKNAMEN[sleutel]}
        tussendoor(uit)

    if "pdf" in groepen:

        def pdf_koud():
            cache.clear()
            return len(pdf.pdf(convenant, vandaag)[0])

        meet("pdf_koud", pdf_koud, snel)
        meet("pdf_warm", lambda: len(pdf.pdf(convenant, vandaag)[0]), snel * 3)
    if "scan" in groepen:
        # The hourly scan twice in one transaction: the first writes everything that is due
        # (a database never scanned), the second is the steady state where little is new.
        with _teruggedraaid():
            meet("scan_eerste", lambda: diensten.scan(vandaag), 1)
            meet("scan_volgende", lambda: diensten.scan(vandaag), traag)
    if "bewaren" in groepen:

        def bewaren_echt():
            with _teruggedraaid():
                return bewaren.anonimiseer()

        meet("bewaren_proef", lambda: bewaren.anonimiseer(proef=True), snel)
        meet("bewaren_echt", bewaren_echt, traag)
    return uit


def opruimen(invoer: dict) -> dict:
    """The database as it was: the bench's sessions, and the read log rows its requests wrote
    (every incident page and export logs a read; 30 rounds of exports are thousands)."""
    from django.apps import apps
    from django.contrib.sessions.models import Session

    from meldingen.leeslog import Leeslog

    uit = {"sessies": Session.objects.filter(session_key__in=invoer["sessies"]).delete()[0]}
    if invoer.get("sinds"):
        gebruikers = Gebruiker.objects.filter(username__in=invoer["gebruikers"]).values("pk")
        for model in apps.get_models():
            if issubclass(model, Leeslog):
                uit[model._meta.label] = model.objects.filter(
                    gebruiker__in=gebruikers, tijdstip__gte=invoer["sinds"]
                ).delete()[0]
    return uit


def na(invoer: dict) -> dict:
    """The queries, then the jobs, in one process: the smoke run saves a start of Django."""
    return {"queries": queries(invoer), "taken": taken(invoer) if invoer["taken"] else {}}


OPDRACHTEN = {f.__name__: f for f in (voorbereiden, queries, taken, na, opruimen)}


def _schrijf(pad, resultaat) -> None:
    # Written beside and renamed: a process stopped halfway never leaves half a file.
    with open(f"{pad}.tmp", "w") as f:
        json.dump(resultaat, f, default=str)
    os.replace(f"{pad}.tmp", pad)


def main(argv):
    opdracht, invoer, uitvoer = argv
    with open(invoer) as f:
        gegevens = json.load(f)
    if opdracht == "taken":
        resultaat = taken(gegevens, tussendoor=lambda uit: _schrijf(uitvoer, uit))
    else:
        resultaat = OPDRACHTEN[opdracht](gegevens)
    _schrijf(uitvoer, resultaat)


if __name__ == "__main__":
    main(sys.argv[1:])
