"""Issue 14: a year of the covenant walked with time-machine (1 December 2026 to the term's last
day, 13 November 2027). On the day before each moment and on the day itself the hourly scan runs
(twice: beat firing twice) and everything that goes out is sent (at once, the daily digest, on
Mondays the weekly one). Every message fires on its day, not the day before, and goes out once."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from berichten import diensten, verzenden
from berichten.models import Bericht
from meldingen import diensten as meldingdiensten
from meldingen import regels as meldingregels
from overleggen import diensten as overlegdiensten
from overleggen.models import Overleg, Overlegvorm
from partijen.models import Gebruiker, Persoon, Rol
from tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
BEGIN, EINDE = date(2026, 12, 1), date(2027, 11, 13)


def _dag(d: date, n: int = 1) -> date:
    return d + timedelta(days=n)


def _laatste_van_maand(jaar: int, maand: int) -> date:
    return _dag(date(jaar + maand // 12, maand % 12 + 1, 1), -1)


@pytest.fixture
def wereld(convenant_data, stad, gebruikers):
    from convenant.models import Convenant, Ondertekening

    # both boards signed with the first partners, so their schools' meetings are owed
    for bestuur in (stad.bestuur_x, stad.bestuur_y):
        Ondertekening.objects.create(
            convenant=Convenant.objects.actueel(), organisatie=bestuur, datum=date(2023, 11, 14)
        )
    return stad, gebruikers


def _verstuur(dag: date) -> None:
    for gebruiker_id in Gebruiker.objects.values_list("pk", flat=True):
        try:
            verzenden.verstuur_direct(gebruiker_id)
        except verzenden.Verzendfout:  # pragma: no cover - the locmem backend does not fail
            raise
    verzenden.verstuur_overzichten("dagelijks")
    if dag.weekday() == 0:
        verzenden.verstuur_overzichten("wekelijks")


def test_a_year_every_message_fires_on_its_day_once(wereld):
    stad, gebruikers = wereld
    projectleider = gebruikers[Rol.PROJECTLEIDER]
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]  # a1
    politie = gebruikers[Rol.POLITIE_CONTACTPERSOON]  # a2, b1
    expert = gebruikers[Rol.POLITIE_OPERATIONEEL_EXPERT]  # area b
    vm = gebruikers[Rol.VEILIGHEIDSMANAGER]  # area a

    # What happens in the year, and on which day.
    melddag = date(2027, 2, 1)
    plandag, overlegdag = date(2027, 2, 15), date(2027, 3, 10)
    actie_deadline = date(2027, 4, 1)

    def gebeurt(dag):
        if dag == melddag:
            melding = MeldingFactory(school=stad.b1, categorieen=["fysiek-geweld-letsel"])
            meldingdiensten.politiemelding_vastleggen(
                melding=melding, gebruiker=coordinator, datum=dag, soort="aangifte", door="C"
            )
        if dag == plandag:
            overlegdiensten.overleg_plannen(
                door=vm,
                vorm=Overlegvorm.objects.get(code="stadsdeeloverleg"),
                start=datetime(2027, 3, 10, 10, tzinfo=AMS),
                einde=datetime(2027, 3, 10, 11, tzinfo=AMS),
                deelnemers=[Persoon.objects.get(gebruiker=u) for u in (coordinator, politie)],
                overleggebied=stad.gebied_a,
            )
        if dag == overlegdag:
            overleg = Overleg.objects.get()
            overlegdiensten.verslag_vastleggen(
                overleg=overleg,
                status=Overleg.Status.GEHOUDEN,
                aanwezigen=list(overleg.deelnemers.all()),
                verslag="Besproken.",
                besluiten="",
                actiepunten=[
                    {
                        "omschrijving": "Afspraken met de wijkagent delen",
                        "eigenaar": Persoon.objects.get(gebruiker=coordinator),
                        "deadline": actie_deadline,
                    }
                ],
            )

    # The moments the year must bring: (first day, recipient, kind, moment, a part of the key).
    verwacht = [
        (BEGIN, projectleider, "looptijd", "12m", ""),
        (date(2027, 5, 14), projectleider, "looptijd", "6m", ""),
        (date(2027, 8, 14), projectleider, "looptijd", "3m", ""),
        (melddag, politie, "politie_nieuw", "open", ""),
        (plandag, coordinator, "uitnodiging", "gepland:2027-03-10T10:00+01:00", ""),
        (plandag, politie, "uitnodiging", "gepland:2027-03-10T10:00+01:00", ""),
        (_dag(overlegdag, -7), coordinator, "overleg_herinnering", "week:2027-03-10T10:00", ""),
        (_dag(overlegdag, -1), coordinator, "overleg_herinnering", "dag:2027-03-10T10:00", ""),
        (_dag(overlegdag, -7), politie, "overleg_herinnering", "week:2027-03-10T10:00", ""),
        (_dag(overlegdag, -1), politie, "overleg_herinnering", "dag:2027-03-10T10:00", ""),
        # art. 4: November 2026 ended short (on the walk's first day, the 1st of December), and
        # the yearly kinds that ended 2026 short, on New Year's Day
        (BEGIN, projectleider, "overleg_gemist", "te_laat", "2026-11$"),
        (date(2027, 1, 1), projectleider, "overleg_gemist", "te_laat", ":2026$"),
        (overlegdag, coordinator, "actiepunt", "open", ""),
        (_dag(actie_deadline), coordinator, "actiepunt", "te_laat", ""),
    ]
    # Art. 6.1: every month, the school-police meeting in its last week, for the coordinator;
    # art. 4: the month that ended short, on the 1st of the next, for the project leader.
    for jaar, maand in [(2026, 12)] + [(2027, m) for m in range(1, 11)]:
        laatste = _laatste_van_maand(jaar, maand)
        verwacht.append(
            (_dag(laatste, -6), coordinator, "maandoverleg", "open", f"{jaar}-{maand:02d}$")
        )
        verwacht.append(
            (_dag(laatste, -6), politie, "maandoverleg", "open", f"{jaar}-{maand:02d}$")
        )
        verwacht.append(
            (_dag(laatste), projectleider, "overleg_gemist", "te_laat", f"{jaar}-{maand:02d}$")
        )
    # Art. 3.2: the day after the report's final day it is late; five working days later the
    # operational expert of the area hears of it.
    uiterlijk = meldingregels.uiterste_reactiedatum(
        melddag, meldingregels.reactietermijn(list(_categorieen("fysiek-geweld-letsel")))
    )
    verwacht.append((_dag(uiterlijk), politie, "politie_te_laat", "te_laat", ""))
    escalatie = _dag(meldingregels.uiterste_reactiedatum(uiterlijk, 5))
    verwacht.append((escalatie, expert, "politie_escalatie", "te_laat", ""))

    gevolgd = {soort for _d, _u, soort, _m, _k in verwacht}
    dagen = sorted(
        {BEGIN, EINDE, melddag, plandag, overlegdag}
        | {d for d, *_ in verwacht}
        | {_dag(d, -1) for d, *_ in verwacht if d > BEGIN}
    )
    eerste_dag: dict[int, date] = {}
    for dag in dagen:
        with time_machine.travel(
            datetime(dag.year, dag.month, dag.day, 12, tzinfo=AMS), tick=False
        ):
            gebeurt(dag)
            diensten.scan(dag)
            diensten.scan(dag)
            _verstuur(dag)
        for pk in Bericht.objects.filter(soort__in=gevolgd).values_list("pk", flat=True):
            eerste_dag.setdefault(pk, dag)

    berichten = {b.pk: b for b in Bericht.objects.filter(soort__in=gevolgd)}
    gevonden = []
    for dag, ontvanger, soort, moment, sleuteldeel in verwacht:
        treffers = [
            b
            for b in berichten.values()
            if (b.ontvanger_id, b.soort, b.moment) == (ontvanger.pk, soort, moment)
            and re.search(sleuteldeel, b.sleutel)
        ]
        assert treffers, (dag, ontvanger.username, soort, moment, sleuteldeel)
        assert {eerste_dag[b.pk] for b in treffers} == {dag}, (soort, moment, sleuteldeel)
        gevonden += treffers
    # Nothing fired that the year did not ask for (of the kinds followed here).
    gevolgde_mensen = {projectleider.pk, coordinator.pk, politie.pk, expert.pk}
    onverwacht = (
        set(berichten) - {b.pk for b in gevonden} - _andere_ontvangers(berichten, gevolgde_mensen)
    )
    assert not onverwacht, [(str(berichten[pk]), eerste_dag[pk]) for pk in onverwacht]

    # Each message went out once: one e-mail each at once, one line each in a digest.
    verzonden = Bericht.objects.filter(email=Bericht.Email.VERZONDEN).count()
    regels_in_mails = sum(
        sum(1 for r in m.body.splitlines() if r.startswith("- ")) if "overzicht" in m.subject else 1
        for m in mail.outbox
    )
    assert verzonden == regels_in_mails
    assert verzonden > 0


def _categorieen(*codes):
    from meldingen.models import Categorie

    return Categorie.objects.filter(code__in=codes)


def _andere_ontvangers(berichten, gevolgd_voor):
    """The messages of the followed kinds to people this walk does not follow (e.g. the safety
    manager's missed periods of her area, the police contact's monthly meetings)."""
    return {pk for pk, b in berichten.items() if b.ontvanger_id not in gevolgd_voor}
