"""A role never sees a link to a page that would refuse it (convenant/site/navigation.py)."""

import pytest

from partijen.models import Gebruiker, Rol


@pytest.mark.django_db
def test_every_link_in_every_roles_navigation_opens(client, demo_met_meldingen):
    for user in Gebruiker.objects.all():
        client.force_login(user)
        items = client.get("/").context["nav_items"]
        assert items, user
        for item in items:
            assert client.get(item["url"]).status_code == 200, (user.username, item["url"])


@pytest.mark.django_db
def test_a_confidential_contact_person_without_the_reporting_code_role_has_no_such_link(
    client, stad, gebruikers
):
    client.force_login(gebruikers[Rol.CONTACTPERSOON_VERTROUWENSZAKEN])
    labels = [str(i["label"]) for i in client.get("/partijen/scholen/").context["nav_items"]]
    assert "Meldcode" not in labels
    assert "Meldingen" in labels


@pytest.mark.django_db
def test_the_most_specific_section_is_highlighted(client, stad, gebruikers):
    from convenant.site.navigation import items_for

    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    actief = [
        str(i["label"]) for i in items_for(coordinator, "/meldingen/meldcode/") if i["actief"]
    ]
    assert actief == ["Meldcode"]
    actief = [str(i["label"]) for i in items_for(coordinator, "/meldingen/12/") if i["actief"]]
    assert actief == ["Meldingen"]
    assert not any(i["actief"] for i in items_for(coordinator, "/voor-ouders/"))
