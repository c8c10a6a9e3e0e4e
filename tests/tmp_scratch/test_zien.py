from django.utils import timezone
from convenant.site import te_doen
from partijen.models import Gebruiker
from partijen.rollen import rollen_van


def _print():
    for u in Gebruiker.objects.order_by("pk"):
        print("==", u.username, [str(r) for r in rollen_van(u)])
        for t in te_doen.voor(u, timezone.localdate()):
            print("   ", t.soort, "|", t.wat, "| art.", t.artikel, "|", t.url, "|", t.uiterlijk)


def test_demo(demo):
    _print()


def test_demo_met_meldingen(demo_met_meldingen):
    _print()
