"""The public page for parents: no account, no JavaScript, nothing private."""

import re

import pytest

from partijen.demo import DEMO_SCHOOL
from partijen.models import Persoon, School

pytestmark = pytest.mark.django_db


def test_anyone_reads_it_without_logging_in(client, demo_met_meldingen):
    response = client.get("/voor-ouders/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "onder de 18" in html or "jonger is dan 18" in html
    assert "Download het convenant" in html
    assert DEMO_SCHOOL in html
    assert "<script" not in html


def test_it_leaks_no_names_phone_numbers_or_incidents(client, demo_met_meldingen):
    html = client.get("/voor-ouders/").content.decode()
    school = School.objects.get(naam=DEMO_SCHOOL)
    html += client.get(f"/voor-ouders/school/{school.pk}/").content.decode()
    for persoon in Persoon.objects.all():
        assert f"{persoon.voornaam} {persoon.achternaam}" not in html
        if persoon.telefoon:
            assert persoon.telefoon not in html
    assert "Leerling 1" not in html  # demo incidents


def test_a_schools_page_names_the_functions_of_its_contacts(client, demo_met_meldingen):
    school = School.objects.get(naam=DEMO_SCHOOL)
    html = client.get(f"/voor-ouders/school/{school.pk}/").content.decode()
    assert "coördinator veiligheid (teamleider)" in html
    assert "(wijkagent jeugd)" in html
    assert client.get("/voor-ouders/school/999999/").status_code == 404


# The covenant, its paragraph's consents, its term, and the schools: a page of them, their
# number (for the pagination) and the districts that have one.
LICHT = 6


def test_the_page_is_light(client, demo_met_meldingen, django_assert_max_num_queries):
    with django_assert_max_num_queries(LICHT):
        client.get("/voor-ouders/")


def _schoolpagina(school):
    return f'href="/voor-ouders/school/{school.pk}/"'


def test_the_front_page_offers_parents_and_staff_a_way_in(client, demo_met_meldingen):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/voor-ouders/"' in html
    assert "Voor ouders" in html
    assert 'href="/inloggen/"' in html
    assert "<script" not in html


def test_the_front_page_reveals_nobody(client, demo_met_meldingen):
    html = client.get("/").content.decode()
    for persoon in Persoon.objects.all():
        assert str(persoon) not in html
        if persoon.telefoon:
            assert persoon.telefoon not in html
        if persoon.email:
            assert persoon.email not in html


def test_a_signed_in_user_keeps_the_home_page_of_the_role(client, demo_met_meldingen, coordinator):
    client.force_login(coordinator)
    response = client.get("/")
    assert response.status_code == 200
    assert "convenant/home.html" in [t.name for t in response.templates]


def test_every_public_page_links_back_to_the_front_page(client, demo_met_meldingen):
    school = School.objects.get(naam=DEMO_SCHOOL)
    for url in ["/voor-ouders/", f"/voor-ouders/school/{school.pk}/", "/inloggen/"]:
        html = client.get(url).content.decode()
        assert 'href="/"' in html, url


def test_the_login_page_shows_parents_the_way(client, demo_met_meldingen):
    assert 'href="/voor-ouders/"' in client.get("/inloggen/").content.decode()


def test_parents_find_a_school_by_its_name(client, demo_met_meldingen):
    gezocht = School.objects.get(naam="OBS De Regenboog")
    anders = School.objects.get(naam=DEMO_SCHOOL)
    response = client.get("/voor-ouders/", {"zoek": "regenboog"})
    html = response.content.decode()
    assert _schoolpagina(gezocht) in html
    assert _schoolpagina(anders) not in html
    assert 'value="regenboog"' in html  # what was typed stays in the field


def test_parents_find_schools_by_neighbourhood(client, demo_met_meldingen):
    school = School.objects.filter(wijk__isnull=False).select_related("wijk").first()
    html = client.get("/voor-ouders/", {"zoek": school.wijk.naam}).content.decode()
    for s in School.objects.filter(actief=True):
        in_wijk = s.wijk_id == school.wijk_id
        genoemd = school.wijk.naam.lower() in f"{s.naam} {s.stadsdeel.naam}".lower()
        if in_wijk:
            assert _schoolpagina(s) in html, s
        elif not genoemd:
            assert _schoolpagina(s) not in html, s


def test_parents_find_schools_by_district(client, demo_met_meldingen):
    school = School.objects.select_related("stadsdeel").get(naam=DEMO_SCHOOL)
    html = client.get("/voor-ouders/", {"zoek": school.stadsdeel.naam}).content.decode()
    for s in School.objects.filter(actief=True):
        if s.stadsdeel_id == school.stadsdeel_id:
            assert _schoolpagina(s) in html, s


def test_no_match_is_said_plainly(client, demo_met_meldingen):
    html = client.get("/voor-ouders/", {"zoek": "Bestaat Nergens"}).content.decode()
    assert "Geen scholen gevonden" in html
    assert "voor-ouders/school/" not in html


@pytest.mark.parametrize(
    "zoek",
    ["x" * 5000, "Regen\x00boog", "\x00", "Mozaïek", "學校 🏫", "'; DROP TABLE partijen_school;--"],
)
def test_hostile_or_odd_input_never_breaks_the_page(client, demo_met_meldingen, zoek):
    response = client.get("/voor-ouders/", {"zoek": zoek})
    assert response.status_code == 200


def test_the_search_is_light(client, demo_met_meldingen, django_assert_max_num_queries):
    with django_assert_max_num_queries(LICHT):
        client.get("/voor-ouders/", {"zoek": "Almere"})


def test_a_schools_page_gives_its_address_and_website(client, demo_met_meldingen):
    school = School.objects.get(naam=DEMO_SCHOOL)
    school.website = "https://www.aeres.nl/vmbo-almere"
    school.save()
    html = client.get(f"/voor-ouders/school/{school.pk}/").content.decode()
    assert school.straat in html
    assert school.postcode in html
    assert 'href="https://www.aeres.nl/vmbo-almere"' in html
    assert 'rel="noopener"' in html


def test_a_school_without_a_website_has_no_empty_link(client, demo_met_meldingen):
    school = School.objects.get(naam=DEMO_SCHOOL)
    school.website = ""
    school.save()
    html = client.get(f"/voor-ouders/school/{school.pk}/").content.decode()
    assert 'href=""' not in html
    assert "noopener" not in html


def test_the_public_pages_are_english_by_choice(client, convenant_data):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "For parents" in html
    assert (
        "Safety at school: what the covenant means" in client.get("/voor-ouders/").content.decode()
    )


# At the size of a city: a page of schools at a time, a district to start from, and nothing
# a hostile address can break or make the page show.


def _scholen_in(stadsdeel_naam, n, **velden):
    from partijen.models import Stadsdeel
    from tests.factories import SchoolFactory

    stadsdeel = Stadsdeel.objects.get(naam=stadsdeel_naam)
    return SchoolFactory.create_batch(n, stadsdeel=stadsdeel, **velden)


def _schoollinks(html):
    return re.findall(r'href="/voor-ouders/school/(\d+)/"', html)


def test_the_schools_come_a_page_at_a_time_in_alphabetical_order(client, convenant_data):
    from convenant.views_publiek import PER_PAGINA

    _scholen_in("Almere Buiten", PER_PAGINA + 4)
    eerste = client.get("/voor-ouders/")
    tweede = client.get("/voor-ouders/", {"pagina": 2})
    assert len(_schoollinks(eerste.content.decode())) == PER_PAGINA
    assert len(_schoollinks(tweede.content.decode())) == 4
    namen = [s.naam for s in eerste.context["pagina"]] + [s.naam for s in tweede.context["pagina"]]
    assert namen == sorted(namen)
    html = eerste.content.decode()
    assert f"{PER_PAGINA + 4} " in html.split('data-testid="aantal">')[1][:20]
    assert 'href="?pagina=2#scholen"' in html  # lands on the list, not the top of the page


def test_a_search_keeps_its_term_across_pages(client, convenant_data):
    from convenant.views_publiek import PER_PAGINA

    _scholen_in("Almere Haven", PER_PAGINA + 2, naam="Basisschool De Linde")
    _scholen_in("Almere Poort", 3, naam="Poortschool")
    html = client.get("/voor-ouders/", {"zoek": "linde"}).content.decode()
    assert 'href="?zoek=linde&amp;pagina=2#scholen"' in html
    tweede = client.get("/voor-ouders/", {"zoek": "linde", "pagina": 2})
    assert [s.naam for s in tweede.context["pagina"]] == ["Basisschool De Linde"] * 2
    assert 'value="linde"' in tweede.content.decode()


def test_parents_start_from_their_district(client, convenant_data):
    from partijen.models import Stadsdeel

    buiten = _scholen_in("Almere Buiten", 2)
    _scholen_in("Almere Hout", 1, actief=False)  # a closed school makes no district link
    html = client.get("/voor-ouders/").content.decode()
    assert 'href="/voor-ouders/?zoek=Almere%20Buiten#scholen"' in html
    assert "zoek=Almere%20Hout" not in html
    assert Stadsdeel.objects.filter(naam="Almere Hout").exists()

    response = client.get("/voor-ouders/", {"zoek": "Almere Buiten"})
    assert {s.pk for s in response.context["pagina"]} == {s.pk for s in buiten}
    huidig = re.findall(r'<a [^>]*aria-current="page"[^>]*>([^<]*)</a>', response.content.decode())
    assert huidig == ["Almere Buiten"]


def test_a_closed_school_is_on_no_page(client, convenant_data):
    from convenant.views_publiek import PER_PAGINA

    open_ = _scholen_in("Almere Buiten", PER_PAGINA + 1)
    dicht = _scholen_in("Almere Buiten", 1, naam="Gesloten School", actief=False)[0]
    gezien = set()
    for nummer in (1, 2, 3):
        gezien |= set(
            _schoollinks(client.get("/voor-ouders/", {"pagina": nummer}).content.decode())
        )
    gezien |= set(_schoollinks(client.get("/voor-ouders/", {"zoek": "Gesloten"}).content.decode()))
    assert gezien == {str(s.pk) for s in open_}
    assert str(dicht.pk) not in gezien


@pytest.mark.parametrize(
    "parameters",
    [
        {"pagina": "-1"},
        {"pagina": "0"},
        {"pagina": "99999"},
        {"pagina": "9" * 5000},
        {"pagina": "abc"},
        {"pagina": "\x00"},
        {"pagina": "1e9"},
        {"zoek": "a" * 5000, "pagina": "2"},
        {"zoek": "%", "pagina": "-1"},
        {"zoek": "<script>alert(1)</script>", "pagina": "99999"},
        {"zoek": "Almere", "pagina": ["1", "2", "x"]},
        {"zoek": ["a", "b" * 200], "letter": "1 OR 1=1"},
    ],
)
def test_a_hostile_address_gives_a_page_not_an_error(client, convenant_data, parameters):
    from convenant.views_publiek import PER_PAGINA

    _scholen_in("Almere Buiten", PER_PAGINA + 1)
    response = client.get("/voor-ouders/", parameters)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<script" not in html  # the public pages carry no script at all


def test_an_over_long_search_is_refused_in_dutch_and_the_list_stays(client, convenant_data):
    _scholen_in("Almere Buiten", 2)
    response = client.get("/voor-ouders/", {"zoek": "a" * 101})
    html = response.content.decode()
    assert "is-invalid" in html
    assert "zoek-fout" in html
    assert "niet meer dan 100 tekens" in html
    assert len(_schoollinks(html)) == 2


def test_the_page_does_not_grow_in_queries_with_the_city(
    client, convenant_data, django_assert_max_num_queries
):
    from convenant.views_publiek import PER_PAGINA

    _scholen_in("Almere Buiten", 3)
    with django_assert_max_num_queries(LICHT) as klein:
        client.get("/voor-ouders/")
    _scholen_in("Almere Haven", 3 * PER_PAGINA, naam="Basisschool Het Kompas")
    for parameters in ({}, {"pagina": 3}, {"zoek": "kompas", "pagina": 2}):
        with django_assert_max_num_queries(len(klein)):
            response = client.get("/voor-ouders/", parameters)
        assert len(_schoollinks(response.content.decode())) == PER_PAGINA
