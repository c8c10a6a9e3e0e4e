from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

AMS = ZoneInfo("Europe/Amsterdam")


def op(dag):
    """Travel to noon of a day (a session does not last years: log in inside it)."""
    return time_machine.travel(datetime(dag.year, dag.month, dag.day, 12, tzinfo=AMS), tick=False)


@pytest.fixture
def ronde(demo):
    """The yearly round of 2026, opened on 15 January 2027 for the demo's partners."""
    from convenant.models import Convenant
    from evaluatie import diensten
    from evaluatie.models import Evaluatieronde

    return diensten.open_ronde(
        convenant=Convenant.objects.actueel(),
        soort=Evaluatieronde.Soort.JAARLIJKS,
        periode_begin=date(2026, 1, 1),
        periode_einde=date(2026, 12, 31),
        geopend_op=date(2027, 1, 15),
        sluitdatum=date(2027, 2, 26),
    )
