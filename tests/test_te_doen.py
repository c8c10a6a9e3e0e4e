"""Issue 14, first part: one computation of what is due for each user (every app's `te_doen`),
shown first on the home page as "Te doen". Each item names what, by when and the article, links
to the page where it is done, and is gone once it is done."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from convenant.site import te_doen
from meldingen import diensten
from meldingen.models import Betrokkene, Politiemelding, PolitieStatus
from partijen.models import Rol
from tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def _op(dag):
    return time_machine.travel(datetime(dag.year, dag.month, dag.day, 12, tzinfo=AMS), tick=False)


def _soorten(user, dag):
    return {(t.soort, t.sleutel) for t in te_doen.voor(user, dag)}


def test_a_compulsory_police_report_is_due_until_recorded(client, convenant_data, stad, gebruikers):
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    melding = MeldingFactory(school=stad.a1, categorieen=["fysiek-geweld-letsel"])
    MeldingFactory(school=stad.a1, categorieen=["pesten"])  # no duty
    MeldingFactory(school=stad.b1, categorieen=["fysiek-geweld-letsel"])  # not her school
    with _op(date(2026, 10, 2)):
        client.force_login(coordinator)
        html = client.get("/").content.decode()
        assert _soorten(coordinator, date(2026, 10, 2)) == {
            ("politiemelding", f"melding:{melding.pk}")
        }
        diensten.politiemelding_vastleggen(
            melding=melding,
            gebruiker=coordinator,
            datum=date(2026, 10, 2),
            soort=Politiemelding.Soort.AANGIFTE,
            door="Carla",
        )
        daarna = client.get("/").content.decode()
    assert 'data-testid="te-doen"' in html
    assert "Meld de melding van 01-10-2026 op" in html
    assert f'href="/meldingen/{melding.pk}/"' in html
    assert "art. 2.4" in html
    assert "Meld de melding" not in daarna
    assert "Er wacht vandaag niets op u." in daarna


@pytest.mark.parametrize(
    ("geboortedatum", "verwacht"),
    [(date(2011, 3, 1), True), (date(2008, 10, 1), False), (None, False)],
)
def test_the_parents_of_a_minor_are_due_never_those_of_an_adult(
    convenant_data, stad, gebruikers, geboortedatum, verwacht
):
    """Art. 3.5: parents of a student under 18 (15 here) are informed; a student who is 18 (on
    the day itself) or whose age is unknown is not a reason to inform anyone."""
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    melding = MeldingFactory(school=stad.a1)
    Betrokkene.objects.create(
        melding=melding, rol="dader", soort="leerling", geboortedatum=geboortedatum
    )
    with _op(date(2026, 10, 2)):
        taken = _soorten(coordinator, date(2026, 10, 2))
    assert (("ouders", f"melding:{melding.pk}") in taken) is verwacht


def test_the_police_contact_sees_the_reports_past_their_target(convenant_data, stad, gebruikers):
    politie = gebruikers[Rol.POLITIE_CONTACTPERSOON]
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    melding = MeldingFactory(school=stad.b1, categorieen=["fysiek-geweld-letsel"])
    diensten.politiemelding_vastleggen(
        melding=melding,
        gebruiker=coordinator,
        datum=date(2026, 10, 1),
        soort=Politiemelding.Soort.AANGIFTE,
        door="X",
    )
    uiterlijk = Politiemelding.objects.get(melding=melding).reactie_uiterlijk
    # new: due for the police contact at once, by its final day
    assert _soorten(politie, uiterlijk) == {("politie_nieuw", f"melding:{melding.pk}")}
    na = date.fromordinal(uiterlijk.toordinal() + 1)
    taken = [t for t in te_doen.voor(politie, na) if t.soort == "politie_te_laat"]
    assert [t.sleutel for t in taken] == [f"melding:{melding.pk}"]
    assert taken[0].te_laat(na)
    # once the police takes it up before its final day, it is neither new nor late
    for stap in (PolitieStatus.Status.IN_BEHANDELING, PolitieStatus.Status.INTERVENTIE):
        diensten.politiestatus_toevoegen(melding=melding, door=politie, status=stap)
    assert not {s for s, _k in _soorten(politie, na)} & {"politie_nieuw", "politie_te_laat"}


def test_the_safety_manager_sees_the_gaps_in_the_register_of_her_area(
    convenant_data, stad, gebruikers
):
    vm = gebruikers[Rol.VEILIGHEIDSMANAGER]
    taken = te_doen.voor(vm, date(2026, 10, 2))
    scholen = {t.sleutel for t in taken if t.soort.startswith("register_")}
    # her area's schools only (gebied a: a1 and a2), never b1
    assert f"school:{stad.b1.pk}" not in scholen
    assert all(t.url.startswith("/partijen/scholen/") for t in taken)


def test_the_register_keepers_hear_of_the_term_a_year_before_its_end(
    convenant_data, maak_gebruiker
):
    projectleider = maak_gebruiker(Rol.PROJECTLEIDER)
    assert not any(t.soort == "looptijd" for t in te_doen.voor(projectleider, date(2026, 11, 13)))
    op_dag = [t for t in te_doen.voor(projectleider, date(2026, 11, 14)) if t.soort == "looptijd"]
    assert [t.uiterlijk for t in op_dag] == [date(2027, 11, 13)]
    assert not any(t.soort == "looptijd" for t in te_doen.voor(projectleider, date(2027, 11, 14)))


def test_the_home_page_takes_the_same_number_of_queries_with_more_to_do(
    client, convenant_data, stad, gebruikers, django_assert_max_num_queries
):
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    client.force_login(coordinator)
    eerste = MeldingFactory(school=stad.a1, categorieen=["fysiek-geweld-letsel"])
    Betrokkene.objects.create(
        melding=eerste, rol="dader", soort="leerling", geboortedatum=date(2011, 3, 1)
    )
    with _op(date(2026, 10, 2)):
        client.force_login(coordinator)
        client.get("/")
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as een:
            client.get("/")
        for _ in range(8):
            m = MeldingFactory(school=stad.a1, categorieen=["fysiek-geweld-letsel"])
            Betrokkene.objects.create(
                melding=m, rol="dader", soort="leerling", geboortedatum=date(2011, 3, 1)
            )
        with django_assert_max_num_queries(len(een.captured_queries)):
            client.get("/")


def test_a_held_meeting_without_a_report_is_due_for_who_planned_it(
    convenant_data, stad, gebruikers
):
    from overleggen.models import Overleg, Overlegvorm

    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    overleg = Overleg.objects.create(
        vorm=Overlegvorm.objects.get(code="operationeel-overleg"),
        school=stad.a1,
        start=datetime(2026, 10, 5, 10, tzinfo=AMS),
        einde=datetime(2026, 10, 5, 11, tzinfo=AMS),
        aangemaakt_door=coordinator,
    )
    sleutel = ("verslag", f"overleg:{overleg.pk}")
    with time_machine.travel(datetime(2026, 10, 5, 10, 59, tzinfo=AMS), tick=False):
        assert sleutel not in _soorten(coordinator, date(2026, 10, 5))  # not over yet
    with time_machine.travel(datetime(2026, 10, 5, 11, 1, tzinfo=AMS), tick=False):
        assert sleutel in _soorten(coordinator, date(2026, 10, 5))
    with _op(date(2026, 10, 6)):
        assert sleutel in _soorten(coordinator, date(2026, 10, 6))
        overleg.verslag = "Besproken: de schoolplein-afspraken."
        overleg.save()
        assert sleutel not in _soorten(coordinator, date(2026, 10, 6))


def test_a_report_is_due_from_the_organiser_for_90_days_not_from_every_keeper(
    convenant_data, stad, gebruikers
):
    """Issue 15: the municipality may change every meeting, but a school's meeting without a
    report is due from its organisers (signaal_voor), not on every keeper's list; and for
    VERSLAG_ZICHTBAAR_DAGEN after it ended: then the dashboard keeps it as "not confirmed"."""
    from overleggen.models import Overleg, Overlegvorm

    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    overleg = Overleg.objects.create(
        vorm=Overlegvorm.objects.get(code="operationeel-overleg"),
        school=stad.a1,
        start=datetime(2026, 7, 6, 10, tzinfo=AMS),
        einde=datetime(2026, 7, 6, 11, tzinfo=AMS),
        aangemaakt_door=gebruikers[Rol.POLITIE_CONTACTPERSOON],
    )
    sleutel = ("verslag", f"overleg:{overleg.pk}")
    gemeente = [gebruikers[r] for r in (Rol.PROJECTLEIDER, Rol.VEILIGHEIDSMANAGER)]
    with time_machine.travel(datetime(2026, 10, 4, 10, 59, tzinfo=AMS), tick=False):
        assert sleutel in _soorten(coordinator, date(2026, 10, 4))  # day 90 after it ended
        assert all(sleutel not in _soorten(g, date(2026, 10, 4)) for g in gemeente)
    with time_machine.travel(datetime(2026, 10, 4, 11, 1, tzinfo=AMS), tick=False):
        assert sleutel not in _soorten(coordinator, date(2026, 10, 4))


def test_a_board_is_asked_for_its_consent_until_it_is_recorded(demo):
    from convenant.lidmaatschap import instemming_nodig_voor
    from convenant.models import Convenant, Instemming, Lid, Lidwijziging, Wijziging
    from partijen.models import Gebruiker, Organisatie

    bestuurder = Gebruiker.objects.get(username="bestuurder")
    aeres = Organisatie.objects.get(code="aeres")
    wijziging = Wijziging.objects.create(
        convenant=Convenant.objects.actueel(),
        omschrijving="Twee jaar verlengen",
        voorgesteld_op=date(2026, 11, 2),
        ingangsdatum=date(2026, 12, 1),
    )
    Lidwijziging.objects.create(
        wijziging=wijziging, lid=Lid.objects.get(artikel__nummer=10, nummer=3), tekst="Nieuw"
    )
    assert aeres.pk in instemming_nodig_voor(wijziging)
    sleutel = ("instemming_bestuur", f"wijziging:{wijziging.pk}")
    assert sleutel in _soorten(bestuurder, date(2026, 11, 20))
    Instemming.objects.create(
        wijziging=wijziging, organisatie=aeres, datum=date(2026, 11, 20), namens="Bram"
    )
    assert sleutel not in _soorten(bestuurder, date(2026, 11, 20))


def test_an_open_questionnaire_is_due_until_submitted(ronde_2026):
    from evaluatie import diensten as evaluatie
    from evaluatie.models import Vragenlijst
    from partijen.models import Gebruiker

    coordinator = Gebruiker.objects.get(username="coordinator")
    lijst = Vragenlijst.objects.get(ronde=ronde_2026, organisatie__code="aeres")
    sleutel = ("vragenlijst", f"vragenlijst:{lijst.pk}")
    with _op(date(2027, 1, 20)):
        taken = [
            t for t in te_doen.voor(coordinator, date(2027, 1, 20)) if t.soort == "vragenlijst"
        ]
        assert [(t.soort, t.sleutel) for t in taken] == [sleutel]
        assert taken[0].uiterlijk == date(2027, 2, 26)
        evaluatie.bewaar_antwoorden(
            vragenlijst=lijst,
            antwoorden={v.pk: ("goed", "") for v in ronde_2026.vragen.all()},
            indienen=True,
            door=coordinator,
        )
        assert sleutel not in _soorten(coordinator, date(2027, 1, 20))
    # a closed round asks nothing any more
    assert not any(t.soort == "vragenlijst" for t in te_doen.voor(coordinator, date(2027, 2, 27)))


@pytest.fixture
def ronde_2026(demo):
    from convenant.models import Convenant
    from evaluatie import diensten as evaluatie
    from evaluatie.models import Evaluatieronde

    return evaluatie.open_ronde(
        convenant=Convenant.objects.actueel(),
        soort=Evaluatieronde.Soort.JAARLIJKS,
        periode_begin=date(2026, 1, 1),
        periode_einde=date(2026, 12, 31),
        geopend_op=date(2027, 1, 15),
        sluitdatum=date(2027, 2, 26),
    )
