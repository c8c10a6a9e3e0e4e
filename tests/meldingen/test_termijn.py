"""Art. 3.2: a report past its response target, one rule read on every path, at its edges.

The report is recorded through the school's page (which fixes the final day in working days),
then on the days around that final day the incident page (one incident), the list's filter
and the police's counter (the database over the list) must give the same answer.
"""

from datetime import date, datetime, time

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from meldingen.models import Melding
from meldingen.querysets import te_laat_voor_politie
from tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db


def _om_negen(dag: date) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time(9)))


def _te_laat_volgens_elk_pad(politie_gebruiker, melding) -> set[bool]:
    politie = Client()
    politie.force_login(politie_gebruiker)
    pagina = politie.get(f"/meldingen/{melding.pk}/").context["melding"].te_laat
    in_filter = melding.pk in {
        m.pk for m in politie.get("/meldingen/", {"te_laat": "true"}).context["pagina"]
    }
    buiten_filter = melding.pk in {
        m.pk for m in politie.get("/meldingen/", {"te_laat": "false"}).context["pagina"]
    }
    teller = te_laat_voor_politie(politie_gebruiker) == 1
    assert in_filter is not buiten_filter
    return {pagina, in_filter, teller}


@pytest.mark.parametrize(
    ("gemeld", "vandaag", "te_laat"),
    [
        # Carrying a weapon: one working day. Reported on Friday, the final day is Monday.
        (date(2026, 11, 27), date(2026, 11, 29), False),  # the Sunday before
        (date(2026, 11, 27), date(2026, 11, 30), False),  # the final day itself
        (date(2026, 11, 27), date(2026, 12, 1), True),  # the day after
        # Christmas (Friday 25, Saturday 26 December) and a weekend: the final day is Monday 28.
        (date(2026, 12, 24), date(2026, 12, 27), False),
        (date(2026, 12, 24), date(2026, 12, 28), False),
        (date(2026, 12, 24), date(2026, 12, 29), True),
        # King's Day, Monday 27 April 2026: reported on Friday 24, the final day is Tuesday 28.
        (date(2026, 4, 24), date(2026, 4, 27), False),
        (date(2026, 4, 24), date(2026, 4, 28), False),
        (date(2026, 4, 24), date(2026, 4, 29), True),
    ],
)
def test_every_path_agrees_on_overdue_at_the_edges(
    convenant_data, stad, gebruikers, in_rol, gemeld, vandaag, te_laat
):
    coordinator = gebruikers["coordinator_veiligheid"]
    in_rol(coordinator, "coordinator_veiligheid", school=stad.a2)
    melding = MeldingFactory(school=stad.a2, categorieen=["wapenbezit"], tijdstip=_om_negen(gemeld))
    with time_machine.travel(_om_negen(gemeld), tick=False):
        school = Client()
        school.force_login(coordinator)
        school.post(
            f"/meldingen/{melding.pk}/politiemelding/",
            {"datum": gemeld.isoformat(), "soort": "melding", "door": "C", "referentie": "PL1"},
        )
    assert Melding.objects.get(pk=melding.pk).politiemelding.datum == gemeld

    for uur in (time(0, 1), time(23, 59)):
        moment = timezone.make_aware(datetime.combine(vandaag, uur))
        with time_machine.travel(moment, tick=False):
            assert _te_laat_volgens_elk_pad(gebruikers["politie_contactpersoon"], melding) == {
                te_laat
            }


def test_after_the_intervention_no_path_calls_it_overdue(convenant_data, stad, gebruikers):
    melding = MeldingFactory(
        school=stad.a2, categorieen=["wapenbezit"], tijdstip=_om_negen(date(2026, 11, 27))
    )
    politie_gebruiker = gebruikers["politie_contactpersoon"]
    with time_machine.travel(_om_negen(date(2026, 11, 27)), tick=False):
        from meldingen import diensten

        diensten.politiemelding_vastleggen(
            melding=melding,
            gebruiker=gebruikers["coordinator_veiligheid"],
            datum=date(2026, 11, 27),
            soort="melding",
            door="C",
        )
    with time_machine.travel(_om_negen(date(2026, 12, 1)), tick=False):
        assert _te_laat_volgens_elk_pad(politie_gebruiker, melding) == {True}
        politie = Client()
        politie.force_login(politie_gebruiker)
        politie.post(
            f"/meldingen/{melding.pk}/politie/status/", {"status": "interventie_uitgevoerd"}
        )
        # "interventie_uitgevoerd" cannot follow "gemeld": still overdue.
        assert _te_laat_volgens_elk_pad(politie_gebruiker, melding) == {True}
        politie.post(f"/meldingen/{melding.pk}/politie/status/", {"status": "in_behandeling"})
        assert _te_laat_volgens_elk_pad(politie_gebruiker, melding) == {True}
        politie.post(
            f"/meldingen/{melding.pk}/politie/status/", {"status": "interventie_uitgevoerd"}
        )
        assert _te_laat_volgens_elk_pad(politie_gebruiker, melding) == {False}
