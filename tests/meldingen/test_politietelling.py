"""The evaluation's police counts (meldingen.politietelling, issue 15): kept with every change
of an incident, its report and its police steps, always what counting the incidents again
gives, and the evaluation's police figures the same from them as from the incidents."""

import io
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from evaluatie import feiten
from meldingen import politietelling
from meldingen.models import Melding, Politiemelding, Politietelling
from partijen.models import School
from tests.evaluatie.test_feiten import _gemeld, _om, _stap
from tests.factories import GebruikerFactory, MeldingFactory

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def _opgeslagen() -> dict:
    opgeteld = {}
    for t in Politietelling.objects.all():
        sleutel = (t.dag, t.gemeld, t.reactie_uiterlijk, t.stap_op_de_dag)
        opgeteld[sleutel] = opgeteld.get(sleutel, 0) + t.aantal
    return opgeteld


def _klopt():
    """The kept rows are exactly what counting every incident again gives."""
    geteld = {tuple(r[:4]): r[4] for r in politietelling._tel(Melding.objects.all())}
    assert _opgeslagen() == geteld


def test_every_change_of_an_incident_its_report_and_its_steps_is_counted(convenant_data, stad):
    door = GebruikerFactory()
    maandag = date(2025, 3, 10)  # carrying a weapon: final day Tuesday 11 March
    melding = MeldingFactory(school=stad.a1, categorieen=["wapenbezit"], tijdstip=_om(maandag))
    _klopt()
    assert _opgeslagen() == {(maandag, False, None, ""): 1}

    _gemeld(melding, maandag, door)
    _klopt()
    uiterlijk = Politiemelding.objects.get().reactie_uiterlijk
    assert _opgeslagen() == {(maandag, True, uiterlijk, "gemeld"): 1}

    # A step on the final day changes the step on it; a later one does not.
    _stap(melding, _om(uiterlijk, time(23, 59)), "in_behandeling", door)
    _klopt()
    assert _opgeslagen() == {(maandag, True, uiterlijk, "in_behandeling"): 1}
    _stap(melding, _om(uiterlijk + timedelta(days=1), time(0, 1)), "interventie_uitgevoerd", door)
    _klopt()
    assert _opgeslagen() == {(maandag, True, uiterlijk, "in_behandeling"): 1}

    # Moved to another day: counted there, not on the old one any more. 23:30 local on the
    # 12th is the 12th, though it is the 12th 22:30 in UTC.
    melding.tijdstip = _om(date(2025, 3, 12), time(23, 30))
    melding.save()
    _klopt()
    assert set(_opgeslagen()) == {(date(2025, 3, 12), True, uiterlijk, "in_behandeling")}

    melding.politiemelding.delete()
    _klopt()
    assert _opgeslagen() == {(date(2025, 3, 12), False, None, ""): 1}

    melding.delete()
    _klopt()
    assert _opgeslagen() == {}


def test_a_saved_edit_that_does_not_move_an_incident_keeps_its_count(convenant_data, stad):
    melding = MeldingFactory(school=stad.a1, tijdstip=_om(date(2025, 6, 2)))
    melding.omschrijving = "Anders verwoord."
    melding.save()
    melding.save(update_fields=["omschrijving"])
    _klopt()
    assert _opgeslagen() == {(date(2025, 6, 2), False, None, ""): 1}


@time_machine.travel("2025-04-15T12:00:00+02:00", tick=False)
def test_the_city_figures_from_the_counts_equal_those_from_the_incidents(convenant_data, stad):
    """Every kind of report the figures tell apart, on the edges of the period and of days:
    read from the kept counts (the whole city) and from the incidents (the same schools as a
    list, which is not the whole register to telling.hele_stad), the figures are equal."""
    door = GebruikerFactory()
    begin, einde = date(2025, 1, 1), date(2025, 12, 31)
    nu = _om(date(2025, 4, 15), time(12))
    for dag, tijd in [
        (date(2024, 12, 31), time(23, 30)),  # the year before, by minutes
        (date(2025, 1, 1), time(0, 15)),
        (date(2025, 3, 10), time(10)),
        (date(2025, 4, 14), time(9)),  # its final day not yet passed
        (date(2025, 12, 31), time(23, 45)),  # after today: not reported yet
    ]:
        for i in range(6):
            melding = MeldingFactory(
                school=stad.a1, categorieen=["wapenbezit"], tijdstip=_om(dag, tijd)
            )
            if i == 0 or _om(dag, tijd) > nu:
                continue  # not reported
            _gemeld(melding, dag, door)
            uiterlijk = Politiemelding.objects.get(melding=melding).reactie_uiterlijk
            # 1, 2: no step; 3: in time, at the final day's end; 4: a day late; 5: taken up.
            stappen = {
                3: [
                    ("in_behandeling", _om(uiterlijk, time(23, 58))),
                    ("interventie_uitgevoerd", _om(uiterlijk, time(23, 59))),
                ],
                4: [
                    ("in_behandeling", _om(uiterlijk, time(12))),
                    ("interventie_uitgevoerd", _om(uiterlijk + timedelta(days=1), time(0, 1))),
                ],
                5: [("in_behandeling", _om(uiterlijk, time(12)))],
            }.get(i, [])
            for status, moment in stappen:
                if moment < nu:
                    _stap(melding, moment, status, door)
    _klopt()
    vandaag = date(2025, 4, 15)
    jaren = [feiten._incidentenjaar(School.objects.all(), 2025, begin, einde)]
    uit_tellingen = feiten._politietellingen(School.objects.all(), begin, einde, vandaag, jaren)
    elke_school = School.objects.filter(pk__in=list(School.objects.values_list("pk", flat=True)))
    uit_meldingen = feiten._politietellingen(elke_school, begin, einde, vandaag, jaren)
    assert uit_tellingen == uit_meldingen
    # 24 incidents in 2025 (not the one of 31 December 2024 at 23:30, but the one of
    # 1 January at 00:15), 15 of them reported, five a day. Of 1 January and 10 March each:
    # in time 1 (the intervention at 23:59 on the final day), late 4 (no step, taken up only,
    # or the intervention a day late). Of 14 April: running 5 (the final day is today).
    assert uit_tellingen == {
        "meldingen": 24,
        "gemeld": 15,
        "op_tijd": 2,
        "te_laat": 8,
        "loopt": 5,
        "jaar_2025": 24,
    }
    # The page's protected figures, read either way, alike.
    assert feiten._politie(School.objects.all(), begin, einde, vandaag, jaren) == (
        feiten._politie(elke_school, begin, einde, vandaag, jaren)
    )


def test_rebuilding_gives_what_was_kept(convenant_data, stad):
    door = GebruikerFactory()
    for dag in (date(2025, 2, 3), date(2025, 2, 4), date(2025, 2, 4)):
        melding = MeldingFactory(school=stad.a1, categorieen=["wapenbezit"], tijdstip=_om(dag))
        _gemeld(melding, dag, door)
    bewaard = _opgeslagen()
    Politietelling.objects.all().delete()
    call_command("herbouw_tellingen", stdout=io.StringIO())
    assert _opgeslagen() == bewaard
    _klopt()
