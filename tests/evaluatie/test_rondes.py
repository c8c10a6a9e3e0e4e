"""Evaluation rounds (art. 4, 10.3, 11.1-11.2): who is asked which questions, answering half-way
and once, the yearly round opened by beat exactly once, and the reminders."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from convenant.lidmaatschap import leden_op
from convenant.models import Convenant, Opzegging
from evaluatie import diensten, regels
from evaluatie.models import Antwoord, Evaluatieronde, Rondevraag, Vraag, Vragenlijst
from partijen.models import Gebruiker, Organisatie
from tests.evaluatie.conftest import op

pytestmark = pytest.mark.django_db

OPENT = (1, 15)


def _aeres():
    return Organisatie.objects.get(code="aeres")


def _als(client, naam):
    client.force_login(Gebruiker.objects.get(username=naam))


def _post(ronde, vragen, oordeel="goed", **meer):
    data = {f"oordeel_{v.pk}": oordeel for v in vragen}
    data.update({f"toelichting_{v.pk}": "" for v in vragen})
    data.update(meer)
    return data


# --- the rules -----------------------------------------------------------------------------


def test_a_later_version_asks_its_own_question_from_its_day(convenant_data):
    convenant = Convenant.objects.actueel()
    lid = convenant.artikelen.get(nummer=3).leden.get(nummer=2)
    oud = Vraag.objects.get(lid=lid)
    nieuw = Vraag.objects.create(
        convenant=convenant, artikel=lid.artikel, lid=lid, tekst="Nieuw", vanaf=date(2027, 3, 1)
    )
    vragen = Vraag.objects.filter(convenant=convenant)
    assert oud in regels.vragen_op(vragen, date(2027, 2, 28))
    assert nieuw not in regels.vragen_op(vragen, date(2027, 2, 28))
    op_dag = regels.vragen_op(vragen, date(2027, 3, 1))
    assert nieuw in op_dag
    assert oud not in op_dag
    oud.actief = False
    oud.save()
    assert oud not in regels.vragen_op(Vraag.objects.all(), date(2027, 2, 28))


def test_the_yearly_round_looks_back_on_the_year_before():
    assert regels.jaarronde(2027, OPENT) == (
        date(2027, 1, 15),
        date(2026, 1, 1),
        date(2026, 12, 31),
    )


def test_a_round_needs_a_period_that_began_and_a_week_to_answer():
    bezwaren = regels.ronde_bezwaren(
        date(2027, 2, 1), date(2027, 1, 1), date(2027, 1, 15), date(2027, 1, 21)
    )
    assert set(bezwaren) == {"periode_einde", "periode_begin", "sluitdatum"}
    assert not regels.ronde_bezwaren(
        date(2026, 1, 1), date(2026, 12, 31), date(2027, 1, 15), date(2027, 1, 22)
    )


# --- opening a round -------------------------------------------------------------------------


def test_the_partners_on_the_rounds_day_are_asked_and_the_questions_are_kept(demo):
    convenant = Convenant.objects.actueel()
    skof = Organisatie.objects.get(code="skof")
    Opzegging.objects.create(convenant=convenant, organisatie=skof, datum=date(2026, 5, 31))
    ronde = diensten.open_ronde(
        convenant=convenant,
        soort=Evaluatieronde.Soort.TUSSENTIJDS,
        periode_begin=date(2026, 1, 1),
        periode_einde=date(2026, 12, 31),
        geopend_op=date(2027, 1, 15),
        sluitdatum=date(2027, 2, 26),
    )
    gevraagd = set(ronde.vragenlijsten.values_list("organisatie", flat=True))
    # SKOF left on 30 November 2026 (art. 10.2): it is not asked in January
    assert skof.pk not in gevraagd
    assert gevraagd == leden_op(date(2027, 1, 15), convenant)
    assert ronde.vragen.count() == Vraag.objects.filter(actief=True).count() > 10
    # a later edit of a question does not change what the round asked
    vraag = Vraag.objects.first()
    tekst = vraag.tekst
    vraag.tekst = "Anders"
    vraag.save()
    assert Rondevraag.objects.get(ronde=ronde, vraag=vraag).tekst == tekst


@pytest.mark.parametrize(
    ("dag", "geopend"),
    [(date(2027, 1, 14), False), (date(2027, 1, 15), True), (date(2027, 2, 3), True)],
)
def test_beat_opens_the_yearly_round_on_its_day_or_the_first_run_after(demo, dag, geopend):
    from evaluatie.tasks import open_jaarronde

    with op(dag):
        eerste = open_jaarronde()
        tweede = open_jaarronde()
    assert (eerste is not None) is geopend
    assert tweede is None  # the second run that day opens nothing
    rondes = Evaluatieronde.objects.filter(soort=Evaluatieronde.Soort.JAARLIJKS)
    assert rondes.count() == (1 if geopend else 0)
    if geopend:
        ronde = rondes.get()
        assert (ronde.periode_begin, ronde.periode_einde) == (date(2026, 1, 1), date(2026, 12, 31))
        assert ronde.geopend_op == dag
        assert ronde.sluitdatum == date.fromordinal(dag.toordinal() + 42)


def test_the_yearly_round_of_a_period_exists_once(ronde):
    with pytest.raises(IntegrityError):
        diensten.open_ronde(
            convenant=ronde.convenant,
            soort=ronde.soort,
            periode_begin=ronde.periode_begin,
            periode_einde=ronde.periode_einde,
            geopend_op=date(2027, 1, 16),
            sluitdatum=date(2027, 2, 27),
        )


def test_beat_schedules_both_tasks_and_they_are_registered(settings):
    from convenant.celery import app

    taken = {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    verwacht = {"evaluatie.tasks.open_jaarronde", "berichten.tasks.scan"}
    assert verwacht <= taken
    app.loader.import_default_modules()
    assert verwacht <= set(app.tasks)


def test_the_project_leader_opens_a_round_and_mistakes_get_dutch_errors(client, demo):
    with op(date(2027, 1, 20)):
        _als(client, "projectleider")
        fout = client.post(
            reverse("evaluatie:nieuw"),
            {
                "soort": "tussentijds",
                "periode_begin": "2027-02-01",
                "periode_einde": "2027-01-01",
                "sluitdatum": "2027-01-22",
            },
        )
        goed = client.post(
            reverse("evaluatie:nieuw"),
            {
                "soort": "tussentijds",
                "periode_begin": "2026-07-01",
                "periode_einde": "2026-12-31",
                "sluitdatum": "2027-02-28",
            },
        )
        dubbel = client.post(
            reverse("evaluatie:nieuw"),
            {
                "soort": "tussentijds",
                "periode_begin": "2026-07-01",
                "periode_einde": "2026-12-31",
                "sluitdatum": "2027-02-28",
            },
        )
        _als(client, "coordinator")
        geweigerd = client.post(reverse("evaluatie:nieuw"), {})
    html = fout.content.decode()
    assert "De periode kan niet eindigen voordat ze begint." in html
    assert "Een ronde evalueert een periode die al is begonnen." in html
    assert "Geef de partners ten minste een week om te antwoorden." in html
    assert goed.status_code == 302
    assert "Er is al een ronde van deze soort voor deze periode geopend." in dubbel.content.decode()
    assert geweigerd.status_code == 404
    assert Evaluatieronde.objects.count() == 1


# --- answering -------------------------------------------------------------------------------


def test_a_partner_saves_half_way_then_submits_once(client, ronde):
    vragen = list(ronde.vragen.all())
    url = reverse("evaluatie:vragenlijst", args=[ronde.pk, _aeres().pk])
    with op(date(2027, 1, 20)):
        _als(client, "coordinator")
        half = {f"oordeel_{vragen[0].pk}": "deels", f"toelichting_{vragen[0].pk}": "Soms traag"}
        assert client.post(url, {**half, "bewaren": "1"}).status_code == 302
        pagina = client.get(url).content.decode()
        assert "Soms traag" in pagina
        te_vroeg = client.post(url, {**half, "indienen": "1"}).content.decode()
        assert "Beantwoord iedere vraag voordat u indient" in te_vroeg
        assert "Soms traag" in te_vroeg
        alles = _post(ronde, vragen, **{f"oordeel_{vragen[0].pk}": "deels", "indienen": "1"})
        assert client.post(url, alles).status_code == 302
        # a second submit (a double click, another tab) changes nothing
        client.post(url, _post(ronde, vragen, oordeel="niet", indienen="1"))
    lijst = Vragenlijst.objects.get(ronde=ronde, organisatie=_aeres())
    assert lijst.ingediend_op is not None
    assert lijst.ingediend_door.username == "coordinator"
    assert not Antwoord.objects.filter(vragenlijst=lijst, oordeel="niet").exists()
    assert Antwoord.objects.get(vragenlijst=lijst, vraag=vragen[0]).oordeel == "deels"
    with pytest.raises(ValidationError), op(date(2027, 1, 21)):
        diensten.bewaar_antwoorden(vragenlijst=lijst, antwoorden={}, indienen=True, door=None)


def test_only_who_answers_for_the_partner_opens_its_questionnaire(client, ronde):
    andere = Vragenlijst.objects.filter(ronde=ronde).exclude(organisatie=_aeres()).first()
    with op(date(2027, 1, 20)):
        _als(client, "coordinator")
        eigen = client.get(reverse("evaluatie:vragenlijst", args=[ronde.pk, _aeres().pk]))
        vreemd = client.get(
            reverse("evaluatie:vragenlijst", args=[ronde.pk, andere.organisatie_id])
        )
        vreemd_post = client.post(
            reverse("evaluatie:vragenlijst", args=[ronde.pk, andere.organisatie_id]), {}
        )
        _als(client, "vertrouwenspersoon")
        geen_rol = client.get(reverse("evaluatie:vragenlijst", args=[ronde.pk, _aeres().pk]))
    assert eigen.status_code == 200
    assert vreemd.status_code == vreemd_post.status_code == geen_rol.status_code == 404


def test_html_in_a_comment_is_refused_and_a_closed_round_is_read_only(client, ronde):
    vragen = list(ronde.vragen.all())
    url = reverse("evaluatie:vragenlijst", args=[ronde.pk, _aeres().pk])
    with op(date(2027, 1, 20)):
        _als(client, "coordinator")
        data = _post(ronde, vragen, bewaren="1")
        data[f"toelichting_{vragen[1].pk}"] = "<script>alert(1)</script>"
        html = client.post(url, data).content.decode()
    assert "geen HTML" in html or "HTML" in html
    assert not Antwoord.objects.exists()
    with op(date(2027, 2, 27)):
        _als(client, "coordinator")
        response = client.post(url, _post(ronde, vragen, bewaren="1"))
        pagina = client.get(url).content.decode()
    assert response.status_code == 302
    assert not Antwoord.objects.exists()
    assert "De ronde is gesloten" in pagina


# --- reminders -------------------------------------------------------------------------------


def test_partners_that_have_not_submitted_hear_of_the_round_and_again_in_its_last_week(ronde):
    """Issue 14: the questionnaire is an item of "Te doen"; its messages go out when the round
    opens and once more in its last week, to who answers for a partner that has not submitted,
    whatever the number of scans."""
    from berichten import diensten as berichten
    from berichten import verzenden
    from berichten.models import Bericht

    vragen = list(ronde.vragen.all())
    with op(date(2027, 1, 18)):
        diensten.bewaar_antwoorden(
            vragenlijst=Vragenlijst.objects.get(ronde=ronde, organisatie=_aeres()),
            antwoorden={v.pk: ("goed", "") for v in vragen},
            indienen=True,
            door=None,
        )
        berichten.scan()
        berichten.scan()
        eerste = verzenden.verstuur_overzichten("wekelijks")
    ontvangers = {a for m in mail.outbox for a in m.to}
    assert eerste > 0
    # Aeres submitted: its coordinator and bestuurder hear nothing; the police does
    assert "coordinator@demo.invalid" not in ontvangers
    assert "bestuurder@demo.invalid" not in ontvangers
    assert "politie@demo.invalid" in ontvangers
    (aan_politie,) = [m for m in mail.outbox if m.to == ["politie@demo.invalid"]]
    assert f"/evaluatie/{ronde.pk}/" in aan_politie.body
    assert "art. 11.1" in aan_politie.body
    vragenlijsten = Bericht.objects.filter(soort="vragenlijst")
    assert set(vragenlijsten.values_list("moment", flat=True)) == {"open"}
    laatste_week = ronde.sluitdatum - timedelta(days=6)
    with op(laatste_week - timedelta(days=1)):
        berichten.scan()
    assert set(vragenlijsten.values_list("moment", flat=True)) == {"open"}
    with op(laatste_week):
        berichten.scan()
        berichten.scan()
    assert (
        vragenlijsten.filter(moment="laatste_week").count()
        == vragenlijsten.filter(moment="open").count()
    )


def test_two_requests_opening_the_same_round_at_once_open_it_once(client, demo, monkeypatch):
    """A double click: both requests pass the form's check before either has saved; the second
    meets the unique period and gets the form's message, not a 500."""
    from evaluatie.forms import RondeForm

    monkeypatch.setattr(RondeForm, "validate_unique", lambda self: None)
    data = {
        "soort": "tussentijds",
        "periode_begin": "2026-07-01",
        "periode_einde": "2026-12-31",
        "sluitdatum": "2027-02-28",
    }
    with op(date(2027, 1, 20)):
        _als(client, "projectleider")
        eerste = client.post(reverse("evaluatie:nieuw"), data)
        tweede = client.post(reverse("evaluatie:nieuw"), data)
    assert eerste.status_code == 302
    assert tweede.status_code == 200
    assert "Er is al een ronde van deze soort voor deze periode geopend." in tweede.content.decode()
    assert Evaluatieronde.objects.count() == 1
