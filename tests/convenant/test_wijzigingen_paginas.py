"""The amendment pages (art. 11.3): the register keepers propose and collect consents; every
partner reads what changed when, with the difference against the text in force."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from convenant.lidmaatschap import instemming_nodig_voor
from convenant.models import Lid, Wijziging
from partijen.models import Rol

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def projectleider(maak_gebruiker):
    return maak_gebruiker(Rol.PROJECTLEIDER)


def _op(dag):
    return time_machine.travel(datetime(dag.year, dag.month, dag.day, 12, tzinfo=AMS), tick=False)


def _voorstel(client, lid, **meer):
    return client.post(
        "/convenant/wijzigingen/nieuw/",
        {
            "omschrijving": "Verlenging met twee jaar",
            "voorgesteld_op": "2026-11-02",
            "ingangsdatum": "2026-12-01",
            "lid": lid.pk,
            "tekst": lid.tekst.replace("één jaar", "twee jaar"),
            **meer,
        },
    )


def test_an_amendment_takes_effect_with_the_last_consent(
    client, convenant_data, projectleider, coordinator
):
    lid = Lid.objects.get(artikel__nummer=10, nummer=3)
    with _op(date(2026, 11, 30)):
        client.force_login(projectleider)
        assert _voorstel(client, lid).status_code == 302
        wijziging = Wijziging.objects.get()
        detail = f"/convenant/wijzigingen/{wijziging.pk}/"
        html = client.get(detail).content.decode()
        assert "<del>één</del>" in html
        assert "<ins>twee</ins>" in html
        assert "wacht op instemmingen" in html
        nodig = sorted(instemming_nodig_voor(wijziging))
        for partner in nodig:
            response = client.post(
                f"{detail}instemming/",
                {"organisatie": partner, "datum": "2026-11-20", "namens": "Bestuurder"},
            )
            assert response.status_code == 302
            if partner != nodig[-1]:
                assert "wacht op instemmingen" in client.get(detail).content.decode()
        # nothing left to consent to
        assert client.get(f"{detail}instemming/").status_code == 404
    with _op(date(2026, 12, 1)):
        client.force_login(coordinator)
        lijst = client.get("/convenant/wijzigingen/").content.decode()
        tijdlijn = client.get("/convenant/looptijd/").content.decode()
        tekst = client.get("/convenant/").content.decode()
    assert "van kracht vanaf 1 december 2026" in lijst
    assert "telkens met twee jaar" in tekst
    assert "Wijziging voorgesteld: Verlenging met twee jaar (art. 11.3)" in tijdlijn
    assert "Wijziging van kracht: Verlenging met twee jaar" in tijdlijn
    assert f"{detail}instemming/" not in client.get(detail).content.decode()


def test_an_amendment_cannot_take_effect_before_it_is_proposed(
    client, convenant_data, projectleider
):
    lid = Lid.objects.get(artikel__nummer=10, nummer=3)
    client.force_login(projectleider)
    html = _voorstel(client, lid, ingangsdatum="2026-10-01").content.decode()
    assert "Een wijziging kan niet ingaan voordat ze is voorgesteld." in html
    assert "Verlenging met twee jaar" in html
    assert not Wijziging.objects.exists()


def test_only_the_register_keepers_propose(client, convenant_data, coordinator):
    lid = Lid.objects.get(artikel__nummer=10, nummer=3)
    client.force_login(coordinator)
    assert _voorstel(client, lid).status_code == 404
    assert not Wijziging.objects.exists()
