"""Weekly compliance reminders: to the safety manager, about their area, never twice a week."""

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from overleggen.herinneringen import stuur
from overleggen.tasks import stuur_herinneringen

pytestmark = pytest.mark.django_db


@pytest.fixture
def vm(convenant_data, stad, gebruikers):
    """The safety manager of area A; nothing has been held there this year."""
    return gebruikers["veiligheidsmanager"]


@time_machine.travel("2026-11-30T07:00:00+01:00", tick=False)  # a Monday
def test_the_safety_manager_gets_the_meetings_that_need_attention(vm, stad):
    assert stuur() == 1
    (bericht,) = mail.outbox
    assert bericht.to == [vm.email]
    assert "Stadsdeeloverleg VO, MBO en HBO (Oost-Haven): nog in te plannen" in bericht.body
    assert "West-Poort" not in bericht.body  # not their area
    assert "/overleggen/naleving/" in bericht.body


def test_never_twice_in_a_week_and_again_the_next_week(vm):
    with time_machine.travel("2026-11-30T07:00:00+01:00", tick=False):
        assert stuur() == 1
        assert stuur_herinneringen() == 0  # a second run on Monday
    with time_machine.travel("2026-12-06T23:00:00+01:00", tick=False):  # Sunday, same week
        assert stuur() == 0
    with time_machine.travel("2026-12-07T07:00:00+01:00", tick=False):
        assert stuur() == 1
    assert len(mail.outbox) == 2


def test_the_dry_run_sends_nothing(vm, capsys):
    call_command("stuur_herinneringen", "--proef")
    assert "Proef: 1 herinnering(en)." in capsys.readouterr().out
    assert mail.outbox == []


def test_no_address_no_mail(vm):
    vm.email = ""
    vm.save()
    assert stuur() == 0


def test_it_is_scheduled_on_monday_morning():
    schema = settings.CELERY_BEAT_SCHEDULE["herinneringen-overleggen"]
    assert schema["task"] == "overleggen.tasks.stuur_herinneringen"
    assert schema["schedule"].day_of_week == {1}
