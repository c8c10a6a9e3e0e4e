"""Art. 3.5 and the introduction: parents are informed only while the student is under 18, on
the day of the incident and on the day they are informed."""

from datetime import date

import pytest
import time_machine

from meldingen import regels
from meldingen.models import Betrokkene
from tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db

INCIDENT = date(2026, 6, 1)
INFORMEREN = date(2026, 11, 29)


@pytest.mark.parametrize(
    ("geboortedatum", "toegestaan"),
    [
        (date(2008, 11, 28), False),  # 18 the day before the parents are informed
        (date(2008, 11, 29), False),  # 18 on the day they are informed
        (date(2008, 11, 30), True),  # 18 the day after: still a minor
    ],
)
def test_the_age_on_the_day_of_informing_counts_too(geboortedatum, toegestaan):
    # In every case the student was a minor on the day of the incident.
    assert regels.minderjarig_op(INCIDENT, geboortedatum) is True
    assert (
        regels.ouders_informeren_toegestaan("leerling", INCIDENT, geboortedatum, op=INFORMEREN)
        is toegestaan
    )


def test_an_adult_on_the_incident_date_stays_excluded_whatever_the_informing_date():
    assert not regels.ouders_informeren_toegestaan(
        "leerling", INCIDENT, date(2008, 5, 31), op=date(2026, 5, 1)
    )


def test_with_only_the_age_a_possible_18th_birthday_since_the_incident_counts():
    # 17 on the day of the incident: perhaps 18 the next day, so not known to be a minor later.
    assert regels.ouders_informeren_toegestaan("leerling", INCIDENT, leeftijd=17, op=INCIDENT)
    assert not regels.ouders_informeren_toegestaan(
        "leerling", INCIDENT, leeftijd=17, op=date(2026, 6, 2)
    )
    # 16 on the day of the incident: certainly under 18 for the next year.
    assert regels.ouders_informeren_toegestaan(
        "leerling", INCIDENT, leeftijd=16, op=date(2027, 6, 1)
    )
    assert not regels.ouders_informeren_toegestaan(
        "leerling", INCIDENT, leeftijd=16, op=date(2027, 6, 2)
    )


@pytest.mark.parametrize(
    ("geboortedatum", "aangeboden"),
    [("2008-11-28", False), ("2008-11-29", False), ("2008-11-30", True)],
)
@time_machine.travel("2026-11-29T10:00:00+01:00", tick=False)
def test_the_incident_page_and_the_record_follow_the_informing_date(
    client, convenant_data, stad, gebruikers, geboortedatum, aangeboden
):
    melding = MeldingFactory(school=stad.a1, tijdstip="2026-06-01T10:00:00+02:00")
    b = Betrokkene.objects.create(
        melding=melding,
        rol="slachtoffer",
        soort="leerling",
        naam="Daan",
        geboortedatum=geboortedatum,
    )
    client.force_login(gebruikers["coordinator_veiligheid"])
    html = client.get(f"/meldingen/{melding.pk}/").content.decode()
    actie = f'action="/meldingen/{melding.pk}/betrokkenen/{b.pk}/ouders/"'
    assert (actie in html) is aangeboden
    if not aangeboden:
        assert "inmiddels 18" in html
    response = client.post(
        f"/meldingen/{melding.pk}/betrokkenen/{b.pk}/ouders/", {"datum": "2026-11-29"}, follow=True
    )
    b.refresh_from_db()
    assert (b.ouders_geinformeerd_op == INFORMEREN) is aangeboden
    if not aangeboden:
        assert "18 jaar of ouder" in response.content.decode()


@time_machine.travel("2026-11-29T10:00:00+01:00", tick=False)
def test_informing_recorded_for_a_day_before_the_birthday_is_accepted(
    client, convenant_data, stad, gebruikers
):
    melding = MeldingFactory(school=stad.a1, tijdstip="2026-06-01T10:00:00+02:00")
    b = Betrokkene.objects.create(
        melding=melding, rol="dader", soort="leerling", geboortedatum="2008-11-28"
    )
    client.force_login(gebruikers["coordinator_veiligheid"])
    client.post(f"/meldingen/{melding.pk}/betrokkenen/{b.pk}/ouders/", {"datum": "2026-11-27"})
    b.refresh_from_db()
    assert b.ouders_geinformeerd_op == date(2026, 11, 27)
