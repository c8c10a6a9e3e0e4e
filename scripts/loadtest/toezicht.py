"""The Celery workers of the run, watched as docker-compose watches them.

docker-compose.yml gives the worker `restart: unless-stopped`: a worker process that exits is
started again by Docker. The same is done here, so the run measures the deployment and not a
worker left dead; every such restart is printed and reported, because a worker that exits on
a fault is a finding in itself.
"""

import re
import signal
import threading
import time

from opzet import start_worker, wacht_op_worker
from processen import Proces, Werkplaats, zeg


class Workers:
    def __init__(self, werkplaats: Werkplaats, env: dict):
        self.werkplaats, self.env = werkplaats, env
        self._slot = threading.Lock()
        self._levend: list[Proces] = []
        self.alle: list[Proces] = []
        self._nummer = 0
        self.herstarts: list[dict] = []
        self._stop = threading.Event()
        self._draad = threading.Thread(target=self._toezien, daemon=True)

    def start(self, wacht: bool = True) -> Proces:
        with self._slot:
            self._nummer += 1
            proces = start_worker(self.werkplaats, self.env, self._nummer)
            self.alle.append(proces)
        if wacht:
            self.wacht(proces)
        return proces

    def wacht(self, proces: Proces) -> None:
        """Until it is ready; only then is it watched (a start that fails is an error)."""
        wacht_op_worker(proces)
        with self._slot:
            self._levend.append(proces)

    def begin_toezicht(self) -> None:
        self._draad.start()

    def dood_er_een(self) -> Proces:
        """SIGKILL a worker and its pool processes (an OOM kill, a pulled plug); it is taken off
        the list first, so that the start of its successor is the fault script's to report."""
        with self._slot:
            proces = self._levend.pop(0)
        proces.stop(signal.SIGKILL, wacht=5)
        return proces

    def herstarts_tussen(self, begin: float, eind: float) -> list[dict]:
        return [h for h in self.herstarts if begin <= h["t"] <= eind]

    def _toezien(self) -> None:
        while not self._stop.wait(0.5):
            with self._slot:
                gestopt = [p for p in self._levend if not p.leeft()]
                for p in gestopt:
                    self._levend.remove(p)
            for p in gestopt:
                reden = _reden(p)
                zeg(
                    f"  ! {p.naam} stopte uit zichzelf (exit {p.popen.returncode}): {reden}; "
                    "opnieuw gestart zoals docker-compose (restart: unless-stopped)"
                )
                self.herstarts.append(
                    {"t": time.time(), "worker": p.naam, "exit": p.popen.returncode, "reden": reden}
                )
                try:
                    nieuw = self.start()
                    zeg(f"  ! {nieuw.naam} klaar")
                except RuntimeError as fout:
                    zeg(f"  ! opnieuw starten mislukt: {fout}")

    def stop(self) -> None:
        self._stop.set()
        with self._slot:
            alle, self._levend = list(self.alle), []
        for p in alle:
            if p.leeft():
                p.stop(signal.SIGKILL, wacht=5)


def _reden(proces: Proces) -> str:
    """The worker's own last word on why it stopped (Celery logs it as CRITICAL)."""
    tekst = proces.log.read_text(errors="replace") if proces.log.exists() else ""
    kritiek = re.findall(r"CRITICAL/MainProcess\] (.*)", tekst)
    return kritiek[-1][:200] if kritiek else "geen reden in het log"
