"""A school's website: typed in the school form or imported, kept in the history, shown to
parents. Only web addresses: a javascript: link never reaches the public page."""

import io

import pytest

from partijen.models import School
from tests.factories import OrganisatieFactory, SchoolFactory, StadsdeelFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheer(client, beheerder, convenant_data):
    client.force_login(beheerder)
    return client


def _schooldata(**kwargs):
    return {
        "naam": "De Nieuwe School",
        "bestuur": OrganisatieFactory().pk,
        "sector": "VO",
        "stadsdeel": StadsdeelFactory().pk,
        "plaats": "Almere",
        "actief": "on",
        **kwargs,
    }


def test_the_school_form_saves_the_website_and_keeps_its_history(beheer):
    response = beheer.post(
        "/partijen/scholen/nieuw/", _schooldata(website="https://www.denieuweschool.nl")
    )
    assert response.status_code == 302
    school = School.objects.get()
    assert school.website == "https://www.denieuweschool.nl"
    data = _schooldata(
        website="https://denieuweschool.nl/",
        bestuur=school.bestuur_id,
        stadsdeel=school.stadsdeel_id,
    )
    beheer.post(f"/partijen/scholen/{school.pk}/bewerken/", data)
    assert [h.website for h in school.history.order_by("history_date")] == [
        "https://www.denieuweschool.nl",
        "https://denieuweschool.nl/",
    ]


def test_an_address_without_https_gets_it(beheer):
    beheer.post("/partijen/scholen/nieuw/", _schooldata(website="www.denieuweschool.nl"))
    assert School.objects.get().website == "https://www.denieuweschool.nl"


@pytest.mark.parametrize(
    "website", ["javascript:alert(1)", "mailto:info@school.nl", "ftp://school.nl", "geen adres"]
)
def test_only_web_addresses_are_accepted_and_what_was_typed_stays(beheer, website):
    response = beheer.post("/partijen/scholen/nieuw/", _schooldata(website=website))
    assert response.status_code == 200
    assert response.context["form"].errors["website"]
    assert "Voer een geldige URL in" in response.content.decode()
    assert not School.objects.exists()


def test_the_website_can_be_imported_and_a_file_without_it_keeps_it(beheer):
    SchoolFactory(naam="OBS De Vlieger", brin="11AA00", bestuur__naam="Prisma", sector="VO")
    kop = "naam;brin;bestuur;sector;stadsdeel"

    def importeer(csv):
        bestand = io.BytesIO(csv.encode())
        bestand.name = "scholen.csv"
        beheer.post("/partijen/import/", {"soort": "scholen", "bestand": bestand})
        return beheer.post("/partijen/import/", {"bevestigen": "1"})

    deel = School.objects.get().stadsdeel.naam
    importeer(f"{kop};website\nOBS De Vlieger;11AA00;Prisma;VO;{deel};https://www.vlieger.nl\n")
    assert School.objects.get().website == "https://www.vlieger.nl"
    importeer(f"{kop}\nOBS De Vlieger;11AA00;Prisma;VO;{deel}\n")
    assert School.objects.get().website == "https://www.vlieger.nl"


def test_the_register_shows_the_website_on_the_school_page(beheer):
    beheer.post("/partijen/scholen/nieuw/", _schooldata(website="https://www.denieuweschool.nl"))
    school = School.objects.get()
    response = beheer.get(f"/partijen/scholen/{school.pk}/")
    assert b'href="https://www.denieuweschool.nl" rel="noopener"' in response.content
