"""A mail server of the load test's own: it accepts every message over SMTP and counts it.

The application sends with the SMTP backend it uses in production (EMAIL_HOST/EMAIL_PORT point
here), so every e-mail a worker sends arrives here once per SMTP transaction, and a message sent
twice shows up twice. It can also hold the next message at the DATA command: the sending worker
then waits mid-task, which is where the fault script kills it. A held message was never accepted
(no 250 after its data), as with a real server, so it is not counted.
"""

import email
import json
import socketserver
import threading
import time
from email import policy


class _Verbinding(socketserver.StreamRequestHandler):
    timeout = 120

    def _zeg(self, regel: str) -> None:
        self.wfile.write(regel.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self):
        postbus: Postbus = self.server.postbus
        self._zeg("220 loadtest ESMTP")
        afzender, ontvangers = None, []
        while True:
            regel = self.rfile.readline()
            if not regel:
                return
            opdracht = regel.decode(errors="replace").strip()
            woord = opdracht.split(" ", 1)[0].upper()
            if woord == "EHLO":
                self._zeg("250-loadtest")
                self._zeg("250 8BITMIME")
            elif woord in ("HELO", "NOOP"):
                self._zeg("250 OK")
            elif woord == "MAIL":
                afzender, ontvangers = opdracht, []
                self._zeg("250 OK")
            elif woord == "RCPT":
                ontvangers.append(opdracht.split(":", 1)[1].strip().strip("<>"))
                self._zeg("250 OK")
            elif woord == "DATA":
                if postbus._neem_vast():
                    # The worker now waits for "354" with the message claimed and unsent.
                    postbus._vrij.wait(timeout=120)
                    return
                self._zeg("354 End data with <CR><LF>.<CR><LF>")
                inhoud = self._lees_data()
                postbus._ontvangen(afzender, ontvangers, inhoud)
                self._zeg("250 OK queued")
                afzender, ontvangers = None, []
            elif woord == "RSET":
                afzender, ontvangers = None, []
                self._zeg("250 OK")
            elif woord == "QUIT":
                self._zeg("221 Bye")
                return
            else:
                self._zeg("502 Command not implemented")

    def _lees_data(self) -> bytes:
        regels = []
        while True:
            regel = self.rfile.readline()
            if not regel or regel in (b".\r\n", b".\n"):
                break
            # SMTP dot-stuffing: a line starting with a dot was sent with one more.
            regels.append(regel[1:] if regel.startswith(b"..") else regel)
        return b"".join(regels)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class Postbus:
    def __init__(self, logbestand):
        self._server = _Server(("127.0.0.1", 0), _Verbinding)
        self._server.postbus = self
        self.poort = self._server.server_address[1]
        self._slot = threading.Lock()
        self._log = open(logbestand, "a", encoding="utf-8")  # noqa: SIM115 (closed in stop)
        self.berichten: list[dict] = []
        self._vasthouden = False
        self.vastgehouden = threading.Event()
        self._vrij = threading.Event()
        self._draad = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> "Postbus":
        self._draad.start()
        return self

    def stop(self) -> None:
        self._vrij.set()
        self._server.shutdown()
        self._server.server_close()
        self._log.close()

    def houd_volgende_vast(self) -> None:
        """The next message is held at DATA until `laat_los()`: its sender waits mid-send."""
        with self._slot:
            self._vasthouden = True
            self.vastgehouden.clear()
            self._vrij.clear()

    def laat_los(self) -> None:
        with self._slot:
            self._vasthouden = False
        self._vrij.set()

    def _neem_vast(self) -> bool:
        with self._slot:
            if not self._vasthouden or self.vastgehouden.is_set():
                return False
            self.vastgehouden.set()
            return True

    def _ontvangen(self, afzender, ontvangers, inhoud: bytes) -> None:
        bericht = email.message_from_bytes(inhoud, policy=policy.default)
        onderwerp = str(bericht.get("Subject", ""))
        rij = {
            "t": time.time(),
            "aan": ",".join(sorted(ontvangers)),
            "onderwerp": onderwerp,
            "message_id": str(bericht.get("Message-ID", "")),
        }
        with self._slot:
            self.berichten.append(rij)
            self._log.write(json.dumps(rij, ensure_ascii=False) + "\n")
            self._log.flush()

    def aantal(self) -> int:
        with self._slot:
            return len(self.berichten)

    def alle(self) -> list[dict]:
        with self._slot:
            return list(self.berichten)
