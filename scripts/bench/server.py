"""The environment the application runs in during the bench, its static files and gunicorn."""

import hashlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

# Variables of the calling shell (or of pytest, when the smoke test starts us) that would change
# what is measured: pytest's turns on TESTING in the settings.
_WEG = {
    "PYTEST_VERSION",
    "PYTEST_CURRENT_TEST",
    "PYTEST_XDIST_WORKER",
    "PYTEST_XDIST_WORKER_COUNT",
    "DEBUG",
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "STATIC_ROOT",
    "BERICHTEN_SCAN_BIJ_OPENEN",
}

# The proxy in front of production terminates TLS and says so (docker-compose's BEHIND_TLS_PROXY):
# every request the bench makes carries this header, so the HTTPS redirect stays on as there.
PROXY_KOP = ("X-Forwarded-Proto", "https")


def basis_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in _WEG}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONUNBUFFERED"] = "1"
    return env


def ontwikkel_env(database_url: str) -> dict:
    """For migrate and vul_stad: DEBUG, because vul_stad makes demo accounts."""
    return basis_env() | {"DEBUG": "1", "DATABASE_URL": database_url}


class Productie:
    """The production settings of one bench run: a throw-away key shared by gunicorn and the
    in-process measurements (a session is signed with it), the collected static files."""

    def __init__(self, static_root: Path, prive: Path, redis_url: str | None):
        self.secret_key = secrets.token_urlsafe(50)
        self.static_root = static_root
        self.prive = prive
        self.redis_url = redis_url

    def env(self, database_url: str, redis_db: int | None) -> dict:
        env = basis_env() | {
            # convenant.settings plus the anchor admin's URLs (scripts/bench/instellingen.py).
            "DJANGO_SETTINGS_MODULE": "scripts.bench.instellingen",
            "SECRET_KEY": self.secret_key,
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database_url,
            "STATIC_ROOT": str(self.static_root),
            "PRIVATE_MEDIA_ROOT": str(self.prive),
            "BEHIND_TLS_PROXY": "1",
            # Plain http between the bench and gunicorn; the cookie is sent by hand anyway.
            "SECURE_COOKIES": "0",
            # As in production with a broker: messages are written by the hourly scan, not
            # when a page is opened.
            "BERICHTEN_SCAN_BIJ_OPENEN": "0",
            "LOG_LEVEL": "WARNING",
        }
        if self.redis_url and redis_db is not None:
            # A Redis database per scale: a cache entry of one city never answers for another.
            env["REDIS_URL"] = env["CELERY_BROKER_URL"] = f"{self.redis_url}/{redis_db}"
        return env


def redis_bereikbaar(host="127.0.0.1", poort=6379) -> bool:
    try:
        with socket.create_connection((host, poort), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def redis_leeg(db: int, host="127.0.0.1", poort=6379) -> None:
    """Empty one of the bench's own Redis databases (stale cache entries, queued tasks)."""
    try:
        with socket.create_connection((host, poort), timeout=2) as s:
            s.sendall(f"SELECT {db}\r\nFLUSHDB\r\n".encode())
            s.recv(64)
    except OSError:
        pass


def _static_sleutel() -> str:
    """What the collected files depend on: our static folders and the installed packages."""
    h = hashlib.sha256()
    h.update((ROOT / "requirements.lock").read_bytes())
    mappen = [ROOT / "static", *sorted(ROOT.glob("*/static")), *sorted(ROOT.glob("*/*/static"))]
    for map_ in dict.fromkeys(mappen):
        for pad in sorted(map_.rglob("*")):
            if pad.is_file():
                h.update(str(pad.relative_to(ROOT)).encode())
                h.update(pad.read_bytes())
    return h.hexdigest()[:12]


def verzamel_static(log: Path) -> Path:
    """collectstatic as the Dockerfile runs it (hashed names, compressed). That takes most of a
    minute, so the result is kept in the temp folder, keyed by what it depends on."""
    cache = Path(tempfile.gettempdir()) / "veiligheid-bench"
    cache.mkdir(exist_ok=True)
    sleutel = _static_sleutel()
    doel = cache / f"static-{sleutel}"
    if (doel / "staticfiles.json").exists():
        return doel
    # Collected beside and renamed when complete: a run started meanwhile never sees half.
    bezig = Path(tempfile.mkdtemp(prefix=f"static-{sleutel}-", dir=cache))
    env = basis_env() | {"SECRET_KEY": "x" * 50, "STATIC_ROOT": str(bezig)}
    with log.open("w") as uit:
        resultaat = subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=ROOT,
            env=env,
            stdout=uit,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if resultaat.returncode:
        shutil.rmtree(bezig, ignore_errors=True)
        raise RuntimeError(f"collectstatic faalde, zie {log}")
    try:
        bezig.rename(doel)
    except OSError:
        shutil.rmtree(bezig, ignore_errors=True)  # another run was first
    for oud in cache.glob("static-*"):
        if oud.name != doel.name and time.time() - oud.stat().st_mtime > 3600:
            shutil.rmtree(oud, ignore_errors=True)
    return doel


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """The compose `web` command on a free port of 127.0.0.1, two workers."""

    def __init__(self, env: dict, log: Path, workers: int = 2):
        self.poort = vrije_poort()
        self.log = log
        self._uit = log.open("w")
        self.proces = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "convenant.wsgi:application",
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{self.poort}",
                "--workers",
                str(workers),
                # A slow page at scale 10 must be measured, not killed at gunicorn's 30 s.
                "--timeout",
                "600",
            ],
            cwd=ROOT,
            env=env,
            stdout=self._uit,
            stderr=subprocess.STDOUT,
        )

    @property
    def basis(self) -> str:
        return f"http://127.0.0.1:{self.poort}"

    def wacht(self, seconden: float = 90) -> None:
        einde = time.monotonic() + seconden
        verzoek = urllib.request.Request(f"{self.basis}/inloggen/", headers=dict([PROXY_KOP]))
        while time.monotonic() < einde:
            if self.proces.poll() is not None:
                break
            try:
                with urllib.request.urlopen(verzoek, timeout=10) as antwoord:
                    if antwoord.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        self.stop()
        staart = self.log.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"gunicorn op poort {self.poort} antwoordt niet:\n{staart}")

    def stop(self) -> None:
        if self.proces.poll() is None:
            self.proces.terminate()
            try:
                self.proces.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proces.kill()
                self.proces.wait()
        self._uit.close()
