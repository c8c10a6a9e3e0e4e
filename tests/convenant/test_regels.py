"""Art. 10: term and entry into force, at their edges."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from convenant import regels

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_four_years_from_14_november_2023_end_on_13_november_2027():
    assert regels.einde_looptijd(date(2023, 11, 14), 4) == date(2027, 11, 13)


@pytest.mark.parametrize(
    ("start", "jaren", "einde"),
    [
        (date(2024, 2, 29), 4, date(2028, 2, 28)),
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2024, 3, 1), 1, date(2025, 2, 28)),
        (date(2023, 1, 1), 1, date(2023, 12, 31)),
    ],
)
def test_the_term_ends_the_day_before_the_anniversary(start, jaren, einde):
    assert regels.einde_looptijd(start, jaren) == einde


def test_a_partner_takes_part_from_its_own_first_signature():
    assert regels.inwerkingtreding([date(2024, 11, 13), date(2023, 11, 14)]) == date(2023, 11, 14)
    assert regels.inwerkingtreding([]) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("moment", "verstreken"),
    [
        (datetime(2027, 11, 13, 23, 59, 59, tzinfo=AMSTERDAM), False),
        (datetime(2027, 11, 14, 0, 0, 0, tzinfo=AMSTERDAM), True),
    ],
)
def test_the_partners_page_says_whether_the_term_has_passed(
    client, convenant_data, coordinator, moment, verstreken
):
    with time_machine.travel(moment, tick=False):
        client.force_login(coordinator)
        html = client.get("/convenant/partners/").content.decode()
    assert ("De looptijd is verstreken" in html) is verstreken
    assert ("Van kracht" in html) is not verstreken
    assert "14 november 2023 tot en met 13 november 2027" in html


@pytest.mark.parametrize(
    ("besloten_op", "geweigerd"),
    [(date(2027, 11, 13), False), (date(2027, 11, 14), True)],
)
def test_an_extension_is_decided_while_the_covenant_runs(besloten_op, geweigerd):
    """Art. 10.3: "verlengd met telkens 1 jaar": the decision falls within the term (its last
    day included); after the end the partners sign a new covenant."""
    bezwaren = regels.verlenging_bezwaren(
        date(2027, 9, 1), "evaluatie.pdf", besloten_op, date(2027, 11, 13)
    )
    assert bool(bezwaren) is geweigerd
