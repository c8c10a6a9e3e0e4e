"""`make bench`: how long the heavy pages take, measured, not asserted.

Runs against a throw-away SQLite database filled with the demo data; prints milliseconds.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convenant.settings")
os.environ.setdefault("DEBUG", "1")
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402


def meet(naam, functie, keer=5):
    tijden = []
    for _ in range(keer):
        start = time.perf_counter()
        functie()
        tijden.append((time.perf_counter() - start) * 1000)
    print(f"{naam:<45} mediaan {statistics.median(tijden):8.1f} ms  (n={keer})")


def main():
    call_command("migrate", verbosity=0)
    call_command("laad_convenant", verbosity=0)
    call_command("maak_demo", verbosity=0)
    from convenant import pdf
    from convenant.models import Convenant
    from partijen.models import Gebruiker

    convenant = Convenant.objects.actueel()
    vandaag = timezone.localdate()

    def koud():
        cache.clear()
        pdf.pdf(convenant, vandaag)

    meet("PDF convenant, koud (zonder cache)", koud, keer=3)
    meet("PDF convenant, uit de cache", lambda: pdf.pdf(convenant, vandaag), keer=20)
    client = Client()
    for naam, url, gebruiker in [
        ("Naleving overleggen (beheerder)", "/overleggen/naleving/", "beheerder"),
        ("Meldingen (politie)", "/meldingen/", "politie"),
        ("Cijfers (projectleider)", "/meldingen/cijfers/", "projectleider"),
        ("Bezetting (beheerder)", "/partijen/bezetting/", "beheerder"),
        ("Scholen (beheerder)", "/partijen/scholen/", "beheerder"),
        ("Voor ouders (publiek)", "/voor-ouders/", None),
    ]:
        client.logout()
        if gebruiker:
            client.force_login(Gebruiker.objects.get(username=gebruiker))
        meet(naam, lambda url=url: client.get(url), keer=10)


if __name__ == "__main__":
    main()
