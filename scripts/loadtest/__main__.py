"""`make loadtest`: the application under gunicorn, driven by locust with the journeys of the
four users, while Redis is stopped, PostgreSQL restarted and a Celery worker killed.

    .venv/bin/python scripts/loadtest            # the full run (a few minutes)
    .venv/bin/python scripts/loadtest --rook     # the smoke run of tests/project/test_loadtest.py

Everything runs on this machine on ports and in folders of its own (processen.py), with
production settings (opzet.py); the faults are storingen.py, the journeys locustfile.py. It
prints a table per page and per fault, writes the results as JSON (loadtest/) and exits 1 when a
request failed outside a fault window, a fault did not go as the issue demands, or a record or
message was lost or a message sent twice.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import opzet
import rapport
import storingen
import tellingen
import uitslag
from postbus import Postbus
from processen import (
    BIN,
    ROOT,
    Postgres,
    Redis,
    Werkplaats,
    ontbrekende_programmas,
    ruim_op_volgens,
    vrije_poort,
    zeg,
)
from toezicht import Workers

ZAAD = 1
# Full run and smoke run: users per role, pause between tasks, seconds of load before the first
# fault and after the last, Redis down, quiet time, the longest wait for a recovery.
PROFIELEN = {
    "vol": {
        "mix": {"coordinator": 4, "politie": 3, "gemeente": 2, "beheerder": 1},
        "pauze": [1.0, 3.0],
        "aanloop": 30,
        "uitloop": 30,
        "uitval": 15,
        "rust": 20,
        "geduld": 60,
        "looptijd": 600,
        "max_verzoeken": 50_000,
        "schaal": 0.05,
        "stoptijd": 10,
    },
    "rook": {
        "mix": {"coordinator": 1, "politie": 2, "gemeente": 1, "beheerder": 1},
        "pauze": [0.3, 1.0],
        "aanloop": 3,
        "uitloop": 2,
        "uitval": 4,
        "rust": 2,
        "geduld": 20,
        "looptijd": 150,
        "max_verzoeken": 5_000,
        # Fewer schools, fewer accounts: every scan computes what is due for every account.
        "schaal": 0.02,
        "stoptijd": 2,
    },
}


def _argumenten(argv):
    p = argparse.ArgumentParser(prog="loadtest", description=__doc__.split("\n\n")[0])
    p.add_argument("--rook", action="store_true", help="a smoke run of a few seconds of load")
    p.add_argument("--schaal", type=float, help="vul_stad's scale (0.05; --rook 0.02)")
    p.add_argument("--looptijd", type=int, help="locust's --run-time in seconds (an upper bound)")
    p.add_argument("--max-verzoeken", type=int, help="stop the load after this many requests")
    p.add_argument(
        "--cache",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="restore the prepared city from a dump of the same code and day "
        "(default: on for --rook)",
    )
    p.add_argument("--werkmap", help="folder for logs and state (default: a new temporary one)")
    p.add_argument("--json", help="where to write the results (default: loadtest/resultaat-...)")
    p.add_argument(
        "--ruim-op",
        metavar="WERKMAP",
        help="only stop what a killed run in WERKMAP left behind, and remove it",
    )
    return p.parse_args(argv)


def _stop_bij_signaal(signum, _frame):
    # SIGTERM (a test's timeout, make interrupted) must still run the cleanup in finally.
    raise SystemExit(128 + signum)


def main(argv=None) -> int:
    args = _argumenten(argv)
    if args.ruim_op:
        ruim_op_volgens(args.ruim_op)
        return 0
    if ontbreekt := ontbrekende_programmas():
        print(f"loadtest: niet op deze machine: {', '.join(ontbreekt)}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _stop_bij_signaal)
    profiel = dict(PROFIELEN["rook" if args.rook else "vol"])
    if args.looptijd:
        profiel["looptijd"] = args.looptijd
    if args.max_verzoeken:
        profiel["max_verzoeken"] = args.max_verzoeken
    if args.schaal:
        profiel["schaal"] = args.schaal
    cache = args.rook if args.cache is None else args.cache
    werkplaats = Werkplaats(args.werkmap)
    postbus = Postbus(werkplaats.map / "postbus.jsonl").start()
    begin = time.monotonic()
    onderdelen = {"redis": None, "pg": None, "processen": [], "workers": None}
    try:
        return _draai(args, profiel, cache, werkplaats, postbus, onderdelen, begin)
    finally:
        _opruimen(werkplaats, postbus, onderdelen, behoud=bool(args.werkmap))
        zeg("opgeruimd")


def _draai(args, profiel, cache, werkplaats, postbus, onderdelen, begin) -> int:
    zeg(f"loadtest ({'rook' if args.rook else 'vol'}): werkmap {werkplaats.map}")
    redis = onderdelen["redis"] = Redis(werkplaats, vrije_poort())
    pg = onderdelen["pg"] = Postgres(werkplaats, vrije_poort())
    app_poort = vrije_poort()
    redis.start()
    pg.start()
    opzet.maak_database(pg.poort, "veiligheid")
    env = opzet.productie_env(
        database_url=pg.url("veiligheid"),
        redis_url=redis.url,
        mail_poort=postbus.poort,
        app_poort=app_poort,
        werkplaats=werkplaats,
    )
    zeg(f"eigen PostgreSQL op {pg.poort}, Redis op {redis.poort}, mailserver op {postbus.poort}")
    static = opzet.verzamel_static(env, snel=args.rook)
    onderdelen["processen"].append(static)
    opzet.vul_database(
        env, pg.url("veiligheid"), schaal=profiel["schaal"], zaad=ZAAD, cache=cache, melden=zeg
    )
    if static.wait(timeout=600) != 0:
        raise RuntimeError(f"collectstatic mislukt:\n{static.stdout.read()[-3000:]}")
    zeg("static files verzameld (manifest)")
    gunicorn = opzet.start_gunicorn(werkplaats, env, app_poort)
    onderdelen["processen"].append(gunicorn)
    workers = onderdelen["workers"] = Workers(werkplaats, env)
    eerste = workers.start(wacht=False)
    opzet.wacht_op_gunicorn(gunicorn, app_poort)
    workers.wacht(eerste)
    workers.begin_toezicht()
    zeg(
        f"gunicorn (3 workers) op http://127.0.0.1:{app_poort}, Celery-worker klaar "
        f"({time.monotonic() - begin:.0f} s na de start)"
    )

    # The fault script reads the database with the application's own models.
    for naam in set(os.environ) - set(opzet.schoon(os.environ)):
        del os.environ[naam]
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

    rit = storingen.Rit(
        werkplaats=werkplaats,
        pg=pg,
        redis=redis,
        postbus=postbus,
        log=werkplaats.map / "load.jsonl",
        app_url=f"http://127.0.0.1:{app_poort}",
        workers=workers,
        uitval=profiel["uitval"],
        rust=profiel["rust"],
        geduld=profiel["geduld"],
    )
    accounts = tellingen.accounts(ZAAD)
    load_begin = time.time()
    locust = _start_locust(rit, profiel, accounts, werkplaats)
    onderdelen["processen"].append(locust)
    zeg(
        f"locust: {sum(profiel['mix'].values())} gebruikers {profiel['mix']}, hoogstens "
        f"{profiel['looptijd']} s en {profiel['max_verzoeken']} verzoeken"
    )
    # While they log in, the first scan writes what is already due today and sends what goes
    # out at once, as beat's hourly scan would have done before anyone came in.
    zeg("eerste scan (wat vandaag al te doen is): berichten schrijven en versturen")
    if not storingen.scan(rit):
        raise RuntimeError("de eerste scan liep niet")
    rest = storingen.wacht_op_verzending(rit, time.time())
    zeg(
        f"  berichten: {tellingen.berichten_per_status()}, e-mails: {postbus.aantal()}, "
        f"nog direct te versturen: {len(rest)}"
    )

    _wacht_op_inloggen(rit, sum(profiel["mix"].values()), locust)
    zeg("iedereen ingelogd")
    time.sleep(profiel["aanloop"])
    zonder_load = []
    for storing in (storingen.redis_stoppen, storingen.postgres_herstarten, storingen.worker_doden):
        if locust.poll() is not None:
            # The request cap or --looptijd ended the load first: the fault still runs, for
            # what it does to the messages.
            zonder_load.append(storing.__name__)
            zeg(f"LET OP: locust is al gestopt; {storing.__name__} zonder load")
        storing(rit)
        time.sleep(rit.rust)
    time.sleep(profiel["uitloop"])
    if locust.poll() is None:
        locust.send_signal(signal.SIGINT)
    try:
        locust.wait(timeout=60)
    except subprocess.TimeoutExpired:
        locust.kill()
    load_eind = time.time()
    rest = _inhalen(rit)
    return uitslag.rapporteer(
        rit,
        modus="rook" if args.rook else "vol",
        profiel=profiel,
        accounts=accounts,
        load=(load_begin, load_eind),
        rest=rest,
        zonder_load=zonder_load,
        gunicorn=gunicorn,
        duur_totaal=time.monotonic() - begin,
        pad=Path(args.json) if args.json else None,
    )


def _inhalen(rit) -> list[int]:
    """After the load: what an hour of beat would do. A claim still there after the running
    sends ended is a dead worker's and is aged by CLAIM_GELDIG; if anything due at once still
    waits (held back by the queue's pause after the Redis outage, or claimed), the scan."""
    nu = time.time()
    rest = storingen.wacht_op_verzending(rit, nu, geduld=5)
    dood = tellingen.geclaimd_wachtend(ouder_dan=5)
    if not rest and not dood:
        zeg("load gestopt; niets wacht meer")
        return []
    zeg(
        f"load gestopt; inhaalslag: {len(rest)} wachten, {len(dood)} claims van een dode worker "
        "verouderd, de scan"
    )
    tellingen.verouder_claims(dood)
    storingen.scan(rit)
    return storingen.wacht_op_verzending(rit, time.time())


def _wacht_op_inloggen(rit, gebruikers: int, locust) -> None:
    """The load counts from the moment every user is in: logging in hashes a password (PBKDF2,
    on purpose slow), which would otherwise be most of a short run's first seconds."""
    eind = time.monotonic() + 120
    while time.monotonic() < eind and locust.poll() is None:
        _, gebeurtenissen = rapport.lees(rit.log)
        if sum(g["gebeurtenis"] == "ingelogd" for g in gebeurtenissen) >= gebruikers:
            return
        time.sleep(0.5)
    zeg("LET OP: niet iedereen is ingelogd")


def _start_locust(rit, profiel, accounts, werkplaats) -> subprocess.Popen:
    from django.conf import settings

    from convenant.tweefactor import DEMO_GEHEIM

    config = {
        "accounts": accounts,
        "mix": profiel["mix"],
        "pauze": profiel["pauze"],
        "wachtwoord": settings.DEMO_PASSWORD,
        "totp_geheim": DEMO_GEHEIM,
        "log": str(rit.log),
        "max_verzoeken": profiel["max_verzoeken"],
    }
    gebruikers = sum(profiel["mix"].values())
    env = opzet.schoon(os.environ)
    env["LOADTEST_CONFIG"] = json.dumps(config)
    args = [str(BIN / "locust"), "-f", str(Path(__file__).parent / "locustfile.py"), "--headless"]
    args += ["-u", str(gebruikers), "-r", str(gebruikers), "--run-time", f"{profiel['looptijd']}s"]
    args += ["--host", rit.app_url, "--only-summary", "--loglevel", "WARNING"]
    args += ["--stop-timeout", str(profiel["stoptijd"])]
    with open(werkplaats.map / "locust.log", "ab") as uit:
        proces = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=uit, stderr=subprocess.STDOUT, start_new_session=True
        )
    werkplaats.registreer("locust", proces.pid)
    return proces


def _opruimen(werkplaats, postbus, onderdelen, behoud: bool) -> None:
    """Everything this run started, in reverse order, even after a failure halfway."""
    processen = []
    for p in onderdelen["processen"]:
        processen.extend(p if isinstance(p, list) else [p])
    for p in reversed(processen):
        try:
            if isinstance(p, subprocess.Popen):
                if p.poll() is None:
                    # locust leads a session of its own; collectstatic does not.
                    try:
                        os.killpg(p.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        p.kill()
                    p.wait(timeout=10)
            else:
                # Nothing of the run is kept: no graceful shutdown needed.
                p.stop(signal.SIGKILL, wacht=5)
        except (ProcessLookupError, subprocess.TimeoutExpired, OSError):
            pass
    if onderdelen["workers"] is not None:
        onderdelen["workers"].stop()
    if onderdelen["redis"] is not None:
        onderdelen["redis"].stop()
    if onderdelen["pg"] is not None:
        onderdelen["pg"].stop()
    postbus.stop()
    shutil.rmtree(werkplaats.pg_map, ignore_errors=True)
    if behoud:
        # A folder the caller chose keeps its logs; only the state file goes (nothing runs).
        (werkplaats.map / "processen.json").unlink(missing_ok=True)
    else:
        shutil.rmtree(werkplaats.map, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
