"""Compliance with the meeting structure (art. 5-7), at its edges."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from overleggen import naleving
from overleggen.models import Overleg, Overlegvorm
from partijen.models import School

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("minimum", "maximum", "gehouden", "gepland", "voorbij", "verwacht"),
    [
        (1, 2, 1, 0, False, naleving.VOLDAAN),
        (1, 2, 0, 1, False, naleving.GEPLAND),
        (1, 2, 0, 0, False, naleving.IN_TE_PLANNEN),
        (1, 2, 0, 0, True, naleving.TE_LAAT),
        (1, 2, 2, 1, False, naleving.BOVEN_MAXIMUM),
        (4, None, 3, 0, True, naleving.TE_LAAT),
        (4, None, 5, 0, True, naleving.VOLDAAN),
    ],
)
def test_status(minimum, maximum, gehouden, gepland, voorbij, verwacht):
    assert naleving.status(minimum, maximum, gehouden, gepland, voorbij) == verwacht


def _overleg(vorm, start, status="gehouden", **bereik):
    from tests.factories import GebruikerFactory

    return Overleg.objects.create(
        vorm=vorm,
        start=start,
        einde=start + timedelta(hours=1),
        status=status,
        aangemaakt_door=GebruikerFactory(),
        **bereik,
    )


def _rij(rijen, code, bereik=None):
    return next(r for r in rijen if r.vorm.code == code and r.bereik == bereik)


@pytest.mark.django_db
def test_a_meeting_on_new_years_eve_at_23_30_counts_for_that_year(convenant_data, stad):
    kerngroep = Overlegvorm.objects.get(code="bestuurlijk-overleg")
    _overleg(kerngroep, datetime(2025, 12, 31, 23, 30, tzinfo=AMS))
    with time_machine.travel(datetime(2026, 2, 1, tzinfo=AMS), tick=False):
        assert (
            _rij(naleving.dashboard(2025, School.objects.all()), "bestuurlijk-overleg").cel.status
            == naleving.VOLDAAN
        )
        assert (
            _rij(naleving.dashboard(2026, School.objects.all()), "bestuurlijk-overleg").cel.gehouden
            == 0
        )


@pytest.mark.django_db
def test_cancelled_meetings_do_not_count_and_unconfirmed_ones_are_not_held(convenant_data, stad):
    vorm = Overlegvorm.objects.get(code="stadsdeeloverleg")
    _overleg(
        vorm,
        datetime(2026, 3, 1, 10, tzinfo=AMS),
        status="geannuleerd",
        overleggebied=stad.gebied_a,
    )
    _overleg(
        vorm, datetime(2026, 4, 1, 10, tzinfo=AMS), status="gepland", overleggebied=stad.gebied_a
    )
    with time_machine.travel(datetime(2026, 6, 1, tzinfo=AMS), tick=False):
        cel = _rij(
            naleving.dashboard(2026, School.objects.all()), "stadsdeeloverleg", stad.gebied_a
        ).cel
    assert (cel.gehouden, cel.gepland, cel.niet_bevestigd) == (0, 0, 1)
    assert cel.status == naleving.IN_TE_PLANNEN


@pytest.mark.django_db
def test_the_area_meeting_turns_late_after_the_year_and_above_maximum_at_three(
    convenant_data, stad
):
    vorm = Overlegvorm.objects.get(code="stadsdeeloverleg")
    with time_machine.travel(datetime(2027, 1, 1, 0, 0, tzinfo=AMS), tick=False):
        assert (
            _rij(
                naleving.dashboard(2026, School.objects.all()), "stadsdeeloverleg", stad.gebied_a
            ).cel.status
            == naleving.TE_LAAT
        )
    for maand in (2, 5, 9):
        _overleg(vorm, datetime(2026, maand, 1, 10, tzinfo=AMS), overleggebied=stad.gebied_b)
    with time_machine.travel(datetime(2026, 10, 1, tzinfo=AMS), tick=False):
        assert (
            _rij(
                naleving.dashboard(2026, School.objects.all()), "stadsdeeloverleg", stad.gebied_b
            ).cel.status
            == naleving.BOVEN_MAXIMUM
        )


@pytest.mark.django_db
def test_the_monthly_school_police_meeting_per_month(convenant_data, stad):
    vorm = Overlegvorm.objects.get(code="operationeel-overleg")
    _overleg(vorm, datetime(2026, 1, 15, 10, tzinfo=AMS), school=stad.a1)
    _overleg(vorm, datetime(2026, 3, 15, 10, tzinfo=AMS), school=stad.a1)
    with time_machine.travel(datetime(2026, 3, 20, tzinfo=AMS), tick=False):
        rij = _rij(naleving.dashboard(2026, School.objects.all()), "operationeel-overleg", stad.a1)
    assert [c.status for c in rij.maanden[:4]] == [
        naleving.VOLDAAN,
        naleving.TE_LAAT,
        naleving.VOLDAAN,
        naleving.NOG_NIET,
    ]
    assert rij.cel.status == naleving.TE_LAAT  # February was missed


@pytest.mark.django_db
def test_the_dashboard_takes_a_fixed_number_of_queries(
    convenant_data, stad, django_assert_max_num_queries
):
    from tests.factories import SchoolFactory

    vorm = Overlegvorm.objects.get(code="operationeel-overleg")
    with django_assert_max_num_queries(6):
        naleving.dashboard(2026, School.objects.all())
    for n in range(10):
        school = SchoolFactory(stadsdeel=stad.a1.stadsdeel, bestuur=stad.bestuur_x)
        _overleg(vorm, datetime(2026, 1 + n, 3, 10, tzinfo=AMS), school=school)
    with django_assert_max_num_queries(6):
        rijen = naleving.dashboard(2026, School.objects.all())
    assert len([r for r in rijen if r.vorm.code == "operationeel-overleg"]) == 13


@pytest.mark.django_db
def test_a_primary_school_is_held_to_the_frequency_it_agreed(convenant_data, stad):
    from tests.factories import SchoolFactory, WijkFactory

    vorm = Overlegvorm.objects.get(code="contact-po-politie")
    wijk = WijkFactory(stadsdeel=stad.a1.stadsdeel)
    afspraak = SchoolFactory(
        sector="PO", wijk=wijk, stadsdeel=wijk.stadsdeel, politiecontact_per_jaar=3
    )
    zonder = SchoolFactory(sector="PO", wijk=wijk, stadsdeel=wijk.stadsdeel)
    for maand in (2, 6):
        _overleg(vorm, datetime(2026, maand, 1, 10, tzinfo=AMS), school=afspraak)
    with time_machine.travel(datetime(2027, 1, 2, tzinfo=AMS), tick=False):
        rijen = naleving.dashboard(2026, School.objects.all(), vormen=[vorm])
    assert _rij(rijen, "contact-po-politie", afspraak).cel.status == naleving.TE_LAAT  # 2 of 3
    assert _rij(rijen, "contact-po-politie", zonder).cel.status == naleving.GEEN_AFSPRAAK
    _overleg(vorm, datetime(2026, 9, 1, 10, tzinfo=AMS), school=afspraak)
    with time_machine.travel(datetime(2027, 1, 2, tzinfo=AMS), tick=False):
        rijen = naleving.dashboard(2026, School.objects.all(), vormen=[vorm])
    assert _rij(rijen, "contact-po-politie", afspraak).cel.status == naleving.VOLDAAN
