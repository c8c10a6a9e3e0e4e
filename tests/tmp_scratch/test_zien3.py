from datetime import timedelta
from django.utils import timezone
from convenant.site import te_doen
from overleggen import diensten
from overleggen.models import Actiepunt, Overlegvorm
from partijen.models import Gebruiker, Persoon, School


def test_owner_elsewhere(demo, client):
    vera = Persoon.objects.get(gebruiker__username="vertrouwenspersoon")
    school = School.objects.get(naam="Baken Buiten College")
    nu = timezone.now() - timedelta(days=1)
    o = diensten.overleg_plannen(door=Gebruiker.objects.get(username="projectleider"),
        vorm=Overlegvorm.objects.get(code="beleidsmatig-overleg"), start=nu, einde=nu + timedelta(hours=1),
        deelnemers=[vera], school=school, al_gehouden=True)
    Actiepunt.objects.create(overleg=o, omschrijving="X doen", eigenaar=vera, deadline=timezone.localdate())
    u = Gebruiker.objects.get(username="vertrouwenspersoon")
    taken = [t for t in te_doen.voor(u, timezone.localdate()) if t.soort == "actiepunt"]
    print(taken)
    client.force_login(u)
    print("status", client.get(taken[0].url).status_code)
