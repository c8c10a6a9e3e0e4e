"""Issue 15: the compliance dashboard is computed once per state of its data and kept in the
cache (naleving.regels). What it shows must never be older than the data: every change to what
it reads, and every meeting whose start passes, gives the answer a fresh computation gives."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.db import transaction

from overleggen import naleving
from overleggen.models import Nalevingsstand, Overleg, Overlegvorm
from partijen.models import School

AMS = ZoneInfo("Europe/Amsterdam")
pytestmark = pytest.mark.django_db


def _kerngroep():
    rijen = naleving.dashboard(2026, School.objects.all())
    return next(r for r in rijen if r.vorm.code == "bestuurlijk-overleg").cel


def _vers():
    """The same row computed without the cache (Redis, and this process's own copy)."""
    cache.clear()
    naleving._GEHEUGEN.clear()
    return _kerngroep()


def _overleg(start, **velden):
    from tests.factories import GebruikerFactory

    return Overleg.objects.create(
        vorm=Overlegvorm.objects.get(code="bestuurlijk-overleg"),
        start=start,
        einde=start + timedelta(hours=1),
        aangemaakt_door=GebruikerFactory(),
        **velden,
    )


def test_a_change_to_a_meeting_is_shown_at_once(convenant_data, stad):
    with time_machine.travel(datetime(2026, 6, 1, 9, tzinfo=AMS), tick=False):
        assert (_kerngroep().gehouden, _kerngroep().gepland) == (0, 0)
        overleg = _overleg(datetime(2026, 9, 1, 10, tzinfo=AMS))
        assert (_kerngroep().gehouden, _kerngroep().gepland) == (0, 1)
        overleg.status = Overleg.Status.GEANNULEERD
        overleg.save()
        assert _kerngroep().gepland == 0
        overleg.delete()
        assert _kerngroep() == _vers()


def test_a_planned_meeting_is_not_confirmed_once_it_started(convenant_data, stad):
    _overleg(datetime(2026, 9, 1, 10, tzinfo=AMS))
    with time_machine.travel(datetime(2026, 9, 1, 9, 59, tzinfo=AMS), tick=False):
        assert (_kerngroep().gepland, _kerngroep().niet_bevestigd) == (1, 0)
    # the cache holds the row computed before: not read once the start passed
    with time_machine.travel(datetime(2026, 9, 1, 10, 0, 1, tzinfo=AMS), tick=False):
        assert (_kerngroep().gepland, _kerngroep().niet_bevestigd) == (0, 1)
    # and travelling back (a test, a clock set right) never reads a later computation
    with time_machine.travel(datetime(2026, 9, 1, 9, 59, tzinfo=AMS), tick=False):
        assert (_kerngroep().gepland, _kerngroep().niet_bevestigd) == (1, 0)


def test_a_change_to_the_register_or_the_covenant_is_shown_at_once(convenant_data, stad):
    from convenant.models import Ondertekening

    with time_machine.travel(datetime(2026, 6, 1, 9, tzinfo=AMS), tick=False):
        voor = naleving.dashboard(2026, School.objects.all())
        stad.a1.actief = False
        stad.a1.save()
        assert all(r.bereik != stad.a1 for r in naleving.dashboard(2026, School.objects.all()))
        stad.a1.actief = True
        stad.a1.save()
        assert naleving.dashboard(2026, School.objects.all()) == voor
        token = Nalevingsstand.objects.get().token
        ondertekening = Ondertekening.objects.first()
        ondertekening.save()
        assert Nalevingsstand.objects.get().token != token


def test_a_rolled_back_change_takes_its_token_back(convenant_data, stad):
    """The token is written in the change's own transaction: a change that is rolled back
    leaves the token, and so the kept rows, of the data as it is."""
    with time_machine.travel(datetime(2026, 6, 1, 9, tzinfo=AMS), tick=False):
        voor = _kerngroep()
        token = Nalevingsstand.objects.get().token
        with transaction.atomic():
            _overleg(datetime(2026, 9, 1, 10, tzinfo=AMS))
            assert _kerngroep().gepland == 1
            transaction.set_rollback(True)
        assert Nalevingsstand.objects.get().token == token
        assert _kerngroep() == voor == _vers()


def test_the_kept_rows_are_the_computed_rows(convenant_data, stad, ondertekend):
    """Every kind and scope, every month of the monthly meeting: the cached answer is the
    computed one, for this year and the last, on a day and the next."""
    _overleg(datetime(2026, 3, 1, 10, tzinfo=AMS), status=Overleg.Status.GEHOUDEN)
    for dag in (date(2026, 11, 30), date(2026, 12, 1)):
        for jaar in (2025, 2026):
            cache.clear()
            naleving._GEHEUGEN.clear()
            vers = naleving.dashboard(jaar, School.objects.all(), dag)
            assert naleving.dashboard(jaar, School.objects.all(), dag) == vers
            assert any(r.maanden for r in vers)


def test_a_kept_answer_is_read_as_a_copy(convenant_data, stad, ondertekend):
    """The process keeps its last answers (issue 15): a caller that changes the list it got
    does not change what the next caller reads."""
    eerste = naleving.regels(2026, School.objects.all(), date(2026, 11, 30))
    aantal = len(eerste)
    eerste.clear()
    assert len(naleving.regels(2026, School.objects.all(), date(2026, 11, 30))) == aantal > 0


def test_the_process_keeps_a_few_answers_only(convenant_data, stad):
    for dag in range(1, naleving.GEHEUGEN_MAX + 5):
        naleving.regels(2026, School.objects.all(), date(2026, 1, dag))
    assert len(naleving._GEHEUGEN) == naleving.GEHEUGEN_MAX
