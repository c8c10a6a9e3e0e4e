"""Setting the application up as docker-compose runs it, against the run's own services.

The environment is production's (no DEBUG, a throw-away SECRET_KEY, manifest static files,
SMTP), with what a trial on plain http on 127.0.0.1 needs: no https redirect and cookies that
are not Secure (SECURE_SSL_REDIRECT=0, SECURE_COOKIES=0, as convenant/settings.py allows). Only
the data commands run with DEBUG=1: they make demo accounts, which production refuses.
"""

import hashlib
import os
import secrets
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
from processen import BIN, ROOT, Proces, Werkplaats, http_status, pg_programma, wacht_tot

# Dumps of a prepared database, outside the checkout so that a fresh clone on the same machine
# (CI) finds them too. Migrating alone takes most of a minute on a busy machine.
CACHE = Path(
    os.environ.get("LOADTEST_CACHE")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "veiligheid-loadtest"
)
# What a dump depends on: the apps' migrations (the schema), their code and data files (what
# the data commands write), and the locked packages (Django's own migrations).
BRONNEN = ("convenant", "partijen", "meldingen", "overleggen", "evaluatie", "berichten")
# Variables of the calling shell (or pytest) that would make the children another application:
# every setting convenant/settings.py reads that the run sets or must leave at its default.
WEG = ("PYTEST_", "DJANGO_", "CELERY_", "EMAIL_", "SECURE_", "SESSION_", "CONN_MAX_AGE")
WEG += ("DEBUG", "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "STATIC_ROOT")
WEG += ("BEHIND_TLS_PROXY", "PRIVATE_MEDIA_ROOT", "SITE_URL", "BERICHTEN_SCAN_BIJ_OPENEN")


def schoon(env) -> dict:
    return {k: v for k, v in env.items() if not k.startswith(WEG)}


def productie_env(*, database_url, redis_url, mail_poort, app_poort, werkplaats) -> dict:
    env = schoon(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="convenant.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        STATIC_ROOT=str(werkplaats.map / "static"),
        PRIVATE_MEDIA_ROOT=str(werkplaats.map / "prive"),
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
        # Production's SMTP backend, to the run's own mail server (postbus.py).
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(mail_poort),
        SITE_URL=f"http://127.0.0.1:{app_poort}",
        PYTHONUNBUFFERED="1",
        PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    return env


def _sleutel(*delen, alleen_migraties: bool) -> str:
    h = hashlib.sha256("|".join(map(str, delen)).encode())
    h.update((ROOT / "requirements.lock").read_bytes())
    for app in BRONNEN:
        for pad in sorted((ROOT / app).rglob("*")):
            if pad.suffix not in (".py", ".yaml", ".yml") or "__pycache__" in pad.parts:
                continue
            if alleen_migraties and "migrations" not in pad.parts:
                continue
            h.update(str(pad.relative_to(ROOT)).encode())
            h.update(pad.read_bytes())
    return h.hexdigest()[:20]


def _vandaag():
    # vul_stad places its city before today's midnight in the application's time zone.
    return datetime.now(ZoneInfo("Europe/Amsterdam")).date()


def _herstel(dump: Path, database_url: str) -> None:
    subprocess.run(
        [pg_programma("pg_restore"), "--no-owner", "-d", database_url, str(dump)],
        check=True,
        capture_output=True,
        timeout=300,
    )


def _bewaar(dump: Path, database_url: str) -> None:
    """Dump atomically (another run may read the cache now), keeping the two newest of a kind."""
    CACHE.mkdir(parents=True, exist_ok=True)
    tijdelijk = dump.with_name(f"{dump.name}.{os.getpid()}.tmp")
    subprocess.run(
        [pg_programma("pg_dump"), "-Fc", "-f", str(tijdelijk), database_url],
        check=True,
        capture_output=True,
        timeout=300,
    )
    os.replace(tijdelijk, dump)
    soort = dump.name.split("-", 1)[0]
    oud = sorted(CACHE.glob(f"{soort}-*.dump"), key=lambda p: p.stat().st_mtime)[:-2]
    for pad in oud:
        pad.unlink(missing_ok=True)


def _django(code: str, env: dict, timeout: float = 900) -> str:
    resultaat = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if resultaat.returncode != 0:
        raise RuntimeError(f"mislukt:\n{resultaat.stdout[-2000:]}\n{resultaat.stderr[-4000:]}")
    return resultaat.stdout


def maak_database(poort: int, naam: str) -> None:
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:{poort}/postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{naam}"')


def vul_database(env: dict, database_url: str, *, schaal: float, zaad: int, cache: bool, melden):
    """Migrate, then load the covenant, the demo and a small city. With `cache`, from a dump of
    the same code and day when there is one, else from a dump of the same migrations."""
    schema = CACHE / f"schema-{_sleutel(alleen_migraties=True)}.dump"
    stad = CACHE / f"stad-{_sleutel(schaal, zaad, _vandaag(), alleen_migraties=False)}.dump"
    if cache and stad.exists():
        _herstel(stad, database_url)
        melden(f"database uit de cache ({stad})")
        return
    begin = time.monotonic()
    if cache and schema.exists():
        _herstel(schema, database_url)
        melden(f"gemigreerde database uit de cache ({schema.name})")
    else:
        _django(
            "from django.core.management import call_command\n"
            "call_command('migrate', interactive=False, verbosity=0)\n",
            env,
        )
        melden(f"gemigreerd in {time.monotonic() - begin:.0f} s")
        if cache:
            _bewaar(schema, database_url)
    begin = time.monotonic()
    # One process for the three commands: each would otherwise start Django again. DEBUG=1:
    # they make demo accounts, which production refuses.
    _django(
        "from django.core.management import call_command\n"
        "call_command('laad_convenant', verbosity=0)\n"
        "call_command('maak_demo', verbosity=0)\n"
        f"call_command('vul_stad', schaal={schaal}, zaad={zaad}, verbosity=0)\n",
        {**env, "DEBUG": "1"},
    )
    melden(f"convenant, demo en stad (schaal {schaal}) geladen in {time.monotonic() - begin:.0f} s")
    if cache:
        _bewaar(stad, database_url)


def verzamel_static(env: dict, snel: bool) -> subprocess.Popen:
    """collectstatic into the run's folder, as the Dockerfile does. `snel` writes the same
    manifest (the same hashed names) without whitenoise's compressed copies, which take most of
    a minute and which no request of the load asks for."""
    if snel:
        code = (
            "import django; django.setup()\n"
            "from django.conf import settings\n"
            "from django.core.management import call_command\n"
            "from django.test import override_settings\n"
            "opslag = dict(settings.STORAGES, staticfiles={'BACKEND': "
            "'django.contrib.staticfiles.storage.ManifestStaticFilesStorage'})\n"
            "with override_settings(STORAGES=opslag):\n"
            "    call_command('collectstatic', interactive=False, verbosity=0)\n"
        )
        args = [sys.executable, "-c", code]
    else:
        args = [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"]
    return subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def start_gunicorn(werkplaats: Werkplaats, env: dict, poort: int) -> Proces:
    """docker-compose's `web` command, bound to 127.0.0.1; `wacht_op_gunicorn` waits for it."""
    args = [str(BIN / "gunicorn"), "convenant.wsgi:application", "--config", "gunicorn.conf.py"]
    args += ["--bind", f"127.0.0.1:{poort}", "--workers", "3", "--access-logfile", "-"]
    return Proces(werkplaats, "gunicorn", args, env)


def wacht_op_gunicorn(proces: Proces, poort: int) -> None:
    try:
        wacht_tot(
            lambda: not proces.leeft() or http_status(f"http://127.0.0.1:{poort}/inloggen/") == 200,
            90,
            "gunicorn antwoordt niet",
            stap=0.5,
        )
    except RuntimeError:
        raise RuntimeError(f"gunicorn start niet:\n{proces.staart()}") from None
    if not proces.leeft():
        raise RuntimeError(f"gunicorn stopte:\n{proces.staart()}")


def start_worker(werkplaats: Werkplaats, env: dict, nummer: int) -> Proces:
    """docker-compose's `worker` command; `wacht_op_worker` waits until Celery says ready."""
    args = [str(BIN / "celery"), "-A", "convenant", "worker", "--loglevel=INFO"]
    args += ["--concurrency=2", "-n", f"loadtest{nummer}@%h"]
    return Proces(werkplaats, f"worker{nummer}", args, env)


def wacht_op_worker(proces: Proces) -> None:
    def klaar():
        if not proces.leeft():
            raise RuntimeError(f"{proces.naam} stopte:\n{proces.staart()}")
        return proces.log.exists() and " ready." in proces.log.read_text(errors="replace")

    wacht_tot(klaar, 90, f"{proces.naam} werd niet klaar", stap=0.3)
