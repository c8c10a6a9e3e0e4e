"""The four users of the covenant, as locust users, for `make loadtest` (scripts/loadtest).

Each logs in through the real forms (password, then the code of the demo authenticator key for
the roles that must use two factors, or "not now" for a coordinator) and walks the pages of its
work. Every request is also written as one JSON line (LOADTEST_LOG), with what it wrote (an
incident, a police report, a police step), so that the fault script can count the requests per
fault window and check afterwards that every record the load wrote is still there.

Configuration comes from LOADTEST_CONFIG (JSON, written by the fault script): the accounts per
role, the mix of users, the pause between tasks and the request cap.
"""

import base64
import hashlib
import hmac
import itertools
import json
import os
import random
import re
import struct
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import gevent
from formulieren import formulier, formulieren, links
from locust import HttpUser, between, events, task

CONFIG = json.loads(os.environ.get("LOADTEST_CONFIG", "{}"))
ACCOUNTS = CONFIG.get("accounts", {})
MIX = CONFIG.get("mix", {})
PAUZE = CONFIG.get("pauze", [1.0, 3.0])
WACHTWOORD = CONFIG.get("wachtwoord", "")
GEHEIM = CONFIG.get("totp_geheim", "")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

_log = open(CONFIG["log"], "a", encoding="utf-8") if "log" in CONFIG else None  # noqa: SIM115
_verzoeken = 0
_omgeving = None
# Per account the last 30-second step whose code was used: django-otp accepts a code once.
_laatste_stap: dict[str, int] = {}
_rij: dict[str, itertools.cycle] = {}


def _schrijf(regel: dict) -> None:
    if _log is not None:
        _log.write(json.dumps(regel) + "\n")
        _log.flush()


@events.init.add_listener
def _bij_start(environment, **_kwargs):
    global _omgeving
    _omgeving = environment


@events.request.add_listener
def _bij_verzoek(request_type, name, response_time, response, exception, **_kwargs):
    global _verzoeken
    status = getattr(response, "status_code", 0) or 0
    headers = getattr(response, "headers", None) or {}
    _schrijf(
        {
            "t": time.time(),
            "naam": name,
            "methode": request_type,
            "status": status,
            "ms": round(response_time or 0, 1),
            "ok": exception is None,
            "fout": str(exception)[:200] if exception else None,
            # The application's own page for a database outage (convenant/middleware.py).
            "storingspagina": status == 503 and headers.get("Retry-After") == "60",
        }
    )
    _verzoeken += 1
    cap = CONFIG.get("max_verzoeken")
    if cap and _verzoeken == cap and _omgeving is not None and _omgeving.runner is not None:
        gevent.spawn(_omgeving.runner.quit)


@events.user_error.add_listener
def _bij_fout(user_instance, exception, tb, **_kwargs):
    _schrijf({"t": time.time(), "gebeurtenis": "taakfout", "fout": repr(exception)[:300]})


def totp(geheim: str, stap: int) -> str:
    """RFC 6238 with SHA-1, six digits, 30 seconds: what an authenticator app shows."""
    sleutel = base64.b32decode(geheim)
    digest = hmac.new(sleutel, struct.pack(">Q", stap), hashlib.sha1).digest()
    begin = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[begin : begin + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def _code_voor(account: str) -> str:
    """A code for a step this account has not used yet, waiting for the next step if needed."""
    while True:
        stap = int(time.time() // 30)
        if stap > _laatste_stap.get(account, -1):
            _laatste_stap[account] = stap
            return totp(GEHEIM, stap)
        gevent.sleep(30 - time.time() % 30 + 0.2)


class Persoon(HttpUser):
    abstract = True
    rol = ""
    wait_time = between(*PAUZE)

    def on_start(self):
        rij = _rij.setdefault(self.rol, itertools.cycle(ACCOUNTS.get(self.rol, [])))
        self.account = next(rij)
        self.ingelogd = False
        self.inloggen()

    # -- requests ----------------------------------------------------------------------------

    def pagina(self, naam: str, pad: str, soort: str = "text/html"):
        """GET a page that must answer 200 itself (no redirect, e.g. to the login page)."""
        with self.client.get(pad, name=naam, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                self._mislukt(r)
                return None
            if not r.headers.get("Content-Type", "").startswith(soort):
                r.failure(f"verwacht {soort}, kreeg {r.headers.get('Content-Type')}")
                return None
            return r

    def post(self, naam: str, pad: str, data, headers=None, verwacht=(302,)):
        with self.client.post(
            pad, data=data, name=naam, headers=headers, allow_redirects=False, catch_response=True
        ) as r:
            if r.status_code not in verwacht:
                self._mislukt(r)
                return None
            return r

    def _mislukt(self, r) -> None:
        plek = r.headers.get("Location", "")
        if r.status_code == 302 and plek.startswith("/inloggen/"):
            # The session is gone; log in again before the next task.
            self.ingelogd = False
            r.failure(f"302 naar {plek}: niet meer ingelogd")
        else:
            r.failure(f"HTTP {r.status_code}")

    # -- logging in ----------------------------------------------------------------------------

    def inloggen(self) -> bool:
        self.client.cookies.clear()
        r = self.pagina("inloggen: formulier", "/inloggen/")
        f = r and formulier(r.text, "/inloggen/", met_veld="username")
        if not f:
            return False
        r = self.post(
            "inloggen: wachtwoord",
            f.action,
            f.data(username=self.account, password=WACHTWOORD),
        )
        if r is None:
            return False
        volgende = r.headers["Location"]
        r = self.client.get(volgende, name="inloggen: tweede stap", allow_redirects=False)
        if r.status_code not in (200, 302):
            return False
        stap = r.headers.get("Location", "")
        if stap.startswith("/inloggen/code/"):
            r = self.pagina("inloggen: code", stap)
            f = r and formulier(r.text, stap, met_veld="code")
            if not f or not self.post(
                "inloggen: code", f.action, f.data(code=_code_voor(self.account))
            ):
                return False
        elif stap.startswith("/inloggen/app-instellen/"):
            # A coordinator may use two factors and chooses "not now".
            r = self.pagina("inloggen: app instellen", stap)
            f = r and formulier(r.text, stap, action="/inloggen/later/")
            if not f or not self.post("inloggen: niet nu", f.action, f.data()):
                return False
        self.ingelogd = True
        _schrijf({"t": time.time(), "gebeurtenis": "ingelogd", "account": self.account})
        return True

    def ingelogd_of_opnieuw(self) -> bool:
        return self.ingelogd or self.inloggen()

    def _kies(self, html: str, patroon: str) -> str | None:
        gevonden = links(html, patroon)
        return random.choice(gevonden) if gevonden else None


class Coordinator(Persoon):
    """The school's safety coordinator: the incidents of the school, and registering one."""

    rol = "coordinator"
    fixed_count = MIX.get("coordinator", 1)

    @task(3)
    def meldingen(self):
        if self.ingelogd_of_opnieuw():
            self.pagina(
                "coördinator: meldingen", random.choice(["/meldingen/", "/meldingen/?status=open"])
            )

    @task(3)
    def melding_openen(self):
        if not self.ingelogd_of_opnieuw():
            return
        r = self.pagina("coördinator: meldingen", "/meldingen/")
        pad = r and self._kies(r.text, r"/meldingen/\d+/")
        if pad:
            self.pagina("coördinator: melding", pad)

    @task(2)
    def melding_registreren(self):
        if not self.ingelogd_of_opnieuw():
            return
        r = self.pagina("coördinator: nieuwe melding", "/meldingen/nieuw/")
        f = r and formulier(r.text, "/meldingen/nieuw/", met_veld="omschrijving")
        if not f:
            return
        categorieen = random.sample(f.keuzes["categorieen"], k=random.choice([1, 1, 2]))
        # The duty panel as htmx asks for it while the categories are ticked (art. 2-3).
        self.post(
            "coördinator: plichten bij invullen",
            "/meldingen/plichten/",
            f.data(categorieen=categorieen),
            headers={"HX-Request": "true"},
            verwacht=(200,),
        )
        nu = datetime.now(AMSTERDAM).strftime("%Y-%m-%dT%H:%M")
        data = f.data(
            tijdstip=nu,
            plaats=random.choice(f.keuzes["plaats"]),
            categorieen=categorieen,
            omschrijving="Belastingtest: een leerling is in de pauze op het plein geduwd.",
            **{
                "betrokkenen-0-rol": "slachtoffer",
                "betrokkenen-0-soort": "leerling",
                "betrokkenen-0-leeftijd": str(random.randint(10, 17)),
            },
        )
        r = self.post("coördinator: melding registreren", f.action, data)
        if r is None:
            return
        pad = r.headers["Location"]
        if not re.fullmatch(r"/meldingen/\d+/", pad):
            return
        _schrijf({"t": time.time(), "gebeurtenis": "melding", "pk": int(pad.split("/")[2])})
        # Its duties: the detail page's panel "what the covenant asks".
        r = self.pagina("coördinator: melding met plichten", pad)
        politie = r and formulier(r.text, pad, action=f"{pad}politiemelding/")
        if politie and random.random() < 0.6:
            vandaag = datetime.now(AMSTERDAM).date().isoformat()
            extra = {}
            if "reden_persoonsgegevens" in {n for n, _ in politie.velden}:
                # A report the covenant does not demand says why the personal data goes along.
                extra["reden_persoonsgegevens"] = "Nodig voor het onderzoek (belastingtest)."
            data = politie.data(
                datum=vandaag,
                soort="melding",
                door="Belastingtest",
                referentie=f"LT-{random.randint(100000, 999999)}",
                **extra,
            )
            if self.post("coördinator: politiemelding", politie.action, data):
                _schrijf(
                    {
                        "t": time.time(),
                        "gebeurtenis": "politiemelding",
                        "pk": int(pad.split("/")[2]),
                    }
                )
                self.pagina("coördinator: melding met plichten", pad)


class Politie(Persoon):
    """The police contact: the reports of its schools, and the next step of one of them."""

    rol = "politie"
    fixed_count = MIX.get("politie", 1)

    @task(2)
    def meldingen(self):
        if self.ingelogd_of_opnieuw():
            self.pagina("politie: meldingen", "/meldingen/")

    @task(3)
    def stap_vastleggen(self):
        if not self.ingelogd_of_opnieuw():
            return
        for status in random.sample(["gemeld", "in_behandeling", "interventie_uitgevoerd"], 3):
            r = self.pagina("politie: meldingen per status", f"/meldingen/?politiestatus={status}")
            pad = r and self._kies(r.text, r"/meldingen/\d+/")
            if not pad:
                continue
            r = self.pagina("politie: melding", pad)
            if r is None:
                return
            stappen = [f for f in formulieren(r.text, pad) if f.action == f"{pad}politie/status/"]
            if not stappen:
                continue
            # The step that keeps the report open first, so the load keeps having work.
            stap = min(stappen, key=lambda f: "uitkomst" in f.keuzes)
            extra = {"notitie": "Belastingtest."}
            if "uitkomst" in stap.keuzes:
                extra["uitkomst"] = "halt"
            if not self.post("politie: stap vastleggen", stap.action, stap.data(**extra)):
                return
            # Both a recorded step and one refused (another officer moved the report on
            # meanwhile) redirect to the incident; its message says which.
            r = self.pagina("politie: melding", pad)
            if r is not None and "alert-success" in r.text:
                soort = "politiestap"
            elif r is not None and "alert-danger" in r.text:
                soort = "politiestap geweigerd"
            else:
                soort = "politiestap onbekend"
            _schrijf(
                {
                    "t": time.time(),
                    "gebeurtenis": soort,
                    "pk": int(pad.split("/")[2]),
                    "status": stap.waarde("status"),
                }
            )
            return


class Gemeente(Persoon):
    """The municipality's veiligheidsmanager and projectleider: what is due, compliance, a
    school, a meeting."""

    rol = "gemeente"
    fixed_count = MIX.get("gemeente", 1)

    @task(3)
    def te_doen(self):
        if self.ingelogd_of_opnieuw():
            self.pagina("gemeente: home (te doen)", "/")

    @task(2)
    def naleving(self):
        if self.ingelogd_of_opnieuw():
            self.pagina("gemeente: naleving", "/overleggen/naleving/")

    @task(2)
    def school(self):
        if not self.ingelogd_of_opnieuw():
            return
        r = self.pagina("gemeente: scholen", "/partijen/scholen/")
        pad = r and self._kies(r.text, r"/partijen/scholen/\d+/")
        if pad:
            self.pagina("gemeente: school", pad)

    @task(2)
    def overleg(self):
        if not self.ingelogd_of_opnieuw():
            return
        r = self.pagina("gemeente: overleggen", "/overleggen/")
        pad = r and self._kies(r.text, r"/overleggen/\d+/")
        if pad:
            self.pagina("gemeente: overleg", pad)


class Beheerder(Persoon):
    """The administrator: the covenant's pages, its partners, the PDF and the sent messages."""

    rol = "beheerder"
    fixed_count = MIX.get("beheerder", 1)

    @task(2)
    def convenant(self):
        if self.ingelogd_of_opnieuw():
            self.pagina(
                "beheerder: convenant", random.choice(["/convenant/", "/convenant/looptijd/"])
            )

    @task(2)
    def partners(self):
        if self.ingelogd_of_opnieuw():
            self.pagina("beheerder: partners", "/convenant/partners/")

    @task(1)
    def pdf(self):
        if self.ingelogd_of_opnieuw():
            self.pagina(
                "beheerder: convenant-pdf", "/voor-ouders/convenant.pdf", soort="application/pdf"
            )

    @task(2)
    def verzonden(self):
        if self.ingelogd_of_opnieuw():
            self.pagina("beheerder: verzonden berichten", "/berichten/verzonden/")
