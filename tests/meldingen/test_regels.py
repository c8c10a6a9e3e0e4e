"""The duties an incident carries, each at its edge."""

from datetime import date

import pytest

from meldingen import regels
from meldingen.models import Categorie

pytestmark = pytest.mark.django_db


def _cat(*codes):
    return list(Categorie.objects.filter(code__in=codes).select_related("bovenliggend"))


@pytest.mark.parametrize(
    ("code", "artikel"),
    [
        ("drugs", "2.5"),
        ("wapenbezit", "2.5"),
        ("verboden-middelen", "2.5"),
        ("misdrijf", "2.4"),
        ("fysiek-geweld-letsel", "2.4"),
        ("dreiging-school", "2.10"),
    ],
)
def test_crimes_drugs_weapons_and_threats_must_be_reported(convenant_data, code, artikel):
    plichten = regels.plichten(_cat(code))
    assert [(p.soort, p.artikel) for p in plichten] == [("politie_verplicht", artikel)]


@pytest.mark.parametrize(
    "code",
    [
        "discriminatie",
        "cyberpesten",
        "grove-pesterijen",
        "bedreiging",
        "vernieling-diefstal-vernieling",
        "seksuele-intimidatie",
    ],
)
def test_bullying_and_intimidation_may_be_reported_anonymously(convenant_data, code):
    plichten = regels.plichten(_cat(code))
    assert [(p.soort, p.artikel) for p in plichten] == [("politie_optioneel", "2.6")]
    assert "anoniem" in str(plichten[0].tekst) or "anonymous" in str(plichten[0].tekst)


def test_a_subcategory_carries_the_duty_of_its_main_category(convenant_data):
    handel = Categorie.objects.get(code="drugs-handel")
    assert [c.code for c in regels.politie_verplicht([handel])] == ["drugs"]


def test_a_compulsory_report_makes_the_optional_one_moot(convenant_data):
    soorten = [p.soort for p in regels.plichten(_cat("drugs", "cyberpesten"))]
    assert soorten == ["politie_verplicht"]


def test_a_worry_about_a_student_follows_the_reporting_code(convenant_data):
    plichten = regels.plichten(_cat("zorgsignaal"))
    assert [(p.soort, p.artikel) for p in plichten] == [("meldcode", "2.11")]


@pytest.mark.parametrize(
    ("geboortedatum", "dag", "minderjarig"),
    [
        (date(2008, 11, 29), date(2026, 11, 28), True),  # the day before the 18th birthday
        (date(2008, 11, 29), date(2026, 11, 29), False),  # the 18th birthday itself
        (date(2008, 2, 29), date(2026, 2, 28), True),  # born on a leap day
        (date(2008, 2, 29), date(2026, 3, 1), False),
    ],
)
def test_parents_are_informed_only_under_18_on_the_incident_date(geboortedatum, dag, minderjarig):
    assert regels.minderjarig_op(dag, geboortedatum=geboortedatum) is minderjarig
    assert regels.ouders_informeren_toegestaan("leerling", dag, geboortedatum) is minderjarig


def test_without_date_of_birth_the_age_decides_and_unknown_offers_nothing():
    dag = date(2026, 11, 29)
    assert regels.ouders_informeren_toegestaan("leerling", dag, leeftijd=17)
    assert not regels.ouders_informeren_toegestaan("leerling", dag, leeftijd=18)
    assert regels.minderjarig_op(dag) is None
    assert not regels.ouders_informeren_toegestaan("leerling", dag)
    assert not regels.ouders_informeren_toegestaan("medewerker", dag, leeftijd=16)


def test_with_only_the_age_an_incident_on_a_leap_day_counts_back_to_28_february():
    # Aged 17 on 29 February 2028: born on 1 March 2010 at the earliest, so possibly an adult
    # from 1 March 2028 on.
    dag = date(2028, 2, 29)
    assert regels.ouders_informeren_toegestaan("leerling", dag, leeftijd=17, op=dag)
    assert not regels.ouders_informeren_toegestaan(
        "leerling", dag, leeftijd=17, op=date(2028, 3, 1)
    )


@pytest.mark.parametrize(
    ("soort", "dagen", "inspectie"),
    [
        ("schorsing", 1, False),
        ("schorsing", 2, True),
        ("verwijdering", None, True),
        ("time_out", None, False),
    ],
)
def test_a_suspension_over_one_day_or_a_removal_goes_to_the_inspectorate(soort, dagen, inspectie):
    assert regels.inspectie_informeren(soort, dagen) is inspectie


def test_an_incident_with_a_compulsory_report_stays_open_until_it_is_recorded(convenant_data):
    drugs = _cat("drugs")
    assert regels.bezwaren_tegen_afsluiten(drugs, heeft_politiemelding=False)
    assert "2.5" in str(regels.bezwaren_tegen_afsluiten(drugs, heeft_politiemelding=False)[0])
    assert regels.bezwaren_tegen_afsluiten(drugs, heeft_politiemelding=True) == []
    assert regels.bezwaren_tegen_afsluiten(_cat("cyberpesten"), heeft_politiemelding=False) == []


def test_the_categories_are_data_an_administrator_extends(convenant_data):
    Categorie.objects.create(code="sexting", naam="Sexting", politie="verplicht", artikel="2.4")
    sexting = _cat("sexting")
    assert [p.artikel for p in regels.plichten(sexting)] == ["2.4"]
    assert Categorie.objects.filter(landelijk=True, bovenliggend__isnull=True).count() == 9
