"""Pages for a logged-in person hold personal data: no browser or proxy may keep a copy."""

import pytest

pytestmark = pytest.mark.django_db


def test_pages_for_a_logged_in_person_are_not_stored(client, coordinator, convenant_data):
    client.force_login(coordinator)
    for url in ("/meldingen/", "/overleggen/", "/partijen/scholen/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_public_pages_keep_their_own_caching(client, convenant_data):
    response = client.get("/voor-ouders/convenant.pdf")
    assert response["Cache-Control"] == "public, max-age=3600"
    assert "no-store" not in client.get("/voor-ouders/").get("Cache-Control", "")
