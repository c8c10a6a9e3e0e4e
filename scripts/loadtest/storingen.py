"""The three faults, one after the other while the load runs, each printed as it happens.

Each fault has a window, from its start until the application has recovered; the requests in
it are counted apart (the only place an error may be expected: the 503 page while PostgreSQL
restarts). After each, what the load wrote before must still be there, and every message due
at once must have gone out exactly once. What beat and the clock would do in production is done
here and said so: the hourly scan is sent when a fault is over (a message whose hand-over failed
waits for it), and a dead worker's claims are aged by CLAIM_GELDIG instead of waiting for it.
"""

import time
from dataclasses import dataclass, field
from pathlib import Path

import rapport
import tellingen
from postbus import Postbus
from processen import Postgres, Redis, Werkplaats, zeg
from toezicht import Workers


@dataclass
class Rit:
    werkplaats: Werkplaats
    pg: Postgres
    redis: Redis
    postbus: Postbus
    log: Path
    app_url: str
    workers: Workers
    # Seconds: Redis down, quiet time between faults, the longest wait for a recovery.
    uitval: float
    rust: float
    geduld: float
    vensters: list[dict] = field(default_factory=list)


def _stand(rit: Rit) -> dict:
    verzoeken, gebeurtenissen = rapport.lees(rit.log)
    return {
        "t": time.time(),
        "verzoeken": len(verzoeken),
        "gebeurtenissen": gebeurtenissen,
        "berichten": tellingen.berichten_per_status(),
        "emails": rit.postbus.aantal(),
    }


def scan(rit: Rit) -> bool:
    """The hourly scan, as beat sends it, and wait until a worker ran it (the producer may
    need a moment after Redis is back). Its end is read from the workers' logs, not from the
    result backend, which the application may stop using. False when it did not run (well)
    within `geduld`."""
    eind = time.monotonic() + rit.geduld
    while True:
        try:
            taak = tellingen.stuur_scan().id
            break
        except Exception as fout:  # kombu's errors while the broker comes back
            if time.monotonic() > eind:
                zeg(f"  scan niet te versturen: {type(fout).__name__}: {fout}")
                return False
            time.sleep(0.5)
    while time.monotonic() < eind:
        for worker in list(rit.workers.alle):
            tekst = worker.log.read_text(errors="replace") if worker.log.exists() else ""
            if f"[{taak}] succeeded" in tekst:
                return True
            if f"[{taak}] raised" in tekst:
                zeg(f"  de scan faalde (zie {worker.log.name})")
                return False
        time.sleep(0.3)
    zeg(f"  de scan liep niet binnen {rit.geduld:.0f} s")
    return False


def wacht_op_verzending(rit: Rit, voor: float, geduld: float | None = None) -> list[int]:
    """Wait until every message due at once and written before `voor` has gone out; returns
    what still waits after `geduld` seconds (the run's, unless given)."""
    eind = time.monotonic() + (rit.geduld if geduld is None else geduld)
    while True:
        rest = tellingen.direct_wachtend(voor)
        if not rest or time.monotonic() > eind:
            return rest
        time.sleep(0.5)


def emails_kloppen(rit: Rit, pogingen: int = 6) -> dict:
    """Marked sent against received. A message between its 250 and its UPDATE is briefly
    received but not marked: ask again a few times before calling it sent twice."""
    for _ in range(pogingen):
        vergelijking = tellingen.verzonden_tegen_emails(rit.postbus.alle())
        if (
            not vergelijking["verzonden_zonder_email"]
            and not vergelijking["email_zonder_of_dubbel"]
        ):
            break
        time.sleep(0.5)
    return vergelijking


def _afsluiten(rit: Rit, naam: str, voor: dict, begin: float, eind: float, extra: dict) -> dict:
    """Count the window, check records and messages, print the fault's summary."""
    verzoeken, _ = rapport.lees(rit.log)
    telling = rapport.venster(verzoeken, begin, eind)
    records = tellingen.records_gevonden(voor["gebeurtenissen"])
    na = _stand(rit)
    emails = emails_kloppen(rit)
    kwijt_records = {s: r["geschreven"] - r["gevonden"] for s, r in records.items()}
    uitslag = {
        "naam": naam,
        "begin": begin,
        "eind": eind,
        "duur_s": round(eind - begin, 1),
        **telling,
        "records_voor_de_storing": records,
        "worker_herstarts": rit.workers.herstarts_tussen(begin, time.time()),
        "records_kwijt": sum(kwijt_records.values()),
        "berichten_voor": voor["berichten"],
        "berichten_na": na["berichten"],
        "emails_voor": voor["emails"],
        "emails_na": na["emails"],
        "emails": emails,
        **extra,
    }
    rit.vensters.append(uitslag)
    codes = ", ".join(f"{k}: {n}" for k, n in telling["foutcodes"].items()) or "geen"
    zeg(
        f"  verzoeken in het venster ({uitslag['duur_s']} s): {telling['verzoeken']}, "
        f"geslaagd {telling['geslaagd']}, fouten {telling['fouten']} ({codes}); "
        f"p95 {telling['p95_ms']} ms; traagste: {', '.join(telling['traagste']) or '-'}"
    )
    geschreven = ", ".join(f"{s} {r['gevonden']}/{r['geschreven']}" for s, r in records.items())
    zeg(f"  door de load geschreven vóór de storing, daarna gevonden: {geschreven}")
    zeg(
        f"  berichten verzonden {voor['berichten'].get('verzonden', 0)} -> "
        f"{na['berichten'].get('verzonden', 0)}, e-mails ontvangen {voor['emails']} -> "
        f"{na['emails']}; verzonden zonder e-mail {emails['verzonden_zonder_email']}, "
        f"e-mail dubbel of zonder rij {emails['email_zonder_of_dubbel']}"
    )
    return uitslag


def _eerste_succes_na(rit: Rit, moment: float) -> float | None:
    verzoeken, _ = rapport.lees(rit.log)
    starts = [v["t"] - v["ms"] / 1000 for v in verzoeken if v["ok"]]
    na = [s for s in starts if s >= moment]
    return min(na) if na else None


def redis_stoppen(rit: Rit) -> dict:
    zeg("STORING 1: Redis gestopt en weer gestart")
    voor = _stand(rit)
    begin = time.time()
    rit.redis.stop()
    zeg(f"  redis-server gestopt; {rit.uitval:.0f} s zonder Redis (cache en wachtrij weg)")
    time.sleep(rit.uitval)
    verzoeken, _ = rapport.lees(rit.log)
    tijdens = rapport.venster(verzoeken, begin, time.time())
    zeg(f"  tijdens de uitval: {tijdens['verzoeken']} verzoeken, {tijdens['fouten']} fouten")
    rit.redis.start()
    terug = time.time()
    geschreven = tellingen.berichten_tussen(begin, terug)
    zeg(
        "  redis-server weer gestart (leeg: zonder persistentie); berichten geschreven tijdens "
        f"de uitval: {sum(geschreven.values())} ({geschreven or 'geen'})"
    )
    time.sleep(min(rit.rust, 3))
    zeg("  de uurlijkse scan (zoals beat hem om :05 stuurt) geeft wat wacht aan de worker")
    scan(rit)
    rest = wacht_op_verzending(rit, time.time())
    uit_de_uitval = tellingen.berichten_tussen(begin, terug)
    zeg(f"  berichten uit de uitval nu: {uit_de_uitval or 'geen'}; nog niet verzonden: {len(rest)}")
    return _afsluiten(
        rit,
        "redis",
        voor,
        begin,
        time.time(),
        {
            "berichten_tijdens_uitval": geschreven,
            "berichten_uit_uitval_na": uit_de_uitval,
            "niet_verzonden_na_herstel": len(rest),
        },
    )


def postgres_herstarten(rit: Rit) -> dict:
    zeg("STORING 2: PostgreSQL herstart (pg_ctl restart -m fast)")
    voor = _stand(rit)
    begin = time.time()
    rit.pg.herstart()
    klaar = time.time()
    zeg(f"  PostgreSQL weer op na {klaar - begin:.1f} s; gunicorn en de worker draaien door")
    herstel = None
    eind_wachten = time.monotonic() + rit.geduld
    while herstel is None and time.monotonic() < eind_wachten:
        time.sleep(0.5)
        herstel = _eerste_succes_na(rit, klaar)
    if herstel is None:
        zeg("  GEEN geslaagd verzoek na de herstart")
    else:
        zeg(f"  eerste geslaagde verzoek {herstel - klaar:.1f} s na de herstart")
    # Requests still running when the server came back may end in an error too.
    eind = klaar + 2
    time.sleep(max(0.0, eind - time.time()) + min(rit.rust, 2))
    # A task that met the restart failed and left its rows waiting: the next scan sends them.
    # (Rows from before, held back by the message queue's pause after Redis, wait for the
    # final scan.)
    rest = tellingen.direct_wachtend(time.time() - 1, sinds=begin)
    if rest:
        zeg(f"  {len(rest)} berichten wachten na de herstart; de uurlijkse scan")
        scan(rit)
        rest = wacht_op_verzending(rit, time.time())
    zeg(f"  nog niet verzonden: {len(rest)}")
    uitslag = _afsluiten(
        rit,
        "postgres",
        voor,
        begin,
        eind,
        {
            "herstart_s": round(klaar - begin, 1),
            "hersteld_na_s": None if herstel is None else round(herstel - klaar, 1),
            "niet_verzonden_na_herstel": len(rest),
        },
    )
    return uitslag


def worker_doden(rit: Rit) -> dict:
    zeg("STORING 3: Celery-worker gedood (SIGKILL) terwijl hij een e-mail verstuurt")
    voor = _stand(rit)
    begin = time.time()
    # A claim left by an earlier fault is not this worker's: the final catch-up takes it.
    eerder = set(tellingen.geclaimd_wachtend(ouder_dan=5))
    rit.postbus.houd_volgende_vast()
    zeg("  de mailserver houdt het volgende bericht vast bij DATA; wachten op een verzending")
    if not rit.postbus.vastgehouden.wait(timeout=rit.geduld):
        rit.postbus.laat_los()
        zeg("  GEEN verzending binnen de wachttijd: de load schreef geen bericht")
        return _afsluiten(rit, "worker", voor, begin, time.time(), {"midden_in_taak": False})
    oud = rit.workers.dood_er_een()
    gedood = time.time()
    rit.postbus.laat_los()
    # Nothing else sends now (there is one worker): every new claim is the dead worker's.
    geclaimd = [pk for pk in tellingen.geclaimd_wachtend() if pk not in eerder]
    zeg(
        f"  {oud.naam} (pid {oud.pid}) en zijn poolprocessen gedood; geclaimd en niet "
        f"verzonden: {len(geclaimd)}"
    )
    nieuw = rit.workers.start()
    zeg(f"  nieuwe worker {nieuw.naam} klaar na {time.time() - gedood:.1f} s")
    oud_gemaakt = tellingen.verouder_claims(geclaimd)
    zeg(
        f"  CLAIM_GELDIG (15 min) verstreken: {oud_gemaakt} claims van de dode worker verouderd "
        "(in plaats van een kwartier wachten)"
    )
    scan(rit)
    rest = wacht_op_verzending(rit, time.time())
    zeg(
        f"  na de scan nog niet verzonden: {len(rest)}; nog geclaimd: "
        f"{len(tellingen.geclaimd_wachtend(ouder_dan=5))}"
    )
    return _afsluiten(
        rit,
        "worker",
        voor,
        begin,
        time.time(),
        {
            "midden_in_taak": True,
            "geclaimd_na_kill": len(geclaimd),
            "claims_verouderd": oud_gemaakt,
            "niet_verzonden_na_herstel": len(rest),
        },
    )
