"""Issue 15: `make loadtest` in its smoke form (`--rook`), so that it cannot rot: a few seconds of
the four users' load on the application under gunicorn with its own PostgreSQL, Redis and
Celery worker, with the three faults, in a subprocess as `make loadtest` runs it.

Everything it starts runs on private ports and is stopped, and its folders removed, whatever
happens: by the run itself, and after a timeout by `--ruim-op` from here. Skipped only on a
machine without PostgreSQL's server programs or redis-server.
"""

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = settings.BASE_DIR
# The smoke run takes one to two minutes, more on a busy machine; past this something hangs.
TIMEOUT = 600
# The environment of pytest and of the suite's own services is not the run's.
WEG = ("PYTEST_", "DJANGO_", "DATABASE_URL", "REDIS_URL", "CELERY_", "DEBUG")


def _env() -> dict:
    return {k: v for k, v in os.environ.items() if not k.startswith(WEG)}


def _ruim_op(werkmap) -> None:
    subprocess.run(
        [sys.executable, "scripts/loadtest", "--ruim-op", str(werkmap)],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        timeout=120,
        check=False,
    )


def _rookrun(werkmap, uitslag) -> tuple[int, str]:
    proces = subprocess.Popen(
        [sys.executable, "scripts/loadtest", "--rook", "--werkmap", str(werkmap)]
        + ["--json", str(uitslag)],
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        uitvoer, _ = proces.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        # SIGTERM lets the run clean up after itself; what is left after that goes below.
        os.killpg(proces.pid, signal.SIGTERM)
        try:
            uitvoer, _ = proces.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)
            uitvoer, _ = proces.communicate()
        pytest.fail(f"de rooktest liep langer dan {TIMEOUT} s:\n{uitvoer[-6000:]}")
    finally:
        _ruim_op(werkmap)
    return proces.returncode, uitvoer


def _luistert(poort: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", poort)) == 0


# One test for the one run: pytest-xdist spreads a module's tests over its workers, and each
# would start a run of its own.
def test_the_smoke_run_survives_its_faults_and_loses_nothing(tmp_path):
    werkmap, pad = tmp_path / "werk", tmp_path / "resultaat.json"
    code, uitvoer = _rookrun(werkmap, pad)
    if code == 2 and "niet op deze machine" in uitvoer:
        pytest.skip(uitvoer.strip())
    assert code == 0, uitvoer[-8000:]
    uitslag = json.loads(pad.read_text())

    # Every user logged in through the forms and walked its pages.
    pagina = {r["pagina"]: r["verzoeken"] for r in uitslag["per_pagina"]}
    for naam in (
        "POST inloggen: code",
        "POST inloggen: niet nu",
        "POST coördinator: melding registreren",
        "GET gemeente: naleving",
        "GET beheerder: convenant-pdf",
        "GET politie: meldingen",
    ):
        assert pagina.get(naam), (naam, sorted(pagina))

    # The faults went as the issue demands: pages kept working while Redis was down and a
    # worker was killed; only the 503 page while PostgreSQL restarted, and success after it.
    storingen = {s["naam"]: s for s in uitslag["storingen"]}
    assert set(storingen) == {"redis", "postgres", "worker"}
    assert storingen["redis"]["fouten"] == 0
    assert all("storingspagina" in k for k in storingen["postgres"]["foutcodes"])
    assert storingen["postgres"]["hersteld_na_s"] is not None
    assert storingen["worker"]["midden_in_taak"]
    assert storingen["worker"]["geclaimd_na_kill"] >= 1
    assert storingen["worker"]["fouten"] == 0

    # Nothing lost, nothing twice: every message marked sent was received once, nothing due
    # at once still waits, and every record the load wrote is there.
    assert uitslag["emails"]["emails"] == uitslag["emails"]["verzonden_rijen"] > 0
    assert uitslag["emails"]["verzonden_zonder_email"] == 0
    assert uitslag["emails"]["email_zonder_of_dubbel"] == 0
    assert uitslag["nog_wachtend_direct"] == 0
    for soort, telling in uitslag["records"].items():
        assert telling["gevonden"] == telling["geschreven"], soort
    assert uitslag["records"]["melding"]["geschreven"] > 0

    # It left nothing running or behind.
    assert not (werkmap / "processen.json").exists()
    assert not Path(uitslag["pg_map"]).exists()
    for dienst, poort in uitslag["poorten"].items():
        assert not _luistert(poort), dienst
