"""Users change their password themselves and reset it by e-mail, without the reset form
revealing which addresses have an account."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.utils import timezone

pytestmark = pytest.mark.django_db

NIEUW = "een-heel-nieuw-wachtwoord-2026"


@pytest.fixture(autouse=True)
def _mail_in_het_geheugen(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_changing_the_password_needs_the_old_one(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/account/wachtwoord/",
        {"old_password": "fout", "new_password1": NIEUW, "new_password2": NIEUW},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    coordinator.refresh_from_db()
    assert coordinator.check_password(settings.DEMO_PASSWORD)


def test_a_user_changes_the_password_and_stays_logged_in(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/account/wachtwoord/",
        {"old_password": settings.DEMO_PASSWORD, "new_password1": NIEUW, "new_password2": NIEUW},
    )
    assert response["Location"] == "/account/wachtwoord/gewijzigd/"
    coordinator.refresh_from_db()
    assert coordinator.check_password(NIEUW)
    assert client.get("/account/wachtwoord/gewijzigd/").status_code == 200


def test_a_weak_new_password_is_refused(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/account/wachtwoord/",
        {"old_password": settings.DEMO_PASSWORD, "new_password1": "kort", "new_password2": "kort"},
    )
    assert response.context["form"].errors["new_password2"]


def test_changing_the_password_needs_a_login(client):
    assert client.get("/account/wachtwoord/")["Location"].startswith("/inloggen/?next=")


def _vraag_link(client, adres):
    return client.post("/inloggen/wachtwoord-vergeten/", {"email": adres})


def test_the_reset_answers_the_same_whether_or_not_the_address_exists(client, coordinator):
    bestaand = _vraag_link(client, coordinator.email)
    onbekend = _vraag_link(client, "niemand@example.org")
    assert bestaand.status_code == onbekend.status_code == 302
    assert (
        bestaand["Location"] == onbekend["Location"] == "/inloggen/wachtwoord-vergeten/verstuurd/"
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [coordinator.email]


def test_a_user_resets_the_password_through_the_mailed_link(client, coordinator):
    _vraag_link(client, coordinator.email.upper())
    bericht = mail.outbox[0]
    assert "wachtwoord" in bericht.subject.lower()
    link = re.search(r"http://testserver(/inloggen/nieuw-wachtwoord/\S+/)", bericht.body).group(1)

    response = client.get(link)
    assert response.status_code == 302  # Django swaps the token for a session marker
    formulier = response["Location"]
    response = client.post(formulier, {"new_password1": NIEUW, "new_password2": NIEUW})
    assert response["Location"] == "/inloggen/nieuw-wachtwoord/klaar/"
    coordinator.refresh_from_db()
    assert coordinator.check_password(NIEUW)

    # The link works once.
    client.get("/uitloggen/")
    assert client.get(link).context["validlink"] is False


def test_the_reset_link_expires_after_an_hour(client, coordinator):
    nu = timezone.now()
    with time_machine.travel(nu, tick=False):
        _vraag_link(client, coordinator.email)
    link = re.search(
        r"http://testserver(/inloggen/nieuw-wachtwoord/\S+/)", mail.outbox[0].body
    ).group(1)
    with time_machine.travel(nu + timedelta(minutes=59), tick=False):
        assert client.get(link).status_code == 302
    with time_machine.travel(nu + timedelta(hours=1, seconds=1), tick=False):
        response = client.get(link)
        assert response.status_code == 200
        assert response.context["validlink"] is False


@pytest.mark.parametrize("vreemd", ["geen-adres", "a\x00b@example.org", "x" * 300 + "@example.org"])
def test_hostile_reset_input_gives_a_form_error(client, vreemd):
    response = _vraag_link(client, vreemd)
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not mail.outbox


def test_the_login_page_links_to_the_reset(client):
    assert 'href="/inloggen/wachtwoord-vergeten/"' in client.get("/inloggen/").content.decode()
