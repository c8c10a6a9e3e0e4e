"""Issue 14, the sending path with a real Celery worker on the machine's Redis: a scan run by
beat (twice) sends each message once; two senders at the same moment send it once; with Redis
unreachable a page keeps working, the incident is logged, and the messages go out when Redis is
back."""

import threading
import time

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.utils import timezone

from berichten import tasks, verzenden
from berichten.models import Bericht, Voorkeur
from convenant.celery import app
from meldingen import diensten as meldingdiensten
from meldingen.models import PolitieStatus
from partijen.models import Rol
from tests.factories import MeldingFactory

pytestmark = [
    pytest.mark.skipif(not settings.CELERY_BROKER_URL, reason="geen broker ingesteld (make run)"),
    pytest.mark.django_db(transaction=True),
]


def _wacht_op(voorwaarde, seconden=20):
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if voorwaarde():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def worker():
    from celery.contrib.testing.worker import start_worker

    with start_worker(app, perform_ping_check=False, shutdown_timeout=10) as w:
        yield w


@pytest.fixture
def plicht(convenant_data, stad, gebruikers):
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    Voorkeur.objects.create(gebruiker=coordinator, groep="meldingen", frequentie="direct")
    return coordinator, MeldingFactory(school=stad.a1, categorieen=["fysiek-geweld-letsel"])


def test_a_scan_through_the_worker_sends_each_message_once_however_often_beat_fires(plicht, worker):
    coordinator, melding = plicht
    # beat firing twice, and a catch-up run: each hands every user's scan to the worker in
    # parts; only the first part that reaches her writes her message
    delen = [tasks.scan.apply_async(ignore_result=False).get(timeout=30) for _ in range(3)]
    assert all(n >= 1 for n in delen)
    assert _wacht_op(lambda: Bericht.objects.filter(email=Bericht.Email.VERZONDEN).exists())
    time.sleep(1)  # any second sending would have happened by now
    naar_haar = [m for m in mail.outbox if m.to == [coordinator.email]]
    assert len(naar_haar) == 1
    assert f"/meldingen/{melding.pk}/" in naar_haar[0].body
    assert Bericht.objects.filter(ontvanger=coordinator).count() == 1


def test_two_senders_at_the_same_moment_send_a_message_once(plicht):
    coordinator, _melding = plicht
    from berichten import diensten

    diensten.scan_gebruiker(coordinator)
    start = threading.Barrier(2)
    uitkomsten = []

    def zender():
        try:
            start.wait()
            uitkomsten.append(verzenden.verstuur_direct(coordinator.pk))
        finally:
            connection.close()

    draden = [threading.Thread(target=zender) for _ in range(2)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    assert sorted(uitkomsten) == [0, 1]
    assert len(mail.outbox) == 1


@pytest.fixture
def redis_onbereikbaar():
    """The broker's address points at a port nobody listens on, as when Redis is down."""
    from berichten import wachtrij

    oud = app.conf.broker_url

    def opnieuw_verbinden():
        # A new pool for the address set next (the old one stays open for its return).
        app._pool = None
        app.amqp._producer_pool = None

    opnieuw_verbinden()
    app.conf.broker_url = app.conf.broker_write_url = "redis://127.0.0.1:1/0"
    yield
    opnieuw_verbinden()
    app.conf.broker_url = app.conf.broker_write_url = oud
    wachtrij._plat_tot = 0.0


def test_with_redis_down_a_page_works_and_the_message_goes_out_when_it_is_back(
    convenant_data, stad, gebruikers, client, caplog, redis_onbereikbaar
):
    politie = gebruikers[Rol.POLITIE_CONTACTPERSOON]
    # a2's confidential contact person recorded it and reported it to the police (a2 is one
    # of the police contact's schools); the police takes it up through the page
    melder = gebruikers[Rol.CONTACTPERSOON_VERTROUWENSZAKEN]
    melding = MeldingFactory(
        school=stad.a2, categorieen=["fysiek-geweld-letsel"], vastgelegd_door=melder
    )
    meldingdiensten.politiemelding_vastleggen(
        melding=melding, gebruiker=melder, datum=timezone.localdate(), soort="aangifte", door="X"
    )
    client.force_login(politie)
    begin = time.monotonic()
    antwoord = client.post(
        f"/meldingen/{melding.pk}/politie/status/",
        {"status": PolitieStatus.Status.IN_BEHANDELING},
    )
    duur = time.monotonic() - begin
    assert antwoord.status_code == 302
    assert duur < 5
    assert "Berichtenwachtrij niet bereikbaar" in caplog.text
    assert PolitieStatus.objects.filter(
        melding=melding, status=PolitieStatus.Status.IN_BEHANDELING
    ).exists()
    wachtend = Bericht.objects.get(soort="politiestap", email=Bericht.Email.WACHT)
    assert wachtend.ontvanger == melder
    assert mail.outbox == []


def test_messages_written_while_redis_was_down_go_out_with_the_next_scan(plicht):
    from celery.contrib.testing.worker import start_worker

    from berichten import diensten

    coordinator, _melding = plicht
    diensten.scan_gebruiker(coordinator)
    # the hand-over was lost (the broker was down, or emptied): only the rows remain
    app.control.purge()
    assert Bericht.objects.filter(ontvanger=coordinator, email=Bericht.Email.WACHT).exists()
    with start_worker(app, perform_ping_check=False, shutdown_timeout=10):
        tasks.scan.apply_async(ignore_result=False).get(timeout=30)
        assert _wacht_op(lambda: len([m for m in mail.outbox if m.to == [coordinator.email]]) == 1)
