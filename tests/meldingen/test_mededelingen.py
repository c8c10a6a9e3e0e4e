"""External statements (art. 9.1): released only after every partner's communication officer."""

import pytest

from meldingen.mededelingen import Mededeling, ontbrekende_goedkeuringen
from meldingen.models import Politiemelding
from partijen.models import Organisatie
from tests.factories import MeldingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


def test_released_only_when_no_partner_is_missing():
    assert ontbrekende_goedkeuringen({1, 2, 3}, {1, 2}) == {3}
    assert ontbrekende_goedkeuringen({1, 2}, {2, 1}) == set()


@pytest.fixture
def gemeld(convenant_data, stad):
    melding = MeldingFactory(school=stad.a1, categorieen=["wapenbezit"])
    Politiemelding.objects.create(melding=melding, datum="2026-10-01", soort="aangifte", door="x")
    return melding


@pytest.fixture
def communicatie(maak_gebruiker, in_rol):
    """A communication officer for the municipality and one for the police."""
    gemeente = Organisatie.objects.get(code="gemeente-almere")
    politie = Organisatie.objects.get(code="politie")
    a = maak_gebruiker("projectleider", username="comm-gemeente")
    in_rol(a, "communicatiemedewerker", organisatie=gemeente)
    b = maak_gebruiker("politie_operationeel_expert", username="comm-politie")
    in_rol(b, "communicatiemedewerker", organisatie=politie)
    return {"gemeente": (a, gemeente), "politie": (b, politie)}


def test_a_statement_is_released_after_every_approval(
    client, gemeld, gebruikers, communicatie, stad
):
    client.force_login(gebruikers["coordinator_veiligheid"])
    gemeente, politie = communicatie["gemeente"][1], communicatie["politie"][1]
    response = client.post(
        f"/meldingen/{gemeld.pk}/mededeling/",
        {
            "tekst": "Op de school is een wapen aangetroffen; de politie onderzoekt de zaak.",
            "partners": [gemeente.pk, politie.pk],
        },
    )
    mededeling = Mededeling.objects.get()
    assert response["Location"] == f"/meldingen/mededelingen/{mededeling.pk}/"

    gebruiker, org = communicatie["gemeente"]
    client.force_login(gebruiker)
    html = client.get(f"/meldingen/mededelingen/{mededeling.pk}/").content.decode()
    assert "Goedkeuren voor Gemeente Almere" in html
    assert "Goedkeuren voor Politie Flevoland" not in html  # not theirs to approve
    client.post(f"/meldingen/mededelingen/{mededeling.pk}/goedkeuren/", {"organisatie": org.pk})
    client.post(
        f"/meldingen/mededelingen/{mededeling.pk}/goedkeuren/", {"organisatie": politie.pk}
    )  # refused: not their partner
    mededeling.refresh_from_db()
    assert mededeling.vrijgegeven_op is None
    assert mededeling.goedkeuringen.count() == 1

    gebruiker, org = communicatie["politie"]
    client.force_login(gebruiker)
    client.post(f"/meldingen/mededelingen/{mededeling.pk}/goedkeuren/", {"organisatie": org.pk})
    mededeling.refresh_from_db()
    assert mededeling.vrijgegeven_op is not None
    assert {g.door.username for g in mededeling.goedkeuringen.all()} == {
        "comm-gemeente",
        "comm-politie",
    }


def test_the_communication_officer_sees_the_statement_not_the_people(
    client, gemeld, gebruikers, communicatie
):
    Mededeling.objects.create(
        melding=gemeld, tekst="Tekst", opgesteld_door=gebruikers["beheerder"]
    ).partners.set([communicatie["gemeente"][1]])
    gebruiker = communicatie["gemeente"][0]
    client.force_login(gebruiker)
    assert client.get("/meldingen/mededelingen/").status_code == 200
    assert client.get(f"/meldingen/{gemeld.pk}/").status_code == 404


def test_no_statement_without_a_police_report(client, convenant_data, stad, gebruikers):
    melding = MeldingFactory(school=stad.a1, categorieen=["cyberpesten"])
    client.force_login(gebruikers["coordinator_veiligheid"])
    assert client.get(f"/meldingen/{melding.pk}/mededeling/").status_code == 404


def test_others_cannot_see_a_statement(client, gemeld, gebruikers):
    mededeling = Mededeling.objects.create(
        melding=gemeld, tekst="T", opgesteld_door=gebruikers["beheerder"]
    )
    mededeling.partners.set([OrganisatieFactory()])
    client.force_login(gebruikers["veiligheidsmanager"])
    assert client.get(f"/meldingen/mededelingen/{mededeling.pk}/").status_code == 404
