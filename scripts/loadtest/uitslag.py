"""The end of a run: the table per page and per fault, what was written and found, the
messages against the e-mails, the application's logged errors; the verdict (what fails the
run) and the warnings (what a person should look at); the JSON of it all."""

import json
from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

import rapport
import storingen
import tellingen
from processen import ROOT

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def rapporteer(
    rit, *, modus, profiel, accounts, load, rest, zonder_load, gunicorn, duur_totaal, pad
) -> int:
    """Print the tables and the verdict, write the JSON; 1 when the run failed."""
    load_begin, load_eind = load

    verzoeken, gebeurtenissen = rapport.lees(rit.log)
    pagina = rapport.per_pagina(verzoeken)
    vensters = [(v["begin"], v["eind"]) for v in rit.vensters]
    buiten = rapport.buiten_vensters(verzoeken, vensters)
    records = tellingen.records_gevonden(gebeurtenissen)
    emails = storingen.emails_kloppen(rit)
    berichten = tellingen.berichten_per_status()
    logs = {
        "gunicorn": rapport.foutregels(gunicorn.log),
        **{w.naam: rapport.foutregels(w.log) for w in rit.workers.alle},
    }
    taakfouten = [g for g in gebeurtenissen if g["gebeurtenis"] == "taakfout"]

    print()
    print(
        f"Per pagina ({len(verzoeken)} verzoeken in {load_eind - load_begin:.0f} s, "
        f"{sum(profiel['mix'].values())} gebruikers):"
    )
    print(rapport.tabel(pagina))
    print()
    print("Per storing:")
    print(f"{'storing':<10} {'venster':>8} {'verzoeken':>9} {'fouten':>6}  foutcodes")
    for v in rit.vensters:
        codes = ", ".join(f"{k}: {n}" for k, n in v["foutcodes"].items()) or "-"
        print(f"{v['naam']:<10} {v['duur_s']:>6} s {v['verzoeken']:>9} {v['fouten']:>6}  {codes}")
    print()
    print(
        "Geschreven door de load en teruggevonden: "
        + ", ".join(f"{s} {r['gevonden']}/{r['geschreven']}" for s, r in records.items())
    )
    soorten = Counter(g["gebeurtenis"] for g in gebeurtenissen)
    print(f"Gebeurtenissen van de load: {dict(soorten)}")
    print(
        f"Berichten per e-mailstatus: {berichten}; e-mails ontvangen: {emails['emails']}, "
        f"als verzonden gemarkeerd: {emails['verzonden_rijen']}"
    )
    print(
        f"  verzonden zonder e-mail (kwijt): {emails['verzonden_zonder_email']}, e-mail dubbel of "
        f"zonder rij: {emails['email_zonder_of_dubbel']}, direct te versturen en nog wachtend: "
        f"{len(rest)}, mislukt: {berichten.get('mislukt', 0)}"
    )
    for naam, log in logs.items():
        if log["aantal"]:
            print(f"Log {naam}: {log['aantal']} foutregels")
            for regel in log["voorbeelden"][:4] + log["uitzonderingen"][:2]:
                print(f"    {regel}")

    fouten = oordeel(verzoeken, buiten, rit.vensters, records, emails, rest, berichten, taakfouten)
    let_op = waarschuwingen(rit, zonder_load)
    print()
    for regel in let_op:
        print(f"WAARSCHUWING: {regel}")
    if fouten:
        print("NIET GOED:")
        for regel in fouten:
            print(f"  - {regel}")
    else:
        print("GOED: geen fout buiten de storingen, niets kwijt, niets dubbel.")

    uitkomst = {
        "gestart": datetime.fromtimestamp(load_begin, AMSTERDAM).isoformat(timespec="seconds"),
        "modus": modus,
        "poorten": {
            "postgres": rit.pg.poort,
            "redis": rit.redis.poort,
            "mail": rit.postbus.poort,
            "app": int(rit.app_url.rsplit(":", 1)[1]),
        },
        "pg_map": str(rit.pg.map),
        "schaal": profiel["schaal"],
        "profiel": profiel,
        "accounts": accounts,
        "duur_load_s": round(load_eind - load_begin, 1),
        "duur_totaal_s": round(duur_totaal, 1),
        "per_pagina": pagina,
        "storingen": rit.vensters,
        "fouten_buiten_storingen": buiten[:50],
        "records": records,
        "berichten": berichten,
        "emails": emails,
        "nog_wachtend_direct": len(rest),
        "logs": logs,
        "worker_herstarts": rit.workers.herstarts,
        "taakfouten": taakfouten[:20],
        "oordeel": fouten,
        "waarschuwingen": let_op,
    }
    if pad is None:
        pad = ROOT / "loadtest" / f"resultaat-{datetime.now(AMSTERDAM):%Y%m%d-%H%M%S}.json"
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_text(json.dumps(uitkomst, indent=2, ensure_ascii=False, default=str))
    print(f"Resultaat: {pad}")
    return 1 if fouten else 0


def oordeel(verzoeken, buiten, vensters, records, emails, rest, berichten, taakfouten):
    """What makes the run fail, each in one line."""
    uit = []
    if not verzoeken:
        uit.append("geen enkel verzoek")
    if buiten:
        codes = rapport.foutcodes(buiten)
        uit.append(f"{len(buiten)} fouten buiten de storingen: {codes}")
    for v in vensters:
        if v["naam"] in ("redis", "worker") and v["fouten"]:
            uit.append(
                f"{v['naam']}: {v['fouten']} fouten terwijl de pagina's moeten blijven werken: {v['foutcodes']}"
            )
        if v["naam"] == "postgres":
            anders = {k: n for k, n in v["foutcodes"].items() if "storingspagina" not in k}
            if anders:
                uit.append(f"postgres: fouten zonder de 503-pagina: {anders}")
            if v.get("hersteld_na_s") is None:
                uit.append("postgres: geen geslaagd verzoek na de herstart")
        if v["naam"] == "worker" and not v.get("midden_in_taak"):
            uit.append("worker: niet midden in een verzending gedood (geen bericht te versturen)")
    for soort, r in records.items():
        if r["gevonden"] != r["geschreven"]:
            uit.append(
                f"{soort}: {r['geschreven'] - r['gevonden']} van {r['geschreven']} niet teruggevonden"
            )
    if emails["verzonden_zonder_email"]:
        uit.append(
            f"{emails['verzonden_zonder_email']} berichten als verzonden gemarkeerd zonder e-mail"
        )
    if emails["email_zonder_of_dubbel"]:
        uit.append(
            f"{emails['email_zonder_of_dubbel']} e-mails dubbel of zonder verzonden bericht: "
            f"{emails['voorbeelden_dubbel']}; de rij nu: {emails['rij_van_dubbel']}"
        )
    if rest:
        uit.append(f"{len(rest)} berichten die direct weg moesten wachten nog")
    if berichten.get("mislukt"):
        uit.append(f"{berichten['mislukt']} berichten mislukt")
    if taakfouten:
        uit.append(f"{len(taakfouten)} fouten in de locustfile zelf: {taakfouten[0]['fout']}")
    return uit


def waarschuwingen(rit, zonder_load: list[str]) -> list[str]:
    """What the issue does not forbid outright but a person would notice: a worker that stopped
    by itself, pages that hung while Redis was down, a check with nothing to check."""
    uit = [
        f"de load was al gestopt vóór {naam} (--looptijd of --max-verzoeken)"
        for naam in zonder_load
    ]
    uit += [
        f"{h['worker']} stopte uit zichzelf (exit {h['exit']}): {h['reden']}"
        for h in rit.workers.herstarts
    ]
    for v in rit.vensters:
        if v["naam"] == "redis":
            if v["max_ms"] > 3000:
                uit.append(
                    f"redis: trage verzoeken rond de uitval: {', '.join(v['traagste'])} "
                    f"(p95 in het venster {v['p95_ms']} ms)"
                )
            if not sum(v.get("berichten_tijdens_uitval", {}).values()):
                uit.append("redis: geen bericht geschreven tijdens de uitval (niets om na te gaan)")
    return uit
