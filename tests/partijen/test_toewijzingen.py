"""Input of the register: Dutch errors on the field, nothing typed lost, history kept."""

from datetime import date

import pytest
from django.utils.html import escape

from partijen.models import Persoon, Roltoewijzing, School
from tests.factories import (
    PersoonFactory,
    RoltoewijzingFactory,
    SchoolFactory,
    StadsdeelFactory,
    WijkFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheer(client, beheerder):
    client.force_login(beheerder)
    return client


def _toewijzing(beheer, **data):
    return beheer.post("/partijen/toewijzingen/nieuw/", data)


def test_an_assignment_that_ends_before_it_starts_is_refused(beheer):
    school = SchoolFactory()
    persoon = PersoonFactory()
    response = _toewijzing(
        beheer,
        persoon=persoon.pk,
        rol="contactpersoon_vertrouwenszaken",
        school=school.pk,
        begin="2025-08-01",
        einde="2025-07-31",
    )
    assert response.status_code == 200
    assert response.context["form"].errors["einde"] == [
        "Een toewijzing kan niet eindigen voordat zij begint."
    ]
    assert 'value="2025-08-01"' in response.content.decode()  # nothing typed is lost
    assert not Roltoewijzing.objects.exists()


def test_a_coordinator_must_be_a_manager(beheer):
    persoon = PersoonFactory(leidinggevende=False)
    response = _toewijzing(
        beheer,
        persoon=persoon.pk,
        rol="coordinator_veiligheid",
        school=SchoolFactory().pk,
        begin="2025-08-01",
    )
    assert "moet leidinggevende zijn (art. 2.1)" in response.context["form"].errors["persoon"][0]


def test_a_second_coordinator_is_refused_and_the_form_offers_to_end_the_first(beheer):
    huidige = RoltoewijzingFactory(begin=date(2024, 1, 1))
    opvolger = PersoonFactory()
    data = {
        "persoon": opvolger.pk,
        "rol": "coordinator_veiligheid",
        "school": huidige.school.pk,
        "begin": "2025-08-01",
    }
    response = _toewijzing(beheer, **data)
    fout = response.context["form"].errors["school"][0]
    assert "heeft in deze periode al een coördinator veiligheid" in fout
    assert str(huidige.persoon) in fout
    assert "Beëindig de toewijzing van de huidige coördinator" in response.content.decode()

    response = _toewijzing(beheer, **data, voorganger_beeindigen="on")
    assert response.status_code == 302
    huidige.refresh_from_db()
    assert huidige.einde == date(2025, 7, 31)
    assert Roltoewijzing.objects.get(persoon=opvolger).begin == date(2025, 8, 1)


def test_ending_the_first_is_not_offered_for_a_coordinator_who_starts_later(beheer):
    later = RoltoewijzingFactory(begin=date(2025, 9, 1))
    response = _toewijzing(
        beheer,
        persoon=PersoonFactory().pk,
        rol="coordinator_veiligheid",
        school=later.school.pk,
        begin="2025-08-01",
        voorganger_beeindigen="on",
    )
    assert response.status_code == 200
    assert "school" in response.context["form"].errors
    later.refresh_from_db()
    assert later.einde is None


def test_several_confidential_contact_persons_are_fine(beheer):
    school = SchoolFactory()
    RoltoewijzingFactory(school=school, rol="contactpersoon_vertrouwenszaken")
    response = _toewijzing(
        beheer,
        persoon=PersoonFactory(leidinggevende=False).pk,
        rol="contactpersoon_vertrouwenszaken",
        school=school.pk,
        begin="2025-08-01",
    )
    assert response.status_code == 302
    assert school.toewijzingen.count() == 2


def test_a_safety_manager_needs_an_area(beheer):
    response = _toewijzing(
        beheer, persoon=PersoonFactory().pk, rol="veiligheidsmanager", begin="2025-08-01"
    )
    assert response.context["form"].errors["overleggebied"] == [
        "Kies het overleggebied waarvoor deze rol geldt."
    ]


def test_ending_an_assignment_keeps_it_in_the_history(beheer, beheerder):
    toewijzing = RoltoewijzingFactory(begin=date(2024, 1, 1))
    response = beheer.post(
        f"/partijen/toewijzingen/{toewijzing.pk}/beeindigen/", {"einde": "2023-12-31"}
    )
    assert response.context["form"].errors["einde"]
    beheer.post(f"/partijen/toewijzingen/{toewijzing.pk}/beeindigen/", {"einde": "2025-06-30"})
    toewijzing.refresh_from_db()
    assert toewijzing.einde == date(2025, 6, 30)
    laatste = toewijzing.history.latest()
    assert laatste.history_user == beheerder
    assert Roltoewijzing.objects.filter(pk=toewijzing.pk).exists()  # ended, not deleted


def _schooldata(**kwargs):
    deel = StadsdeelFactory()
    data = {
        "naam": "De Nieuwe School",
        "bestuur": "",
        "sector": "",
        "stadsdeel": deel.pk,
        "plaats": "Almere",
        "actief": "on",
    }
    data.update(kwargs)
    return data


def test_a_school_without_board_or_sector_is_refused(beheer):
    response = beheer.post("/partijen/scholen/nieuw/", _schooldata())
    fouten = response.context["form"].errors
    assert fouten["bestuur"] == ["Dit veld is verplicht."]
    assert fouten["sector"] == ["Dit veld is verplicht."]
    assert 'value="De Nieuwe School"' in response.content.decode()
    assert not School.objects.exists()


def test_a_primary_school_needs_its_neighbourhood_and_a_dutch_postcode(beheer):
    bestuur = PersoonFactory().organisatie
    response = beheer.post(
        "/partijen/scholen/nieuw/", _schooldata(bestuur=bestuur.pk, sector="PO", postcode="13151AB")
    )
    fouten = response.context["form"].errors
    assert fouten["wijk"] == ["Een basisschool heeft een wijk nodig (art. 5.1)."]
    assert fouten["postcode"] == ["Vul een Nederlandse postcode in, bijvoorbeeld 1315 AB."]


def test_a_school_is_saved_with_the_area_of_its_district(beheer, beheerder):
    bestuur = PersoonFactory().organisatie
    wijk = WijkFactory()
    response = beheer.post(
        "/partijen/scholen/nieuw/",
        _schooldata(
            bestuur=bestuur.pk,
            sector="PO",
            wijk=wijk.pk,
            stadsdeel=wijk.stadsdeel.pk,
            postcode="1315ab",
        ),
    )
    school = School.objects.get()
    assert response["Location"] == f"/partijen/scholen/{school.pk}/"
    assert school.overleggebied == wijk.stadsdeel.overleggebied
    assert school.postcode == "1315 AB"
    assert school.history.get().history_user == beheerder


def test_the_history_shows_who_changed_what_to_editors_only(client, beheerder, stad, gebruikers):
    client.force_login(beheerder)
    data = {
        "naam": "Havencollege Almere",
        "bestuur": stad.bestuur_x.pk,
        "sector": "VO",
        "stadsdeel": stad.a1.stadsdeel.pk,
        "overleggebied": stad.gebied_a.pk,
        "plaats": "Almere",
        "actief": "on",
    }
    client.post(f"/partijen/scholen/{stad.a1.pk}/bewerken/", data)
    html = client.get(f"/partijen/scholen/{stad.a1.pk}/").content.decode()
    assert "Wijzigingsgeschiedenis" in html
    assert "Havencollege → Havencollege Almere" in html
    assert escape(str(beheerder)) in html  # a name may hold an apostrophe
    client.force_login(gebruikers["coordinator_veiligheid"])
    assert (
        "Wijzigingsgeschiedenis"
        not in client.get(f"/partijen/scholen/{stad.a1.pk}/").content.decode()
    )


def test_only_register_keepers_edit(client, stad, gebruikers):
    client.force_login(gebruikers["coordinator_veiligheid"])
    assert client.get(f"/partijen/scholen/{stad.a1.pk}/bewerken/").status_code == 404
    assert client.get("/partijen/toewijzingen/nieuw/").status_code == 404
    assert client.get("/partijen/personen/").status_code == 404
    client.force_login(gebruikers["projectleider"])
    assert client.get(f"/partijen/scholen/{stad.a1.pk}/bewerken/").status_code == 200
    assert Persoon.objects.exists()


def test_the_school_page_shows_the_history_of_its_assignments(
    client, beheerder, stad, django_assert_max_num_queries
):
    client.force_login(beheerder)
    for n in range(5):
        RoltoewijzingFactory(
            school=stad.a1, rol="contactpersoon_vertrouwenszaken", begin=date(2024, 1, 1 + n)
        )
    toewijzing = RoltoewijzingFactory(school=stad.a1, begin=date(2024, 1, 1))
    client.post(f"/partijen/toewijzingen/{toewijzing.pk}/beeindigen/", {"einde": "2025-06-30"})
    with django_assert_max_num_queries(20):
        response = client.get(f"/partijen/scholen/{stad.a1.pk}/")
    regels = response.context["geschiedenis"]
    assert regels[0]["wat"] == "roltoewijzing: Coördinator veiligheid"
    assert regels[0]["wie"] == beheerder
    assert [(v["oud"], v["nieuw"]) for v in regels[0]["velden"]] == [("—", date(2025, 6, 30))]
    assert len(regels) == 8  # the school, six assignments created, one ended
