"""The facts of an evaluation round's period (issue 13): the numbers of the compliance
dashboard, the register's completeness view and the figures page for the same period (one
computation each), protected as on the figures page, and no name of a person or a student."""

import dataclasses
from collections import Counter
from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from convenant.lidmaatschap import lidmaatschappen
from convenant.models import Convenant, Ondertekening, Opzegging
from evaluatie import feiten
from evaluatie.feiten import Partnerwijziging
from meldingen import diensten
from meldingen.meldcode import MeldcodeDossier, MeldcodeStap
from meldingen.models import Betrokkene, Melding, Politiemelding, PolitieStatus
from overleggen import naleving
from overleggen.models import Actiepunt, Overleg, Overlegvorm
from partijen.models import Persoon, School
from tests.factories import (
    GebruikerFactory,
    MeldingFactory,
    OrganisatieFactory,
    PersoonFactory,
    RoltoewijzingFactory,
    SchoolFactory,
)

pytestmark = pytest.mark.django_db

BEGIN, EINDE = date(2025, 1, 1), date(2025, 12, 31)
ROLLEN = ("coordinator_veiligheid", "contactpersoon_vertrouwenszaken", "politie_contactpersoon")


def _om(dag: date, uur=time(10)) -> datetime:
    return timezone.make_aware(datetime.combine(dag, uur))


def _volledig(school, **per_rol):
    for rol in ROLLEN:
        RoltoewijzingFactory(school=school, rol=rol, **per_rol.get(rol, {}))
    return school


def _getoond(waarde):
    """Every string the report could show of the facts, walked through all its parts."""
    if dataclasses.is_dataclass(waarde) and not isinstance(waarde, type):
        for veld in dataclasses.fields(waarde):
            yield from _getoond(getattr(waarde, veld.name))
    elif isinstance(waarde, dict):
        for sleutel, v in waarde.items():
            yield from _getoond(sleutel)
            yield from _getoond(v)
    elif isinstance(waarde, list | tuple):
        for v in waarde:
            yield from _getoond(v)
    elif not callable(waarde):
        yield str(waarde)


def _aantallen(f) -> list[str]:
    """The incident counts of the facts, as shown."""
    uit = []
    for jaar in f.incidenten:
        for tabel in (jaar.categorie_tabel, jaar.gebied_tabel):
            uit += [c for rij in tabel.rijen for c in rij]
            uit += [*tabel.rijtotalen, *tabel.kolomtotalen, tabel.totaal]
    p, m = f.politie, f.meldcode
    uit += [p.meldingen, p.te_laat, p.loopt, m.geopend, m.beslist]
    uit += [a.deel for a in (p.gemeld, p.binnen_termijn)] + [a for _, a in m.beslissingen]
    return uit


# --- Meeting compliance ----------------------------------------------------------------------


@time_machine.travel("2026-03-01T12:00:00+01:00", tick=False)
def test_meeting_compliance_is_the_dashboards_for_the_year_and_the_year_before(demo):
    from overleggen.demo import maak_demo_overleggen

    maak_demo_overleggen()
    vandaag = date(2026, 3, 1)
    f = feiten.verzamel(BEGIN, EINDE, vandaag=vandaag)
    assert f.naleving_jaren == [2024, 2025]
    assert [n.vorm for n in f.naleving] == list(Overlegvorm.objects.all())
    for jaar in (2024, 2025):
        dashboard = Counter(
            (rij.vorm.pk, rij.cel.status)
            for rij in naleving.dashboard(jaar, School.objects.all(), vandaag=vandaag)
        )
        gegeven = Counter(
            {(n.vorm.pk, s): aantal for n in f.naleving for s, aantal in n.per_jaar[jaar].items()}
        )
        assert +gegeven == dashboard
    # The demo's meetings give a trend worth showing: met and late both occur in 2025.
    in_2025 = Counter(s for n in f.naleving for s, a in n.per_jaar[2025].items() for _ in range(a))
    assert in_2025[naleving.Nalevingsstatus.VOLDAAN]
    assert in_2025[naleving.Nalevingsstatus.TE_LAAT]


# --- The register ----------------------------------------------------------------------------


@time_machine.travel("2026-02-01T12:00:00+01:00", tick=False)
def test_the_register_finds_the_schools_that_lacked_a_role_at_the_periods_end(
    client, stad, gebruikers
):
    _volledig(stad.a1)
    # The coordinator left in the summer and nobody followed.
    _volledig(stad.a2, coordinator_veiligheid={"einde": date(2025, 6, 30)})
    _volledig(stad.b1)
    stad.b1.veiligheidsplan_herzien_uiterlijk = date(2025, 10, 1)
    stad.b1.save()
    SchoolFactory(naam="Gesloten School", actief=False)  # lacks everything, but closed

    register = feiten.verzamel(BEGIN, EINDE).register

    assert register.actieve_scholen == 3
    per_eis = {t.eis.artikel: t.scholen for t in register.tekorten}
    assert per_eis == {"2.1": [stad.a2.naam], "2.2": [], "3.1": [], "2.8": [stad.b1.naam]}
    # The completeness view on that day says the same.
    with time_machine.travel("2025-12-31T12:00:00+01:00", tick=False):
        client.force_login(gebruikers["projectleider"])
        rijen = client.get("/partijen/bezetting/").context["rijen"]
    assert {(r["school"].naam, e.artikel) for r in rijen for e in r["tekorten"]} == {
        (naam, artikel) for artikel, namen in per_eis.items() for naam in namen
    }


def test_a_partner_that_left_and_one_that_joined_in_the_period_are_listed(convenant_data, stad):
    convenant = Convenant.objects.actueel()
    for bestuur in (stad.bestuur_x, stad.bestuur_y):
        Ondertekening.objects.create(
            convenant=convenant, organisatie=bestuur, datum=date(2023, 11, 14)
        )
    nieuw = OrganisatieFactory(naam="Stichting Nieuw Onderwijs")
    Ondertekening.objects.create(
        convenant=convenant, organisatie=nieuw, datum=date(2025, 6, 1), toetreding=True
    )
    Opzegging.objects.create(
        convenant=convenant, organisatie=stad.bestuur_y, datum=date(2025, 3, 1)
    )
    laatste_dag = lidmaatschappen()[stad.bestuur_y.pk].einde
    assert BEGIN <= laatste_dag <= EINDE

    register = feiten.verzamel(BEGIN, EINDE, vandaag=date(2026, 2, 1)).register

    assert register.vertrokken == [Partnerwijziging("Bestuur Y", laatste_dag)]
    assert register.toegetreden == [Partnerwijziging("Stichting Nieuw Onderwijs", date(2025, 6, 1))]
    assert register.partners == sum(lid.op(EINDE) for lid in lidmaatschappen().values())
    volgend_jaar = feiten.verzamel(date(2026, 1, 1), date(2026, 12, 31), vandaag=date(2027, 2, 1))
    assert volgend_jaar.register.vertrokken == volgend_jaar.register.toegetreden == []


# --- Incidents -------------------------------------------------------------------------------


def _melding(school, dag: date, categorie="drugs"):
    return MeldingFactory(school=school, categorieen=[categorie], tijdstip=_om(dag))


def _gemeld(melding, dag: date, gebruiker):
    with time_machine.travel(_om(dag), tick=False):
        diensten.politiemelding_vastleggen(
            melding=melding,
            gebruiker=gebruiker,
            datum=dag,
            soort=Politiemelding.Soort.MELDING,
            door="Coördinator",
        )


def _stap(melding, moment: datetime, status, gebruiker):
    with time_machine.travel(moment, tick=False):
        diensten.politiestatus_toevoegen(melding=melding, door=gebruiker, status=status)


@time_machine.travel("2026-02-01T12:00:00+01:00", tick=False)
def test_the_incident_tables_are_the_figures_pages_for_the_same_year(
    client, convenant_data, stad, gebruikers
):
    stad.a2.sector = "MBO"
    stad.a2.save()
    for maand, aantal in ((1, 3), (2, 10), (3, 10), (5, 6), (11, 1)):
        for _ in range(aantal):
            _melding(stad.a1, date(2025, maand, 12))
    for _ in range(3):
        _melding(stad.a2, date(2025, 4, 2), "cyberpesten")
    _melding(stad.b1, date(2024, 12, 31))  # another year

    f = feiten.verzamel(BEGIN, EINDE)

    (jaar,) = f.incidenten
    assert (jaar.jaar, jaar.kwartalen) == (2025, [1, 2, 3, 4])
    client.force_login(gebruikers["projectleider"])
    pagina = client.get("/meldingen/cijfers/", {"jaar": 2025}).context
    assert [(r["gebied"], r["cellen"], r["totaal"]) for r in jaar.per_gebied] == [
        (r["gebied"], r["cellen"], r["totaal"]) for r in pagina["per_gebied"]
    ]
    assert jaar.gebied_tabel == pagina["gebied_tabel"]
    maanden = {r["categorie"]: r for r in pagina["per_categorie"]}
    for rij in jaar.per_categorie:
        assert rij["totaal"] == maanden[rij["categorie"]]["totaal"]
    drugs = next(r for r in jaar.per_categorie if r["categorie"].code == "drugs")
    # January's 3 is hidden on the figures page; the first quarter (23) would give it away
    # beside the months shown there.
    assert maanden[drugs["categorie"]]["cellen"][0] == "<5"
    assert drugs["cellen"][0] == "x"
    assert jaar.categorie_tabel.totaal == pagina["categorie_tabel"].totaal == "33"
    assert f.politie.meldingen == "33"
    assert not [c for c in _aantallen(f) if c.isdigit() and 0 < int(c) < 5]


@pytest.mark.parametrize(
    ("aantal", "gemeld", "deel", "geheel", "fractie"),
    [
        (12, 6, "6", "12", 0.5),
        (10, 0, "0", "10", 0.0),
        (10, 3, "<5", "10", None),  # three reported
        (10, 8, "x", "10", None),  # two not reported: 80% of 10 would tell
        (3, 3, "<5", "<5", None),
    ],
)
def test_the_share_reported_to_the_police_hides_what_would_give_a_small_count_away(
    convenant_data, stad, aantal, gemeld, deel, geheel, fractie
):
    gebruiker = GebruikerFactory()
    for i in range(aantal):
        melding = _melding(stad.a1, date(2025, 3, 3))
        if i < gemeld:
            _gemeld(melding, date(2025, 3, 3), gebruiker)

    aandeel = feiten.verzamel(BEGIN, EINDE, vandaag=date(2026, 2, 1)).politie.gemeld

    assert (aandeel.deel, aandeel.geheel, aandeel.fractie) == (deel, geheel, fractie)


@time_machine.travel("2025-04-15T12:00:00+02:00", tick=False)
def test_the_police_response_counts_a_late_answer_as_late(convenant_data, stad):
    """Art. 3.2: in time means the intervention by the final day. A report answered after it
    is no longer overdue on the incident list (te_laat), but it was late."""
    politie = GebruikerFactory()
    # Carrying a weapon: one working day. Reported on Monday 10 March, final day Tuesday 11.
    gemeld = date(2025, 3, 10)
    groepen = {
        "op de laatste dag": _om(date(2025, 3, 11), time(23, 59)),
        "een dag te laat": _om(date(2025, 3, 12), time(0, 1)),
        "nog altijd niet": None,
    }
    per_groep = {}
    for groep, interventie in groepen.items():
        per_groep[groep] = []
        for _ in range(5):
            melding = _melding(stad.a1, gemeld, "wapenbezit")
            _gemeld(melding, gemeld, politie)
            if interventie:
                _stap(melding, interventie - timedelta(minutes=1), "in_behandeling", politie)
                _stap(melding, interventie, "interventie_uitgevoerd", politie)
            per_groep[groep].append(melding)
    # Reported yesterday: the term still runs.
    for _ in range(5):
        melding = _melding(stad.a1, date(2025, 4, 13), "wapenbezit")
        _gemeld(melding, date(2025, 4, 14), politie)
    assert {m.politiemelding.reactie_uiterlijk for m in per_groep["nog altijd niet"]} == {
        date(2025, 3, 11)
    }

    politiecijfers = feiten.verzamel(BEGIN, EINDE).politie

    binnen = politiecijfers.binnen_termijn
    assert (binnen.deel, binnen.geheel, binnen.fractie) == ("5", "15", 5 / 15)
    assert (politiecijfers.te_laat, politiecijfers.loopt) == ("10", "5")
    # The list's answer today: only the reports still waiting are overdue.
    nu_te_laat = set(Melding.objects.met_politiestatus().filter(te_laat=True))
    assert nu_te_laat == set(per_groep["nog altijd niet"])
    assert politiecijfers.gemeld.deel == politiecijfers.meldingen == "20"

    # The step on the final day is a copy kept as the steps are added (issue 15); the
    # migration that made the copy computes it from the steps alone, to the same figures.
    from importlib import import_module

    from django.apps import apps

    Politiemelding.objects.update(stap_op_de_dag="")
    import_module("meldingen.migrations.0014_stap_op_de_dag").vullen(apps, None)
    # ... and the migration after it counts the days from those copies (0015).
    import_module("meldingen.migrations.0015_politietelling").vul(apps, None)
    assert feiten.verzamel(BEGIN, EINDE).politie == politiecijfers


@time_machine.travel("2025-12-01T12:00:00+01:00", tick=False)
def test_meldcode_decisions_are_counted_once_per_record_and_protected(stad):
    door = GebruikerFactory()

    def dossier(*beslissingen):
        d = MeldcodeDossier.objects.create(school=stad.a1, leerling="Lotte (12)", geopend_door=door)
        for dag, beslissing in beslissingen:
            MeldcodeStap.objects.create(
                dossier=d, stap=5, datum=dag, beslissing=beslissing, door=door
            )
        return d

    for _ in range(6):
        dossier((date(2025, 5, 1), "hulp"))
    # Decided again later: its last decision counts, once.
    dossier((date(2025, 5, 1), "hulp"), (date(2025, 9, 1), "melden"))
    dossier((date(2025, 6, 1), "melden"))
    dossier((date(2024, 12, 1), "ongegrond"))  # another year

    meldcode = feiten.verzamel(BEGIN, EINDE).meldcode

    assert dict(meldcode.beslissingen) == {
        "hulp": "x",  # beside the total 8, six would give the two away
        "melden": "<5",
        "hulp_en_melden": "0",
        "ongegrond": "0",
    }
    assert meldcode.beslist == "8"
    assert meldcode.geopend == "9"  # opened today, within the period
    # For a set of schools (not the whole register) the records are read through their school,
    # to the same figures.
    elke_school = School.objects.filter(pk__in=list(School.objects.values_list("pk", flat=True)))
    assert feiten._meldcode(elke_school, BEGIN, EINDE) == meldcode
    assert feiten._meldcode(elke_school.exclude(pk=stad.a1.pk), BEGIN, EINDE).geopend == "0"


# --- Action points ---------------------------------------------------------------------------


def test_action_points_open_and_overdue_at_the_periods_end(convenant_data, stad):
    kerngroep = Overlegvorm.objects.get(code=Overlegvorm.Code.KERNGROEP)
    eigenaar = PersoonFactory()

    def overleg(dag, uur=time(10)):
        return Overleg.objects.create(
            vorm=kerngroep,
            start=_om(dag, uur),
            einde=_om(dag, uur) + timedelta(minutes=20),
            status=Overleg.Status.GEHOUDEN,
            aangemaakt_door=GebruikerFactory(),
        )

    def punt(o, deadline, afgerond_op=None):
        Actiepunt.objects.create(
            overleg=o,
            omschrijving="Actie",
            eigenaar=eigenaar,
            deadline=deadline,
            afgerond_op=afgerond_op,
        )

    mei = overleg(date(2025, 5, 1))
    punt(mei, date(2025, 12, 1))  # open and overdue
    punt(mei, date(2025, 12, 31))  # open, due on the last day: still in time
    punt(mei, date(2025, 10, 1), afgerond_op=date(2025, 11, 1))  # done
    punt(mei, date(2025, 11, 1), afgerond_op=date(2026, 1, 10))  # done only after the period
    punt(overleg(date(2026, 1, 20)), date(2026, 2, 1))  # did not exist yet
    # The period's last evening in Amsterdam (already the next year in UTC) counts; the first
    # minutes of the next year do not.
    punt(overleg(EINDE, time(23, 30)), date(2026, 1, 31))  # open, not yet due
    punt(overleg(EINDE + timedelta(days=1), time(0, 10)), date(2025, 12, 1))

    f = feiten.verzamel(BEGIN, EINDE, vandaag=date(2026, 2, 15))

    per_vorm = {a.vorm.code: (a.open, a.te_laat) for a in f.actiepunten}
    assert per_vorm[kerngroep.code] == (4, 2)
    assert set(per_vorm.values()) == {(4, 2), (0, 0)}
    assert f.peildag == EINDE


# --- The period ------------------------------------------------------------------------------


def test_a_period_over_two_calendar_years_computes_each_year_it_touches(convenant_data, stad):
    for dag in (date(2025, 6, 30), date(2025, 7, 1), date(2026, 6, 30), date(2026, 7, 1)):
        for _ in range(5):
            _melding(stad.a1, dag)

    f = feiten.verzamel(date(2025, 7, 1), date(2026, 6, 30), vandaag=date(2026, 9, 1))

    assert f.jaren == [2025, 2026]
    assert f.naleving_jaren == [2024, 2025, 2026]
    assert [set(n.per_jaar) for n in f.naleving] == [{2024, 2025, 2026}] * len(f.naleving)
    assert [(j.jaar, j.kwartalen, j.gebied_tabel.totaal) for j in f.incidenten] == [
        (2025, [3, 4], "10"),
        (2026, [1, 2], "10"),
    ]
    assert f.politie.meldingen == "10"  # only the period's own
    assert feiten.verzamel(date(2025, 2, 15), date(2025, 8, 31)).incidenten[0].kwartalen == [
        1,
        2,
        3,
    ]
    with pytest.raises(ValueError, match="ends before it begins"):
        feiten.verzamel(date(2025, 2, 1), date(2025, 1, 31))


def test_no_person_or_student_is_named(demo_met_meldingen):
    from overleggen.demo import maak_demo_overleggen

    maak_demo_overleggen()
    dossier = MeldcodeDossier.objects.create(
        school=School.objects.first(), leerling="Geheime Leerling", geopend_door=GebruikerFactory()
    )
    MeldcodeStap.objects.create(
        dossier=dossier,
        stap=5,
        datum=timezone.localdate(),
        beslissing="hulp",
        door=dossier.geopend_door,
    )
    vandaag = timezone.localdate()
    f = feiten.verzamel(date(vandaag.year - 1, 1, 1), vandaag)

    tekst = "\n".join(_getoond(f))
    namen = {str(p) for p in Persoon.objects.all()}
    namen |= {b.naam for b in Betrokkene.objects.exclude(naam="")}
    namen |= {"Geheime Leerling"}
    assert len(namen) > 50
    assert not [naam for naam in namen if naam in tekst]
    assert not [c for c in _aantallen(f) if c.isdigit() and 0 < int(c) < 5]


# --- Queries ---------------------------------------------------------------------------------


def _meer_gegevens(stad, n: int, gebruiker):
    kerngroep = Overlegvorm.objects.get(code=Overlegvorm.Code.KERNGROEP)
    for i in range(n):
        school = _volledig(SchoolFactory(bestuur=stad.bestuur_x))
        melding = _melding(school, date(2025, 1 + i % 12, 5), ["drugs", "cyberpesten"][i % 2])
        _gemeld(melding, date(2025, 1 + i % 12, 5), gebruiker)
        _stap(melding, _om(date(2025, 1 + i % 12, 6)), "in_behandeling", gebruiker)
        dossier = MeldcodeDossier.objects.create(
            school=school, leerling="L", geopend_door=gebruiker
        )
        MeldcodeStap.objects.create(
            dossier=dossier, stap=5, datum=date(2025, 6, 1), beslissing="hulp", door=gebruiker
        )
        overleg = Overleg.objects.create(
            vorm=kerngroep,
            start=_om(date(2025, 1 + i % 12, 3)),
            einde=_om(date(2025, 1 + i % 12, 3), time(12)),
            aangemaakt_door=gebruiker,
        )
        Actiepunt.objects.create(
            overleg=overleg, omschrijving="A", eigenaar=PersoonFactory(), deadline=date(2025, 9, 1)
        )


def test_the_number_of_queries_does_not_grow_with_the_data(
    convenant_data, stad, django_assert_max_num_queries
):
    convenant = Convenant.objects.actueel()
    Ondertekening.objects.create(
        convenant=convenant, organisatie=stad.bestuur_x, datum=date(2023, 11, 14)
    )
    Opzegging.objects.create(
        convenant=convenant, organisatie=stad.bestuur_x, datum=date(2025, 3, 1)
    )
    gebruiker = GebruikerFactory()
    _meer_gegevens(stad, 1, gebruiker)
    vandaag = date(2026, 2, 1)
    with CaptureQueriesContext(connection) as eerst:
        feiten.verzamel(BEGIN, EINDE, vandaag=vandaag)

    _meer_gegevens(stad, 30, gebruiker)
    assert Melding.objects.count() == 31
    assert PolitieStatus.objects.count() == 62

    with django_assert_max_num_queries(len(eerst)), CaptureQueriesContext(connection) as daarna:
        feiten.verzamel(BEGIN, EINDE, vandaag=vandaag)
    assert len(daarna) == len(eerst)
