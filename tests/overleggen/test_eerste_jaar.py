"""The covenant's first year comes from its signatures (art. 10.1), not from a literal: it opens
the dashboard's years, the meeting list's years, the figures' years and every date window."""

from datetime import date

import pytest
import time_machine

from convenant.models import Ondertekening
from overleggen.models import Overleg, Overlegvorm
from partijen import tijdvenster

pytestmark = pytest.mark.django_db
NU = "2026-11-29T10:00:00+01:00"


@pytest.fixture
def getekend_in_2024(convenant_data):
    """A covenant whose partners all signed in 2024."""
    Ondertekening.objects.update(datum=date(2024, 3, 1))


def test_it_is_the_year_of_the_first_signature(convenant_data):
    assert tijdvenster.eerste_jaar() == 2023  # Almere's, signed on 14 November 2023
    Ondertekening.objects.filter(datum__year=2023).update(datum=date(2025, 1, 1))
    assert tijdvenster.eerste_jaar() == 2024  # the accessions of 13 November 2024


def test_without_a_signature_it_is_the_documented_default(db):
    assert not Ondertekening.objects.exists()
    assert tijdvenster.eerste_jaar() == tijdvenster.EERSTE_JAAR_ZONDER_ONDERTEKENING == 2023


@time_machine.travel(NU, tick=False)
def test_every_date_window_starts_in_that_year(getekend_in_2024):
    for soort in (tijdvenster.Soort.GEPLAND, tijdvenster.Soort.GEBEURD):
        assert tijdvenster.tijdvenster(soort)[0] == date(2024, 1, 1)


@time_machine.travel(NU, tick=False)
def test_the_dashboard_offers_the_years_from_the_first_signature(
    client, stad, gebruikers, getekend_in_2024
):
    client.force_login(gebruikers["veiligheidsmanager"])
    form = client.get("/overleggen/naleving/").context["form"]
    assert [j for j, _label in form.fields["jaar"].choices] == [2024, 2025, 2026, 2027]


@time_machine.travel(NU, tick=False)
def test_a_meeting_before_the_first_year_is_refused(client, stad, gebruikers, getekend_in_2024):
    client.force_login(gebruikers["veiligheidsmanager"])
    vorm = Overlegvorm.objects.get(code=Overlegvorm.Code.STADSDEELOVERLEG)
    response = client.post(
        "/overleggen/nieuw/",
        {
            "vorm": vorm.pk,
            "overleggebied": stad.gebied_a.pk,
            "start": "2023-12-31T15:00",
            "einde": "2023-12-31T16:00",
        },
    )
    assert "Kies een datum tussen 1-1-2024" in " ".join(response.context["form"].errors["start"])
    assert not Overleg.objects.exists()


@time_machine.travel(NU, tick=False)
def test_the_figures_offer_the_years_from_the_first_signature(
    client, stad, gebruikers, getekend_in_2024
):
    client.force_login(gebruikers["projectleider"])
    response = client.get("/meldingen/cijfers/", {"jaar": "2023"})
    assert response.context["jaren"] == [2024, 2025, 2026]
    assert response.context["jaar"] == 2024
