"""Wall time of a page over HTTP, first byte sent to last byte read, the way a browser waits."""

import csv
import http.client
import io
import math
import statistics
import time
from dataclasses import dataclass, field

from scripts.bench.paginas import SOORT_TYPE, Pagina
from scripts.bench.server import PROXY_KOP


@dataclass
class Antwoord:
    status: int
    type: str
    locatie: str
    inhoud: bytes
    ms: float


class Verbinding:
    """One keep-alive connection to a server; gunicorn's sync workers close it after every
    response, and http.client opens a new one for the next request."""

    def __init__(self, poort: int):
        self.poort = poort
        self._http = http.client.HTTPConnection("127.0.0.1", poort, timeout=600)

    def haal(self, pad: str, sessie: str | None, cookie_naam: str = "sessionid") -> Antwoord:
        koppen = {PROXY_KOP[0]: PROXY_KOP[1], "Host": "127.0.0.1"}
        if sessie:
            koppen["Cookie"] = f"{cookie_naam}={sessie}"
        for poging in range(2):
            try:
                begin = time.perf_counter()
                self._http.request("GET", pad, headers=koppen)
                antwoord = self._http.getresponse()
                inhoud = antwoord.read()
                ms = (time.perf_counter() - begin) * 1000
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed the kept-alive connection just before we reused it.
                self._http.close()
                if poging:
                    raise
        return Antwoord(
            antwoord.status,
            antwoord.getheader("Content-Type", "").split(";")[0].strip(),
            antwoord.getheader("Location", ""),
            inhoud,
            ms,
        )

    def sluit(self):
        self._http.close()


def fout_van(pagina: Pagina, antwoord: Antwoord) -> str | None:
    """What is wrong with an answer, or None: every page answers 200 with its content type."""
    if antwoord.status != 200:
        extra = f" naar {antwoord.locatie}" if antwoord.locatie else ""
        return f"HTTP {antwoord.status}{extra}"
    verwacht = SOORT_TYPE[pagina.soort]
    if antwoord.type != verwacht:
        return f"Content-Type {antwoord.type!r}, verwacht {verwacht!r}"
    return None


def rijen_geexporteerd(soort: str, inhoud: bytes) -> int | None:
    """The data rows of an export (its header row not counted)."""
    if soort == "csv":
        tekst = inhoud.decode("utf-8-sig", errors="replace")
        return max(0, sum(1 for _ in csv.reader(io.StringIO(tekst), delimiter=";")) - 1)
    if soort == "xlsx":
        from openpyxl import load_workbook

        blad = load_workbook(io.BytesIO(inhoud), read_only=True).active
        return max(0, sum(1 for _ in blad.iter_rows(values_only=True)) - 1)
    return None


def p95(tijden: list[float]) -> float | None:
    """The 95th percentile by nearest rank: with 30 samples the second slowest."""
    if not tijden:
        return None
    geordend = sorted(tijden)
    return geordend[max(0, math.ceil(0.95 * len(geordend)) - 1)]


@dataclass
class Meting:
    ms: list[float] = field(default_factory=list)
    fouten: list[str] = field(default_factory=list)
    rijen: int | None = None
    grootte: int | None = None  # bytes of the last answer
    laatste: bytes | None = field(default=None, repr=False)  # an export's body, to count rows

    def samenvatting(self) -> dict:
        return {
            "ms": [round(t, 2) for t in self.ms],
            "mediaan_ms": round(statistics.median(self.ms), 2) if self.ms else None,
            "p95_ms": round(p95(self.ms), 2) if self.ms else None,
            "fouten": self.fouten,
            "rijen": self.rijen,
            "bytes": self.grootte,
        }
