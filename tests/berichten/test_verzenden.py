"""Issue 14: what is due becomes one message per item and moment, e-mailed exactly once (at
once, or in a daily or weekly digest), whatever the number of scans, runs or failures."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from berichten import diensten, verzenden
from berichten.models import Bericht, Voorkeur
from berichten.soorten import Frequentie
from meldingen import diensten as meldingdiensten
from meldingen.models import Politiemelding, PolitieStatus
from partijen.models import Rol
from tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def _op(dag, uur=12):
    return time_machine.travel(datetime(dag.year, dag.month, dag.day, uur, tzinfo=AMS), tick=False)


def _kies(gebruiker, groep, frequentie):
    Voorkeur.objects.update_or_create(
        gebruiker=gebruiker, groep=groep, defaults={"frequentie": frequentie}
    )


@pytest.fixture
def twee_plichten(convenant_data, stad, gebruikers):
    """Two incidents at the coordinator's school the police must be told of (art. 2.4)."""
    return [MeldingFactory(school=stad.a1, categorieen=["fysiek-geweld-letsel"]) for _ in range(2)]


def test_a_scan_writes_one_message_per_due_item_however_often_it_runs(twee_plichten, gebruikers):
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    with _op(date(2026, 10, 2)):
        assert diensten.scan_gebruiker(coordinator) == 2
        assert diensten.scan_gebruiker(coordinator) == 0
        diensten.scan()
    berichten = Bericht.objects.filter(ontvanger=coordinator, soort="politiemelding")
    assert berichten.count() == 2
    assert {b.sleutel for b in berichten} == {f"melding:{m.pk}" for m in twee_plichten}
    # Written in the covenant's language, with the article and the page where it is done.
    b = berichten.first()
    assert b.wat.startswith("Meld de melding van")
    assert b.artikel == "2.4"
    assert b.url.startswith("/meldingen/")


def test_a_daily_digest_sends_the_waiting_items_in_one_email_once(twee_plichten, gebruikers):
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    with _op(date(2026, 10, 2)):
        diensten.scan_gebruiker(coordinator)
        # the group's default is the daily digest: nothing goes out at once
        assert verzenden.verstuur_direct(coordinator.pk) == 0
        assert verzenden.verstuur_overzichten(Frequentie.WEKELIJKS) == 0
        assert verzenden.verstuur_overzichten(Frequentie.DAGELIJKS) == 2
        assert verzenden.verstuur_overzichten(Frequentie.DAGELIJKS) == 0
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == [coordinator.email]
    assert "2 punten" in bericht.subject
    assert bericht.body.count("Meld de melding van") == 2
    assert "art. 2.4" in bericht.body
    html = bericht.alternatives[0][0]
    assert 'href="http://127.0.0.1:8000/meldingen/' in html or "/meldingen/" in html
    assert set(Bericht.objects.values_list("email", flat=True)) == {Bericht.Email.VERZONDEN}


def test_at_once_sends_each_message_in_its_own_email_once(twee_plichten, gebruikers):
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    _kies(coordinator, "meldingen", Frequentie.DIRECT)
    with _op(date(2026, 10, 2)):
        diensten.scan_gebruiker(coordinator)
        assert verzenden.verstuur_direct(coordinator.pk) == 2
        assert verzenden.verstuur_direct(coordinator.pk) == 0
        assert verzenden.verstuur_overzichten(Frequentie.DAGELIJKS) == 0
        diensten.scan_gebruiker(coordinator)
    assert len(mail.outbox) == 2
    assert all(m.subject.startswith("[Veiligheid op scholen] Meld de melding") for m in mail.outbox)


def test_an_item_done_before_the_digest_is_not_sent_and_shows_as_done(twee_plichten, gebruikers):
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    eerste, tweede = twee_plichten
    with _op(date(2026, 10, 2)):
        diensten.scan_gebruiker(coordinator)
        meldingdiensten.politiemelding_vastleggen(
            melding=eerste,
            gebruiker=coordinator,
            datum=date(2026, 10, 2),
            soort=Politiemelding.Soort.AANGIFTE,
            door="Carla",
        )
        diensten.scan_gebruiker(coordinator)
        assert verzenden.verstuur_overzichten(Frequentie.DAGELIJKS) == 1
    gedaan = Bericht.objects.get(sleutel=f"melding:{eerste.pk}")
    assert gedaan.email == Bericht.Email.VERVALLEN
    assert gedaan.vervallen_op
    assert f"/meldingen/{tweede.pk}/" in mail.outbox[0].body
    assert f"/meldingen/{eerste.pk}/" not in mail.outbox[0].body
    assert Bericht.objects.van(coordinator).ongelezen().count() == 1


def test_an_overdue_item_is_announced_again_once(convenant_data, stad, gebruikers):
    """An item with a final day gets a second message the day after it, and only then."""
    politie = gebruikers[Rol.POLITIE_CONTACTPERSOON]
    melding = MeldingFactory(school=stad.b1, categorieen=["fysiek-geweld-letsel"])
    meldingdiensten.politiemelding_vastleggen(
        melding=melding,
        gebruiker=gebruikers[Rol.COORDINATOR_VEILIGHEID],
        datum=date(2026, 10, 1),
        soort=Politiemelding.Soort.AANGIFTE,
        door="X",
    )
    uiterlijk = Politiemelding.objects.get(melding=melding).reactie_uiterlijk
    for dag in (
        date(2026, 10, 1),
        uiterlijk,
        uiterlijk + timedelta(days=1),
        uiterlijk + timedelta(days=5),
    ):
        with _op(dag):
            diensten.scan_gebruiker(politie)
    assert sorted(Bericht.objects.filter(ontvanger=politie).values_list("soort", "moment")) == [
        ("politie_nieuw", "open"),
        ("politie_te_laat", "te_laat"),
    ]


def test_a_failing_mail_server_gives_the_messages_back_and_gives_up_after_the_attempts(
    twee_plichten, gebruikers, settings
):
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    _kies(coordinator, "meldingen", Frequentie.DIRECT)
    settings.EMAIL_BACKEND = "tests.berichten.kapotte_mail.KapotteMail"
    with _op(date(2026, 10, 2)):
        diensten.scan_gebruiker(coordinator)
        with pytest.raises(verzenden.Verzendfout):
            verzenden.verstuur_direct(coordinator.pk)
        b = Bericht.objects.filter(ontvanger=coordinator).first()
        assert (b.email, b.pogingen, b.claim) == (Bericht.Email.WACHT, 1, "")
        assert "mailserver" in b.fout
        for _ in range(verzenden.MAX_POGINGEN - 1):
            with pytest.raises(verzenden.Verzendfout):
                verzenden.verstuur_direct(coordinator.pk)
        assert set(Bericht.objects.values_list("email", flat=True)) == {Bericht.Email.MISLUKT}
        # the server is back: a failed message is not sent late, the waiting ones are
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        assert verzenden.verstuur_direct(coordinator.pk) == 0


def test_a_row_claimed_by_a_live_run_is_left_alone_one_of_a_dead_run_is_taken_over(
    twee_plichten, gebruikers
):
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    _kies(coordinator, "meldingen", Frequentie.DIRECT)
    with _op(date(2026, 10, 2)):
        diensten.scan_gebruiker(coordinator)
        Bericht.objects.update(claim="anderewerker", geclaimd_op=timezone.now())
        assert verzenden.verstuur_direct(coordinator.pk) == 0
        assert verzenden.verstuur_overzichten(Frequentie.DAGELIJKS) == 0
    # the other worker died halfway: after the claim's validity, the next run sends
    with time_machine.travel(
        datetime(2026, 10, 2, 12, tzinfo=AMS) + verzenden.CLAIM_GELDIG + timedelta(seconds=1),
        tick=False,
    ):
        assert verzenden.verstuur_direct(coordinator.pk) == 2
    assert len(mail.outbox) == 2


def test_in_the_application_only_sends_no_email_and_stops_what_waits(twee_plichten, gebruikers):
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    with _op(date(2026, 10, 2)):
        diensten.scan_gebruiker(coordinator)
        diensten.bewaar_voorkeuren(coordinator, {"meldingen": Frequentie.ALLEEN_APP})
        assert verzenden.verstuur_overzichten(Frequentie.DAGELIJKS) == 0
        assert Bericht.objects.van(coordinator).ongelezen().count() == 2
    assert mail.outbox == []


def test_an_account_without_an_email_address_reads_its_messages_in_the_application(
    twee_plichten, gebruikers
):
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    coordinator.email = ""
    coordinator.save()
    with _op(date(2026, 10, 2)):
        diensten.scan_gebruiker(coordinator)
        assert verzenden.verstuur_overzichten(Frequentie.DAGELIJKS) == 0
    assert set(Bericht.objects.values_list("email", flat=True)) == {Bericht.Email.NIET}


def test_the_coordinator_hears_of_a_police_step_on_her_report_at_once(
    convenant_data, stad, gebruikers
):
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    politie = gebruikers[Rol.POLITIE_CONTACTPERSOON]
    melding = MeldingFactory(
        school=stad.b1, categorieen=["fysiek-geweld-letsel"], vastgelegd_door=coordinator
    )
    # her school is a1: she does not see b1's incident, and hears nothing of it
    meldingdiensten.politiemelding_vastleggen(
        melding=melding, gebruiker=coordinator, datum=date(2026, 10, 1), soort="aangifte", door="X"
    )
    meldingdiensten.politiestatus_toevoegen(
        melding=melding, door=politie, status=PolitieStatus.Status.IN_BEHANDELING
    )
    assert not Bericht.objects.filter(soort="politiestap").exists()

    eigen = MeldingFactory(
        school=stad.a1, categorieen=["fysiek-geweld-letsel"], vastgelegd_door=coordinator
    )
    meldingdiensten.politiemelding_vastleggen(
        melding=eigen, gebruiker=coordinator, datum=date(2026, 10, 1), soort="aangifte", door="X"
    )
    assert not Bericht.objects.filter(soort="politiestap").exists()  # her own step: no news
    stap = meldingdiensten.politiestatus_toevoegen(
        melding=eigen, door=politie, status=PolitieStatus.Status.IN_BEHANDELING
    )
    bericht = Bericht.objects.get(soort="politiestap")
    assert bericht.ontvanger == coordinator
    assert bericht.sleutel == f"politiestatus:{stap.pk}"
    assert bericht.url == f"/meldingen/{eigen.pk}/"
    assert "De politie heeft een stap gezet" in bericht.wat
    assert "Havencollege" in bericht.wat
    # the default for the police group is "at once"
    assert verzenden.verstuur_direct(coordinator.pk) == 1
    assert "art. 3.2" in mail.outbox[0].body


def test_building_the_demo_writes_its_messages_without_handing_them_on(
    convenant_data, gebruikers, django_capture_on_commit_callbacks
):
    """The demo records a past (maak_demo runs in berichten.wachtrij.stil): nothing is sent
    while it is built; the rows wait for their recipient's scan."""
    from berichten import wachtrij

    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]

    def gebeurt(moment):
        diensten.gebeurtenis(
            ontvangers=[coordinator],
            soort="politiestap",
            sleutel="politiestatus:1",
            moment=moment,
            wat="De politie heeft een stap gezet",
            artikel="3.2",
            url="/",
        )

    with django_capture_on_commit_callbacks() as stil_overgedragen, wachtrij.stil():
        gebeurt("eerste")
    with django_capture_on_commit_callbacks() as overgedragen:
        gebeurt("tweede")
    assert stil_overgedragen == []
    assert len(overgedragen) == 1
    assert Bericht.objects.filter(soort="politiestap", email=Bericht.Email.WACHT).count() == 2


def test_a_sent_email_is_recorded_through_a_database_restart(
    twee_plichten, gebruikers, monkeypatch
):
    """Issue 15 (make loadtest): the database restarted between sending an e-mail and
    recording it; the record is made once it is back, so it is never sent a second time."""
    from django.db import OperationalError, connection

    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    _kies(coordinator, "meldingen", Frequentie.DIRECT)
    monkeypatch.setattr(verzenden, "MARKEER_PAUZE", 0)
    storingen = [2]

    def herstart(execute, sql, params, many, context):
        # the first two attempts to record "sent" meet a database that is restarting
        if sql.startswith("UPDATE") and "verzonden_op" in sql and storingen[0]:
            storingen[0] -= 1
            raise OperationalError("terminating connection due to administrator command")
        return execute(sql, params, many, context)

    with _op(date(2026, 10, 2)):
        diensten.scan_gebruiker(coordinator)
        with connection.execute_wrapper(herstart):
            assert verzenden.verstuur_direct(coordinator.pk) == 2
        assert storingen == [0]
        assert verzenden.verstuur_direct(coordinator.pk) == 0
    assert Bericht.objects.filter(email=Bericht.Email.VERZONDEN).count() == 2
    with time_machine.travel(
        datetime(2026, 10, 2, 12, tzinfo=AMS) + verzenden.CLAIM_GELDIG + timedelta(seconds=1),
        tick=False,
    ):
        assert verzenden.verstuur_direct(coordinator.pk) == 0
    assert len(mail.outbox) == 2


def test_a_scan_leaves_a_claimed_message_to_its_worker(twee_plichten, gebruikers):
    """Issue 15: an item done while a worker is sending its message: the scan does not mark
    the claimed row as dropped behind the worker's back; the worker records what it did."""
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    eerste, _tweede = twee_plichten
    _kies(coordinator, "meldingen", Frequentie.DIRECT)
    with _op(date(2026, 10, 2)):
        diensten.scan_gebruiker(coordinator)
        Bericht.objects.filter(sleutel=f"melding:{eerste.pk}").update(
            claim="werker", geclaimd_op=timezone.now()
        )
        meldingdiensten.politiemelding_vastleggen(
            melding=eerste,
            gebruiker=coordinator,
            datum=date(2026, 10, 2),
            soort=Politiemelding.Soort.AANGIFTE,
            door="Carla",
        )
        diensten.scan_gebruiker(coordinator)
    bericht = Bericht.objects.get(sleutel=f"melding:{eerste.pk}")
    assert (bericht.email, bericht.claim) == (Bericht.Email.WACHT, "werker")
    assert bericht.vervallen_op is not None  # shown as done in the application


def test_what_waits_is_handed_on_every_five_minutes(twee_plichten, gebruikers, settings):
    """Issue 15 (make loadtest): after a broker outage an urgent message waits minutes, not
    until the hourly scan."""
    from celery.schedules import crontab

    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    _kies(coordinator, "meldingen", Frequentie.DIRECT)
    schema = settings.CELERY_BEAT_SCHEDULE["berichten-wachtend"]
    assert schema["task"] == "berichten.tasks.wachtend"
    assert schema["schedule"] == crontab(minute="*/5")
    with _op(date(2026, 10, 2)):
        voor = diensten.wachtend()
        diensten.scan_gebruiker(coordinator)
        assert diensten.wachtend() == voor + 1


def test_the_hourly_scan_hands_every_active_user_to_one_part(
    convenant_data, stad, gebruikers, settings, monkeypatch
):
    """Issue 15: beat's scan is parts of BERICHTEN_SCAN_PER_TAAK users that the workers take
    side by side. Every active account is in exactly one part, an inactive one in none, and
    the parts together write what one scan of everyone writes."""
    from berichten import tasks, wachtrij
    from partijen.models import Gebruiker

    settings.BERICHTEN_SCAN_PER_TAAK = 3
    gebruikers[Rol.BESTUURDER].is_active = False
    gebruikers[Rol.BESTUURDER].save()
    MeldingFactory(school=stad.a1, categorieen=["fysiek-geweld-letsel"])
    overgedragen = []

    def plaats(taak, *args):
        if taak is tasks.scan_gebruikers:
            overgedragen.append(*args)

    monkeypatch.setattr(wachtrij, "plaats", plaats)
    assert tasks.scan() == len(overgedragen)
    actief = set(Gebruiker.objects.filter(is_active=True).values_list("pk", flat=True))
    ids = [pk for deel in overgedragen for pk in deel]
    assert sorted(ids) == sorted(actief)
    assert all(1 <= len(deel) <= 3 for deel in overgedragen)

    nieuw = sum(tasks.scan_gebruikers(deel) for deel in overgedragen)
    assert nieuw >= 1
    assert nieuw == Bericht.objects.count()
    assert diensten.scan() == 0  # one scan of everyone finds nothing the parts did not write
    settings.BERICHTEN_SCAN_PER_TAAK = 0
    assert diensten.scan_delen(0) == [[pk] for pk in sorted(actief)]
