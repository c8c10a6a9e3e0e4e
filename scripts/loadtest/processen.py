"""The load test's own services and the application's processes, on private ports.

Everything runs on ports and in folders of this run alone, so the faults (a stopped Redis, a
restarted PostgreSQL, a killed worker) disturb nobody else on the machine. Each process is
started in a session of its own, so that stopping it stops its children too (gunicorn's and
Celery's workers), and every pid and folder is written to a state file first: whoever finds a
run that died (the test, after a timeout) can clean up after it with `--ruim-op`.
"""

import contextlib
import glob
import json
import os
import pwd
import shutil
import signal
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
STATUSBESTAND = "processen.json"
BEGIN = time.monotonic()


def zeg(tekst: str) -> None:
    """Print a line of the run, with the seconds since it started (Django's setup changes the
    process's time zone halfway, so a clock time would jump)."""
    print(f"[{time.monotonic() - BEGIN:6.1f} s] {tekst}", flush=True)


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_programma(naam: str) -> str | None:
    """A PostgreSQL program: on PATH, else the newest in Debian's versioned folders."""
    if gevonden := shutil.which(naam):
        return gevonden
    kandidaten = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{naam}"), key=_versie)
    return kandidaten[-1] if kandidaten else None


def _versie(pad: str) -> int:
    deel = pad.split("/")[4]
    return int(deel) if deel.isdigit() else 0


def ontbrekende_programmas() -> list[str]:
    """What this machine lacks to run the load test at all."""
    nodig = {n: pg_programma(n) for n in ("initdb", "pg_ctl", "pg_dump", "pg_restore")}
    nodig["redis-server"] = shutil.which("redis-server")
    if os.geteuid() == 0:
        # As root the cluster runs as PostgreSQL's own user.
        nodig["runuser"] = shutil.which("runuser")
        try:
            pwd.getpwnam("postgres")
            nodig["gebruiker postgres"] = True
        except KeyError:
            nodig["gebruiker postgres"] = None
    return [naam for naam, pad in nodig.items() if not pad]


class Werkplaats:
    """The run's folders and the state file listing what it started."""

    def __init__(self, werkmap: str | None):
        self.map = Path(werkmap or tempfile.mkdtemp(prefix="loadtest-"))
        self.map.mkdir(parents=True, exist_ok=True)
        # PostgreSQL runs as its own user, which cannot enter a folder private to root (pytest's
        # tmp_path is one): its cluster lives in a folder of its own.
        self.pg_map = Path(tempfile.mkdtemp(prefix="loadtest-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.pg_map, "postgres")
        self.groepen: dict[str, int] = {}
        self._schrijf()

    def _schrijf(self) -> None:
        status = {"map": str(self.map), "pg_map": str(self.pg_map), "groepen": self.groepen}
        tijdelijk = self.map / (STATUSBESTAND + ".nieuw")
        tijdelijk.write_text(json.dumps(status))
        os.replace(tijdelijk, self.map / STATUSBESTAND)

    def registreer(self, naam: str, pid: int) -> None:
        self.groepen[naam] = pid
        self._schrijf()

    def vergeet(self, naam: str) -> None:
        self.groepen.pop(naam, None)
        self._schrijf()


def ruim_op_volgens(werkmap: str) -> None:
    """Stop what a run left behind (it was killed before its own cleanup) and remove its folders."""
    pad = Path(werkmap) / STATUSBESTAND
    if not pad.exists():
        return
    status = json.loads(pad.read_text())
    for pid in status["groepen"].values():
        _stop_groep(pid, signal.SIGKILL)
    pg_map = Path(status["pg_map"])
    if (pg_map / "data" / "postmaster.pid").exists():
        Postgres.stop_cluster(pg_map)
    shutil.rmtree(pg_map, ignore_errors=True)
    shutil.rmtree(status["map"], ignore_errors=True)


def _stop_groep(pid: int, sig=signal.SIGTERM) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)


class Proces:
    """A process in a session of its own, its output in a log file of the run."""

    def __init__(self, werkplaats: Werkplaats, naam: str, args: list[str], env: dict):
        self.naam, self.werkplaats = naam, werkplaats
        self.log = werkplaats.map / f"{naam}.log"
        with open(self.log, "ab") as uit:
            self.popen = subprocess.Popen(
                args,
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=uit,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        werkplaats.registreer(naam, self.popen.pid)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def leeft(self) -> bool:
        return self.popen.poll() is None

    def stop(self, sig=signal.SIGTERM, wacht: float = 10) -> None:
        """Stop the process and its children; SIGKILL whoever is left after `wacht` seconds."""
        _stop_groep(self.pid, sig)
        try:
            self.popen.wait(timeout=wacht)
        except subprocess.TimeoutExpired:
            _stop_groep(self.pid, signal.SIGKILL)
            self.popen.wait(timeout=10)
        # Children that outlived their leader (a pool process) still share its group.
        _stop_groep(self.pid, signal.SIGKILL)
        self.werkplaats.vergeet(self.naam)

    def staart(self, regels: int = 30) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-regels:])
        return ""


def _als_postgres(args: list[str]) -> list[str]:
    # initdb refuses to run as root; PostgreSQL's own user runs the server programs.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


class Postgres:
    """A private cluster: fsync off (nothing here must survive a power cut), TCP on one port."""

    def __init__(self, werkplaats: Werkplaats, poort: int):
        self.map = werkplaats.pg_map
        self.data = self.map / "data"
        self.poort = poort

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.poort}/{database}"

    def _pg_ctl(self, *args: str, timeout: float = 60) -> None:
        subprocess.run(
            _als_postgres([pg_programma("pg_ctl"), "-D", str(self.data), *args]),
            check=True,
            capture_output=True,
            timeout=timeout,
        )

    def start(self) -> None:
        subprocess.run(
            _als_postgres(
                [
                    pg_programma("initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--no-sync",
                ]
            ),
            check=True,
            capture_output=True,
            timeout=120,
        )
        opties = (
            f"-p {self.poort} -k {self.map} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
        )
        self._pg_ctl("-l", str(self.map / "postgres.log"), "-w", "-o", opties, "start")

    def herstart(self) -> None:
        """`pg_ctl restart -m fast`: every connection is cut, the server comes back on the same
        port with the same options (postmaster.opts)."""
        self._pg_ctl("-w", "-m", "fast", "restart", "-l", str(self.map / "postgres.log"))

    @staticmethod
    def stop_cluster(map: Path) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            subprocess.run(
                _als_postgres(
                    [pg_programma("pg_ctl"), "-D", str(map / "data"), "-m", "immediate", "stop"]
                ),
                capture_output=True,
                timeout=30,
                check=False,
            )

    def stop(self) -> None:
        Postgres.stop_cluster(self.map)

    def log(self) -> Path:
        return self.map / "postgres.log"


class Redis:
    """A private redis-server without persistence: a restart starts empty, as the fault asks."""

    def __init__(self, werkplaats: Werkplaats, poort: int):
        self.werkplaats, self.poort = werkplaats, poort
        self.proces: Proces | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.poort}/0"

    def start(self) -> None:
        args = ["redis-server", "--port", str(self.poort), "--bind", "127.0.0.1"]
        args += ["--save", "", "--appendonly", "no", "--dir", str(self.werkplaats.map)]
        self.proces = Proces(self.werkplaats, "redis", args, dict(os.environ))
        wacht_tot(lambda: self.antwoordt(), 20, "redis-server antwoordt niet")

    def stop(self) -> None:
        if self.proces is not None:
            self.proces.stop()
            self.proces = None

    def antwoordt(self) -> bool:
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", self.poort), 1) as s,
        ):
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
        return False


def wacht_tot(voorwaarde, seconden: float, melding: str, stap: float = 0.2):
    eind = time.monotonic() + seconden
    while time.monotonic() < eind:
        if uitkomst := voorwaarde():
            return uitkomst
        time.sleep(stap)
    raise RuntimeError(melding)


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as antwoord:
            return antwoord.status
    except urllib.error.HTTPError as fout:
        return fout.code
    except OSError:
        return 0
