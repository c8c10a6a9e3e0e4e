"""Every incident category checked against the covenant's police duties (art. 2.4, 2.5, 2.6,
2.10, 2.11), one row per category of meldingen/data/categorieen.yaml."""

from pathlib import Path

import pytest
import yaml
from django.utils.text import slugify

from convenant.site.laden import laad_convenant
from meldingen import regels
from meldingen.laden import CATEGORIEEN
from meldingen.models import Categorie, Melding
from tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db

VERPLICHT, OPTIONEEL, GEEN = "verplicht", "optioneel", "geen"

# code: (expected police duty, the article it comes from, why). Art. 2.4: a crime (misdrijf) is
# always reported; 2.5: drugs, prohibited substances and weapons are always reported; 2.10: threats
# to the school's safety are always reported; 2.6: vandalism, (sexual) intimidation, discrimination,
# (cyber)bullying and threats: the school acts and MAY report, anonymously if it chooses; 2.11: a
# worry about a student follows the meldcode, with an optional consultation.
TABEL = {
    "fysiek-geweld-letsel": (VERPLICHT, "2.4", "assault causing injury is a crime (mishandeling)"),
    "fysiek-geweld-wapens": (
        VERPLICHT,
        "2.5",
        "violence with a weapon: weapons are always reported",
    ),
    "fysiek-geweld-wapens-steekwapen": (VERPLICHT, "2.5", "a knife is a weapon"),
    "fysiek-geweld-wapens-vuurwapen": (VERPLICHT, "2.5", "a firearm is a weapon"),
    "fysiek-geweld-wapens-slag-of-stootwapen": (VERPLICHT, "2.5", "a striking weapon is a weapon"),
    "fysiek-geweld-wapens-overig-wapen": (VERPLICHT, "2.5", "any other weapon"),
    "wapenbezit": (VERPLICHT, "2.5", "possession of weapons is always reported"),
    "wapenbezit-steekwapen": (VERPLICHT, "2.5", "possession of a knife"),
    "wapenbezit-vuurwapen": (VERPLICHT, "2.5", "possession of a firearm"),
    "wapenbezit-slag-of-stootwapen": (VERPLICHT, "2.5", "possession of a striking weapon"),
    "wapenbezit-vuurwerk": (
        VERPLICHT,
        "2.5",
        "fireworks at school are a prohibited substance ('verboden middelen')",
    ),
    "wapenbezit-overig-wapen": (VERPLICHT, "2.5", "possession of any other weapon"),
    "seksueel-misbruik": (VERPLICHT, "2.4", "sexual abuse is a crime"),
    "grove-pesterijen": (OPTIONEEL, "2.6", "bullying: '(cyber)pesten'"),
    "discriminatie": (OPTIONEEL, "2.6", "2.6 names 'discriminatie' itself"),
    "discriminatie-afkomst-of-huidskleur": (OPTIONEEL, "2.6", "a ground of discrimination"),
    "discriminatie-geloof-of-levensovertuiging": (OPTIONEEL, "2.6", "a ground of discrimination"),
    "discriminatie-seksuele-orientatie": (OPTIONEEL, "2.6", "a ground of discrimination"),
    "discriminatie-genderidentiteit": (OPTIONEEL, "2.6", "a ground of discrimination"),
    "discriminatie-handicap": (OPTIONEEL, "2.6", "a ground of discrimination"),
    "discriminatie-geslacht": (OPTIONEEL, "2.6", "a ground of discrimination"),
    "discriminatie-overige-grond": (OPTIONEEL, "2.6", "a ground of discrimination"),
    "bedreiging": (
        OPTIONEEL,
        "2.6",
        "2.6 names 'bedreiging' itself (a threat against the school as such is 2.10)",
    ),
    "vernieling-diefstal": (
        OPTIONEEL,
        "2.6",
        "the national category as a whole: vandalism ('vandalisme'); a theft is ticked as Diefstal",
    ),
    "vernieling-diefstal-vernieling": (OPTIONEEL, "2.6", "vandalism ('vandalisme')"),
    "vernieling-diefstal-diefstal": (
        VERPLICHT,
        "2.4",
        "theft is a crime (misdrijf, art. 310 Sr), whatever its national category",
    ),
    "drugs": (VERPLICHT, "2.5", "'verdovende middelen'"),
    "drugs-bezit": (VERPLICHT, "2.5", "2.5 names possession ('bezit')"),
    "drugs-gebruik": (VERPLICHT, "2.5", "2.5 names use ('gebruik')"),
    "drugs-handel": (VERPLICHT, "2.5", "2.5 names dealing ('verhandelen')"),
    "misdrijf": (VERPLICHT, "2.4", "any other crime in or near the school"),
    "verboden-middelen": (VERPLICHT, "2.5", "'verboden middelen'"),
    "verboden-middelen-bezit": (VERPLICHT, "2.5", "possession"),
    "verboden-middelen-gebruik": (VERPLICHT, "2.5", "use"),
    "verboden-middelen-handel": (VERPLICHT, "2.5", "dealing"),
    "seksuele-intimidatie": (OPTIONEEL, "2.6", "'(seksuele) intimidatie'"),
    "cyberpesten": (OPTIONEEL, "2.6", "'(cyber)pesten'"),
    "dreiging-school": (VERPLICHT, "2.10", "signals of threats to the school's safety"),
    "zorgsignaal": (GEEN, "2.11", "the meldcode route, with an optional anonymous consultation"),
}


def _codes_in_yaml():
    data = yaml.safe_load(Path(CATEGORIEEN).read_text(encoding="utf-8"))
    for item in data["categorieen"]:
        yield item["code"]
        for sub in item.get("sub", []):
            naam = sub["naam"] if isinstance(sub, dict) else sub
            yield f"{item['code']}-{slugify(naam)}"


CODES = list(_codes_in_yaml())


def _plicht(categorie):
    verplicht = regels.politie_verplicht([categorie])
    if verplicht:
        return VERPLICHT, verplicht[0].artikel
    optioneel = regels.politie_optioneel([categorie])
    if optioneel:
        return OPTIONEEL, optioneel[0].artikel
    return GEEN, categorie.hoofdcategorie.artikel


def test_the_table_names_every_category_of_the_file():
    assert sorted(CODES) == sorted(TABEL)


@pytest.mark.parametrize("code", CODES)
def test_each_category_carries_the_covenants_police_duty(convenant_data, code):
    soort, artikel, _reden = TABEL[code]
    categorie = Categorie.objects.select_related("bovenliggend").get(code=code)
    assert _plicht(categorie) == (soort, artikel)


def test_the_database_rule_agrees_with_the_python_rule_for_every_category(convenant_data):
    categorieen = list(Categorie.objects.select_related("bovenliggend"))
    meldingen = {c.pk: MeldingFactory(categorieen=[c.code]).pk for c in categorieen}
    in_database = set(
        Melding.objects.filter(regels.politie_verplicht_q()).values_list("pk", flat=True)
    )
    for c in categorieen:
        assert (meldingen[c.pk] in in_database) is bool(regels.politie_verplicht([c])), c.code


@pytest.mark.parametrize("plaats", Melding.Plaats.values)
def test_where_it_happened_does_not_lift_a_compulsory_report(
    convenant_data, client, stad, gebruikers, plaats
):
    """Online, on a school trip or around the school: theft stays a crime (art. 2.4)."""
    melding = MeldingFactory(
        school=stad.a1, plaats=plaats, categorieen=["vernieling-diefstal-diefstal"]
    )
    client.force_login(gebruikers["coordinator_veiligheid"])
    html = client.get(f"/meldingen/{melding.pk}/").content.decode()
    assert "art. 2.4" in html
    response = client.post(f"/meldingen/{melding.pk}/afsluiten/", follow=True)
    assert "Leg eerst de politiemelding vast (art. 2.4)." in response.content.decode()
    melding.refresh_from_db()
    assert melding.status == Melding.Status.OPEN


def test_the_panel_shows_theft_as_a_compulsory_report(convenant_data, client, gebruikers):
    client.force_login(gebruikers["coordinator_veiligheid"])
    diefstal = Categorie.objects.get(code="vernieling-diefstal-diefstal")
    html = client.post("/meldingen/plichten/", {"categorieen": [diefstal.pk]}).content.decode()
    assert "plicht-politie_verplicht" in html
    assert "art. 2.4" in html


def test_loading_raises_a_stored_duty_that_is_weaker_than_the_covenant(convenant_data):
    """A database made before theft was split off keeps its rows; the next load (every
    `make run`) raises the duty, and a second load changes nothing."""
    Categorie.objects.filter(code="vernieling-diefstal-diefstal").update(
        politie="geen", artikel="", reactietermijn=None
    )
    # An administrator's stricter choice stays: the covenant is a floor, not a ceiling.
    Categorie.objects.filter(code="bedreiging").update(politie="verplicht", artikel="2.4")
    verslag = laad_convenant()
    diefstal = Categorie.objects.get(code="vernieling-diefstal-diefstal")
    assert (diefstal.politie, diefstal.artikel, diefstal.reactietermijn) == ("verplicht", "2.4", 3)
    assert Categorie.objects.get(code="bedreiging").politie == "verplicht"
    assert verslag.bijgewerkt
    assert laad_convenant().bijgewerkt == {}


def test_an_incident_stored_with_the_old_theft_subcategory_now_needs_the_police(
    convenant_data, stad
):
    Categorie.objects.filter(code="vernieling-diefstal-diefstal").update(politie="geen", artikel="")
    melding = MeldingFactory(school=stad.a1, categorieen=["vernieling-diefstal-diefstal"])
    laad_convenant()
    assert regels.bezwaren_tegen_afsluiten(melding.categorieen.all(), heeft_politiemelding=False)
    assert Melding.objects.filter(regels.politie_verplicht_q()).filter(pk=melding.pk).exists()


def test_every_compulsory_demo_incident_was_reported_to_the_police(demo_met_meldingen):
    """The demo's stolen phone is a theft (art. 2.4), so the demo records its police report."""
    from meldingen.demo import OMSCHRIJVINGEN

    diefstal = next(code for code, tekst in OMSCHRIJVINGEN.items() if "gestolen" in tekst)
    assert TABEL[diefstal][0] == VERPLICHT
    zonder = Melding.objects.filter(regels.politie_verplicht_q(), politiemelding__isnull=True)
    assert not zonder.exists()


def test_the_main_category_alone_points_to_its_stricter_subcategory(convenant_data):
    """Ticking only "Vernieling of diefstal" could hide a theft: the panel says that theft is
    always reported (art. 2.4); once a subcategory is chosen, the choice is clear."""
    hoofd = Categorie.objects.get(code="vernieling-diefstal")
    plichten = regels.plichten([hoofd])
    assert [(p.soort, p.artikel) for p in plichten] == [
        ("politie_optioneel", "2.6"),
        ("politie_strenger", "2.4"),
    ]
    assert "Diefstal" in str(plichten[1].tekst)
    vernieling = Categorie.objects.select_related("bovenliggend").get(
        code="vernieling-diefstal-vernieling"
    )
    assert [p.soort for p in regels.plichten([hoofd, vernieling])] == ["politie_optioneel"]
    assert [p.soort for p in regels.plichten(_alle("drugs"))] == ["politie_verplicht"]


def _alle(*codes):
    return list(Categorie.objects.filter(code__in=codes).select_related("bovenliggend"))
