"""Art. 6.3: the area meeting of VO, MBO and HBO rotates between those locations of the area."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from overleggen import regels
from overleggen.models import Overleg, Overlegvorm
from partijen.models import Sector
from tests.factories import SchoolFactory, WijkFactory

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
NU = "2026-11-29T10:00:00+01:00"


@pytest.fixture
def vorm(convenant_data):
    return Overlegvorm.objects.get(code="stadsdeeloverleg")


@pytest.fixture
def elke_sector(stad):
    """One location of every sector in area A (besides the fixture's VO schools A1 and A2),
    named so that the primary and special schools come first alphabetically."""
    wijk = WijkFactory(stadsdeel=stad.a1.stadsdeel)
    return {
        sector: SchoolFactory(
            naam=f"0 {sector}-school", sector=sector, stadsdeel=stad.a1.stadsdeel, wijk=wijk
        )
        for sector in Sector.values
    }


def test_only_the_kinds_own_sectors_host_in_turn(stad, gebruikers, vorm, elke_sector):
    assert set(vorm.sectoren) >= {"VO", "MBO", "HBO"}
    gasten = []
    for jaar in range(2020, 2020 + len(elke_sector) + 2):
        gast = regels.voorgestelde_gastschool(vorm, stad.gebied_a)
        gasten.append(gast)
        Overleg.objects.create(
            vorm=vorm,
            overleggebied=stad.gebied_a,
            gastschool=gast,
            start=datetime(jaar, 5, 1, 15, tzinfo=AMS),
            einde=datetime(jaar, 5, 1, 16, tzinfo=AMS),
            status="gehouden",
            aangemaakt_door=gebruikers["beheerder"],
        )
    verwacht = {s for s in elke_sector.values() if s.sector in vorm.sectoren} | {stad.a1, stad.a2}
    assert set(gasten) == verwacht  # every one of them hosts once before any hosts twice
    assert {g.sector for g in gasten}.isdisjoint({"PO", "SBO", "SO"})


@time_machine.travel(NU, tick=False)
def test_the_plan_form_offers_and_accepts_only_those_hosts(
    client, stad, gebruikers, vorm, elke_sector
):
    client.force_login(gebruikers["veiligheidsmanager"])
    response = client.get(
        "/overleggen/nieuw/", {"vorm": vorm.pk, "overleggebied": stad.gebied_a.pk}
    )
    gekozen = response.context["form"].initial["gastschool"]
    assert elke_sector["HBO"].pk == gekozen or elke_sector["MBO"].pk == gekozen
    keuzes = {s.sector for s in response.context["form"].fields["gastschool"].queryset}
    assert keuzes == set(vorm.sectoren)
    html = response.content.decode()
    for sector in ("PO", "SBO", "SO"):
        assert f"0 {sector}-school" not in html

    response = client.post(
        "/overleggen/nieuw/",
        {
            "vorm": vorm.pk,
            "overleggebied": stad.gebied_a.pk,
            "gastschool": elke_sector["PO"].pk,
            "start": "2026-12-10T15:00",
            "einde": "2026-12-10T16:30",
            "locatie": "Ergens",
        },
    )
    assert response.status_code == 200
    assert "gastschool" in response.context["form"].errors
    assert response.context["form"]["locatie"].value() == "Ergens"  # nothing typed is lost
    assert not Overleg.objects.exists()
