"""Retention: personal data is anonymised two years after an incident closed (AVG)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command

from meldingen.bewaren import anonimiseer
from meldingen.models import Betrokkene, Melding
from meldingen.tasks import anonimiseer_verlopen
from tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
GESLOTEN = datetime(2024, 6, 1, 12, 0, tzinfo=AMS)


@pytest.fixture
def gesloten(convenant_data):
    melding = MeldingFactory(
        tijdstip=datetime(2024, 5, 20, 10, 0, tzinfo=AMS),
        status="afgesloten",
        afgesloten_op=GESLOTEN,
    )
    betrokkene = Betrokkene.objects.create(
        melding=melding,
        rol="slachtoffer",
        soort="leerling",
        naam="Noa Jansen",
        geboortedatum=date(2010, 1, 15),
    )
    betrokkene.naam = "Noa Jansen-de Vries"
    betrokkene.save()  # a second history record with the name
    return betrokkene


@pytest.mark.parametrize(
    ("verschuiving", "geanonimiseerd"),
    [(timedelta(seconds=-1), False), (timedelta(0), True)],
)
def test_anonymised_exactly_at_the_end_of_the_retention_period(
    gesloten, verschuiving, geanonimiseerd
):
    moment = GESLOTEN + timedelta(days=settings.BEWAARTERMIJN_DAGEN) + verschuiving
    with time_machine.travel(moment, tick=False):
        assert anonimiseer() == int(geanonimiseerd)
    gesloten.refresh_from_db()
    assert (gesloten.naam == "") is geanonimiseerd


def test_what_remains_is_the_incident_and_an_age(gesloten):
    with time_machine.travel(GESLOTEN + timedelta(days=800), tick=False):
        anonimiseer()
    gesloten.refresh_from_db()
    assert gesloten.geboortedatum is None
    assert gesloten.leeftijd == 14  # on 20 May 2024
    assert gesloten.geanonimiseerd_op is not None
    assert Melding.objects.filter(pk=gesloten.melding_id).exists()
    assert not gesloten.history.exclude(naam="").exists()
    assert not gesloten.history.filter(geboortedatum__isnull=False).exists()


def test_a_second_run_anonymises_nothing_twice(gesloten):
    with time_machine.travel(GESLOTEN + timedelta(days=800), tick=False):
        assert anonimiseer() == 1
        assert anonimiseer() == 0
        assert anonimiseer_verlopen() == 0


def test_an_open_incident_keeps_its_data(convenant_data):
    melding = MeldingFactory(tijdstip=datetime(2020, 1, 1, tzinfo=AMS))
    Betrokkene.objects.create(melding=melding, rol="dader", soort="leerling", naam="Open")
    assert anonimiseer() == 0


def test_the_dry_run_says_what_it_would_do_and_changes_nothing(gesloten, capsys):
    with time_machine.travel(GESLOTEN + timedelta(days=800), tick=False):
        call_command("anonimiseer_meldingen", "--proef")
    assert "Proef: 1 betrokkene(n)" in capsys.readouterr().out
    gesloten.refresh_from_db()
    assert gesloten.naam == "Noa Jansen-de Vries"


def test_the_task_is_scheduled_daily():
    schema = settings.CELERY_BEAT_SCHEDULE["anonimiseer-verlopen-meldingen"]
    assert schema["task"] == "meldingen.tasks.anonimiseer_verlopen"
    assert schema["schedule"].hour == {3}


def test_a_city_is_anonymised_in_batches_not_one_statement_per_person(
    convenant_data, monkeypatch, django_assert_max_num_queries
):
    """Issue 15: per batch one UPDATE per age and one for the history, whatever the number of
    people; each person anonymised once, with the age on the day of the incident."""
    monkeypatch.setattr("meldingen.bewaren.BATCH", 4)
    melding = MeldingFactory(
        tijdstip=datetime(2024, 5, 20, 10, 0, tzinfo=AMS),
        status="afgesloten",
        afgesloten_op=GESLOTEN,
    )
    geboren = [date(2010, 1, 15), date(2010, 6, 1), date(2011, 1, 1), None, date(2010, 2, 2)]
    mensen = [
        Betrokkene.objects.create(
            melding=melding, rol="getuige", soort="leerling", naam=f"Kind {i}", geboortedatum=g
        )
        for i, g in enumerate(geboren * 3)
    ]
    mensen[3].leeftijd = 12
    mensen[3].save()
    with time_machine.travel(GESLOTEN + timedelta(days=800), tick=False):
        assert anonimiseer(proef=True) == 15
        # 4 batches (15 people by 4, and the empty one): a select, at most 3 ages and the
        # history each
        with django_assert_max_num_queries(4 * 5 + 1 + 8):
            assert anonimiseer() == 15
        assert anonimiseer() == 0
    leeftijden = dict(Betrokkene.objects.values_list("pk", "leeftijd"))
    assert [leeftijden[m.pk] for m in mensen[:5]] == [14, 13, 13, 12, 14]
    assert not Betrokkene.objects.exclude(naam="").exists()
    assert not Betrokkene.history.exclude(naam="").exists()
