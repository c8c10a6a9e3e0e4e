"""The coordinator's journey through the server: record, see the duties, report, close."""

from datetime import date

import pytest
import time_machine

from meldingen.models import Betrokkene, Categorie, Inzage, Melding
from tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db

NU = "2026-11-29T10:00:00+01:00"


@pytest.fixture
def coordinator(client, convenant_data, stad, gebruikers):
    client.force_login(gebruikers["coordinator_veiligheid"])
    return client


def _data(stad, *codes, **extra):
    data = {
        "school": stad.a1.pk,
        "tijdstip": "2026-11-28T12:30",
        "plaats": "school",
        "categorieen": [c.pk for c in Categorie.objects.filter(code__in=codes)],
        "omschrijving": "In de kluis van een leerling is een zakje wiet gevonden.",
        "betrokkenen-TOTAL_FORMS": "1",
        "betrokkenen-INITIAL_FORMS": "0",
        "betrokkenen-0-rol": "dader",
        "betrokkenen-0-soort": "leerling",
        "betrokkenen-0-naam": "Sem",
        "betrokkenen-0-geboortedatum": "2010-03-01",
        "maatregelen-TOTAL_FORMS": "1",
        "maatregelen-INITIAL_FORMS": "0",
        "maatregelen-0-soort": "kluisje",
        "maatregelen-0-datum": "2026-11-28",
        "maatregelen-0-reden": "Tip van een medeleerling over drugs.",
        "maatregelen-0-besloten_door": "A. Teamleider",
    }
    data.update(extra)
    return data


@time_machine.travel(NU, tick=False)
def test_a_drugs_incident_is_recorded_with_its_duties(coordinator, stad):
    response = coordinator.post("/meldingen/nieuw/", _data(stad, "drugs-bezit"))
    melding = Melding.objects.get()
    assert response["Location"] == f"/meldingen/{melding.pk}/"
    assert melding.betrokkenen.get().naam == "Sem"
    html = coordinator.get(f"/meldingen/{melding.pk}/").content.decode()
    assert "art. 2.5" in html
    assert "art. 2.7" in html  # the locker
    assert "Leg eerst de politiemelding vast (art. 2.5)." in html


@time_machine.travel(NU, tick=False)
def test_the_duty_panel_follows_the_chosen_categories(coordinator, stad):
    html = coordinator.post("/meldingen/plichten/", _data(stad, "cyberpesten")).content.decode()
    assert "art. 2.6" in html
    assert "anoniem" in html
    html = coordinator.post("/meldingen/plichten/", _data(stad, "dreiging-school")).content.decode()
    assert "art. 2.10" in html


@time_machine.travel(NU, tick=False)
def test_it_cannot_be_closed_until_the_police_report_is_recorded(coordinator, stad):
    coordinator.post("/meldingen/nieuw/", _data(stad, "drugs"))
    melding = Melding.objects.get()
    coordinator.post(f"/meldingen/{melding.pk}/afsluiten/")
    melding.refresh_from_db()
    assert melding.status == "open"

    response = coordinator.post(
        f"/meldingen/{melding.pk}/politiemelding/",
        {"datum": "2026-11-30", "soort": "melding", "door": "C. Coördinator"},
    )
    assert not hasattr(Melding.objects.get(), "politiemelding")
    assert "in de toekomst" in response.content.decode()
    assert 'value="C. Coördinator"' in response.content.decode()

    coordinator.post(
        f"/meldingen/{melding.pk}/politiemelding/",
        {
            "datum": "2026-11-29",
            "soort": "aangifte",
            "door": "C. Coördinator",
            "referentie": "PL0900-2026123456",
        },
    )
    coordinator.post(f"/meldingen/{melding.pk}/afsluiten/")
    melding.refresh_from_db()
    assert melding.status == "afgesloten"
    assert melding.politiemelding.referentie == "PL0900-2026123456"


@time_machine.travel(NU, tick=False)
def test_a_compulsory_report_cannot_be_anonymous(coordinator, stad):
    coordinator.post("/meldingen/nieuw/", _data(stad, "wapenbezit"))
    melding = Melding.objects.get()
    coordinator.post(
        f"/meldingen/{melding.pk}/politiemelding/",
        {
            "datum": "2026-11-29",
            "soort": "melding",
            "door": "C",
            "anoniem": "on",
            "referentie": "PL2",
        },
    )
    assert Melding.objects.get().politiemelding.anoniem is False


@pytest.mark.parametrize(
    ("geboortedatum", "aangeboden"),
    [
        ("2008-11-28", False),  # 18 on the day of the incident (28 November 2026)
        ("2008-11-29", False),  # a minor then, but 18 today, the day the parents would hear
        ("2008-11-30", True),
    ],
)
@time_machine.travel(NU, tick=False)
def test_parent_notification_only_for_students_under_18(
    coordinator, stad, geboortedatum, aangeboden
):
    coordinator.post(
        "/meldingen/nieuw/",
        _data(stad, "cyberpesten", **{"betrokkenen-0-geboortedatum": geboortedatum}),
    )
    melding = Melding.objects.get()
    betrokkene = melding.betrokkenen.get()
    html = coordinator.get(f"/meldingen/{melding.pk}/").content.decode()
    assert (f'action="/meldingen/{melding.pk}/betrokkenen/{betrokkene.pk}/ouders/"' in html) is (
        aangeboden
    )
    coordinator.post(
        f"/meldingen/{melding.pk}/betrokkenen/{betrokkene.pk}/ouders/", {"datum": "2026-11-29"}
    )
    betrokkene.refresh_from_db()
    assert (betrokkene.ouders_geinformeerd_op == date(2026, 11, 29)) is aangeboden


@pytest.mark.parametrize(
    ("veld", "waarde", "fout"),
    [
        ("tijdstip", "2026-12-24T10:00", "kan niet in de toekomst"),
        ("omschrijving", "<script>alert(1)</script>", "geen HTML-code"),
        ("omschrijving", "x" * 10_001, "niet meer dan 10000 tekens"),
        ("betrokkenen-0-geboortedatum", "2026-11-29", "na de datum van het incident"),
        ("maatregelen-0-soort", "schorsing", "aantal dagen"),
    ],
)
@time_machine.travel(NU, tick=False)
def test_bad_input_gets_a_dutch_message_and_loses_nothing(coordinator, stad, veld, waarde, fout):
    response = coordinator.post("/meldingen/nieuw/", _data(stad, "drugs", **{veld: waarde}))
    assert response.status_code == 200
    html = response.content.decode()
    assert fout in html
    assert "Sem" in html  # what was typed is still there
    assert not Melding.objects.exists()


@time_machine.travel(NU, tick=False)
def test_a_long_suspension_records_that_the_inspectorate_was_informed(coordinator, stad):
    data = _data(
        stad, "bedreiging", **{"maatregelen-0-soort": "schorsing", "maatregelen-0-dagen": "3"}
    )
    html = coordinator.post("/meldingen/nieuw/", data).content.decode()
    assert "voor de Inspectie" in html or "Inspectie" in html
    assert not Melding.objects.exists()
    data["maatregelen-0-inspectie_geinformeerd_op"] = "2026-11-28"
    assert coordinator.post("/meldingen/nieuw/", data).status_code == 302


@time_machine.travel(NU, tick=False)
def test_no_category_is_refused(coordinator, stad):
    response = coordinator.post("/meldingen/nieuw/", _data(stad))
    assert "Kies minstens één categorie." in response.content.decode()


def test_only_the_schools_own_people_record_incidents(client, convenant_data, gebruikers, stad):
    for rol in ["politie_contactpersoon", "veiligheidsmanager", "beheerder", "bestuurder"]:
        client.force_login(gebruikers[rol])
        assert client.get("/meldingen/nieuw/").status_code == 404


@time_machine.travel(NU, tick=False)
def test_a_coordinator_cannot_record_for_another_school(coordinator, stad):
    response = coordinator.post("/meldingen/nieuw/", _data(stad, "drugs", school=stad.b1.pk))
    assert "school" in response.context["form"].errors
    assert not Melding.objects.exists()


def test_every_view_of_personal_data_is_logged(client, convenant_data, stad, gebruikers):
    melding = MeldingFactory(school=stad.a1)
    Betrokkene.objects.create(melding=melding, rol="slachtoffer", soort="leerling", naam="Lina")
    client.force_login(gebruikers["coordinator_veiligheid"])
    client.get(f"/meldingen/{melding.pk}/")
    client.get(f"/meldingen/{melding.pk}/")
    assert (
        Inzage.objects.filter(
            melding=melding, gebruiker=gebruikers["coordinator_veiligheid"]
        ).count()
        == 2
    )


def test_the_list_and_detail_do_not_grow_in_queries(
    client, convenant_data, stad, gebruikers, django_assert_max_num_queries
):
    client.force_login(gebruikers["coordinator_veiligheid"])
    for _ in range(3):
        MeldingFactory(school=stad.a1, categorieen=["drugs", "cyberpesten"])
    with django_assert_max_num_queries(14):
        client.get("/meldingen/")
    for _ in range(20):
        MeldingFactory(school=stad.a1, categorieen=["drugs", "cyberpesten"])
    with django_assert_max_num_queries(14):
        assert len(client.get("/meldingen/").context["pagina"]) == 23
    melding = Melding.objects.first()
    for n in range(10):
        Betrokkene.objects.create(melding=melding, rol="getuige", soort="leerling", leeftijd=n + 10)
    # The history of changes (incident, people, measures, categories) and the reopenings
    # add a fixed number of queries.
    with django_assert_max_num_queries(25):
        client.get(f"/meldingen/{melding.pk}/")


@time_machine.travel(NU, tick=False)
def test_the_reason_for_sharing_personal_data_with_the_police_is_recorded(coordinator, stad):
    coordinator.post("/meldingen/nieuw/", _data(stad, "drugs"))
    verplicht = Melding.objects.get()
    coordinator.post(
        f"/meldingen/{verplicht.pk}/politiemelding/",
        {"datum": "2026-11-29", "soort": "melding", "door": "C", "referentie": "PL3"},
    )
    assert verplicht.politiemelding.reden_persoonsgegevens == (
        "Verplichte melding aan de politie (art. 2.5)."
    )

    coordinator.post("/meldingen/nieuw/", _data(stad, "cyberpesten"))
    optioneel = Melding.objects.exclude(pk=verplicht.pk).get()
    response = coordinator.post(
        f"/meldingen/{optioneel.pk}/politiemelding/",
        {"datum": "2026-11-29", "soort": "melding", "door": "C", "referentie": "PL4"},
    )
    assert "Zeg waarom de politie de persoonsgegevens nodig heeft" in response.content.decode()
    assert not Melding.objects.filter(pk=optioneel.pk, politiemelding__isnull=False).exists()
    coordinator.post(
        f"/meldingen/{optioneel.pk}/politiemelding/",
        {
            "datum": "2026-11-29",
            "soort": "melding",
            "door": "C",
            "anoniem": "on",
            "referentie": "PL5",
        },
    )
    optioneel.refresh_from_db()
    assert optioneel.politiemelding.anoniem
    assert optioneel.politiemelding.reden_persoonsgegevens == ""


@time_machine.travel(NU, tick=False)
def test_ten_megabytes_of_text_is_refused_politely(coordinator, stad):
    response = coordinator.post(
        "/meldingen/nieuw/", _data(stad, "drugs", omschrijving="x" * 10_000_000)
    )
    assert response.status_code == 200
    assert "niet meer dan 10000 tekens" in response.content.decode()
    assert not Melding.objects.exists()


def test_the_list_can_be_sorted_and_searched(client, convenant_data, stad, gebruikers):
    oud = MeldingFactory(
        school=stad.a1,
        tijdstip="2026-01-05T10:00:00+01:00",
        omschrijving="Fiets gestolen bij de ingang",
    )
    nieuw = MeldingFactory(school=stad.a1, tijdstip="2026-10-05T10:00:00+01:00")
    client.force_login(gebruikers["coordinator_veiligheid"])
    assert [m.pk for m in client.get("/meldingen/").context["pagina"]] == [nieuw.pk, oud.pk]
    assert [m.pk for m in client.get("/meldingen/", {"sorteer": "tijdstip"}).context["pagina"]] == [
        oud.pk,
        nieuw.pk,
    ]
    assert [m.pk for m in client.get("/meldingen/", {"zoek": "fiets"}).context["pagina"]] == [
        oud.pk
    ]
    assert client.get("/meldingen/", {"van": "geen-datum"}).status_code == 200


@pytest.mark.parametrize(
    ("veld", "fout"),
    [
        ("maatregelen-0-reden", "Leg vast waarom het kluisje is geopend (art. 2.7)."),
        ("maatregelen-0-besloten_door", "Leg vast wie besloot het kluisje te openen (art. 2.7)."),
    ],
)
@time_machine.travel(NU, tick=False)
def test_an_opened_locker_records_why_and_who_decided(coordinator, stad, veld, fout):
    response = coordinator.post("/meldingen/nieuw/", _data(stad, "drugs", **{veld: ""}))
    assert response.status_code == 200
    assert fout in response.content.decode()
    assert "Sem" in response.content.decode()
    assert not Melding.objects.exists()
