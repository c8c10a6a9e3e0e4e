"""The bench's options; `--rook` changes their defaults to the smoke run's."""

import argparse
import os
from pathlib import Path


def argumenten(argv):
    p = argparse.ArgumentParser(
        prog="python -m scripts.bench",
        description="Meet de applicatie op schaal (issue 15): pagina's per rol, queries, "
        "achtergrondtaken; drukt een tabel af en schrijft JSON.",
    )
    p.add_argument("--schaal", type=float, nargs="+", help="Schalen (standaard 1 10).")
    p.add_argument("--zaad", type=int, default=1, help="Zaad van vul_stad (standaard 1).")
    p.add_argument("--herhalingen", type=int, help="Gemeten rondes (standaard 30).")
    p.add_argument("--opwarmen", type=int, help="Rondes vooraf, niet gemeten (standaard 2).")
    p.add_argument("--opnieuw", action="store_true", help="Vul de databases opnieuw.")
    p.add_argument(
        "--hergebruik",
        action="store_true",
        help="Meet bestaande databases zoals ze zijn: nooit vullen of verwijderen (wel migrate).",
    )
    p.add_argument(
        "--database-prefix",
        help="Databasenaam = prefix + schaal (standaard bench_s: bench_s1, bench_s10).",
    )
    p.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    p.add_argument("--workers", type=int, help="gunicorn-workers per database (standaard 2).")
    p.add_argument("--paginas", nargs="+", help="Alleen deze pagina's (sleutels uit de JSON).")
    p.add_argument("--zonder-taken", action="store_true", help="Sla de achtergrondtaken over.")
    p.add_argument(
        "--taak-limiet",
        type=float,
        default=900,
        help="Seconden per groep achtergrondtaken per schaal; daarna afgebroken (standaard 900).",
    )
    p.add_argument("--json", type=Path, help="Pad van de JSON (standaard bench/resultaat-*.json).")
    p.add_argument(
        "--rook",
        action="store_true",
        help="Rooktest: schaal 0.01 en 0.02, 2 rondes, eigen databases die daarna weg gaan.",
    )
    a = p.parse_args(argv)
    if a.rook:
        a.schaal = a.schaal or [0.01, 0.02]
        a.herhalingen = a.herhalingen or 2
        a.opwarmen = 0 if a.opwarmen is None else a.opwarmen
        a.database_prefix = a.database_prefix or f"bench_rook_{os.getpid()}_s"
        a.workers = a.workers or 1
    a.schaal = sorted(set(a.schaal or [1.0, 10.0]))
    a.herhalingen = a.herhalingen or 30
    a.workers = a.workers or 2
    a.opwarmen = 2 if a.opwarmen is None else a.opwarmen
    a.database_prefix = a.database_prefix or "bench_s"
    if len(a.schaal) > 4:
        p.error("Hoogstens vier schalen.")
    if a.opnieuw and a.hergebruik:
        p.error("--opnieuw en --hergebruik sluiten elkaar uit.")
    return a
