"""Editing a person keeps what is stored: the form opens with the person's own organisation."""

import pytest

from partijen.forms import PersoonForm
from tests.factories import OrganisatieFactory, PersoonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheer(client, beheerder):
    client.force_login(beheerder)
    return client


def test_the_edit_form_opens_with_the_stored_organisation(beheer):
    persoon = PersoonFactory()
    OrganisatieFactory()  # another choice, so an empty field would not be the only option
    form = beheer.get(f"/partijen/personen/{persoon.pk}/bewerken/").context["form"]
    assert form["organisatie"].value() == persoon.organisatie_id


def test_saving_unchanged_keeps_the_organisation(beheer):
    persoon = PersoonFactory(functie="Teamleider")
    form = beheer.get(f"/partijen/personen/{persoon.pk}/bewerken/").context["form"]
    data = {
        naam: waarde for naam in form.fields if (waarde := form[naam].value()) not in (None, False)
    }
    response = beheer.post(f"/partijen/personen/{persoon.pk}/bewerken/", data)
    assert response.status_code == 302
    persoon.refresh_from_db()
    assert persoon.functie == "Teamleider"


def test_a_new_person_may_start_from_an_organisation_in_the_address(beheer):
    organisatie = OrganisatieFactory()
    response = beheer.get(f"/partijen/personen/nieuw/?organisatie={organisatie.pk}")
    assert response.context["form"]["organisatie"].value() == str(organisatie.pk)


def test_an_empty_initial_value_does_not_hide_the_stored_one():
    persoon = PersoonFactory()
    form = PersoonForm(instance=persoon, initial={"organisatie": None})
    assert form["organisatie"].value() == persoon.organisatie_id
