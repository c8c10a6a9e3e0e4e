"""The application as production runs it: DEBUG off, static files collected by the Dockerfile's
`collectstatic` (hashed names, whitenoise), gunicorn started with the docker-compose `web`
command. No Docker engine runs here, so the same commands run on this machine, against SQLite.

Collecting the static files (with compression) is the slow part: it happens once per module.
"""

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from convenant import pdf as pdf_module
from convenant.models import Convenant

# One group for pytest-django's ordering, so the module's fixtures are set up once.
pytestmark = pytest.mark.django_db

ROOT = settings.BASE_DIR
BIN = Path(sys.executable).parent


def _productie_env(tmp: Path) -> dict:
    """The environment of the compose `web` service, with SQLite and local folders."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "PYTEST_VERSION",
            "PYTEST_CURRENT_TEST",
            "PYTEST_XDIST_WORKER",
            "DEBUG",
            "DATABASE_URL",
            "REDIS_URL",
            "CELERY_BROKER_URL",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(
        SECRET_KEY="productie-test-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp / "static"),
        PRIVATE_MEDIA_ROOT=str(tmp / "prive"),
        BEHIND_TLS_PROXY="1",
        # `python` and `gunicorn` in the compose command are this virtualenv's.
        PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    return env


def _run(args, env):
    result = subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def productie(tmp_path_factory):
    """The static files collected as the Dockerfile collects them, in a folder of our own."""
    tmp = tmp_path_factory.mktemp("productie")
    env = _productie_env(tmp)
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "python manage.py collectstatic --no-input" in dockerfile
    _run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], env)
    storages = json.loads(
        _run(
            [
                sys.executable,
                "-c",
                "import json, convenant.settings as s; print(json.dumps(s.STORAGES))",
            ],
            env,
        )
    )
    assert "Manifest" in storages["staticfiles"]["BACKEND"]
    return {"tmp": tmp, "env": env, "storages": storages}


def _tekst(inhoud: bytes) -> str:
    resultaat = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=inhoud, capture_output=True, check=True
    )
    return re.sub(r"\s+", " ", resultaat.stdout.decode())


def test_the_pdf_renders_with_the_collected_hashed_static_files(
    productie, settings, convenant_data, caplog, monkeypatch
):
    settings.DEBUG = False
    settings.STATIC_ROOT = productie["env"]["STATIC_ROOT"]
    settings.STORAGES = productie["storages"]
    # An empty cache of its own: a PDF cached by an earlier test (in CI's Redis) would be
    # served without fetching anything.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pdf"}
    }
    from django.templatetags.static import static

    assert re.fullmatch(r"/static/css/pdf\.[0-9a-f]{12}\.css", static("css/pdf.css"))

    opgehaald, geweigerd = [], []
    echte_fetcher = pdf_module._fetcher

    def bijhouden(url):
        try:
            antwoord = echte_fetcher(url)
        except Exception:
            geweigerd.append(url)
            raise
        opgehaald.append(url)
        return antwoord

    monkeypatch.setattr(pdf_module, "_fetcher", bijhouden)
    with caplog.at_level("WARNING", logger="weasyprint"):
        inhoud, _ = pdf_module.pdf(Convenant.objects.get(), date(2026, 11, 29))
    assert not caplog.records, [r.getMessage() for r in caplog.records]
    assert not geweigerd
    # The stylesheet and the fonts its @font-face rules name, all by their hashed names.
    namen = {re.sub(r"\.[0-9a-f]{12}\.", ".", url.rsplit("/", 1)[1]) for url in opgehaald}
    assert namen == {"pdf.css", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"}
    assert all(re.search(r"\.[0-9a-f]{12}\.", url) for url in opgehaald), opgehaald
    # The page footer comes from the stylesheet.
    assert "Convenant Veiligheid op scholen Almere · 2 /" in _tekst(inhoud)


def test_the_fetcher_still_refuses_what_is_not_a_collected_static_file(productie, settings):
    settings.DEBUG = False
    settings.STATIC_ROOT = productie["env"]["STATIC_ROOT"]
    settings.STORAGES = productie["storages"]
    for url in (
        "https://pdf.invalid/static/staticfiles.json",
        "https://pdf.invalid/static/../db.sqlite3",
        "https://pdf.invalid/static/css/pdf.000000000000.css",
        "https://example.com/static/css/pdf.css",
        "file:///etc/passwd",
    ):
        with pytest.raises(pdf_module.GeenNetwerk):
            pdf_module._fetcher(url)


class _GeenOmleiding(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_ZONDER_OMLEIDING = urllib.request.build_opener(_GeenOmleiding)


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _haal(url: str, proxy: bool = True):
    # The TLS proxy in front tells the application the request came over https.
    headers = {"X-Forwarded-Proto": "https"} if proxy else {}
    try:
        request = urllib.request.Request(url, headers=headers)
        with _ZONDER_OMLEIDING.open(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def web(productie):
    """The compose `web` service: its own command (migrate, then gunicorn), on a free port."""
    env = productie["env"]
    _run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], env)
    _run([sys.executable, "manage.py", "laad_convenant"], env)

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    sh, c, opdracht = shlex.split(compose["services"]["web"]["command"])
    assert (sh, c) == ("sh", "-c")
    assert "--bind 0.0.0.0:8000" in opdracht
    poort = _vrije_poort()
    opdracht = opdracht.replace("--bind 0.0.0.0:8000", f"--bind 127.0.0.1:{poort}")
    log = open(productie["tmp"] / "web.log", "w+")  # noqa: SIM115 (closed below)
    proces = subprocess.Popen(
        [sh, c, opdracht],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    basis = f"http://127.0.0.1:{poort}"
    productie["log"] = productie["tmp"] / "web.log"
    try:
        # The compose health check itself tells when the service is up.
        gezond = compose["services"]["web"]["healthcheck"]["test"]
        assert gezond[:3] == ["CMD", "python", "-c"]
        controle = gezond[3].replace("127.0.0.1:8000", f"127.0.0.1:{poort}")
        for _ in range(120):
            if proces.poll() is not None:
                break
            if subprocess.run([sys.executable, "-c", controle], env=env, check=False).returncode:
                time.sleep(0.5)
            else:
                break
        assert proces.poll() is None, (log.seek(0), log.read())[1]
        yield basis
    finally:
        os.killpg(proces.pid, signal.SIGTERM)
        try:
            proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)
            proces.wait()
        log.close()


def test_the_web_service_serves_login_static_files_parents_page_and_pdf(web):
    status, headers, body = _haal(f"{web}/inloggen/")
    assert status == 200
    assert headers.get_content_type() == "text/html"
    stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', body.decode())
    assert stylesheet, "the login page links its stylesheet by its hashed name"

    status, headers, _ = _haal(web + stylesheet[1])
    assert status == 200
    assert headers.get_content_type() == "text/css"
    assert "immutable" in headers["Cache-Control"]

    status, headers, body = _haal(f"{web}/voor-ouders/")
    assert status == 200
    assert headers.get_content_type() == "text/html"
    assert "Convenant Veiligheid op scholen" in body.decode()

    status, headers, body = _haal(f"{web}/voor-ouders/convenant.pdf")
    assert status == 200
    assert headers.get_content_type() == "application/pdf"
    assert body.startswith(b"%PDF")
    assert "Convenant Veiligheid op scholen Almere · 2 /" in _tekst(body)


def test_the_web_service_sends_plain_http_to_https_and_asks_browsers_to_remember(web):
    status, headers, _ = _haal(f"{web}/inloggen/", proxy=False)
    assert status == 301
    assert headers["Location"] == f"https://{web.removeprefix('http://')}/inloggen/"
    status, headers, _ = _haal(f"{web}/inloggen/")
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_the_access_log_masks_the_calendar_feed_token(web, productie):
    geheim = "Geheim-Token_" + "x" * 30
    status, _, _ = _haal(f"{web}/overleggen/agenda/{geheim}.ics?bron=agenda")
    assert status == 404
    time.sleep(1)  # gunicorn writes the access line after the response
    log = productie["log"].read_text()
    assert "GET /overleggen/agenda/***.ics?bron=agenda" in log, log[-2000:]
    assert geheim not in log
