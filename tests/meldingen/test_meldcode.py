"""The meldcode record (art. 2.11): restricted, step by step, a decision at the end."""

import pytest
import time_machine

from meldingen.meldcode import MeldcodeDossier, stap_mogelijk
from tests.factories import GebruikerFactory, MeldingFactory

pytestmark = pytest.mark.django_db
NU = "2026-11-29T10:00:00+01:00"


@pytest.fixture
def dossier(stad):
    return MeldcodeDossier.objects.create(
        school=stad.a1, leerling="Lotte (12)", geopend_door=GebruikerFactory()
    )


def test_steps_follow_each_other():
    assert stap_mogelijk(1, set())
    assert not stap_mogelijk(3, {1})
    assert stap_mogelijk(3, {1, 2})
    assert stap_mogelijk(2, {1, 2})  # a step may be taken again, e.g. a second consultation


def test_only_the_reporting_code_officer_and_the_coordinator_see_it(
    stad, gebruikers, dossier, maak_gebruiker, in_rol
):
    officer = maak_gebruiker("contactpersoon_vertrouwenszaken", username="aandacht")
    in_rol(officer, "aandachtsfunctionaris", school=stad.a1)
    zien = {
        u.username
        for u in [*gebruikers.values(), officer]
        if MeldcodeDossier.objects.visible_to(u).filter(pk=dossier.pk).exists()
    }
    assert zien == {"coordinator_veiligheid", "aandacht"}


@time_machine.travel(NU, tick=False)
def test_the_coordinator_goes_through_the_steps_to_a_decision(client, stad, gebruikers, dossier):
    client.force_login(gebruikers["coordinator_veiligheid"])
    url = f"/meldingen/meldcode/{dossier.pk}/"
    response = client.post(url, {"stap": 3, "datum": "2026-11-28", "notitie": "Gesprek"})
    assert "Leg eerst stap 2 vast" in response.content.decode()
    response = client.post(url, {"stap": 1, "datum": "2026-11-28"})
    assert "Beschrijf wat u zelf hebt waargenomen." in response.content.decode()
    client.post(
        url,
        {
            "stap": 1,
            "datum": "2026-11-28",
            "eigen_waarnemingen": "Blauwe plekken",
            "van_anderen": "Mentor zag het ook",
        },
    )
    client.post(
        url,
        {
            "stap": 2,
            "datum": "2026-11-28",
            "notitie": "Met IB'er besproken",
            "politie_geraadpleegd": "on",
        },
    )
    client.post(url, {"stap": 3, "datum": "2026-11-28", "notitie": "Gesprek met moeder"})
    client.post(url, {"stap": 4, "datum": "2026-11-28", "notitie": "Afwegingskader"})
    response = client.post(url, {"stap": 5, "datum": "2026-11-29"})
    assert "Leg de beslissing vast." in response.content.decode()
    client.post(url, {"stap": 5, "datum": "2026-11-29", "beslissing": "hulp"})
    dossier.refresh_from_db()
    assert dossier.afgesloten_op is not None
    assert list(dossier.stappen.values_list("stap", flat=True)) == [1, 2, 3, 4, 5]
    assert dossier.stappen.get(stap=2).politie_geraadpleegd
    assert "Stap vastleggen" not in client.get(url).content.decode()


def test_a_zorgsignaal_incident_offers_the_record(client, convenant_data, stad, gebruikers):
    melding = MeldingFactory(school=stad.a1, categorieen=["zorgsignaal"])
    client.force_login(gebruikers["coordinator_veiligheid"])
    html = client.get(f"/meldingen/{melding.pk}/").content.decode()
    assert f"/meldingen/meldcode/nieuw/?melding={melding.pk}" in html
    response = client.post(
        f"/meldingen/meldcode/nieuw/?melding={melding.pk}",
        {"school": stad.a1.pk, "leerling": "Lotte"},
    )
    dossier = MeldcodeDossier.objects.get()
    assert response["Location"] == f"/meldingen/meldcode/{dossier.pk}/"
    assert dossier.melding == melding


@pytest.mark.parametrize(
    "rol",
    [
        "politie_contactpersoon",
        "veiligheidsmanager",
        "beheerder",
        "projectleider",
        "contactpersoon_vertrouwenszaken",
    ],
)
def test_others_get_404(client, stad, gebruikers, dossier, rol):
    client.force_login(gebruikers[rol])
    assert client.get("/meldingen/meldcode/").status_code == 404
    assert client.get(f"/meldingen/meldcode/{dossier.pk}/").status_code == 404


def test_every_opening_of_a_record_is_logged_and_shown(client, stad, gebruikers, dossier):
    from meldingen.meldcode import MeldcodeInzage

    coordinator = gebruikers["coordinator_veiligheid"]
    client.force_login(coordinator)
    client.get(f"/meldingen/meldcode/{dossier.pk}/")
    html = client.get(f"/meldingen/meldcode/{dossier.pk}/").content.decode()
    assert MeldcodeInzage.objects.filter(dossier=dossier, gebruiker=coordinator).count() == 2
    assert "Wie dit dossier heeft geopend" in html
    client.force_login(gebruikers["politie_contactpersoon"])
    client.get(f"/meldingen/meldcode/{dossier.pk}/")  # refused: not logged as an access
    assert MeldcodeInzage.objects.count() == 2
