from django.utils import timezone
from overleggen import te_doen as o
from partijen.models import Gebruiker


def _p():
    u = Gebruiker.objects.get(username="coordinator")
    for t in o.voor(u, timezone.localdate()):
        print("   ", t.soort, t.wat)


def test_plain(demo):
    print("plain"); _p()


def test_tx(demo, live_server):
    print("tx"); _p()
