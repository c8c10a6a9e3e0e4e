"""Issue 15: `make bench` does not run in the suite, its smoke run does, so the bench cannot rot.
`python -m scripts.bench --rook` fills two tiny cities in PostgreSQL databases of its own on
127.0.0.1 (whatever DATABASE_URL the suite uses), serves them with gunicorn and the production
settings, and measures every page at both scales; its databases and servers are gone after it,
also when it fails or is stopped."""

import contextlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from scripts.bench.paginas import PAGINAS

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"
SCHALEN = {"0_01", "0_02"}


def _postgres():
    try:
        return psycopg.connect(POSTGRES, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        return None


def _databases(begin: str) -> list[str]:
    with psycopg.connect(POSTGRES, autocommit=True) as c:
        return [
            r[0]
            for r in c.execute(
                "SELECT datname FROM pg_database WHERE starts_with(datname, %s)", [begin]
            )
        ]


def _verwijder(namen):
    with psycopg.connect(POSTGRES, autocommit=True) as c:
        for naam in namen:
            c.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(naam))
            )


def _groep_leeft(pid: int) -> bool:
    try:
        os.killpg(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def rook(tmp_path):
    """The smoke run in its own process group: whatever happens, the group (the bench, its
    gunicorns, a fill halfway) is stopped and its databases dropped."""
    verbinding = _postgres()
    if verbinding is None:
        pytest.skip("Geen PostgreSQL op 127.0.0.1:5432: de rooktest van de bench heeft die nodig.")
    verbinding.close()
    pad = tmp_path / "rook.json"
    proces = subprocess.Popen(
        [sys.executable, "-m", "scripts.bench", "--rook", "--json", str(pad)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        # The first run on a machine also builds the templates and collects the static files.
        uitvoer, _ = proces.communicate(timeout=900)
        yield proces, uitvoer, pad
    finally:
        if _groep_leeft(proces.pid):
            os.killpg(proces.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proces.wait(timeout=60)
        if _groep_leeft(proces.pid):
            os.killpg(proces.pid, signal.SIGKILL)
            proces.wait()
        _verwijder(_databases(f"bench_rook_{proces.pid}_"))


def test_the_smoke_bench_measures_every_page_at_both_scales_and_leaves_nothing(rook):
    proces, uitvoer, pad = rook
    assert proces.returncode == 0, uitvoer

    # The table, with every page and the goals, and the background jobs.
    assert "Pagina" in uitvoer, uitvoer
    assert "doelen:" in uitvoer
    for pagina in PAGINAS:
        assert pagina.naam in uitvoer
    assert "Achtergrondtaak" in uitvoer
    assert "PDF convenant, koud" in uitvoer

    resultaat = json.loads(pad.read_text())
    assert set(resultaat["schalen"]) == SCHALEN
    assert resultaat["fouten"] == []
    assert set(resultaat["paginas"]) == {p.sleutel for p in PAGINAS}
    for sleutel, pagina in resultaat["paginas"].items():
        assert set(pagina["per_schaal"]) == SCHALEN
        for label, meting in pagina["per_schaal"].items():
            waar = f"{sleutel} op {label}"
            assert meting["fouten"] == [], waar
            assert meting["queries_status"] == 200, waar
            assert len(meting["ms"]) == 2, waar
            assert meting["p95_ms"] > 0, waar
            assert isinstance(meting["queries"], int), waar
            if pagina["export"]:
                assert meting["rijen"] > 0, waar
        assert set(pagina["doelen"]) == {"groei", "vloer", "beheer", "queries"}
    assert set(resultaat["taken"]) == SCHALEN
    for taken in resultaat["taken"].values():
        assert taken["pdf_koud"]["resultaat"] > 0

    # Nothing left behind: no database of this run, no process of its group.
    assert _databases(f"bench_rook_{proces.pid}_") == []
    assert not _groep_leeft(proces.pid)
