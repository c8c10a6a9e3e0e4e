"""The bench's PostgreSQL databases: templates, filling with vul_stad, reuse, dropping.

`migrate` on an empty database takes about 40 s and the demo (laad_convenant, maak_demo) another
15, for every database. So both are done once into templates and each database is a copy
(`CREATE DATABASE ... TEMPLATE`, a fraction of a second): `bench_sjabloon_<migrations>` holds the
schema (kept until the migrations or the locked packages change; a new migration is applied to
a copy of the old one), `..._<date>` the covenant and the demo too (the demo is anchored at
today). A filled database says in its comment what it holds; it is reused on the same day for
the same scale and seed, and migrated every time."""

import contextlib
import hashlib
import json
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import psycopg
from psycopg import sql

from scripts.bench.server import ROOT, ontwikkel_env

SJABLOON = "bench_sjabloon_"
# pg_advisory_lock's key for building the templates: two runs at once build them once.
SLOT = 15_0015


@dataclass
class Database:
    naam: str
    schaal: float
    zaad: int
    gevuld: str = ""  # "hergebruikt", "gevuld" or "bestaand" (--hergebruik)
    vul_seconden: float | None = None
    migrate_seconden: float | None = None


def schaal_label(schaal: float) -> str:
    """1 -> "1", 10 -> "10", 0.01 -> "0_01": a database name and a JSON key."""
    return f"{schaal:g}".replace(".", "_").replace("-", "_")


def opmerking(schaal: float, zaad: int, dag: date) -> str:
    return f"bench: vul_stad schaal={schaal:g} zaad={zaad} dag={dag.isoformat()}"


class Postgres:
    def __init__(self, url: str):
        self.url = url.rstrip("/")

    def database_url(self, naam: str) -> str:
        return f"{self.url}/{naam}"

    def verbind(self):
        return psycopg.connect(self.database_url("postgres"), autocommit=True)

    def bestaat(self, naam: str) -> bool:
        with self.verbind() as c:
            return bool(
                c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam]).fetchone()
            )

    def opmerking_van(self, naam: str) -> str | None:
        with self.verbind() as c:
            rij = c.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                [naam],
            ).fetchone()
        return rij[0] if rij else None

    def zet_opmerking(self, naam: str, tekst: str) -> None:
        with self.verbind() as c:
            c.execute(
                sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                    sql.Identifier(naam), sql.Literal(tekst)
                )
            )

    def kopieer(self, sjabloon: str, naam: str) -> None:
        with self.verbind() as c:
            c.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(naam), sql.Identifier(sjabloon)
                )
            )

    def verwijder(self, naam: str, *, forceer: bool = True) -> None:
        opdracht = "DROP DATABASE IF EXISTS {} WITH (FORCE)" if forceer else "DROP DATABASE {}"
        with self.verbind() as c:
            c.execute(sql.SQL(opdracht).format(sql.Identifier(naam)))

    def namen(self, begin: str) -> list[str]:
        with self.verbind() as c:
            return [
                r[0]
                for r in c.execute(
                    "SELECT datname FROM pg_database WHERE starts_with(datname, %s)", [begin]
                )
            ]

    def vacuum_analyze(self, naam: str) -> None:
        # vul_stad writes in bulk; production's tables have statistics and a visibility map.
        with psycopg.connect(self.database_url(naam), autocommit=True) as c:
            c.execute("VACUUM (ANALYZE)")


def _migraties() -> dict[str, str]:
    """Every migration file's hash, and the locked packages' (their migrations come along)."""
    bestanden = {"requirements.lock": (ROOT / "requirements.lock").read_bytes()}
    for top in sorted(ROOT.iterdir()):
        if top.is_dir() and not top.name.startswith("."):
            for pad in sorted(top.rglob("migrations/*.py")):
                bestanden[str(pad.relative_to(ROOT))] = pad.read_bytes()
    return {naam: hashlib.sha256(inhoud).hexdigest()[:16] for naam, inhoud in bestanden.items()}


def _sleutel(migraties: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(migraties, sort_keys=True).encode()).hexdigest()[:10]


def _voorganger(pg: Postgres, migraties: dict[str, str]) -> str | None:
    """An older schema template whose migrations are all still there unchanged: a copy of it
    needs only the new migrations (seconds, where a schema from nothing takes most of a
    minute). One with an edited or removed migration is never a base."""
    beste, meeste = None, -1
    for naam in pg.namen(SJABLOON):
        try:
            oud = json.loads(pg.opmerking_van(naam) or "")["migraties"]
        except (ValueError, KeyError, TypeError):
            continue
        if all(migraties.get(k) == v for k, v in oud.items()) and len(oud) > meeste:
            beste, meeste = naam, len(oud)
    return beste


def manage(args: list[str], database_url: str, log: Path, *, timeout=None) -> float:
    """`manage.py <args>` with DEBUG against one database; its output to `log`. Seconds."""
    begin = time.monotonic()
    with log.open("a") as uit:
        uit.write(f"$ manage.py {' '.join(args)}\n")
        uit.flush()
        resultaat = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=ontwikkel_env(database_url),
            stdout=uit,
            stderr=subprocess.STDOUT,
            timeout=timeout,
            check=False,
        )
    if resultaat.returncode:
        staart = log.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"manage.py {' '.join(args)} faalde ({log}):\n{staart}")
    return time.monotonic() - begin


def sjablonen(pg: Postgres, log: Path, dag: date) -> str:
    """The template with schema, covenant and demo of today; built when missing. Returns its
    name. Old templates (other migrations, other days) are dropped unless in use."""
    migraties = _migraties()
    schema = f"{SJABLOON}{_sleutel(migraties)}"
    demo = f"{schema}_{dag:%Y%m%d}"
    with pg.verbind() as slot:
        slot.execute("SELECT pg_advisory_lock(%s)", [SLOT])
        try:
            if not pg.bestaat(schema):
                basis = _voorganger(pg, migraties)
                _bouw(pg, schema, basis, log, ["migrate", "--no-input", "-v0"])
                pg.zet_opmerking(schema, json.dumps({"migraties": migraties}))
            if not pg.bestaat(demo):
                _bouw(pg, demo, schema, log, ["laad_convenant"], ["maak_demo"])
            for oud in pg.namen(SJABLOON):
                if oud not in (schema, demo):
                    # In use by a run that started before the migrations changed: left.
                    with contextlib.suppress(psycopg.Error):
                        pg.verwijder(oud, forceer=False)
        finally:
            slot.execute("SELECT pg_advisory_unlock(%s)", [SLOT])
    return demo


def _bouw(pg: Postgres, naam: str, van: str | None, log: Path, *opdrachten) -> None:
    # Built under another name and renamed when complete: a half-built template is never used.
    bezig = f"{naam}_bezig"
    pg.verwijder(bezig)
    with pg.verbind() as c:
        if van:
            c.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(bezig), sql.Identifier(van)
                )
            )
        else:
            c.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(bezig)))
    try:
        for args in opdrachten:
            manage(args, pg.database_url(bezig), log)
    except BaseException:
        pg.verwijder(bezig)
        raise
    with pg.verbind() as c:
        c.execute(
            sql.SQL("ALTER DATABASE {} RENAME TO {}").format(
                sql.Identifier(bezig), sql.Identifier(naam)
            )
        )


class NietVanDeBench(Exception):
    pass


def voorbereiden(pg: Postgres, db: Database, dag: date, *, opnieuw: bool, hergebruik: bool):
    """Decide per database: reuse as it is (--hergebruik), reuse because it holds this scale and
    seed of today, or (re)fill. Returns True when it must be filled. A database the bench did not
    fill (no comment of ours) is never dropped without --opnieuw."""
    if hergebruik:
        if not pg.bestaat(db.naam):
            raise RuntimeError(f"--hergebruik: database {db.naam} bestaat niet.")
        db.gevuld = "bestaand"
        return False
    if not pg.bestaat(db.naam):
        db.gevuld = "gevuld"
        return True
    huidig = pg.opmerking_van(db.naam) or ""
    if not opnieuw and huidig == opmerking(db.schaal, db.zaad, dag):
        db.gevuld = "hergebruikt"
        return False
    if not opnieuw and not huidig.startswith("bench:"):
        raise NietVanDeBench(
            f"Database {db.naam} bestaat al en is niet door de bench gevuld: gebruik "
            "--hergebruik om hem te meten zoals hij is, of --opnieuw om hem opnieuw te vullen."
        )
    db.gevuld = "gevuld"
    return True


def vul_start(pg: Postgres, db: Database, sjabloon: str, log: Path) -> subprocess.Popen:
    """Copy the template and start vul_stad in the background (the scales fill in parallel)."""
    pg.verwijder(db.naam)
    pg.kopieer(sjabloon, db.naam)
    # Ours from the start: a fill that is interrupted is refilled by the next run.
    pg.zet_opmerking(db.naam, "bench: wordt gevuld")
    uit = log.open("a")
    uit.write(f"$ manage.py vul_stad --schaal {db.schaal:g} --zaad {db.zaad}\n")
    uit.flush()
    proces = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "vul_stad",
            "--schaal",
            f"{db.schaal:g}",
            "--zaad",
            str(db.zaad),
        ],
        cwd=ROOT,
        env=ontwikkel_env(pg.database_url(db.naam)),
        stdout=uit,
        stderr=subprocess.STDOUT,
    )
    proces.bench_log = uit
    proces.bench_begin = time.monotonic()
    return proces


def vul_klaar(pg: Postgres, db: Database, proces: subprocess.Popen, log: Path, dag: date):
    proces.wait()
    proces.bench_log.close()
    if proces.returncode:
        staart = log.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"vul_stad voor {db.naam} faalde ({log}):\n{staart}")
    pg.vacuum_analyze(db.naam)
    db.vul_seconden = time.monotonic() - proces.bench_begin
    pg.zet_opmerking(db.naam, opmerking(db.schaal, db.zaad, dag))
