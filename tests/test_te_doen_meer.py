"""Issue 14, second part: the due items the reminders are built on. Each appears for the right
user on its first day (and not the day before), is gone once it is done, and its query count
does not grow with the data: the reminders run every module for every active user."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from convenant import te_doen as convenant_te_doen
from meldingen import diensten, regels
from meldingen import te_doen as meldingen_te_doen
from meldingen.models import Politiemelding, PolitieStatus
from overleggen import te_doen as overleggen_te_doen
from partijen.models import Gebruiker, Rol
from tests.factories import MeldingFactory, SchoolFactory

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def _op(dag, uur=12, minuut=0):
    return time_machine.travel(
        datetime(dag.year, dag.month, dag.day, uur, minuut, tzinfo=AMS), tick=False
    )


def _taken(module, user, dag, soort):
    """The items of one kind for the user on a day, the clock set to that day's noon."""
    with _op(dag):
        # A fresh account object: the roles are kept on it per day (partijen.rollen).
        user = Gebruiker.objects.get(pk=user.pk)
        return [t for t in module.voor(user, dag) if t.soort == soort]


def _sleutels(module, user, dag, soort):
    return {t.sleutel for t in _taken(module, user, dag, soort)}


def _dag(dag: date, dagen: int) -> date:
    return dag + timedelta(days=dagen)


@pytest.fixture
def ondertekend(convenant_data, stad):
    """Both boards of the small city signed with the first partners (art. 10.1), so their
    schools' meetings are owed."""
    from convenant.models import Convenant, Ondertekening

    for bestuur in (stad.bestuur_x, stad.bestuur_y):
        Ondertekening.objects.create(
            convenant=Convenant.objects.actueel(), organisatie=bestuur, datum=date(2023, 11, 14)
        )
    return stad


def _vorm(code):
    from overleggen.models import Overlegvorm

    return Overlegvorm.objects.get(code=code)


def _persoon(user):
    from partijen.models import Persoon

    return Persoon.objects.get(gebruiker=user)


def _plan(vorm, start, door, deelnemers=(), al_gehouden=False, **bereik):
    from overleggen import diensten as overleggen_diensten

    return overleggen_diensten.overleg_plannen(
        door=door,
        vorm=vorm,
        start=start,
        einde=start + timedelta(hours=1),
        deelnemers=list(deelnemers),
        al_gehouden=al_gehouden,
        **bereik,
    )


# --- Incidents ------------------------------------------------------------------------------


def _politiemelding(melding, door, datum=date(2026, 10, 1)):
    diensten.politiemelding_vastleggen(
        melding=melding,
        gebruiker=door,
        datum=datum,
        soort=Politiemelding.Soort.AANGIFTE,
        door="Carla",
    )
    return Politiemelding.objects.get(melding=melding).reactie_uiterlijk


def test_the_escalation_term_counts_working_days(settings):
    """Art. 3.2: with a target on Friday 2 October 2026, five further working days end on
    Friday 9 October: escalated from Saturday the 10th."""
    assert meldingen_te_doen.escalatiegrens(date(2026, 10, 10), 5) == date(2026, 10, 4)
    assert meldingen_te_doen.escalatiegrens(date(2026, 10, 9), 5) == date(2026, 10, 1)
    # Christmas and New Year's Day are no working days: a target on 24 December is escalated
    # from 5 January (as would one on the days after it up to the Sunday, were any a target)
    assert regels.uiterste_reactiedatum(date(2026, 12, 24), 5) == date(2027, 1, 4)
    assert meldingen_te_doen.escalatiegrens(date(2027, 1, 5), 5) == date(2026, 12, 27)
    assert meldingen_te_doen.escalatiegrens(date(2027, 1, 4), 5) < date(2026, 12, 24)


def test_a_report_long_past_its_target_is_escalated_to_the_operational_expert(
    convenant_data, stad, gebruikers, maak_gebruiker, in_rol, settings
):
    settings.POLITIE_ESCALATIE_WERKDAGEN = 5
    expert = gebruikers[Rol.POLITIE_OPERATIONEEL_EXPERT]  # area b
    ander_gebied = maak_gebruiker(Rol.POLITIE_OPERATIONEEL_EXPERT, username="expert-a")
    in_rol(ander_gebied, Rol.POLITIE_OPERATIONEEL_EXPERT, overleggebied=stad.gebied_a)
    stadsbreed = maak_gebruiker(Rol.POLITIE_OPERATIONEEL_EXPERT, username="expert-stad")
    politie = gebruikers[Rol.POLITIE_CONTACTPERSOON]
    melding = MeldingFactory(school=stad.b1, categorieen=["fysiek-geweld-letsel"])
    uiterlijk = _politiemelding(melding, gebruikers[Rol.COORDINATOR_VEILIGHEID])
    laatste_dag = regels.uiterste_reactiedatum(uiterlijk, 5)
    sleutel = f"melding:{melding.pk}"

    soort = "politie_escalatie"
    assert not _taken(meldingen_te_doen, expert, laatste_dag, soort)
    eerste_dag = _dag(laatste_dag, 1)
    [taak] = _taken(meldingen_te_doen, expert, eerste_dag, soort)
    assert (taak.sleutel, taak.artikel, taak.uiterlijk) == (sleutel, "3.2", uiterlijk)
    assert taak.te_laat(eerste_dag)
    assert taak.moment(eerste_dag) == "te_laat"
    assert taak.url == f"/partijen/scholen/{stad.b1.pk}/"  # he sees no incidents (art. 8)
    assert _sleutels(meldingen_te_doen, stadsbreed, eerste_dag, soort) == {sleutel}
    assert not _taken(meldingen_te_doen, ander_gebied, eerste_dag, soort)
    assert not _taken(meldingen_te_doen, politie, eerste_dag, soort)
    # taken up but still no intervention: still escalated; after the intervention, gone
    diensten.politiestatus_toevoegen(
        melding=melding, door=politie, status=PolitieStatus.Status.IN_BEHANDELING
    )
    assert _sleutels(meldingen_te_doen, expert, eerste_dag, soort) == {sleutel}
    diensten.politiestatus_toevoegen(
        melding=melding, door=politie, status=PolitieStatus.Status.INTERVENTIE
    )
    assert not _taken(meldingen_te_doen, expert, _dag(eerste_dag, 30), soort)


def test_the_escalation_term_is_a_setting(convenant_data, stad, gebruikers, settings):
    expert = gebruikers[Rol.POLITIE_OPERATIONEEL_EXPERT]
    melding = MeldingFactory(school=stad.b1, categorieen=["fysiek-geweld-letsel"])
    uiterlijk = _politiemelding(melding, gebruikers[Rol.COORDINATOR_VEILIGHEID])
    settings.POLITIE_ESCALATIE_WERKDAGEN = 10
    laatste_dag = regels.uiterste_reactiedatum(uiterlijk, 10)
    assert not _taken(meldingen_te_doen, expert, laatste_dag, "politie_escalatie")
    assert _taken(meldingen_te_doen, expert, _dag(laatste_dag, 1), "politie_escalatie")


def test_an_open_reporting_code_record_waits_at_its_next_step(
    convenant_data, stad, gebruikers, maak_gebruiker, in_rol
):
    from meldingen.meldcode import MeldcodeDossier, MeldcodeStap

    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]  # a1
    aandacht = gebruikers[Rol.AANDACHTSFUNCTIONARIS]
    in_rol(aandacht, Rol.AANDACHTSFUNCTIONARIS, school=stad.a1)
    elders = maak_gebruiker(Rol.COORDINATOR_VEILIGHEID, username="coordinator-b1")
    in_rol(elders, Rol.COORDINATOR_VEILIGHEID, school=stad.b1)
    dossier = MeldcodeDossier.objects.create(
        school=stad.a1, leerling="Sanne de Vries", geopend_door=coordinator
    )
    dag = date(2026, 10, 2)
    [taak] = _taken(meldingen_te_doen, coordinator, dag, "meldcode")
    assert (taak.sleutel, taak.artikel, taak.uiterlijk, taak.stap) == (
        f"meldcode:{dossier.pk}",
        "2.11",
        None,
        "",
    )
    assert taak.moment(dag) == "open"
    assert "Sanne" not in taak.wat  # the student's name never leaves the record (art. 8)
    assert str(MeldcodeStap.Stap.SIGNALEN.label) in taak.wat
    assert _sleutels(meldingen_te_doen, aandacht, dag, "meldcode") == {f"meldcode:{dossier.pk}"}
    for niet in (elders, gebruikers[Rol.POLITIE_CONTACTPERSOON], gebruikers[Rol.PROJECTLEIDER]):
        assert not _taken(meldingen_te_doen, niet, dag, "meldcode")
    # each step recorded moves the item on; the decision (step 5) closes the record
    diensten.meldcode_stap_vastleggen(dossier=dossier, door=aandacht, stap=1, datum=dag)
    [taak] = _taken(meldingen_te_doen, coordinator, dag, "meldcode")
    assert str(MeldcodeStap.Stap.CONSULTATIE.label) in taak.wat
    for stap in (2, 3, 4):
        diensten.meldcode_stap_vastleggen(dossier=dossier, door=aandacht, stap=stap, datum=dag)
    diensten.meldcode_stap_vastleggen(
        dossier=dossier,
        door=aandacht,
        stap=5,
        datum=dag,
        beslissing=MeldcodeStap.Beslissing.HULP,
    )
    assert not _taken(meldingen_te_doen, coordinator, dag, "meldcode")
    assert not _taken(meldingen_te_doen, aandacht, dag, "meldcode")


def test_a_statement_waits_for_each_partners_approval(
    convenant_data, stad, gebruikers, maak_gebruiker, in_rol
):
    from meldingen.mededelingen import Mededeling
    from tests.factories import OrganisatieFactory

    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    communicatie_x = gebruikers[Rol.COMMUNICATIEMEDEWERKER]
    in_rol(communicatie_x, Rol.COMMUNICATIEMEDEWERKER, organisatie=stad.bestuur_x)
    communicatie_y = maak_gebruiker(Rol.COMMUNICATIEMEDEWERKER, username="communicatie-y")
    in_rol(communicatie_y, Rol.COMMUNICATIEMEDEWERKER, organisatie=stad.bestuur_y)
    communicatie_z = maak_gebruiker(Rol.COMMUNICATIEMEDEWERKER, username="communicatie-z")
    in_rol(communicatie_z, Rol.COMMUNICATIEMEDEWERKER, organisatie=OrganisatieFactory())
    melding = MeldingFactory(school=stad.a1, categorieen=["fysiek-geweld-letsel"])
    _politiemelding(melding, coordinator)
    mededeling = Mededeling.objects.create(
        melding=melding, tekst="De politie onderzoekt een incident.", opgesteld_door=coordinator
    )
    mededeling.partners.set([stad.bestuur_x, stad.bestuur_y])
    dag, sleutel = date(2026, 10, 2), f"mededeling:{mededeling.pk}"

    [taak] = _taken(meldingen_te_doen, communicatie_x, dag, "mededeling")
    assert (taak.sleutel, taak.artikel, taak.uiterlijk) == (sleutel, "9.1", None)
    assert taak.url == f"/meldingen/mededelingen/{mededeling.pk}/"
    assert _sleutels(meldingen_te_doen, communicatie_y, dag, "mededeling") == {sleutel}
    for niet in (communicatie_z, coordinator):
        assert not _taken(meldingen_te_doen, niet, dag, "mededeling")
    diensten.mededeling_goedkeuren(
        mededeling=mededeling, organisatie=stad.bestuur_x, door=communicatie_x
    )
    assert not _taken(meldingen_te_doen, communicatie_x, dag, "mededeling")
    assert _sleutels(meldingen_te_doen, communicatie_y, dag, "mededeling") == {sleutel}
    diensten.mededeling_goedkeuren(
        mededeling=mededeling, organisatie=stad.bestuur_y, door=communicatie_y
    )
    mededeling.refresh_from_db()
    assert mededeling.vrijgegeven_op is not None
    assert not _taken(meldingen_te_doen, communicatie_y, dag, "mededeling")


def test_the_incident_items_take_as_many_queries_for_many_as_for_one(
    convenant_data, stad, gebruikers, in_rol, settings, django_assert_max_num_queries
):
    """One account in every role these items are for: coordinator and reporting code officer
    of a1, the police's city-wide operational expert, communication officer of board X."""
    from meldingen.mededelingen import Mededeling
    from meldingen.meldcode import MeldcodeDossier

    settings.POLITIE_ESCALATIE_WERKDAGEN = 5
    user = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    in_rol(user, Rol.AANDACHTSFUNCTIONARIS, school=stad.a1)
    in_rol(user, Rol.POLITIE_OPERATIONEEL_EXPERT)
    in_rol(user, Rol.COMMUNICATIEMEDEWERKER, organisatie=stad.bestuur_x)

    def voeg_toe():
        melding = MeldingFactory(school=stad.a1, categorieen=["fysiek-geweld-letsel"])
        _politiemelding(melding, user, datum=date(2026, 9, 1))
        MeldingFactory(school=stad.a1, categorieen=["fysiek-geweld-letsel"])  # not yet reported
        dossier = MeldcodeDossier.objects.create(school=stad.a1, leerling="X", geopend_door=user)
        diensten.meldcode_stap_vastleggen(
            dossier=dossier, door=user, stap=1, datum=date(2026, 9, 2)
        )
        mededeling = Mededeling.objects.create(melding=melding, tekst="T", opgesteld_door=user)
        mededeling.partners.set([stad.bestuur_x, stad.bestuur_y])

    dag = date(2026, 10, 2)
    voeg_toe()
    with _op(dag):
        verser = Gebruiker.objects.get(pk=user.pk)
        with CaptureQueriesContext(connection) as een:
            taken = meldingen_te_doen.voor(verser, dag)
    soorten = {t.soort for t in taken}
    assert {"politie_escalatie", "meldcode", "mededeling", "politiemelding"} <= soorten
    for _ in range(6):
        voeg_toe()
    with _op(dag):
        verser = Gebruiker.objects.get(pk=user.pk)
        with django_assert_max_num_queries(len(een.captured_queries)):
            taken = meldingen_te_doen.voor(verser, dag)
    assert len([t for t in taken if t.soort == "meldcode"]) == 7


# --- Meetings -------------------------------------------------------------------------------


def test_a_kind_short_in_its_year_is_due_for_its_organiser_six_weeks_before_the_end(
    ondertekend, gebruikers, maak_gebruiker, in_rol, settings
):
    """Art. 6.3: the area meeting, at least once a year, organised by the area's safety
    manager: from 20 November (six weeks before the year's end) without one held or planned."""
    settings.OVERLEG_SIGNAAL_WEKEN = 6
    stad = ondertekend
    vm = gebruikers[Rol.VEILIGHEIDSMANAGER]  # area a
    vm_b = maak_gebruiker(Rol.VEILIGHEIDSMANAGER, username="vm-b")
    in_rol(vm_b, Rol.VEILIGHEIDSMANAGER, overleggebied=stad.gebied_b)
    vorm = _vorm("stadsdeeloverleg")
    sleutel = f"overlegvorm:{vorm.pk}:overleggebied:{stad.gebied_a.pk}:2026"

    def tekort(user, dag):
        return {
            t.sleutel: t
            for t in _taken(overleggen_te_doen, user, dag, "overleg_tekort")
            if t.sleutel.startswith(f"overlegvorm:{vorm.pk}:")
        }

    assert not tekort(vm, date(2026, 11, 19))
    taak = tekort(vm, date(2026, 11, 20))[sleutel]
    assert (taak.artikel, taak.uiterlijk, taak.stap) == ("6.3", date(2026, 12, 31), "")
    assert taak.url == f"/overleggen/nieuw/?vorm={vorm.pk}&overleggebied={stad.gebied_a.pk}"
    assert taak.moment(date(2026, 11, 20)) == "open"
    assert set(tekort(vm, date(2026, 12, 31))) == {sleutel}
    # another area's safety manager hears of his own area only; the school and the
    # municipality (which may plan it too) do not hear of the area's meeting
    assert set(tekort(vm_b, date(2026, 11, 20))) == {
        f"overlegvorm:{vorm.pk}:overleggebied:{stad.gebied_b.pk}:2026"
    }
    for niet in (
        gebruikers[Rol.COORDINATOR_VEILIGHEID],
        gebruikers[Rol.PROJECTLEIDER],
        gebruikers[Rol.BESTUURDER],
    ):
        assert not tekort(niet, date(2026, 11, 20))
    # the year is over: no longer the organiser's, the project leader's (overleg_gemist)
    assert not tekort(vm, date(2027, 1, 1))
    # planned: gone
    with _op(date(2026, 11, 20)):
        _plan(vorm, datetime(2026, 12, 10, 15, tzinfo=AMS), vm, overleggebied=stad.gebied_a)
    assert sleutel not in tekort(vm, date(2026, 11, 20))


def test_the_signal_weeks_are_a_setting(ondertekend, gebruikers, settings):
    settings.OVERLEG_SIGNAAL_WEKEN = 10
    vm = gebruikers[Rol.VEILIGHEIDSMANAGER]
    assert not _taken(overleggen_te_doen, vm, date(2026, 10, 22), "overleg_tekort")
    assert _taken(overleggen_te_doen, vm, date(2026, 10, 23), "overleg_tekort")


def test_the_monthly_school_police_meeting_is_due_in_the_months_last_week(ondertekend, gebruikers):
    """Art. 6.1: at least once a month, between the school's coordinator and its police
    contact: due for both from seven days before the month ends, by its last day."""
    stad = ondertekend
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]  # a1
    politie = gebruikers[Rol.POLITIE_CONTACTPERSOON]  # a2 and b1
    vorm = _vorm("operationeel-overleg")

    def sleutel(school):
        return f"overlegvorm:{vorm.pk}:school:{school.pk}:2026-10"

    assert not _taken(overleggen_te_doen, coordinator, date(2026, 10, 24), "maandoverleg")
    [taak] = _taken(overleggen_te_doen, coordinator, date(2026, 10, 25), "maandoverleg")
    assert (taak.sleutel, taak.artikel, taak.uiterlijk) == (
        sleutel(stad.a1),
        "6.1",
        date(2026, 10, 31),
    )
    assert _sleutels(overleggen_te_doen, politie, date(2026, 10, 25), "maandoverleg") == {
        sleutel(stad.a2),
        sleutel(stad.b1),
    }
    # the same meeting is not also a yearly shortfall for them, nor the municipality's
    for user in (coordinator, politie):
        assert not _taken(overleggen_te_doen, user, date(2026, 12, 28), "overleg_tekort")
    for niet in (gebruikers[Rol.PROJECTLEIDER], gebruikers[Rol.VEILIGHEIDSMANAGER]):
        assert not _taken(overleggen_te_doen, niet, date(2026, 10, 25), "maandoverleg")
    # still due on the month's last day, gone after it
    assert _sleutels(overleggen_te_doen, coordinator, date(2026, 10, 31), "maandoverleg") == {
        sleutel(stad.a1)
    }
    assert not {
        s
        for s in _sleutels(overleggen_te_doen, coordinator, date(2026, 11, 1), "maandoverleg")
        if s.endswith("2026-10")
    }
    # planned by the police contact for b1: gone for b1, a2 still due
    with _op(date(2026, 10, 26)):
        _plan(vorm, datetime(2026, 10, 29, 10, tzinfo=AMS), politie, school=stad.b1)
    assert _sleutels(overleggen_te_doen, politie, date(2026, 10, 26), "maandoverleg") == {
        sleutel(stad.a2)
    }


def test_a_period_that_ended_short_is_due_for_the_project_leader_and_the_area_for_thirty_days(
    ondertekend, gebruikers, maak_gebruiker
):
    """Art. 4: the municipality supervises compliance; once per kind and period, however many
    schools or areas fell short (the dashboard says which)."""
    stad = ondertekend
    projectleider = gebruikers[Rol.PROJECTLEIDER]
    vm = gebruikers[Rol.VEILIGHEIDSMANAGER]
    stadsdeel, maandelijks = _vorm("stadsdeeloverleg"), _vorm("operationeel-overleg")
    jaar_sleutel = f"overlegvorm:{stadsdeel.pk}:2026"
    maand_sleutel = f"overlegvorm:{maandelijks.pk}:2026-12"

    def gemist(user, dag):
        return {t.sleutel: t for t in _taken(overleggen_te_doen, user, dag, "overleg_gemist")}

    assert not gemist(projectleider, date(2026, 12, 31))
    taken = gemist(projectleider, date(2027, 1, 1))
    assert {jaar_sleutel, maand_sleutel} <= set(taken)
    taak = taken[jaar_sleutel]
    assert (taak.artikel, taak.uiterlijk) == ("4", date(2026, 12, 31))
    assert taak.te_laat(date(2027, 1, 1))
    assert taak.moment(date(2027, 1, 1)) == "te_laat"
    assert taak.url == f"/overleggen/naleving/?jaar=2026&vorm={stadsdeel.pk}"
    assert {jaar_sleutel, maand_sleutel} <= set(gemist(projectleider, date(2027, 1, 30)))
    assert not gemist(projectleider, date(2027, 1, 31))
    # a missed month is the project leader's for thirty days too
    november = f"overlegvorm:{maandelijks.pk}:2026-11"
    assert november in gemist(projectleider, date(2026, 12, 30))
    assert november not in gemist(projectleider, date(2026, 12, 31))
    # one item for the city's three schools' December, one for both areas' year
    assert " 3 " in taken[maand_sleutel].wat
    assert " 2 " in taken[jaar_sleutel].wat
    # the safety manager of area a hears of her area's (a1 and a2; area a), not b1's
    van_vm = gemist(vm, date(2027, 1, 1))
    assert {jaar_sleutel, maand_sleutel} <= set(van_vm)
    assert " 2 " in van_vm[maand_sleutel].wat
    assert "Oost-Haven" in van_vm[jaar_sleutel].wat
    for niet in (gebruikers[Rol.COORDINATOR_VEILIGHEID], gebruikers[Rol.BEHEERDER]):
        assert not gemist(niet, date(2027, 1, 1))
    # held after all (recorded afterwards): not missed
    with _op(date(2027, 1, 2)):
        _plan(
            stadsdeel,
            datetime(2026, 12, 10, 15, tzinfo=AMS),
            vm,
            al_gehouden=True,
            overleggebied=stad.gebied_a,
        )
    assert jaar_sleutel not in gemist(vm, date(2027, 1, 2))
    assert "West-Poort" in gemist(projectleider, date(2027, 1, 2))[jaar_sleutel].wat


def test_a_participant_is_reminded_a_week_and_a_day_before_a_meeting(ondertekend, gebruikers):
    stad = ondertekend
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    politie_a2 = gebruikers[Rol.POLITIE_CONTACTPERSOON]  # not invited
    with _op(date(2026, 10, 1)):
        overleg = _plan(
            _vorm("operationeel-overleg"),
            datetime(2026, 10, 15, 10, tzinfo=AMS),
            coordinator,
            deelnemers=[_persoon(coordinator)],
            school=stad.a1,
        )
    sleutel = f"overleg:{overleg.pk}"

    def herinnering(dag, uur=12, minuut=0):
        with _op(dag, uur, minuut):
            user = Gebruiker.objects.get(pk=coordinator.pk)
            return [
                t for t in overleggen_te_doen.voor(user, dag) if t.soort == "overleg_herinnering"
            ]

    assert not herinnering(date(2026, 10, 7))
    [taak] = herinnering(date(2026, 10, 8))
    assert (taak.sleutel, taak.stap, taak.uiterlijk) == (
        sleutel,
        "week:2026-10-15T10:00",
        date(2026, 10, 15),
    )
    assert taak.moment(date(2026, 10, 8)) == "week:2026-10-15T10:00"
    assert "15-10-2026 10:00" in taak.wat
    assert [t.stap for t in herinnering(date(2026, 10, 13))] == ["week:2026-10-15T10:00"]
    assert [t.stap for t in herinnering(date(2026, 10, 14))] == ["dag:2026-10-15T10:00"]
    assert [t.stap for t in herinnering(date(2026, 10, 15), 9, 59)] == ["dag:2026-10-15T10:00"]
    assert not herinnering(date(2026, 10, 15), 10, 1)  # started
    assert not _taken(overleggen_te_doen, politie_a2, date(2026, 10, 14), "overleg_herinnering")
    # moved: announced anew
    overleg.start = datetime(2026, 10, 16, 14, tzinfo=AMS)
    overleg.einde = overleg.start + timedelta(hours=1)
    overleg.save()
    assert [t.stap for t in herinnering(date(2026, 10, 14))] == ["week:2026-10-16T14:00"]
    # cancelled: gone
    overleg.status = overleg.Status.GEANNULEERD
    overleg.save()
    assert not herinnering(date(2026, 10, 15))


def test_the_meeting_items_take_as_many_queries_for_many_as_for_one(
    ondertekend, gebruikers, maak_gebruiker, in_rol, django_assert_max_num_queries
):
    """On 28 December every kind of meeting item is there: the yearly and monthly shortfalls,
    last month's missed meetings and the coming meetings; for the coordinator of more and more
    schools who takes part in their meetings, the safety manager of more and more areas and the
    project leader who sees them all."""
    stad = ondertekend
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    vm = gebruikers[Rol.VEILIGHEIDSMANAGER]
    projectleider = gebruikers[Rol.PROJECTLEIDER]
    dag = date(2026, 12, 28)
    vorm = _vorm("operationeel-overleg")

    def voeg_toe(n):
        from tests.factories import OverleggebiedFactory, StadsdeelFactory

        for i in range(n):
            gebied = OverleggebiedFactory(code=f"gebied-{vorm.pk}-{i}-{n}")
            stadsdeel = StadsdeelFactory(code=f"deel-{i}-{n}", overleggebied=gebied)
            in_rol(vm, Rol.VEILIGHEIDSMANAGER, overleggebied=gebied)
            school = SchoolFactory(naam=f"Extra {i}", bestuur=stad.bestuur_x, stadsdeel=stadsdeel)
            in_rol(coordinator, Rol.COORDINATOR_VEILIGHEID, school=school)
            with _op(date(2026, 12, 1)):
                _plan(
                    vorm,
                    datetime(2026, 12, 30, 9 + i % 8, tzinfo=AMS),
                    coordinator,
                    deelnemers=[_persoon(coordinator)],
                    school=school,
                )

    def voor_allen():
        with _op(dag):
            return [
                taak
                for user in (coordinator, vm, projectleider)
                for taak in overleggen_te_doen.voor(Gebruiker.objects.get(pk=user.pk), dag)
            ]

    voeg_toe(1)
    with CaptureQueriesContext(connection) as een:
        taken = voor_allen()
    assert {"overleg_tekort", "maandoverleg", "overleg_gemist", "overleg_herinnering"} <= {
        t.soort for t in taken
    }
    voeg_toe(6)
    with django_assert_max_num_queries(len(een.captured_queries)):
        taken = voor_allen()
    assert len([t for t in taken if t.soort == "overleg_herinnering"]) == 7
    assert len([t for t in taken if t.soort == "overleg_tekort"]) > 7


# --- The covenant's life --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dag", "stap"),
    [
        (date(2026, 11, 13), None),
        (date(2026, 11, 14), "12m"),
        (date(2027, 5, 13), "12m"),
        (date(2027, 5, 14), "6m"),
        (date(2027, 8, 13), "6m"),
        (date(2027, 8, 14), "3m"),
        (date(2027, 11, 13), "3m"),
        (date(2027, 11, 14), None),
    ],
)
def test_the_term_end_is_announced_twelve_six_and_three_months_before(
    convenant_data, gebruikers, dag, stap
):
    """Art. 10.3: signed on 14 November 2023, the term's last day is 13 November 2027."""
    taken = _taken(convenant_te_doen, gebruikers[Rol.PROJECTLEIDER], dag, "looptijd")
    assert [t.stap for t in taken] == ([stap] if stap else [])
    if stap:
        assert taken[0].uiterlijk == date(2027, 11, 13)
        assert taken[0].moment(dag) == stap
    assert not _taken(convenant_te_doen, gebruikers[Rol.COORDINATOR_VEILIGHEID], dag, "looptijd")


def test_the_term_end_is_not_due_once_an_evaluation_for_the_extension_runs(
    convenant_data, gebruikers
):
    from convenant.models import Convenant
    from evaluatie.models import Evaluatieronde

    projectleider = gebruikers[Rol.PROJECTLEIDER]
    convenant = Convenant.objects.actueel()
    assert _taken(convenant_te_doen, projectleider, date(2027, 6, 1), "looptijd")
    # a yearly round is no evaluation for the extension
    Evaluatieronde.objects.create(
        convenant=convenant,
        soort=Evaluatieronde.Soort.JAARLIJKS,
        periode_begin=date(2026, 1, 1),
        periode_einde=date(2026, 12, 31),
        geopend_op=date(2027, 1, 15),
        sluitdatum=date(2027, 2, 26),
    )
    assert _taken(convenant_te_doen, projectleider, date(2027, 6, 1), "looptijd")
    Evaluatieronde.objects.create(
        convenant=convenant,
        soort=Evaluatieronde.Soort.VERLENGING,
        periode_begin=date(2023, 11, 14),
        periode_einde=date(2027, 5, 31),
        geopend_op=date(2027, 6, 1),
        sluitdatum=date(2027, 7, 1),
    )
    assert not _taken(convenant_te_doen, projectleider, date(2027, 6, 1), "looptijd")


def test_an_extension_moves_the_end_and_the_item_with_it(convenant_data, gebruikers):
    from convenant.models import Convenant, Verlenging

    projectleider = gebruikers[Rol.PROJECTLEIDER]
    Verlenging.objects.create(
        convenant=Convenant.objects.actueel(),
        besloten_op=date(2027, 6, 1),
        evaluatie_datum=date(2027, 5, 1),
    )
    assert not _taken(convenant_te_doen, projectleider, date(2027, 6, 1), "looptijd")
    [taak] = _taken(convenant_te_doen, projectleider, date(2027, 11, 14), "looptijd")
    assert (taak.uiterlijk, taak.stap) == (date(2028, 11, 13), "12m")
    assert taak.sleutel.endswith(":2028-11-13")


def test_a_partner_leaving_after_its_notice_is_due_three_months_before_its_last_day(
    ondertekend, gebruikers
):
    """Art. 10.2: notice on 1 March 2026; six months on, 1 September is its last day."""
    from convenant.models import Convenant, Opzegging

    stad = ondertekend
    projectleider = gebruikers[Rol.PROJECTLEIDER]
    opzegging = Opzegging.objects.create(
        convenant=Convenant.objects.actueel(), organisatie=stad.bestuur_x, datum=date(2026, 3, 1)
    )
    assert not _taken(convenant_te_doen, projectleider, date(2026, 6, 1), "opzegging")
    [taak] = _taken(convenant_te_doen, projectleider, date(2026, 6, 2), "opzegging")
    assert (taak.sleutel, taak.artikel, taak.uiterlijk) == (
        f"opzegging:{opzegging.pk}",
        "10.2",
        date(2026, 9, 1),
    )
    assert "Bestuur X" in taak.wat
    assert taak.moment(date(2026, 9, 1)) == "open"
    assert _taken(convenant_te_doen, projectleider, date(2026, 9, 1), "opzegging")
    assert not _taken(convenant_te_doen, projectleider, date(2026, 9, 2), "opzegging")
    for niet in (gebruikers[Rol.BESTUURDER], gebruikers[Rol.COORDINATOR_VEILIGHEID]):
        assert not _taken(convenant_te_doen, niet, date(2026, 6, 2), "opzegging")
    # withdrawn (the record is changed, art. 10.2): gone
    opzegging.delete()
    assert not _taken(convenant_te_doen, projectleider, date(2026, 6, 2), "opzegging")


def test_the_covenant_items_take_as_many_queries_for_many_as_for_one(
    ondertekend, gebruikers, django_assert_max_num_queries
):
    from convenant.models import Convenant, Ondertekening, Opzegging
    from tests.factories import OrganisatieFactory

    projectleider = gebruikers[Rol.PROJECTLEIDER]
    convenant = Convenant.objects.actueel()
    dag = date(2027, 6, 1)

    def partner_die_vertrekt():
        organisatie = OrganisatieFactory()
        Ondertekening.objects.create(
            convenant=convenant, organisatie=organisatie, datum=date(2023, 11, 14)
        )
        Opzegging.objects.create(
            convenant=convenant, organisatie=organisatie, datum=date(2027, 1, 1)
        )

    partner_die_vertrekt()
    with _op(dag):
        verser = Gebruiker.objects.get(pk=projectleider.pk)
        with CaptureQueriesContext(connection) as een:
            taken = convenant_te_doen.voor(verser, dag)
    assert {"looptijd", "opzegging"} <= {t.soort for t in taken}
    for _ in range(6):
        partner_die_vertrekt()
    with _op(dag):
        verser = Gebruiker.objects.get(pk=projectleider.pk)
        with django_assert_max_num_queries(len(een.captured_queries)):
            taken = convenant_te_doen.voor(verser, dag)
    assert len([t for t in taken if t.soort == "opzegging"]) == 7
