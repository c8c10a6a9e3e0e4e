"""Compliance with the meeting structure (art. 5-7), at its edges."""

from datetime import date, datetime, timedelta
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
        (1, 2, 1, 0, False, naleving.Nalevingsstatus.VOLDAAN),
        (1, 2, 0, 1, False, naleving.Nalevingsstatus.GEPLAND),
        (1, 2, 0, 0, False, naleving.Nalevingsstatus.IN_TE_PLANNEN),
        (1, 2, 0, 0, True, naleving.Nalevingsstatus.TE_LAAT),
        (1, 2, 2, 1, False, naleving.Nalevingsstatus.BOVEN_MAXIMUM),
        (4, None, 3, 0, True, naleving.Nalevingsstatus.TE_LAAT),
        (4, None, 5, 0, True, naleving.Nalevingsstatus.VOLDAAN),
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
            == naleving.Nalevingsstatus.VOLDAAN
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
    assert cel.status == naleving.Nalevingsstatus.IN_TE_PLANNEN


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
            == naleving.Nalevingsstatus.TE_LAAT
        )
    for maand in (2, 5, 9):
        _overleg(vorm, datetime(2026, maand, 1, 10, tzinfo=AMS), overleggebied=stad.gebied_b)
    with time_machine.travel(datetime(2026, 10, 1, tzinfo=AMS), tick=False):
        assert (
            _rij(
                naleving.dashboard(2026, School.objects.all()), "stadsdeeloverleg", stad.gebied_b
            ).cel.status
            == naleving.Nalevingsstatus.BOVEN_MAXIMUM
        )


@pytest.mark.django_db
def test_the_monthly_school_police_meeting_per_month(convenant_data, stad, ondertekend):
    vorm = Overlegvorm.objects.get(code="operationeel-overleg")
    _overleg(vorm, datetime(2026, 1, 15, 10, tzinfo=AMS), school=stad.a1)
    _overleg(vorm, datetime(2026, 3, 15, 10, tzinfo=AMS), school=stad.a1)
    with time_machine.travel(datetime(2026, 3, 20, tzinfo=AMS), tick=False):
        rij = _rij(naleving.dashboard(2026, School.objects.all()), "operationeel-overleg", stad.a1)
    assert [c.status for c in rij.maanden[:4]] == [
        naleving.Nalevingsstatus.VOLDAAN,
        naleving.Nalevingsstatus.TE_LAAT,
        naleving.Nalevingsstatus.VOLDAAN,
        naleving.Nalevingsstatus.NOG_NIET,
    ]
    assert rij.cel.status == naleving.Nalevingsstatus.TE_LAAT  # February was missed


@pytest.mark.django_db
def test_the_dashboard_takes_a_fixed_number_of_queries(
    convenant_data, stad, django_assert_max_num_queries
):
    from tests.factories import SchoolFactory

    vorm = Overlegvorm.objects.get(code="operationeel-overleg")
    # Computed: the counts, the memberships, the term's last day (art. 10.3), the scopes; then
    # the rows made model rows (issue 15: the kinds, schools, areas, neighbourhoods).
    with django_assert_max_num_queries(14):
        naleving.dashboard(2026, School.objects.all())
    for n in range(10):
        school = SchoolFactory(stadsdeel=stad.a1.stadsdeel, bestuur=stad.bestuur_x)
        _overleg(vorm, datetime(2026, 1 + n, 3, 10, tzinfo=AMS), school=school)
    with django_assert_max_num_queries(14):
        rijen = naleving.dashboard(2026, School.objects.all())
    assert len([r for r in rijen if r.vorm.code == "operationeel-overleg"]) == 13
    # Read again with nothing changed: from the cache, without the computation's queries.
    with django_assert_max_num_queries(7):
        assert naleving.dashboard(2026, School.objects.all()) == rijen


@pytest.mark.django_db
def test_a_primary_school_is_held_to_the_frequency_it_agreed(convenant_data, stad, ondertekend):
    from tests.factories import SchoolFactory, WijkFactory

    vorm = Overlegvorm.objects.get(code="contact-po-politie")
    wijk = WijkFactory(stadsdeel=stad.a1.stadsdeel)
    afspraak = SchoolFactory(
        sector="PO",
        wijk=wijk,
        stadsdeel=wijk.stadsdeel,
        politiecontact_per_jaar=3,
        bestuur=stad.bestuur_x,
    )
    zonder = SchoolFactory(sector="PO", wijk=wijk, stadsdeel=wijk.stadsdeel, bestuur=stad.bestuur_x)
    for maand in (2, 6):
        _overleg(vorm, datetime(2026, maand, 1, 10, tzinfo=AMS), school=afspraak)
    with time_machine.travel(datetime(2027, 1, 2, tzinfo=AMS), tick=False):
        rijen = naleving.dashboard(2026, School.objects.all(), vormen=[vorm])
    assert (
        _rij(rijen, "contact-po-politie", afspraak).cel.status == naleving.Nalevingsstatus.TE_LAAT
    )  # 2 of 3
    assert (
        _rij(rijen, "contact-po-politie", zonder).cel.status
        == naleving.Nalevingsstatus.GEEN_AFSPRAAK
    )
    _overleg(vorm, datetime(2026, 9, 1, 10, tzinfo=AMS), school=afspraak)
    with time_machine.travel(datetime(2027, 1, 2, tzinfo=AMS), tick=False):
        rijen = naleving.dashboard(2026, School.objects.all(), vormen=[vorm])
    assert (
        _rij(rijen, "contact-po-politie", afspraak).cel.status == naleving.Nalevingsstatus.VOLDAAN
    )


# Art. 10.1: a partner's duties start on its own signing date.


@pytest.mark.parametrize(
    ("minimum", "begin", "einde", "ingang", "verwacht"),
    [
        # a month that ends the day before the signing: not required
        (1, date(2024, 10, 1), date(2024, 10, 31), date(2024, 11, 1), 0),
        # a month that starts on the signing day: required in full
        (1, date(2024, 11, 1), date(2024, 11, 30), date(2024, 11, 1), 1),
        # signed partway through the month: that month is not yet required
        (1, date(2024, 11, 1), date(2024, 11, 30), date(2024, 11, 13), 0),
        # the first month after the signing: required
        (1, date(2024, 12, 1), date(2024, 12, 31), date(2024, 11, 13), 1),
        # four a year, signed mid-November: no whole quarter left that year
        (4, date(2024, 1, 1), date(2024, 12, 31), date(2024, 11, 13), 0),
        # four a year, signed on 1 July: the half year left asks for two
        (4, date(2024, 1, 1), date(2024, 12, 31), date(2024, 7, 1), 2),
        # once a year, signed partway: the first full year asks for it
        (1, date(2023, 1, 1), date(2023, 12, 31), date(2023, 11, 14), 0),
        (1, date(2024, 1, 1), date(2024, 12, 31), date(2023, 11, 14), 1),
        # never signed: no covenant duties at all
        (1, date(2024, 1, 1), date(2024, 12, 31), None, None),
    ],
)
def test_a_duty_counts_from_the_signing_date(minimum, begin, einde, ingang, verwacht):
    assert naleving.verplicht_minimum(minimum, begin, einde, ingang) == verwacht


@pytest.mark.parametrize(
    ("minimum", "begin", "einde", "uitgang", "verwacht"),
    [
        # left on the last day of February: two months of the year, no whole quarter
        (4, date(2027, 1, 1), date(2027, 12, 31), date(2027, 2, 28), 0),
        # left at the end of June: half a year asks for two of four
        (4, date(2027, 1, 1), date(2027, 12, 31), date(2027, 6, 30), 1),
        (4, date(2027, 1, 1), date(2027, 12, 31), date(2027, 7, 2), 2),
        # the month it left is owed only when it stayed to its last day
        (1, date(2027, 2, 1), date(2027, 2, 28), date(2027, 2, 28), 1),
        (1, date(2027, 2, 1), date(2027, 2, 28), date(2027, 2, 27), 0),
        # the months after it left ask nothing
        (1, date(2027, 3, 1), date(2027, 3, 31), date(2027, 2, 28), 0),
    ],
)
def test_a_duty_ends_with_the_membership_after_a_notice(minimum, begin, einde, uitgang, verwacht):
    """Art. 10.2: no duty after a partner left."""
    ingang = date(2023, 11, 14)
    assert naleving.verplicht_minimum(minimum, begin, einde, ingang, uitgang) == verwacht


@pytest.mark.django_db
def test_the_months_after_a_board_left_are_not_late(convenant_data, stad):
    from convenant.models import Convenant, Opzegging

    _toetreding(stad.bestuur_x, date(2024, 11, 13))
    Opzegging.objects.create(
        convenant=Convenant.objects.actueel(), organisatie=stad.bestuur_x, datum=date(2026, 8, 31)
    )
    vorm = Overlegvorm.objects.get(code="operationeel-overleg")
    with time_machine.travel(datetime(2028, 1, 2, 12, tzinfo=AMS), tick=False):
        rij = _rij(
            naleving.dashboard(2027, School.objects.all(), vormen=[vorm]), vorm.code, stad.a1
        )
    assert [c.status for c in rij.maanden[:2]] == [naleving.Nalevingsstatus.TE_LAAT] * 2
    assert {c.status for c in rij.maanden[2:11]} == {naleving.Nalevingsstatus.NIET_VERPLICHT}
    # December starts after the term's last day, 13 November 2027 (art. 10.3)
    assert rij.maanden[11].status == naleving.Nalevingsstatus.GEEINDIGD
    assert rij.uitgang == date(2027, 2, 28)


def _toetreding(bestuur, datum):
    from convenant.models import Convenant, Ondertekening

    return Ondertekening.objects.create(
        convenant=Convenant.objects.actueel(), organisatie=bestuur, datum=datum, toetreding=True
    )


@pytest.mark.django_db
def test_the_months_before_a_board_acceded_are_not_late(convenant_data, stad):
    _toetreding(stad.bestuur_x, date(2024, 11, 13))
    vorm = Overlegvorm.objects.get(code="operationeel-overleg")
    # The day before the signing: no month of 2024 is late for its school.
    with time_machine.travel(datetime(2024, 11, 12, 12, tzinfo=AMS), tick=False):
        rij = _rij(
            naleving.dashboard(2024, School.objects.all(), vormen=[vorm]), vorm.code, stad.a1
        )
    assert naleving.Nalevingsstatus.TE_LAAT not in {c.status for c in rij.maanden}
    assert rij.cel.status != naleving.Nalevingsstatus.TE_LAAT
    # The signing day: November was signed partway, December is not due yet.
    with time_machine.travel(datetime(2024, 11, 13, 12, tzinfo=AMS), tick=False):
        rij = _rij(
            naleving.dashboard(2024, School.objects.all(), vormen=[vorm]), vorm.code, stad.a1
        )
    assert rij.maanden[0].status == naleving.Nalevingsstatus.NIET_VERPLICHT
    assert rij.maanden[10].status == naleving.Nalevingsstatus.NIET_VERPLICHT
    assert rij.maanden[11].status == naleving.Nalevingsstatus.NOG_NIET
    assert rij.cel.status != naleving.Nalevingsstatus.TE_LAAT
    assert rij.ingang == date(2024, 11, 13)
    # The first month after the signing was missed: that month, and only that one, is late.
    with time_machine.travel(datetime(2025, 1, 1, 0, 0, tzinfo=AMS), tick=False):
        rij = _rij(
            naleving.dashboard(2024, School.objects.all(), vormen=[vorm]), vorm.code, stad.a1
        )
    assert [c.status for c in rij.maanden].count(naleving.Nalevingsstatus.TE_LAAT) == 1
    assert rij.maanden[11].status == naleving.Nalevingsstatus.TE_LAAT
    assert rij.cel.status == naleving.Nalevingsstatus.TE_LAAT


@pytest.mark.django_db
def test_the_year_a_board_acceded_partway_is_counted_pro_rata(convenant_data, stad):
    _toetreding(stad.bestuur_x, date(2024, 11, 13))
    beleid = Overlegvorm.objects.get(code="beleidsmatig-overleg")
    with time_machine.travel(datetime(2025, 1, 2, tzinfo=AMS), tick=False):
        rijen = naleving.dashboard(2024, School.objects.all(), vormen=[beleid])
        assert (
            _rij(rijen, beleid.code, stad.a1).cel.status == naleving.Nalevingsstatus.NIET_VERPLICHT
        )
        # the first whole year is required in full
        rijen = naleving.dashboard(2025, School.objects.all(), vormen=[beleid])
    with time_machine.travel(datetime(2026, 1, 2, tzinfo=AMS), tick=False):
        rijen = naleving.dashboard(2025, School.objects.all(), vormen=[beleid])
        assert _rij(rijen, beleid.code, stad.a1).cel.status == naleving.Nalevingsstatus.TE_LAAT


@pytest.mark.django_db
def test_city_wide_meetings_count_from_the_first_signing(convenant_data, stad):
    """Signed on 14 November 2023: 2023 asks nothing of the Kerngroep yet; 2024 asks four."""
    kerngroep = Overlegvorm.objects.get(code="kerngroep")
    with time_machine.travel(datetime(2024, 1, 2, tzinfo=AMS), tick=False):
        rij = _rij(naleving.dashboard(2023, School.objects.all(), vormen=[kerngroep]), "kerngroep")
    assert rij.cel.status == naleving.Nalevingsstatus.NIET_VERPLICHT
    with time_machine.travel(datetime(2025, 1, 2, tzinfo=AMS), tick=False):
        rij = _rij(naleving.dashboard(2024, School.objects.all(), vormen=[kerngroep]), "kerngroep")
    assert rij.cel.status == naleving.Nalevingsstatus.TE_LAAT


@pytest.mark.django_db
def test_a_school_whose_board_did_not_sign_has_no_covenant_duties(
    convenant_data, stad, ondertekend
):
    from tests.factories import OrganisatieFactory, SchoolFactory

    buiten = SchoolFactory(
        naam="Buitenstaander", bestuur=OrganisatieFactory(), stadsdeel=stad.a1.stadsdeel
    )
    with time_machine.travel(datetime(2026, 6, 1, tzinfo=AMS), tick=False):
        rijen = naleving.dashboard(2026, School.objects.all())
    eigen = [r for r in rijen if r.bereik == buiten]
    assert eigen
    assert {r.cel.status for r in eigen} == {naleving.Nalevingsstatus.GEEN_PARTNER}
    assert all(c.status == naleving.Nalevingsstatus.GEEN_PARTNER for r in eigen for c in r.maanden)
    assert str(eigen[0].cel.label) == "geen convenantpartner"
    assert (
        _rij(rijen, "operationeel-overleg", stad.a1).cel.status == naleving.Nalevingsstatus.TE_LAAT
    )
