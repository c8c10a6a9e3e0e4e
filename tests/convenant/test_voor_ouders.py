"""The public page for parents: no account, no JavaScript, nothing private."""

import pytest

from meldingen.demo import maak_demo_meldingen
from partijen.demo import DEMO_SCHOOL, maak_demo_accounts, maak_demo_gegevens
from partijen.models import Persoon, School

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(convenant_data):
    maak_demo_gegevens()
    maak_demo_accounts()
    maak_demo_meldingen()


def test_anyone_reads_it_without_logging_in(client, demo):
    response = client.get("/voor-ouders/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "onder de 18" in html or "jonger is dan 18" in html
    assert "Download het convenant" in html
    assert DEMO_SCHOOL in html
    assert "<script" not in html


def test_it_leaks_no_names_phone_numbers_or_incidents(client, demo):
    html = client.get("/voor-ouders/").content.decode()
    school = School.objects.get(naam=DEMO_SCHOOL)
    html += client.get(f"/voor-ouders/school/{school.pk}/").content.decode()
    for persoon in Persoon.objects.all():
        assert f"{persoon.voornaam} {persoon.achternaam}" not in html
        if persoon.telefoon:
            assert persoon.telefoon not in html
    assert "Leerling 1" not in html  # demo incidents


def test_a_schools_page_names_the_functions_of_its_contacts(client, demo):
    school = School.objects.get(naam=DEMO_SCHOOL)
    html = client.get(f"/voor-ouders/school/{school.pk}/").content.decode()
    assert "coördinator veiligheid (teamleider)" in html
    assert "(wijkagent jeugd)" in html
    assert client.get("/voor-ouders/school/999999/").status_code == 404


def test_the_page_is_light(client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get("/voor-ouders/")
