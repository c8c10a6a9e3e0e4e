"""The goals of issue 15 as ratios, the printed table and the JSON."""

import json
from pathlib import Path

from scripts.bench.paginas import ANKERS

GROEI_MAX = 1.5  # p95 from the smallest to the largest scale
VLOER_MAX = 5.0  # an HTML page's p95 against the floor page's, at the largest scale
DOELEN = ("groei", "vloer", "beheer", "queries")
TEKEN = {True: "✓", False: "✗", None: "·"}


def _deel(a, b):
    return a / b if a is not None and b else None


def doelen(resultaat: dict) -> None:
    """Adds to every page its ratios and goals (None where a goal does not apply)."""
    labels = list(resultaat["schalen"])
    klein, groot = labels[0], labels[-1]
    paginas = resultaat["paginas"]
    vloer = next((p for p in paginas.values() if p["vloer"]), None)
    vloer_p95 = vloer["per_schaal"][groot]["p95_ms"] if vloer else None
    for sleutel, p in paginas.items():
        per = p["per_schaal"]
        groei = _deel(per[groot]["p95_ms"], per[klein]["p95_ms"])
        is_anker = sleutel in ANKERS.values()
        x_vloer = None if p["vloer"] else _deel(per[groot]["p95_ms"], vloer_p95)
        anker = paginas.get(ANKERS.get(p["anker"]))
        x_beheer = (
            _deel(per[groot]["p95_ms"], anker["per_schaal"][groot]["p95_ms"]) if anker else None
        )
        queries = [per[label].get("queries") for label in labels]
        p["verhoudingen"] = {"groei": groei, "vloer": x_vloer, "beheer": x_beheer}
        p["doelen"] = {
            "groei": None if groei is None else groei <= GROEI_MAX,
            # The floor and the admin's changelists are the yardsticks, not measured against.
            "vloer": (
                None
                if p["vloer"] or is_anker or p["soort"] != "html" or x_vloer is None
                else x_vloer <= VLOER_MAX
            ),
            "beheer": None if x_beheer is None else x_beheer < 1,
            "queries": None if None in queries else len(set(queries)) == 1,
        }
        for label in labels:
            m = per[label]
            if m.get("rijen"):
                m["ms_per_1000_rijen"] = round(m["p95_ms"] * 1000 / m["rijen"], 1)


def _ms(waarde) -> str:
    if waarde is None:
        return "-"
    if waarde >= 10_000:
        return f"{waarde / 1000:.1f}s"
    return f"{waarde:.1f}" if waarde < 100 else f"{waarde:.0f}"


def _x(waarde) -> str:
    if waarde is None:
        return "-"
    return f"{waarde:.2f}x" if waarde < 10 else f"{waarde:.0f}x"


def _tabel(koppen: list[str], rijen: list[list[str]], links: int) -> str:
    """Columns as wide as their widest cell; the first `links` columns left-aligned."""
    breedte = [max(len(r[i]) for r in [koppen, *rijen]) for i in range(len(koppen))]

    def regel(cellen):
        return "  ".join(
            c.ljust(breedte[i]) if i < links else c.rjust(breedte[i]) for i, c in enumerate(cellen)
        ).rstrip()

    streep = "  ".join("-" * b for b in breedte)
    return "\n".join([regel(koppen), streep, *(regel(r) for r in rijen)])


def tabel(resultaat: dict) -> str:
    schalen = resultaat["schalen"]
    labels = list(schalen)
    groot = labels[-1]
    koppen = ["Pagina", "Rol"]
    koppen += [f"s{schalen[label]['schaal']:g} med/p95 ms" for label in labels]
    koppen += [
        "groei p95",
        f"x vloer (s{schalen[groot]['schaal']:g})",
        f"x beheer (s{schalen[groot]['schaal']:g})",
        "queries",
        "doelen",
    ]
    rijen = []
    for p in resultaat["paginas"].values():
        per = p["per_schaal"]
        v = p["verhoudingen"]
        fout = any(per[label]["fouten"] for label in labels)
        rij = [p["naam"], p["rol"]]
        rij += [
            f"{_ms(per[label]['mediaan_ms'])} / {_ms(per[label]['p95_ms'])}" for label in labels
        ]
        queries = [per[label].get("queries") for label in labels]
        rij += [
            _x(v["groei"]),
            _x(v["vloer"]),
            _x(v["beheer"]),
            "/".join("?" if q is None else str(q) for q in queries),
            " ".join(TEKEN[p["doelen"][d]] for d in DOELEN) + ("  FOUT" if fout else ""),
        ]
        rijen.append(rij)
    regels = [_tabel(koppen, rijen, 2)]
    regels.append(
        f"doelen: groei p95 <= {GROEI_MAX}x | HTML-pagina <= {VLOER_MAX:g}x de vloer | sneller "
        "dan de beheerlijst van dezelfde rijen | evenveel queries op elke schaal  "
        "(✓ gehaald, ✗ niet, · niet van toepassing)"
    )
    exports = [p for p in resultaat["paginas"].values() if p["export"]]
    for p in exports:
        delen = [
            f"s{schalen[label]['schaal']:g}: {p['per_schaal'][label].get('rijen')} rijen, "
            f"{p['per_schaal'][label].get('ms_per_1000_rijen', '-')} ms per 1000 rijen (p95)"
            for label in labels
        ]
        regels.append(f"{p['naam']}: " + "; ".join(delen))
    return "\n".join(regels)


def tabel_taken(resultaat: dict) -> str:
    schalen = resultaat["schalen"]
    labels = [label for label in schalen if label in resultaat["taken"]]
    if not labels:
        return ""
    eerste = resultaat["taken"][labels[0]]
    koppen = ["Achtergrondtaak"]
    for label in labels:
        s = f"s{schalen[label]['schaal']:g}"
        koppen += [f"{s} mediaan ms (n)", f"{s} queries", f"{s} resultaat"]
    rijen = []
    for sleutel, taak in eerste.items():
        rij = [taak["naam"]]
        for label in labels:
            t = resultaat["taken"][label][sleutel]
            if t.get("afgebroken_na_s"):
                rij += [f"> {t['afgebroken_na_s']:.0f} s, afgebroken", "-", "-"]
                continue
            rij += [
                f"{_ms(t['mediaan_ms'])} ({len(t['ms'])})",
                str(t["queries"]),
                str(t["resultaat"]),
            ]
        rijen.append(rij)
    return _tabel(koppen, rijen, 1) + (
        "\nresultaat: PDF in bytes, berichten geschreven, betrokkenen (te) anonimiseren; "
        "scan en anonimiseren in een transactie die wordt teruggedraaid."
    )


def schrijf_json(resultaat: dict, pad: Path) -> None:
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_text(json.dumps(resultaat, indent=1, ensure_ascii=False, default=str) + "\n")
