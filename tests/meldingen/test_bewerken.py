"""Changing a recorded incident: who may, what is kept, and what happens after closing."""

import pytest
import time_machine

from meldingen.models import Betrokkene, Categorie, Heropening, Inzage, Maatregel, Melding
from tests.factories import GebruikerFactory, MeldingFactory

pytestmark = pytest.mark.django_db

GISTEREN = "2026-11-28T14:00:00+01:00"
NU = "2026-11-29T10:00:00+01:00"


@pytest.fixture
def melding(convenant_data, stad, gebruikers):
    """A cyberbullying incident of school a1, recorded yesterday by its coordinator."""
    with time_machine.travel(GISTEREN, tick=False):
        melding = MeldingFactory(
            school=stad.a1,
            tijdstip="2026-11-28T12:30:00+01:00",
            omschrijving="Een leerling wordt in de groepsapp uitgescholden.",
            vastgelegd_door=gebruikers["coordinator_veiligheid"],
            categorieen=["cyberpesten"],
        )
        Betrokkene.objects.create(
            melding=melding, rol="slachtoffer", soort="leerling", naam="Lina", leeftijd=14
        )
    return melding


@pytest.fixture
def coordinator(client, gebruikers):
    client.force_login(gebruikers["coordinator_veiligheid"])
    return client


def _data(melding, **extra):
    """The edit form as the browser sends it back, unchanged."""
    betrokkene = melding.betrokkenen.get()
    data = {
        "versie": str(melding.versie),
        "tijdstip": "2026-11-28T12:30",
        "plaats": "school",
        "categorieen": [c.pk for c in melding.categorieen.all()],
        "omschrijving": melding.omschrijving,
        "betrokkenen-TOTAL_FORMS": "1",
        "betrokkenen-INITIAL_FORMS": "1",
        "betrokkenen-0-id": str(betrokkene.pk),
        "betrokkenen-0-melding": str(melding.pk),
        "betrokkenen-0-rol": "slachtoffer",
        "betrokkenen-0-soort": "leerling",
        "betrokkenen-0-naam": "Lina",
        "betrokkenen-0-leeftijd": "14",
        "maatregelen-TOTAL_FORMS": "1",
        "maatregelen-INITIAL_FORMS": "0",
    }
    data.update(extra)
    return data


SCHORSING = {
    "maatregelen-0-soort": "schorsing",
    "maatregelen-0-datum": "2026-11-29",
    "maatregelen-0-dagen": "3",
    "maatregelen-0-inspectie_geinformeerd_op": "2026-11-29",
}


@time_machine.travel(NU, tick=False)
def test_the_coordinator_adds_a_measure_the_next_day(coordinator, melding, gebruikers):
    url = f"/meldingen/{melding.pk}/wijzigen/"
    html = coordinator.get(url).content.decode()
    assert "Lina" in html
    assert "art. 2.6" in html  # the same duty panel as the new-incident form
    response = coordinator.post(url, _data(melding, omschrijving="Gecorrigeerd.", **SCHORSING))
    assert response.status_code == 302
    assert response["Location"] == f"/meldingen/{melding.pk}/"
    melding.refresh_from_db()
    assert melding.omschrijving == "Gecorrigeerd."
    assert melding.maatregelen.get().dagen == 3
    assert melding.versie == 2

    html = coordinator.get(f"/meldingen/{melding.pk}/").content.decode()
    assert "Wijzigingsgeschiedenis" in html
    naam = gebruikers["coordinator_veiligheid"].get_full_name()
    assert "29 november 2026 10:00" in html
    assert naam in html
    assert "Gecorrigeerd." in html
    assert "Maatregel" in html
    assert "aangemaakt" in html

    # Closing right after is a change of its own, not part of the edit before it.
    coordinator.post(f"/meldingen/{melding.pk}/afsluiten/")
    geschiedenis = coordinator.get(f"/meldingen/{melding.pk}/").context["geschiedenis"]
    van_melding = [w for w in geschiedenis if w["wat"] == "melding"]
    assert [str(v["veld"]) for v in van_melding[0]["velden"]] == ["afgesloten op", "status"]
    assert [str(v["veld"]) for v in van_melding[1]["velden"]] == ["omschrijving"]
    assert len(van_melding) == 3
    # Saving the form unchanged adds nothing to read.
    melding.refresh_from_db()
    coordinator.post(f"/meldingen/{melding.pk}/heropenen/", {"reden": "Nog een maatregel."})
    melding.refresh_from_db()
    coordinator.post(f"/meldingen/{melding.pk}/wijzigen/", _data(melding))
    geschiedenis = coordinator.get(f"/meldingen/{melding.pk}/").context["geschiedenis"]
    assert len([w for w in geschiedenis if w["wat"] == "melding"]) == 4


@time_machine.travel(NU, tick=False)
def test_a_changed_category_changes_the_duties_and_is_in_the_history(coordinator, melding):
    drugs = Categorie.objects.get(code="drugs")
    coordinator.post(f"/meldingen/{melding.pk}/wijzigen/", _data(melding, categorieen=[drugs.pk]))
    html = coordinator.get(f"/meldingen/{melding.pk}/").content.decode()
    assert "Leg eerst de politiemelding vast (art. 2.5)." in html
    assert "Categorieën: Cyberpesten → Drugs" in html


@pytest.mark.parametrize(
    ("veld", "waarde", "fout"),
    [
        ("tijdstip", "2026-12-24T10:00", "kan niet in de toekomst"),
        ("omschrijving", "<script>alert(1)</script>", "geen HTML-code"),
        ("categorieen", [], "Kies minstens één categorie."),
        ("maatregelen-0-dagen", "", "aantal dagen"),
    ],
)
@time_machine.travel(NU, tick=False)
def test_bad_input_gets_a_dutch_message_and_loses_nothing(coordinator, melding, veld, waarde, fout):
    data = _data(melding, **SCHORSING)
    data["omschrijving"] = "Nieuwe tekst die niet verloren mag gaan."
    data[veld] = waarde
    response = coordinator.post(f"/meldingen/{melding.pk}/wijzigen/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert fout in html
    if veld != "omschrijving":
        assert "Nieuwe tekst die niet verloren mag gaan." in html
    melding.refresh_from_db()
    assert melding.omschrijving.startswith("Een leerling")
    assert melding.versie == 1


@time_machine.travel(NU, tick=False)
def test_a_stale_form_does_not_overwrite_someone_elses_change(coordinator, melding):
    url = f"/meldingen/{melding.pk}/wijzigen/"
    verouderd = _data(melding, omschrijving="Mijn versie.")
    assert (
        coordinator.post(url, _data(melding, omschrijving="Andermans versie.")).status_code == 302
    )
    # The same form sent again (a second tab, or a double click): refused, and kept on screen.
    response = coordinator.post(url, verouderd)
    assert response.status_code == 200
    html = response.content.decode()
    assert "intussen gewijzigd" in html
    assert "Mijn versie." in html
    melding.refresh_from_db()
    assert melding.omschrijving == "Andermans versie."
    # Having seen the warning, saving again is a deliberate choice.
    assert f'name="versie" value="{melding.versie}"' in html
    assert coordinator.post(url, _data(melding, omschrijving="Mijn versie.")).status_code == 302
    melding.refresh_from_db()
    assert melding.omschrijving == "Mijn versie."


@time_machine.travel(NU, tick=False)
def test_the_edit_page_logs_who_viewed_the_personal_data(coordinator, melding, gebruikers):
    coordinator.get(f"/meldingen/{melding.pk}/wijzigen/")
    assert Inzage.objects.filter(
        melding=melding, gebruiker=gebruikers["coordinator_veiligheid"]
    ).exists()


@time_machine.travel(NU, tick=False)
def test_the_school_and_confidentiality_are_not_changed_here(coordinator, melding, stad):
    coordinator.post(
        f"/meldingen/{melding.pk}/wijzigen/",
        _data(melding, school=stad.b1.pk, vertrouwelijk="on"),
    )
    melding.refresh_from_db()
    assert melding.school == stad.a1
    assert not melding.vertrouwelijk


def test_the_police_and_others_may_not_edit(client, melding, gebruikers, stad, in_rol):
    from meldingen.models import Politiemelding

    Politiemelding.objects.create(melding=melding, datum="2026-11-28", soort="melding", door="x")
    agent = gebruikers["politie_contactpersoon"]
    in_rol(agent, "politie_contactpersoon", school=stad.a1)
    client.force_login(agent)
    html = client.get(f"/meldingen/{melding.pk}/").content.decode()  # the police reads it
    assert f'href="/meldingen/{melding.pk}/wijzigen/"' not in html
    assert "Wijzigingsgeschiedenis" not in html
    assert client.get(f"/meldingen/{melding.pk}/wijzigen/").status_code == 404
    assert client.post(f"/meldingen/{melding.pk}/heropenen/", {"reden": "x"}).status_code == 404
    for rol in ["veiligheidsmanager", "bestuurder", "beheerder", "contactpersoon_vertrouwenszaken"]:
        client.force_login(gebruikers[rol])
        assert client.get(f"/meldingen/{melding.pk}/wijzigen/").status_code == 404


def test_a_confidential_report_is_edited_by_the_contact_person_not_the_coordinator(
    client, convenant_data, stad, gebruikers, in_rol
):
    vertrouwenspersoon = gebruikers["contactpersoon_vertrouwenszaken"]
    in_rol(gebruikers["coordinator_veiligheid"], "coordinator_veiligheid", school=stad.a2)
    melding = MeldingFactory(
        school=stad.a2,
        vertrouwelijk=True,
        vastgelegd_door=vertrouwenspersoon,
        categorieen=["grove-pesterijen"],
    )
    client.force_login(gebruikers["coordinator_veiligheid"])
    assert client.get(f"/meldingen/{melding.pk}/wijzigen/").status_code == 404
    client.force_login(vertrouwenspersoon)
    assert client.get(f"/meldingen/{melding.pk}/wijzigen/").status_code == 200


@time_machine.travel(NU, tick=False)
def test_closed_means_closed_until_reopened_with_a_reason(coordinator, melding, gebruikers):
    url = f"/meldingen/{melding.pk}/wijzigen/"
    coordinator.post(f"/meldingen/{melding.pk}/afsluiten/")
    melding.refresh_from_db()
    assert melding.status == "afgesloten"
    response = coordinator.get(url, follow=True)
    assert "Heropen de melding eerst" in response.content.decode()
    coordinator.post(url, _data(melding, omschrijving="Stiekem."))
    melding.refresh_from_db()
    assert melding.omschrijving != "Stiekem."

    response = coordinator.post(f"/meldingen/{melding.pk}/heropenen/", {"reden": "  "})
    assert response.status_code == 200
    assert "Geef de reden" in response.content.decode()
    melding.refresh_from_db()
    assert melding.status == "afgesloten"

    coordinator.post(
        f"/meldingen/{melding.pk}/heropenen/", {"reden": "Ouders meldden een nieuw feit."}
    )
    melding.refresh_from_db()
    assert melding.status == "open"
    assert melding.afgesloten_op is None
    heropening = Heropening.objects.get()
    assert heropening.door == gebruikers["coordinator_veiligheid"]
    html = coordinator.get(f"/meldingen/{melding.pk}/").content.decode()
    assert "Ouders meldden een nieuw feit." in html

    assert coordinator.post(url, _data(melding, omschrijving="Aangevuld.")).status_code == 302
    # Closing again: the close check still applies (a compulsory report needs the police).
    drugs = Categorie.objects.get(code="drugs")
    melding.refresh_from_db()
    coordinator.post(url, _data(melding, categorieen=[drugs.pk]))
    coordinator.post(f"/meldingen/{melding.pk}/afsluiten/")
    melding.refresh_from_db()
    assert melding.status == "open"


@time_machine.travel(NU, tick=False)
def test_an_open_incident_is_not_reopened(coordinator, melding):
    coordinator.post(f"/meldingen/{melding.pk}/heropenen/", {"reden": "Waarom niet."})
    assert not Heropening.objects.exists()


@time_machine.travel(NU, tick=False)
def test_the_edit_page_does_not_grow_in_queries(
    coordinator, melding, django_assert_max_num_queries
):
    for n in range(10):
        Betrokkene.objects.create(melding=melding, rol="getuige", soort="leerling", leeftijd=n + 8)
        Maatregel.objects.create(melding=melding, soort="gesprek", datum="2026-11-28")
    with django_assert_max_num_queries(25):
        coordinator.get(f"/meldingen/{melding.pk}/wijzigen/")
    for n in range(5):
        Maatregel.objects.filter(melding=melding).update(toelichting=f"stap {n}")
        m = Maatregel.objects.filter(melding=melding).first()
        m.toelichting = f"gewijzigd {n}"
        m.save()
    with django_assert_max_num_queries(25):
        coordinator.get(f"/meldingen/{melding.pk}/")


# Art. 2.7: opening a locker is the school's right; the reason and who decided are recorded.
KLUISJE = {"maatregelen-0-soort": "kluisje", "maatregelen-0-datum": "2026-11-29"}


@pytest.mark.parametrize(
    ("veld", "fout"),
    [
        ("maatregelen-0-reden", "Leg vast waarom het kluisje is geopend"),
        ("maatregelen-0-besloten_door", "Leg vast wie besloot het kluisje te openen"),
    ],
)
@time_machine.travel(NU, tick=False)
def test_a_locker_opening_needs_its_reason_and_who_decided(coordinator, melding, veld, fout):
    data = _data(
        melding,
        **KLUISJE,
        **{
            "maatregelen-0-reden": "Vermoeden van drugs na een tip.",
            "maatregelen-0-besloten_door": "J. de Wit, teamleider",
        },
    )
    data[veld] = ""
    response = coordinator.post(f"/meldingen/{melding.pk}/wijzigen/", data)
    assert response.status_code == 200
    assert fout in response.content.decode()
    assert not Maatregel.objects.exists()


@time_machine.travel(NU, tick=False)
def test_a_locker_openings_reason_and_decider_are_shown(coordinator, melding):
    coordinator.post(
        f"/meldingen/{melding.pk}/wijzigen/",
        _data(
            melding,
            **KLUISJE,
            **{
                "maatregelen-0-reden": "Vermoeden van drugs na een tip.",
                "maatregelen-0-besloten_door": "J. de Wit, teamleider",
            },
        ),
    )
    maatregel = Maatregel.objects.get()
    assert maatregel.reden == "Vermoeden van drugs na een tip."
    html = coordinator.get(f"/meldingen/{melding.pk}/").content.decode()
    assert "Vermoeden van drugs na een tip." in html
    assert "J. de Wit, teamleider" in html


def test_another_user_cannot_slip_in_through_a_stale_role(client, melding, stad):
    # A coordinator whose assignment has ended no longer edits the school's incidents.
    oud = GebruikerFactory(username="oud-coordinator")
    from tests.factories import PersoonFactory, RoltoewijzingFactory

    RoltoewijzingFactory(persoon=PersoonFactory(gebruiker=oud), school=stad.a1, einde="2025-01-01")
    client.force_login(oud)
    assert client.get(f"/meldingen/{melding.pk}/wijzigen/").status_code == 404
    assert Melding.objects.get().versie == 1
