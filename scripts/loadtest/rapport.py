"""Counting the load's requests (the JSON lines the locustfile writes): per page, per fault
window, and the errors outside every window, which must be none."""

import json
import math
import re
from collections import Counter, defaultdict
from pathlib import Path


def lees(pad: Path) -> tuple[list[dict], list[dict]]:
    """The requests and the other events (records written, task errors) logged so far."""
    verzoeken, gebeurtenissen = [], []
    if not pad.exists():
        return verzoeken, gebeurtenissen
    for regel in pad.read_text(encoding="utf-8").splitlines():
        try:
            rij = json.loads(regel)
        except json.JSONDecodeError:
            continue  # a line being written right now
        (gebeurtenissen if "gebeurtenis" in rij else verzoeken).append(rij)
    return verzoeken, gebeurtenissen


def _begin(v: dict) -> float:
    # The line is written when the answer came: it started its response time earlier.
    return v["t"] - v["ms"] / 1000


def in_venster(v: dict, begin: float, eind: float) -> bool:
    return _begin(v) < eind and v["t"] > begin


def percentiel(waarden: list[float], p: float) -> float:
    """Nearest rank: the smallest value with at least p percent of the values at or below it."""
    if not waarden:
        return 0.0
    geordend = sorted(waarden)
    return geordend[max(0, math.ceil(p / 100 * len(geordend)) - 1)]


def per_pagina(verzoeken: list[dict]) -> list[dict]:
    groepen = defaultdict(list)
    for v in verzoeken:
        groepen[(v["methode"], v["naam"])].append(v)
    uit = []
    for (methode, naam), rijen in sorted(groepen.items(), key=lambda kv: kv[0][1]):
        tijden = [r["ms"] for r in rijen]
        uit.append(
            {
                "pagina": f"{methode} {naam}",
                "verzoeken": len(rijen),
                "fouten": sum(not r["ok"] for r in rijen),
                "mediaan_ms": round(percentiel(tijden, 50)),
                "p95_ms": round(percentiel(tijden, 95)),
            }
        )
    return uit


def foutcodes(rijen: list[dict]) -> dict[str, int]:
    """The failed requests per status (0: no answer at all), the 503 outage page apart."""
    codes = Counter()
    for r in rijen:
        if not r["ok"]:
            sleutel = str(r["status"])
            if r["status"] == 503:
                sleutel += " (storingspagina)" if r.get("storingspagina") else " (andere pagina)"
            codes[sleutel] += 1
    return dict(codes)


def venster(verzoeken: list[dict], begin: float, eind: float) -> dict:
    rijen = [v for v in verzoeken if in_venster(v, begin, eind)]
    tijden = [r["ms"] for r in rijen]
    return {
        "verzoeken": len(rijen),
        "p95_ms": round(percentiel(tijden, 95)),
        "max_ms": round(max(tijden, default=0)),
        "traagste": [
            f"{r['naam']} {r['ms'] / 1000:.1f} s" for r in sorted(rijen, key=lambda r: -r["ms"])[:3]
        ],
        "geslaagd": sum(r["ok"] for r in rijen),
        "fouten": sum(not r["ok"] for r in rijen),
        "foutcodes": foutcodes(rijen),
    }


def buiten_vensters(verzoeken: list[dict], vensters: list[tuple[float, float]]) -> list[dict]:
    return [
        v for v in verzoeken if not v["ok"] and not any(in_venster(v, b, e) for b, e in vensters)
    ]


def tabel(rijen: list[dict]) -> str:
    breedte = max([len(r["pagina"]) for r in rijen] + [20])
    kop = f"{'pagina':<{breedte}}  {'verzoeken':>9}  {'fouten':>6}  {'mediaan':>8}  {'p95':>7}"
    regels = [kop, "-" * len(kop)]
    for r in rijen:
        regels.append(
            f"{r['pagina']:<{breedte}}  {r['verzoeken']:>9}  {r['fouten']:>6}  "
            f"{r['mediaan_ms']:>6} ms  {r['p95_ms']:>4} ms"
        )
    totaal_n = sum(r["verzoeken"] for r in rijen)
    totaal_f = sum(r["fouten"] for r in rijen)
    regels += ["-" * len(kop), f"{'totaal':<{breedte}}  {totaal_n:>9}  {totaal_f:>6}"]
    return "\n".join(regels)


_TIJD = re.compile(r"^\[?\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+\]?:?\s*")
_TAAK = re.compile(r"\[[0-9a-f-]{36}\]")


def foutregels(log: Path, max_regels: int = 8) -> dict:
    """The errors a log holds, as evidence: the ERROR and CRITICAL lines (without their time
    and task id, counted alike) and the last line of every traceback (the exception)."""
    if not log.exists():
        return {"aantal": 0, "voorbeelden": [], "uitzonderingen": []}
    regels = log.read_text(errors="replace").splitlines()
    fouten = Counter(
        _TAAK.sub("[…]", _TIJD.sub("", r))[:200]
        for r in regels
        if re.search(r"(^|[\s:/\[])(ERROR|CRITICAL)[\s/:]", r[:80])
    )
    uitzonderingen = Counter(
        r[:200] for r in regels if re.match(r"^[\w.]+(Error|Exception|Exit)\b.*: ", r)
    )
    return {
        "aantal": sum(fouten.values()),
        "voorbeelden": [f"{n}x {t}" for t, n in fouten.most_common(max_regels)],
        "uitzonderingen": [f"{n}x {t}" for t, n in uitzonderingen.most_common(max_regels)],
    }
