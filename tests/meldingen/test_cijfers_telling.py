"""The counts behind the figures (meldingen.telling, issue 15): kept with every change of an
incident, always what counting the incidents again would give, read in a fixed number of
queries."""

import io
import random
import threading
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meldingen import bewaren, cijfers, diensten, telling
from meldingen.models import Betrokkene, Categorie, Melding
from meldingen.telling import MAANDEN, Telling
from partijen.models import School
from tests.factories import MeldingFactory, SchoolFactory

pytestmark = pytest.mark.django_db

MAART = "2026-03-10T10:00:00+01:00"


def _opgeslagen():
    return {
        (t.school_id, t.jaar, t.categorie_id): [getattr(t, m) for m in MAANDEN]
        for t in Telling.objects.all()
    }


def _klopt():
    """The kept counts are exactly what counting every incident again gives, and the city's
    rows the sums of the schools' rows, read either way alike."""
    opgeslagen = _opgeslagen()
    per_school = {k: v for k, v in opgeslagen.items() if k[0] is not None}
    assert per_school == telling._tel(Melding.objects.all())
    stad = {}
    for (_school, jaar, categorie), maanden in per_school.items():
        som = stad.get((jaar, categorie), [0] * 12)
        stad[(jaar, categorie)] = [a + b for a, b in zip(som, maanden, strict=True)]
    assert {(j, c): v for (s, j, c), v in opgeslagen.items() if s is None and any(v)} == stad
    elke_school = School.objects.filter(pk__in=list(School.objects.values_list("pk", flat=True)))
    for jaar in {j for j, _c in stad}:
        hele_stad = telling.opgeteld_per_categorie(School.objects.all(), jaar)
        assert {c: v for c, v in hele_stad.items() if any(v)} == (
            telling.opgeteld_per_categorie(elke_school, jaar)
        )


def _per_maand(jaar=2026, scholen=None):
    """The unprotected counts the figures page protects: {category code: [12 months]}."""
    categorieen, per_maand = cijfers._per_maand(scholen or School.objects.all(), jaar)
    return {c.code: rij for c, rij in zip(categorieen, per_maand, strict=True)}


def _per_gebied(jaar=2026):
    return telling.opgeteld_per_gebied(School.objects.all(), jaar)


def _maanden(**per_maand):
    rij = [0] * 12
    for maand, n in per_maand.items():
        rij[MAANDEN.index(maand)] = n
    return rij


def _sub(hoofd, n=0):
    return Categorie.objects.filter(bovenliggend__code=hoofd).order_by("volgorde")[n]


def test_an_incident_counts_once_per_main_category_and_once_in_its_area(convenant_data, stad):
    melding = MeldingFactory(school=stad.a1, tijdstip=MAART, categorieen=["drugs"])
    # Two subcategories of one main category: one incident under it.
    melding.categorieen.add(_sub("wapenbezit", 0), _sub("wapenbezit", 1))
    MeldingFactory(school=stad.a1, tijdstip=MAART)  # without categories: only in the area table
    assert _per_maand()["wapenbezit"] == _maanden(maart=1)
    assert _per_maand()["drugs"] == _maanden(maart=1)
    assert _per_gebied() == {(stad.a1.overleggebied_id, stad.a1.sector): 2}
    _klopt()


@time_machine.travel("2026-11-29T10:00:00+01:00", tick=False)
def test_an_edit_through_the_form_moves_the_count(client, convenant_data, stad, gebruikers):
    melding = MeldingFactory(
        school=stad.a1,
        tijdstip=MAART,
        categorieen=["cyberpesten"],
        vastgelegd_door=gebruikers["coordinator_veiligheid"],
    )
    client.force_login(gebruikers["coordinator_veiligheid"])
    response = client.post(
        f"/meldingen/{melding.pk}/wijzigen/",
        {
            "versie": str(melding.versie),
            "tijdstip": "2026-05-02T09:00",
            "plaats": "school",
            "categorieen": [Categorie.objects.get(code="drugs").pk],
            "omschrijving": melding.omschrijving,
            "betrokkenen-TOTAL_FORMS": "0",
            "betrokkenen-INITIAL_FORMS": "0",
            "maatregelen-TOTAL_FORMS": "0",
            "maatregelen-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert _per_maand()["cyberpesten"] == _maanden()
    assert _per_maand()["drugs"] == _maanden(mei=1)
    _klopt()


def test_a_new_school_or_year_moves_the_count(convenant_data, stad):
    melding = MeldingFactory(school=stad.a1, tijdstip=MAART, categorieen=["drugs"])
    melding.school = stad.b1  # another area
    # 23:30 on New Year's Eve in Amsterdam is still the old year.
    melding.tijdstip = "2025-12-31T23:30:00+01:00"
    melding.save()
    assert _per_maand(2026)["drugs"] == _maanden()
    assert _per_maand(2025)["drugs"] == _maanden(december=1)
    assert _per_gebied(2026) == {}
    assert _per_gebied(2025) == {(stad.b1.overleggebied_id, stad.b1.sector): 1}
    _klopt()


def test_other_categories_move_the_count(convenant_data, stad):
    melding = MeldingFactory(school=stad.a1, tijdstip=MAART, categorieen=["drugs", "cyberpesten"])
    melding.categorieen.remove(Categorie.objects.get(code="drugs"))
    assert (_per_maand()["drugs"], _per_maand()["cyberpesten"]) == (_maanden(), _maanden(maart=1))
    melding.categorieen.clear()
    assert _per_maand()["cyberpesten"] == _maanden()
    assert _per_gebied() == {(stad.a1.overleggebied_id, stad.a1.sector): 1}
    # From the category's side too.
    drugs = Categorie.objects.get(code="drugs")
    drugs.meldingen.add(melding)
    assert _per_maand()["drugs"] == _maanden(maart=1)
    drugs.meldingen.clear()
    assert _per_maand()["drugs"] == _maanden()
    _klopt()


def test_a_subcategory_moved_under_another_main_category_takes_its_incidents(convenant_data, stad):
    steekwapen = _sub("wapenbezit")
    MeldingFactory(school=stad.a1, tijdstip=MAART).categorieen.set([steekwapen])
    steekwapen.bovenliggend = Categorie.objects.get(code="bedreiging")
    steekwapen.save()
    assert _per_maand()["wapenbezit"] == _maanden()
    assert _per_maand()["bedreiging"] == _maanden(maart=1)
    _klopt()


def test_a_deleted_subcategory_no_longer_counts(convenant_data, stad):
    steekwapen = _sub("wapenbezit")
    MeldingFactory(school=stad.a1, tijdstip=MAART).categorieen.set([steekwapen])
    steekwapen.delete()
    assert _per_maand()["wapenbezit"] == _maanden()
    assert _per_gebied() == {(stad.a1.overleggebied_id, stad.a1.sector): 1}
    _klopt()


def test_a_deleted_incident_no_longer_counts(convenant_data, stad):
    MeldingFactory(school=stad.a1, tijdstip=MAART, categorieen=["drugs"]).delete()
    MeldingFactory(school=stad.a2, tijdstip=MAART, categorieen=["drugs"])
    Melding.objects.filter(school=stad.a2).delete()
    assert _per_maand()["drugs"] == _maanden()
    assert _per_gebied() == {}
    assert not Telling.objects.filter(school__isnull=False).exists()
    _klopt()


def test_closing_reopening_and_anonymising_change_no_count(convenant_data, stad, gebruikers):
    melding = MeldingFactory(school=stad.a1, tijdstip=MAART, categorieen=["cyberpesten"])
    Betrokkene.objects.create(melding=melding, rol="dader", soort="leerling", naam="Geheim")
    voor = _opgeslagen()
    diensten.melding_afsluiten(melding=melding)
    diensten.melding_heropenen(melding=melding, door=gebruikers["beheerder"], reden="Vergissing")
    diensten.melding_afsluiten(melding=melding)
    later = timezone.now() + timedelta(days=3 * 365)
    assert bewaren.anonimiseer(later) == 1
    assert _opgeslagen() == voor
    assert _per_maand()["cyberpesten"] == _maanden(maart=1)
    _klopt()


def test_the_counts_follow_any_mix_of_changes(convenant_data, stad):
    rng = random.Random(15)
    scholen = [stad.a1, stad.a2, stad.b1]
    categorieen = list(Categorie.objects.all())
    meldingen = []
    for _ in range(60):
        stap = rng.choice(["nieuw", "nieuw", "verplaats", "categorieen", "verwijder"])
        if stap == "nieuw" or not meldingen:
            m = MeldingFactory(
                school=rng.choice(scholen),
                tijdstip=f"{rng.choice([2025, 2026])}-{rng.randint(1, 12):02d}-15T12:00+01:00",
            )
            m.categorieen.set(rng.sample(categorieen, rng.randint(0, 3)))
            meldingen.append(m)
        elif stap == "verplaats":
            m = rng.choice(meldingen)
            m.school = rng.choice(scholen)
            m.tijdstip = f"{rng.choice([2025, 2026])}-{rng.randint(1, 12):02d}-01T00:30+01:00"
            m.save()
        elif stap == "categorieen":
            rng.choice(meldingen).categorieen.set(rng.sample(categorieen, rng.randint(0, 3)))
        else:
            meldingen.pop(rng.randrange(len(meldingen))).delete()
    assert Telling.objects.exists()
    _klopt()


def test_the_command_counts_what_bulk_writes_left_uncounted(convenant_data, stad, gebruikers):
    MeldingFactory(school=stad.a1, tijdstip=MAART, categorieen=["drugs"])
    # bulk_create and QuerySet.update send no signals (as the benchmark's city filler).
    nieuw = Melding.objects.bulk_create(
        Melding(
            school=stad.b1,
            tijdstip=MAART,
            plaats="school",
            omschrijving="-",
            vastgelegd_door=gebruikers["beheerder"],
        )
        for _ in range(6)
    )
    Melding.categorieen.through.objects.bulk_create(
        Melding.categorieen.through(melding=m, categorie=Categorie.objects.get(code="drugs"))
        for m in nieuw
    )
    Melding.objects.filter(school=stad.a1).update(tijdstip="2026-04-10T10:00:00+02:00")
    assert _per_maand()["drugs"] == _maanden(maart=1)
    call_command("herbouw_tellingen", stdout=io.StringIO())
    assert _per_maand()["drugs"] == _maanden(maart=6, april=1)
    _klopt()


@time_machine.travel("2026-11-29T12:00:00+01:00", tick=False)
def test_the_figures_and_their_export_take_the_same_queries_for_a_bigger_city(
    client, convenant_data, stad, gebruikers, django_assert_max_num_queries
):
    client.force_login(gebruikers["projectleider"])
    MeldingFactory(school=stad.a1, tijdstip=MAART, categorieen=["drugs"])
    urls = [
        "/meldingen/cijfers/?jaar=2026",
        "/meldingen/cijfers/export/?jaar=2026&formaat=csv",
        "/meldingen/cijfers/export/?jaar=2026&formaat=xlsx&tabel=gebied",
    ]
    eerst = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        eerst[url] = len(queries)
    # More schools, incidents in every month and under every main category.
    for n in range(6):
        school = SchoolFactory(bestuur=stad.a1.bestuur, overleggebied=stad.a1.overleggebied)
        for maand in range(1, 13):
            MeldingFactory(
                school=school,
                tijdstip=f"2026-{maand:02d}-10T10:00:00+01:00",
                categorieen=[c.code for c in Categorie.objects.all()[n::6]],
            )
    assert Melding.objects.count() == 73
    for url in urls:
        with django_assert_max_num_queries(eerst[url]):
            assert client.get(url).status_code == 200
    assert eerst["/meldingen/cijfers/?jaar=2026"] <= 12


def test_a_main_category_placed_under_another_takes_its_own_incidents(convenant_data, stad):
    MeldingFactory(school=stad.a1, tijdstip=MAART, categorieen=["cyberpesten"])
    MeldingFactory(school=stad.a1, tijdstip=MAART, categorieen=["drugs"])
    cyberpesten = Categorie.objects.get(code="cyberpesten")
    cyberpesten.bovenliggend = Categorie.objects.get(code="grove-pesterijen")
    cyberpesten.save()
    assert _per_maand()["grove-pesterijen"] == _maanden(maart=1)
    assert _per_maand()["drugs"] == _maanden(maart=1)
    assert "cyberpesten" not in _per_maand()
    _klopt()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite writes one at a time")
@pytest.mark.django_db(transaction=True)
def test_incidents_saved_at_the_same_time_are_all_counted_without_a_deadlock(convenant_data, stad):
    # Each save counts twice (the incident, then its categories), some a third time (another
    # school): with a lock per school and per city row, such saves deadlocked.
    scholen = [stad.a1, stad.a2, stad.b1]
    codes = list(Categorie.objects.values_list("code", flat=True))
    start, fouten = threading.Barrier(6), []

    def meld(n):
        rng = random.Random(n)
        try:
            start.wait()
            for _ in range(8):
                with transaction.atomic():
                    m = MeldingFactory(
                        school=rng.choice(scholen),
                        tijdstip=f"2026-{rng.randint(1, 12):02d}-05T10:00:00+01:00",
                        categorieen=rng.sample(codes, rng.randint(1, 3)),
                    )
                    if rng.random() < 0.4:
                        m.school = rng.choice(scholen)
                        m.save()
        except Exception as fout:  # reported below, not lost in the thread
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=meld, args=(n,)) for n in range(6)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert fouten == []
    assert Melding.objects.count() == 48
    _klopt()
