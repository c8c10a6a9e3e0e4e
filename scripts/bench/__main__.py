"""`make bench`: python -m scripts.bench [--schaal 1 10] [--herhalingen 30] [--rook] ...

Exit status 0 when everything was measured (goals missed or not: measured, not asserted), 1 when
a page did not answer as it should, 2 when the bench itself could not run (a fill, a server).
"""

import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from scripts.bench import databases, paginas, verslag
from scripts.bench.databases import Database, Postgres, schaal_label
from scripts.bench.meten import Meting, Verbinding, fout_van, rijen_geexporteerd
from scripts.bench.opties import argumenten
from scripts.bench.server import (
    ROOT,
    Gunicorn,
    Productie,
    redis_bereikbaar,
    redis_leeg,
    verzamel_static,
)

GEHEIM = "***"


class Afgebroken(Exception):
    """A command stopped at its time limit; `deel` is what it had written by then."""

    def __init__(self, deel: dict):
        super().__init__("afgebroken")
        self.deel = deel


REDIS_BASIS = {False: 10, True: 6}  # the bench's own Redis databases, per scale from here


def _tijd(seconden: float) -> str:
    return f"{seconden:.0f} s" if seconden < 120 else f"{seconden / 60:.1f} min"


class Bench:
    def __init__(self, a):
        self.a = a
        self.begin = time.monotonic()
        self.begonnen = datetime.now().astimezone()
        self.pg = Postgres(a.postgres)
        self.tmp = Path(tempfile.mkdtemp(prefix="bench-"))
        # The day vul_stad anchors at: the application's, not this machine's.
        self.dag = datetime.now(ZoneInfo("Europe/Amsterdam")).date()
        self.schalen = {
            schaal_label(s): Database(f"{a.database_prefix}{schaal_label(s)}", s, a.zaad)
            for s in a.schaal
        }
        self.servers: dict[str, Gunicorn] = {}
        self.vullers = []
        self.gemaakt: set[str] = set()  # databases this run (re)made: a smoke run drops them
        self.prep: dict[str, dict] = {}
        self.redis = redis_bereikbaar()
        self.redis_db = {
            label: REDIS_BASIS[a.rook] + i if self.redis else None
            for i, label in enumerate(self.schalen)
        }
        kiezen = a.paginas
        self.paginas = [p for p in paginas.PAGINAS if not kiezen or p.sleutel in kiezen]
        if kiezen and not any(p.vloer for p in self.paginas):
            self.paginas.append(next(p for p in paginas.PAGINAS if p.vloer))
        self.fouten: list[str] = []

    def log(self, naam: str) -> Path:
        return self.tmp / f"{naam}.log"

    def zeg(self, tekst: str) -> None:
        print(f"[{_tijd(time.monotonic() - self.begin):>7}] {tekst}", flush=True)

    # --- databases ---------------------------------------------------------------------------

    def databases(self):
        te_vullen = [
            db
            for db in self.schalen.values()
            if databases.voorbereiden(
                self.pg, db, self.dag, opnieuw=self.a.opnieuw, hergebruik=self.a.hergebruik
            )
        ]
        with ThreadPoolExecutor() as pool:
            # collectstatic runs beside the templates and the fills: each takes a while.
            static = pool.submit(verzamel_static, self.log("collectstatic"))
            if te_vullen:
                self.zeg("sjablonen (schema, convenant, demo van vandaag) ...")
                sjabloon = databases.sjablonen(self.pg, self.log("sjablonen"), self.dag)
                for db in te_vullen:
                    self.zeg(f"vul {db.naam}: vul_stad --schaal {db.schaal:g} --zaad {db.zaad}")
                    self.gemaakt.add(db.naam)
                    self.vullers.append(
                        (db, databases.vul_start(self.pg, db, sjabloon, self.log(db.naam)))
                    )
                for db, proces in self.vullers:
                    databases.vul_klaar(self.pg, db, proces, self.log(db.naam), self.dag)
                    self.zeg(f"{db.naam} gevuld in {_tijd(db.vul_seconden)}")
                self.vullers = []
            for db in self.schalen.values():
                if db.gevuld != "gevuld":
                    self.zeg(f"{db.naam}: {db.gevuld}")
            # Every reused database: an index migration may have landed since it was filled (a
            # fresh one is a copy of a template built from today's migrations).
            list(
                pool.map(self._migrate, [d for d in self.schalen.values() if d.gevuld != "gevuld"])
            )
            self.static_root = static.result()

    def _migrate(self, db: Database):
        db.migrate_seconden = databases.manage(
            ["migrate", "--no-input", "-v0"], self.pg.database_url(db.naam), self.log(db.naam)
        )

    # --- inside Django -----------------------------------------------------------------------

    def binnen(self, opdracht: str, label: str, invoer: dict, limiet: float | None = None):
        db = self.schalen[label]
        pad_in = self.tmp / f"{opdracht}-{label}-in.json"
        pad_uit = self.tmp / f"{opdracht}-{label}-uit.json"
        pad_in.write_text(json.dumps(invoer))
        pad_uit.unlink(missing_ok=True)
        log = self.log(f"{opdracht}-{label}")
        with log.open("a") as uit:
            try:
                r = subprocess.run(
                    [sys.executable, "-m", "scripts.bench.binnen", opdracht, pad_in, pad_uit],
                    cwd=ROOT,
                    env=self.productie.env(self.pg.database_url(db.naam), self.redis_db[label]),
                    stdout=uit,
                    stderr=subprocess.STDOUT,
                    timeout=limiet,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                # Killed (its transaction rolls back); what it finished before is in the file.
                deel = json.loads(pad_uit.read_text()) if pad_uit.exists() else {}
                raise Afgebroken(deel) from None
        if r.returncode:
            staart = log.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"{opdracht} op {db.naam} faalde:\n{staart}")
        return json.loads(pad_uit.read_text())

    def per_schaal(self, opdracht: str, invoer) -> dict:
        """The same command for every database at once (nothing timed by it)."""
        with ThreadPoolExecutor() as pool:
            klaar = {
                label: pool.submit(self.binnen, opdracht, label, invoer(label))
                for label in self.schalen
            }
            return {label: f.result() for label, f in klaar.items()}

    def pad(self, pagina, label) -> str:
        return paginas.pad(pagina, self.prep[label]["objecten"])

    def sessie(self, pagina, label) -> str | None:
        return self.prep[label]["sessies"].get(pagina.rol)

    # --- servers and sessions ----------------------------------------------------------------

    def servers_starten(self):
        for label, db in self.schalen.items():
            env = self.productie.env(self.pg.database_url(db.naam), self.redis_db[label])
            self.servers[label] = Gunicorn(env, self.log(f"gunicorn-{label}"), self.a.workers)

    def servers_wachten(self):
        for label, server in self.servers.items():
            server.wacht()
            self.zeg(f"gunicorn voor {self.schalen[label].naam} op {server.basis}")

    def sessies_controleren(self):
        """Each role's session opens a page (not the login or the code step)."""
        vloer = next(p for p in paginas.PAGINAS if p.vloer)
        for label, server in self.servers.items():
            verbinding = Verbinding(server.poort)
            for rol, sessie in self.prep[label]["sessies"].items():
                antwoord = verbinding.haal(vloer.pad, sessie, self.prep[label]["cookie"])
                if antwoord.status != 200:
                    raise RuntimeError(
                        f"De sessie van {rol} werkt niet op {self.schalen[label].naam}: "
                        f"HTTP {antwoord.status} {antwoord.locatie}"
                    )
            verbinding.sluit()

    # --- measuring ---------------------------------------------------------------------------

    def meten(self) -> dict:
        metingen = {(p.sleutel, label): Meting() for p in self.paginas for label in self.schalen}
        verbindingen = {label: Verbinding(s.poort) for label, s in self.servers.items()}
        rondes = self.a.opwarmen + self.a.herhalingen
        gemeld = set()
        for ronde in range(rondes):
            begin = time.monotonic()
            for pagina in self.paginas:
                for label in self.schalen:
                    m = metingen[pagina.sleutel, label]
                    try:
                        antwoord = verbindingen[label].haal(
                            self.pad(pagina, label),
                            self.sessie(pagina, label),
                            self.prep[label]["cookie"],
                        )
                        fout = fout_van(pagina, antwoord)
                    except (OSError, http.client.HTTPException) as exc:
                        # A worker killed mid-request: this page failed, the run goes on.
                        fout = f"geen antwoord ({type(exc).__name__}: {exc})"
                    if fout:
                        m.fouten.append(fout)
                        if (pagina.sleutel, label) not in gemeld:
                            gemeld.add((pagina.sleutel, label))
                            self.zeg(
                                f"FOUT {pagina.naam} ({pagina.rol}) op "
                                f"{self.schalen[label].naam}: {fout}"
                            )
                        continue
                    if ronde >= self.a.opwarmen:
                        m.ms.append(antwoord.ms)
                    if pagina.export:
                        m.laatste = antwoord.inhoud
                    m.grootte = len(antwoord.inhoud)
            soort = "opwarmen" if ronde < self.a.opwarmen else "ronde"
            nummer = ronde + 1 if ronde < self.a.opwarmen else ronde + 1 - self.a.opwarmen
            totaal = self.a.opwarmen if ronde < self.a.opwarmen else self.a.herhalingen
            self.zeg(f"{soort} {nummer}/{totaal} in {_tijd(time.monotonic() - begin)}")
        for v in verbindingen.values():
            v.sluit()
        for pagina in self.paginas:
            for label in self.schalen:
                m = metingen[pagina.sleutel, label]
                if pagina.export and m.laatste:
                    m.rijen = rijen_geexporteerd(pagina.soort, m.laatste)
        return metingen

    def _queries_invoer(self, label) -> dict:
        return {
            "sessies": self.prep[label]["sessies"],
            "paginas": [
                {"sleutel": p.sleutel, "rol": p.rol, "pad": self.pad(p, label)}
                for p in self.paginas
            ],
        }

    def queries_en_taken(self) -> tuple[dict, dict]:
        """Counted and timed in-process, after the HTTP rounds: the jobs one database at a
        time, as they are timed. The smoke run does each database in one process, at once."""
        if self.a.rook:
            self.zeg("queries tellen en achtergrondtaken ...")
            na = self.per_schaal(
                "na",
                lambda label: (
                    self._queries_invoer(label)
                    | {"taken": not self.a.zonder_taken, "snel": 1, "traag": 1}
                ),
            )
            return {k: v["queries"] for k, v in na.items()}, (
                {} if self.a.zonder_taken else {k: v["taken"] for k, v in na.items()}
            )
        self.zeg("queries tellen ...")
        queries = self.per_schaal("queries", self._queries_invoer)
        taken = {}
        if self.a.zonder_taken:
            return queries, taken
        # One database and one group at a time: the jobs are timed, each group at most
        # --taak-limiet seconds.
        limiet = self.a.taak_limiet
        for label, db in self.schalen.items():
            taken[label] = {}
            for groep, sleutels in paginas.TAAKGROEPEN.items():
                self.zeg(f"achtergrondtaken op {db.naam}: {groep} ...")
                invoer = {"snel": 3, "traag": 1, "groepen": [groep]}
                try:
                    taken[label] |= self.binnen("taken", label, invoer, limiet=limiet)
                except Afgebroken as exc:
                    self.zeg(f"{groep} op {db.naam} afgebroken na {limiet:.0f} s (--taak-limiet)")
                    taken[label] |= exc.deel
                    for sleutel in sleutels:
                        taken[label].setdefault(
                            sleutel,
                            {
                                "naam": paginas.TAAKNAMEN[sleutel],
                                "ms": [],
                                "mediaan_ms": None,
                                "queries": None,
                                "resultaat": None,
                                "afgebroken_na_s": limiet,
                            },
                        )
        return queries, taken

    # --- the run -----------------------------------------------------------------------------

    def draai(self) -> dict:
        a = self.a
        self.zeg(
            f"bench: schalen {', '.join(f'{s:g}' for s in a.schaal)}, {a.herhalingen} rondes "
            f"na {a.opwarmen} opwarmrondes, {len(self.paginas)} pagina's; logs in {self.tmp}"
        )
        # Other work on the machine shows in every number; said up front and kept in the JSON.
        self.belasting = [os.getloadavg()[0]]
        if self.belasting[0] > (os.cpu_count() or 1):
            self.zeg(
                f"Let op: de machine is al bezig (belasting {self.belasting[0]:.1f} op "
                f"{os.cpu_count()} cores); de tijden worden daar trager en grilliger van."
            )
        if not self.redis:
            self.zeg("Let op: Redis op 127.0.0.1:6379 antwoordt niet; gemeten zonder Redis-cache.")
        for db in self.redis_db.values():
            if db is not None:
                redis_leeg(db)
        self.databases()
        self.productie = Productie(self.static_root, self.tmp / "prive", "redis://127.0.0.1:6379")
        # gunicorn boots while the sessions are made: it needs the key, not the sessions.
        self.servers_starten()
        self.prep = self.per_schaal("voorbereiden", lambda label: {"zaad": a.zaad})
        for label, prep in self.prep.items():
            self.zeg(f"{self.schalen[label].naam}: {prep['omvang']}")
        self.servers_wachten()
        self.sessies_controleren()
        if a.rook:
            # The smoke run proves that everything runs; its times mean nothing, so the
            # in-process counts and jobs run beside the HTTP rounds.
            with ThreadPoolExecutor(1) as pool:
                daarnaast = pool.submit(self.queries_en_taken)
                metingen = self.meten()
                queries, taken = daarnaast.result()
        else:
            metingen = self.meten()
            for server in self.servers.values():
                server.stop()
            queries, taken = self.queries_en_taken()
        resultaat = {
            "begonnen": self.begonnen.isoformat(timespec="seconds"),
            "instellingen": {
                "schalen": a.schaal,
                "zaad": a.zaad,
                "herhalingen": a.herhalingen,
                "opwarmen": a.opwarmen,
                "workers": a.workers,
                "redis": self.redis,
                "rook": a.rook,
                "cores": os.cpu_count(),
                "belasting_begin_en_einde": [*self.belasting, os.getloadavg()[0]],
            },
            "schalen": {
                label: asdict(db)
                | {k: v for k, v in self.prep[label].items() if k != "sessies"}
                | {"objecten": self.prep[label]["objecten"] | {"feed": GEHEIM}}
                for label, db in self.schalen.items()
            },
            "paginas": {},
            "taken": taken,
        }
        for p in self.paginas:
            per = {}
            for label in self.schalen:
                m = metingen[p.sleutel, label]
                q = queries[label][p.sleutel]
                per[label] = m.samenvatting() | {
                    # The feed's token is a key; the JSON is no place for it.
                    "pad": self.pad(p, label).replace(self.prep[label]["objecten"]["feed"], GEHEIM),
                    "queries": q["queries"] if q["status"] == 200 else None,
                    "queries_status": q["status"],
                }
                if q["status"] != 200:
                    m.fouten.append(f"queries: HTTP {q['status']}")
                self.fouten += [f"{p.sleutel} s{label}: {f}" for f in sorted(set(m.fouten))]
            resultaat["paginas"][p.sleutel] = {
                "naam": p.naam,
                "rol": p.rol,
                "soort": p.soort,
                "anker": p.anker,
                "vloer": p.vloer,
                "export": p.export,
                "per_schaal": per,
            }
        verslag.doelen(resultaat)
        return resultaat

    def opruimen(self):
        for _db, proces in self.vullers:
            if proces.poll() is None:
                proces.kill()
                proces.wait()
        for server in self.servers.values():
            server.stop()
        weg = self.gemaakt if self.a.rook else set()
        # Only what it made itself: a smoke run pointed at existing databases keeps them.
        for naam in weg:
            self.pg.verwijder(naam)
        for label in self.prep:
            if self.schalen[label].naam not in weg:
                try:
                    prep = self.prep[label]
                    self.binnen(
                        "opruimen",
                        label,
                        {
                            "sessies": list(prep["sessies"].values()),
                            "sinds": prep["sinds"],
                            "gebruikers": list(prep["gebruikers"].values()),
                        },
                    )
                except RuntimeError as exc:
                    print(f"Opruimen van de sessies mislukt: {exc}", file=sys.stderr)
        for db in self.redis_db.values():
            if db is not None:
                redis_leeg(db)


def _stop_bij_sigterm(signum, frame):
    # Killed by a test's timeout or a supervisor: the `finally` below still cleans up.
    raise SystemExit(128 + signum)


def main(argv=None) -> int:
    a = argumenten(argv)
    signal.signal(signal.SIGTERM, _stop_bij_sigterm)
    bench = Bench(a)
    json_pad = (
        a.json or ROOT / "bench" / f"resultaat-{datetime.now().astimezone():%Y%m%d-%H%M%S}.json"
    )
    status = 0
    try:
        resultaat = bench.draai()
        resultaat["duur_s"] = round(time.monotonic() - bench.begin, 1)
        resultaat["fouten"] = bench.fouten
        print()
        print(verslag.tabel(resultaat))
        if resultaat["taken"]:
            print()
            print(verslag.tabel_taken(resultaat))
        verslag.schrijf_json(resultaat, json_pad)
        print()
        if bench.fouten:
            print(f"{len(bench.fouten)} fout(en):")
            for fout in bench.fouten:
                print(f"  {fout}")
            status = 1
        print(f"JSON: {json_pad}  ({_tijd(resultaat['duur_s'])})")
    except (Exception, KeyboardInterrupt, SystemExit) as exc:
        if isinstance(exc, Exception):
            traceback.print_exc()
        print(f"De bench kon niet draaien: {exc}  (logs: {bench.tmp})", file=sys.stderr)
        status = 2
    finally:
        bench.opruimen()
    if status != 2:
        shutil.rmtree(bench.tmp, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
