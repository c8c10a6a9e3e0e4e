"""The covenant pages a signed-in user reads, per role."""

import pytest
from django.utils import translation

from convenant.models import Rolbeschrijving
from partijen.models import Rol
from partijen.rollen import rollen_van

pytestmark = pytest.mark.django_db

# The roles the covenant describes in a section of their own (convenant.yaml, "rollen").
BESCHREVEN = {
    Rol.COORDINATOR_VEILIGHEID,
    Rol.CONTACTPERSOON_VERTROUWENSZAKEN,
    Rol.POLITIE_CONTACTPERSOON,
    Rol.POLITIE_OPERATIONEEL_EXPERT,
    Rol.VEILIGHEIDSMANAGER,
    Rol.PROJECTLEIDER,
    Rol.BESTUURDER,
    Rol.BEHEERDER,
}
PAGES = ["/", "/convenant/", "/convenant/partners/", "/convenant/overlegstructuur/"]


@pytest.mark.parametrize("url", [p for p in PAGES if p != "/"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/?next=")


def test_what_the_covenant_asks_is_about_the_users_own_role(
    client, convenant_data, gebruiker_per_rol
):
    """Issue 14: the home page's reference content moved one click away."""
    client.force_login(gebruiker_per_rol)
    assert 'href="/convenant/mijn-rol/"' in client.get("/").content.decode()
    html = client.get("/convenant/mijn-rol/").content.decode()
    (rol,) = rollen_van(gebruiker_per_rol)
    # The covenant describes its main roles; the others (e.g. the aandachtsfunctionaris) are
    # named in its articles only.
    eigen = Rolbeschrijving.objects.filter(rol=rol).first()
    assert eigen is not None or rol not in BESCHREVEN
    if eigen:
        assert eigen.omschrijving in html
    with translation.override("nl"):
        assert str(Rol(rol).label) in html
    for andere in Rolbeschrijving.objects.exclude(rol=rol):
        assert andere.omschrijving not in html


def test_what_the_covenant_asks_shows_partners_meeting_structure_and_articles(
    client, convenant_data, coordinator
):
    client.force_login(coordinator)
    html = client.get("/convenant/mijn-rol/").content.decode()
    for tekst in [
        "Windesheim Flevoland",
        "Stichting de Vrije School",
        "13-11-2024",
        "Kerngroep schoolveiligheid",
        "minimaal 1, maximaal 2 keer per jaar",
        "Artikel 11",
        "Evaluatie en wijzigingen",
        "Art. 2.5",
    ]:
        assert tekst in html


def test_the_coordinator_sees_the_meetings_they_take_part_in(
    client, convenant_data, coordinator, maak_gebruiker
):
    client.force_login(coordinator)
    mijn = client.get("/convenant/mijn-rol/").context["mijn_overlegvormen"]
    assert {v.nummer for v in mijn} == {3, 4, 5, 6, 7, 8}
    client.force_login(maak_gebruiker(Rol.BESTUURDER))
    pagina = client.get("/convenant/mijn-rol/")
    assert {v.nummer for v in pagina.context["mijn_overlegvormen"]} == {1}


def test_only_the_administrator_sees_the_administration_link(
    client, convenant_data, gebruiker_per_rol
):
    client.force_login(gebruiker_per_rol)
    html = client.get("/").content.decode()
    assert ('href="/beheer/"' in html) is (Rol.BEHEERDER in rollen_van(gebruiker_per_rol))


def test_the_covenant_page_has_every_article_and_paragraph_anchor(
    client, convenant_data, coordinator
):
    client.force_login(coordinator)
    html = client.get("/convenant/").content.decode()
    for n in range(1, 12):
        assert f'id="art-{n}"' in html
    assert 'id="art-2-11"' in html
    assert "verwijzing stamt vermoedelijk uit een eerdere nummering" in html


def test_the_partners_page_lists_every_signature(client, convenant_data, coordinator):
    client.force_login(coordinator)
    response = client.get("/convenant/partners/")
    assert len(response.context["oorspronkelijk"]) == 10
    assert len(response.context["toetredingen"]) == 4
    assert "Later toegetreden" in response.content.decode()


def test_the_meeting_structure_page_lists_the_meetings(client, convenant_data, coordinator):
    client.force_login(coordinator)
    html = client.get("/convenant/overlegstructuur/").content.decode()
    assert html.count('class="card h-100"') == 8
    assert "minimaal 1 keer per maand" in html
    assert 'href="/convenant/#art-6-3"' in html


@pytest.mark.parametrize("url", PAGES)
def test_page_queries_do_not_grow_with_the_data(
    client, convenant_data, coordinator, url, django_assert_max_num_queries
):
    client.force_login(coordinator)
    # The home page gathers "Te doen" from five apps, one or two queries each; that it does not
    # grow with what is due is tests/test_te_doen.py's.
    with django_assert_max_num_queries(20 if url == "/" else 14):
        assert client.get(url).status_code == 200


def test_without_the_covenant_loaded_the_page_says_so_instead_of_failing(client, coordinator):
    client.force_login(coordinator)
    # what is due does not need the covenant's text; what the covenant asks does
    assert client.get("/").status_code == 200
    assert client.get("/convenant/mijn-rol/").status_code == 404


def test_an_unknown_page_is_a_dutch_404(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
