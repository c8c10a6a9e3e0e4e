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


def _rijen(*rijen):
    """The formset of changed paragraphs: (paragraph, new text) per row, one empty row more."""
    data = {
        "leden-TOTAL_FORMS": len(rijen) + 1,
        "leden-INITIAL_FORMS": 0,
        "leden-MIN_NUM_FORMS": 1,
        "leden-MAX_NUM_FORMS": 20,
    }
    for i, (lid, tekst) in enumerate(rijen):
        data[f"leden-{i}-lid"] = lid.pk if lid else ""
        data[f"leden-{i}-tekst"] = tekst
    return data


def _voorstel(client, lid, *meer_leden, **meer):
    return client.post(
        "/convenant/wijzigingen/nieuw/",
        {
            "omschrijving": "Verlenging met twee jaar",
            "voorgesteld_op": "2026-11-02",
            "ingangsdatum": "2026-12-01",
            **_rijen((lid, lid.tekst.replace("één jaar", "twee jaar")), *meer_leden),
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


def test_one_proposal_changes_several_paragraphs_and_they_take_effect_together(
    client, convenant_data, projectleider
):
    looptijd = Lid.objects.get(artikel__nummer=10, nummer=3)
    opzegging = Lid.objects.get(artikel__nummer=10, nummer=2)
    nieuw = opzegging.tekst.replace("zes maanden", "drie maanden")
    assert nieuw != opzegging.tekst
    with _op(date(2026, 11, 30)):
        client.force_login(projectleider)
        assert _voorstel(client, looptijd, (opzegging, nieuw)).status_code == 302
        wijziging = Wijziging.objects.get()
        html = client.get(f"/convenant/wijzigingen/{wijziging.pk}/").content.decode()
    assert {lw.lid_id: lw.tekst for lw in wijziging.leden.all()} == {
        looptijd.pk: looptijd.tekst.replace("één jaar", "twee jaar"),
        opzegging.pk: nieuw,
    }
    assert "<ins>twee</ins>" in html
    assert "<ins>drie</ins>" in html


def test_a_paragraph_twice_or_unchanged_is_refused_and_everything_typed_stays(
    client, convenant_data, projectleider
):
    lid = Lid.objects.get(artikel__nummer=10, nummer=3)
    andere = Lid.objects.get(artikel__nummer=10, nummer=2)
    with _op(date(2026, 11, 30)):
        client.force_login(projectleider)
        twee_keer = _voorstel(client, lid, (lid, "Een geheel andere tekst")).content.decode()
        ongewijzigd = _voorstel(client, lid, (andere, andere.tekst)).content.decode()
        leeg = client.post(
            "/convenant/wijzigingen/nieuw/",
            {
                "omschrijving": "Niets",
                "voorgesteld_op": "2026-11-02",
                "ingangsdatum": "2026-12-01",
                **_rijen(),
            },
        ).content.decode()
    assert "Art. 10.3 staat al in dit voorstel" in twee_keer
    assert "Een geheel andere tekst" in twee_keer
    assert "Dit is de geldende tekst" in ongewijzigd
    assert "Dit veld is verplicht" in leeg
    assert not Wijziging.objects.exists()


def test_a_paragraph_of_another_covenant_or_a_hostile_id_is_refused(
    client, convenant_data, projectleider
):
    lid = Lid.objects.get(artikel__nummer=10, nummer=3)
    with _op(date(2026, 11, 30)):
        client.force_login(projectleider)
        response = client.post(
            "/convenant/wijzigingen/nieuw/",
            {
                "omschrijving": "X",
                "voorgesteld_op": "2026-11-02",
                "ingangsdatum": "2026-12-01",
                **_rijen((None, "tekst")),
                "leden-0-lid": "99999999",
            },
        )
        assert response.status_code == 200
        for waarde in ("abc", "-1", "9" * 30, lid.pk + 100000):
            assert client.get(f"/convenant/wijzigingen/nieuw/?lid={waarde}").status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Wijziging.objects.exists()


def test_the_text_page_starts_a_proposal_with_the_paragraph_and_its_text_in_force(
    client, convenant_data, projectleider, coordinator
):
    lid = Lid.objects.get(artikel__nummer=10, nummer=3)
    link = f"/convenant/wijzigingen/nieuw/?lid={lid.pk}"
    with _op(date(2026, 11, 30)):
        client.force_login(coordinator)
        assert link not in client.get("/convenant/").content.decode()
        client.force_login(projectleider)
        assert link in client.get("/convenant/").content.decode()
        formulier = client.get(link).content.decode()
    assert f'<option value="{lid.pk}" selected>' in formulier
    assert "telkens met één jaar" in formulier


def test_the_text_page_shows_the_text_in_force_on_a_chosen_day(
    client, convenant_data, projectleider, coordinator
):
    from convenant.models import Instemming

    lid = Lid.objects.get(artikel__nummer=10, nummer=3)
    with _op(date(2026, 11, 30)):
        client.force_login(projectleider)
        _voorstel(client, lid)
    wijziging = Wijziging.objects.get()
    for partner in instemming_nodig_voor(wijziging):
        Instemming.objects.create(
            wijziging=wijziging, organisatie_id=partner, datum=date(2026, 11, 20), namens="X"
        )
    with _op(date(2027, 1, 5)):
        client.force_login(coordinator)
        vandaag = client.get("/convenant/").content.decode()
        ervoor = client.get("/convenant/?datum=2026-11-30").content.decode()
        onzin = client.get("/convenant/?datum=0001-01-01")
        kapot = client.get("/convenant/?datum=31-31-2026")
    assert "telkens met twee jaar" in vandaag
    assert "gewijzigd per 1 december 2026" in vandaag
    assert f"/convenant/wijzigingen/{wijziging.pk}/" in vandaag
    assert "telkens met één jaar" in ervoor
    assert "De tekst zoals die gold op 30 november 2026." in ervoor
    assert "gewijzigd per" not in ervoor
    # an absurd or broken date: a message on the field, and today's text
    for response in (onzin, kapot):
        assert response.status_code == 200
        html = response.content.decode()
        assert "invalid-feedback" in html
        assert "telkens met twee jaar" in html
