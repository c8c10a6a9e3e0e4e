"""The administrator makes an account for a person of the register in one step; an account that
lacks a person or a role is told so, and whom to ask."""

import re

import pytest
from django.core import mail

from partijen.models import Gebruiker, Persoon, Rol, Toegangswijziging
from partijen.rollen import rollen_van
from tests.factories import GebruikerFactory, PersoonFactory, RoltoewijzingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mail_in_het_geheugen(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def vertrouwenspersoon(stad):
    persoon = PersoonFactory(
        voornaam="Vera", achternaam="Vertrouwen", email="v.vertrouwen@school.example"
    )
    RoltoewijzingFactory(persoon=persoon, rol=Rol.CONTACTPERSOON_VERTROUWENSZAKEN, school=stad.a2)
    return persoon


def _url(persoon):
    return f"/partijen/personen/{persoon.pk}/account/"


def test_the_administrator_makes_an_account_that_acts_in_the_persons_roles(
    client, beheerder, vertrouwenspersoon, stad, django_capture_on_commit_callbacks
):
    client.force_login(beheerder)
    pagina = client.get(f"/partijen/personen/{vertrouwenspersoon.pk}/").content.decode()
    assert f'href="{_url(vertrouwenspersoon)}"' in pagina
    formulier = client.get(_url(vertrouwenspersoon))
    assert formulier.context["form"].initial == {
        "username": "v.vertrouwen",
        "email": "v.vertrouwen@school.example",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(vertrouwenspersoon), {"username": "vera", "email": "vera@school.example"}
        )
    assert response["Location"] == f"/partijen/personen/{vertrouwenspersoon.pk}/"
    account = Gebruiker.objects.get(username="vera")
    assert Persoon.objects.get(pk=vertrouwenspersoon.pk).gebruiker == account
    assert rollen_van(account) == {Rol.CONTACTPERSOON_VERTROUWENSZAKEN}
    assert (account.first_name, account.last_name) == ("Vera", "Vertrouwen")
    assert Toegangswijziging.objects.filter(
        soort=Toegangswijziging.Soort.AANGEMAAKT, door=beheerder, gebruiker=account
    ).exists()
    # The person chooses a password through the link; nobody else knows one.
    (bericht,) = mail.outbox
    assert bericht.to == ["vera@school.example"]
    assert "vera" in bericht.body
    link = re.search(r"http://testserver(/inloggen/nieuw-wachtwoord/\S+)", bericht.body).group(1)
    client.logout()
    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert "new_password1" in response.content.decode()


def test_the_form_refuses_a_user_name_in_use_and_keeps_what_was_typed(
    client, beheerder, vertrouwenspersoon
):
    GebruikerFactory(username="Vera")
    client.force_login(beheerder)
    response = client.post(_url(vertrouwenspersoon), {"username": "vera", "email": "v@x.example"})
    assert response.status_code == 200
    assert "al in gebruik" in response.context["form"].errors["username"][0]
    assert 'value="v@x.example"' in response.content.decode()
    assert not mail.outbox


def test_a_person_with_an_account_gets_no_second_one(client, beheerder, coordinator):
    persoon = Persoon.objects.get(gebruiker=coordinator)
    client.force_login(beheerder)
    assert client.get(_url(persoon)).status_code == 404
    pagina = client.get(f"/partijen/personen/{persoon.pk}/").content.decode()
    assert _url(persoon) not in pagina


def test_only_the_administrator_makes_accounts(client, maak_gebruiker, vertrouwenspersoon):
    client.force_login(maak_gebruiker(Rol.PROJECTLEIDER))
    assert client.get(_url(vertrouwenspersoon)).status_code == 404
    response = client.post(_url(vertrouwenspersoon), {"username": "x", "email": "x@x.example"})
    assert response.status_code == 404
    assert not Gebruiker.objects.filter(username="x").exists()


def test_an_account_without_a_person_is_told_what_is_missing_and_whom_to_ask(
    client, convenant_data, beheerder
):
    beheerder.email = "bea@almere.example"
    beheerder.save()
    client.force_login(GebruikerFactory(username="nieuw"))
    html = client.get("/").content.decode()
    assert "niet gekoppeld aan een persoon in het register" in html
    assert "mailto:bea@almere.example" in html
    assert "Uw account heeft nog geen rol" not in html
    # Every other page says it too, instead of showing an empty list.
    assert "niet gekoppeld aan een persoon" in client.get("/partijen/scholen/").content.decode()


def test_an_account_whose_assignment_ended_is_told_it_holds_no_role(
    client, convenant_data, maak_gebruiker
):
    from partijen.models import Roltoewijzing

    user = maak_gebruiker(Rol.COORDINATOR_VEILIGHEID)
    Roltoewijzing.objects.filter(persoon__gebruiker=user).update(einde="2020-01-01")
    client.force_login(user)
    html = client.get("/").content.decode()
    assert "geen rol in het convenant" in html
    assert "niet gekoppeld" not in html


def test_an_account_with_a_role_is_told_nothing(client, convenant_data, coordinator, beheerder):
    for user in (coordinator, beheerder):
        client.force_login(user)
        assert 'data-testid="ontbreekt"' not in client.get("/").content.decode()
