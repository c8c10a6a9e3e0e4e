"""Security headers and login throttling that a municipality's BIO baseline expects."""

import pytest

from partijen.models import Gebruiker

pytestmark = pytest.mark.django_db


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/inloggen/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self' 'nonce-" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_every_script_carries_the_nonce(client):
    response = client.get("/inloggen/")
    html = response.content.decode()
    nonce = response.wsgi_request.csp_nonce
    # bootstrap, htmx and our form-keeping script (static/js/bewaar-formulier.js)
    assert html.count("<script") == html.count(f'nonce="{nonce}"') == 3


def test_a_wrong_password_gives_a_dutch_error_and_keeps_the_username(client, coordinator):
    response = client.post("/inloggen/", {"username": coordinator.username, "password": "fout"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in html
    assert f'value="{coordinator.username}"' in html


def test_five_failures_lock_the_account_from_that_address(client, coordinator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/inloggen/", {"username": coordinator.username, "password": "fout"})
    response = client.post(
        "/inloggen/", {"username": coordinator.username, "password": settings.DEMO_PASSWORD}
    )
    assert response.status_code == 429
    assert "Te veel mislukte inlogpogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logging_out_needs_a_post(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/uitloggen/").status_code == 405
    client.post("/uitloggen/")
    assert "_auth_user_id" not in client.session
    assert Gebruiker.objects.filter(pk=coordinator.pk).exists()


def test_the_administration_is_a_404_for_users_without_admin_rights(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/beheer/").status_code == 404
    assert client.get("/beheer/partijen/gebruiker/").status_code == 404


def test_the_administration_sends_anonymous_visitors_to_the_one_login_page(client):
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/?next=/beheer/")


def test_the_administrator_reaches_the_administration(client, beheerder):
    client.force_login(beheerder)
    assert client.get("/beheer/").status_code == 200
