"""Two-factor login, proven through the real forms: none of these tests uses force_login, so
the shortcut in tests/conftest.py plays no part."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from convenant import tweefactor
from partijen.demo import DEMO_ACCOUNTS
from partijen.models import Rol
from tests.conftest import totp_code
from tests.factories import OverleggebiedFactory

pytestmark = pytest.mark.django_db

VERPLICHT = {
    Rol.POLITIE_CONTACTPERSOON,
    Rol.POLITIE_OPERATIONEEL_EXPERT,
    Rol.VEILIGHEIDSMANAGER,
    Rol.PROJECTLEIDER,
    Rol.BEHEERDER,
}


@pytest.fixture
def politie(maak_gebruiker):
    return maak_gebruiker(Rol.POLITIE_CONTACTPERSOON)


@pytest.fixture
def app(politie):
    return TOTPDevice.objects.create(user=politie, name="app", confirmed=True)


def wachtwoord(client, user, next_url=None):
    data = {"username": user.username, "password": settings.DEMO_PASSWORD}
    url = "/inloggen/" + (f"?next={next_url}" if next_url else "")
    if next_url:
        data["next"] = next_url
    return client.post(url, data)


@pytest.mark.parametrize("rol", list(Rol), ids=[r.value for r in Rol])
def test_it_requires_two_factors_for_police_municipality_and_beheerder(maak_gebruiker, rol):
    user = maak_gebruiker(rol, is_staff=False, is_superuser=False)
    assert tweefactor.tweefactor_verplicht(user) == (rol in VERPLICHT)


def test_any_role_that_requires_it_is_enough(maak_gebruiker, in_rol):
    """A coordinator who is also the area's veiligheidsmanager signs in as the latter must."""
    user = maak_gebruiker(Rol.COORDINATOR_VEILIGHEID)
    assert not tweefactor.tweefactor_verplicht(user)
    in_rol(user, Rol.VEILIGHEIDSMANAGER, overleggebied=OverleggebiedFactory())
    assert tweefactor.tweefactor_verplicht(user)


def test_it_requires_two_factors_for_anyone_with_the_administration(maak_gebruiker):
    assert tweefactor.tweefactor_verplicht(
        maak_gebruiker(Rol.COORDINATOR_VEILIGHEID, is_staff=True)
    )


def test_it_asks_the_code_after_the_password_then_opens_the_page(
    client, politie, app, convenant_data
):
    assert client.get("/meldingen/")["Location"] == "/inloggen/?next=/meldingen/"
    response = wachtwoord(client, politie, "/meldingen/")
    assert response["Location"] == "/meldingen/"

    response = client.get("/meldingen/")
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/code/?next=%2Fmeldingen%2F"

    response = client.post(
        "/inloggen/code/?next=/meldingen/", {"code": totp_code(app), "next": "/meldingen/"}
    )
    assert response["Location"] == "/meldingen/"
    assert client.get("/meldingen/").status_code == 200
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    "url", ["/", "/meldingen/", "/overleggen/", "/beheer/", "/account/", "/beheer/login/"]
)
def test_before_the_code_no_other_page_opens(client, politie, app, convenant_data, url):
    wachtwoord(client, politie)
    for response in (client.get(url), client.post(url, {})):
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/code/")


def test_before_the_code_the_navigation_offers_no_pages(client, politie, app, convenant_data):
    wachtwoord(client, politie)
    html = client.get("/inloggen/code/").content.decode()
    assert 'href="/meldingen/"' not in html
    assert 'action="/uitloggen/"' in html


def test_a_wrong_code_is_refused_with_a_message(client, politie, app):
    wachtwoord(client, politie)
    fout = f"{(int(totp_code(app)) + 1) % 1_000_000:06d}"
    response = client.post("/inloggen/code/", {"code": fout})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert client.get("/")["Location"].startswith("/inloggen/code/")


@pytest.mark.parametrize("vreemd", ["", "x" * 5000, "12\x0034", "²²²²²²", "<script>"])
def test_hostile_codes_give_a_form_error_not_a_500(client, politie, app, vreemd):
    wachtwoord(client, politie)
    response = client.post("/inloggen/code/", {"code": vreemd})
    assert response.status_code in (200, 429)
    assert client.get("/")["Location"].startswith("/inloggen/code/")


def test_spaces_in_the_code_are_ignored(client, politie, app):
    wachtwoord(client, politie)
    code = totp_code(app)
    response = client.post("/inloggen/code/", {"code": f"{code[:3]} {code[3:]}"})
    assert response["Location"] == "/"


def test_a_backup_code_works_once(client, politie, app):
    codes = tweefactor.nieuwe_reservecodes(politie)
    wachtwoord(client, politie)
    assert client.post("/inloggen/code/", {"code": codes[0].upper()})["Location"] == "/"
    client.post("/uitloggen/")

    wachtwoord(client, politie)
    with time_machine.travel(timezone.now() + timedelta(seconds=5), tick=False):
        response = client.post("/inloggen/code/", {"code": codes[0]})
        assert response.status_code == 200
        assert response.context["form"].errors["code"]
    with time_machine.travel(timezone.now() + timedelta(seconds=20), tick=False):
        assert client.post("/inloggen/code/", {"code": codes[1]})["Location"] == "/"


def test_new_backup_codes_replace_the_old_ones(client, politie, app):
    oud = tweefactor.nieuwe_reservecodes(politie)
    wachtwoord(client, politie)
    client.post("/inloggen/code/", {"code": totp_code(app)})

    response = client.post("/account/reservecodes/")
    nieuw = response.context["codes"]
    assert len(nieuw) == 10
    assert response["Cache-Control"] == "no-store"
    assert set(
        StaticToken.objects.filter(device__user=politie).values_list("token", flat=True)
    ) == set(nieuw)
    assert not set(oud) & set(nieuw)


def test_too_many_wrong_codes_lock_even_after_a_new_password_login(client, politie, app):
    wachtwoord(client, politie)
    start = timezone.now()
    for i in range(settings.AXES_FAILURE_LIMIT):
        # Past django-otp's own growing delay, so each attempt is judged on the code alone.
        with time_machine.travel(start + timedelta(minutes=i), tick=False):
            response = client.post("/inloggen/code/", {"code": "000000"})
    assert response.status_code == 429

    # A correct password resets the password failures, not the code failures.
    client.post("/uitloggen/")
    wachtwoord(client, politie)
    with time_machine.travel(start + timedelta(minutes=10), tick=False):
        response = client.post("/inloggen/code/", {"code": totp_code(app)})
    assert response.status_code == 429
    assert client.get("/")["Location"].startswith("/inloggen/code/")


def test_a_required_role_without_an_app_must_set_one_up(client, politie, convenant_data):
    response = wachtwoord(client, politie)
    response = client.get("/meldingen/")
    assert response["Location"] == "/inloggen/app-instellen/?next=%2Fmeldingen%2F"

    # It cannot say "not now".
    assert client.post("/inloggen/later/")["Location"] == "/inloggen/app-instellen/"
    assert client.get("/")["Location"].startswith("/inloggen/app-instellen/")

    response = client.get("/inloggen/app-instellen/?next=/meldingen/")
    html = response.content.decode()
    assert "Niet nu" not in html
    # The QR code is drawn inline: no image from elsewhere, nothing a CSP would block.
    assert "<svg" in html
    assert "<img" not in html.split('id="inhoud"')[1]
    geheim = response.context["geheim"]
    assert re.fullmatch(r"[A-Z2-7]+=*", geheim)
    assert geheim in html

    device = TOTPDevice.objects.get(user=politie)
    assert not device.confirmed
    response = client.post(
        "/inloggen/app-instellen/", {"code": totp_code(device), "next": "/meldingen/"}
    )
    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    assert response["Cache-Control"] == "no-store"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/meldingen/").status_code == 200


def test_setting_up_with_a_wrong_code_confirms_nothing(client, politie):
    wachtwoord(client, politie)
    client.get("/inloggen/app-instellen/")
    response = client.post("/inloggen/app-instellen/", {"code": "123456"})
    assert response.context["form"].errors["code"]
    assert not TOTPDevice.objects.filter(user=politie, confirmed=True).exists()
    assert client.get("/")["Location"].startswith("/inloggen/app-instellen/")


def test_an_optional_role_is_offered_an_app_and_can_skip(client, coordinator, convenant_data):
    wachtwoord(client, coordinator)
    response = client.get("/")
    assert response["Location"].startswith("/inloggen/app-instellen/")
    assert "Niet nu" in client.get(response["Location"]).content.decode()

    assert client.post("/inloggen/later/", {"next": "/"})["Location"] == "/"
    assert client.get("/").status_code == 200


def test_an_optional_role_with_an_app_is_asked_its_code(client, coordinator):
    TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    wachtwoord(client, coordinator)
    assert client.get("/")["Location"].startswith("/inloggen/code/")
    assert client.post("/inloggen/later/")["Location"] == "/inloggen/app-instellen/"
    assert client.get("/")["Location"].startswith("/inloggen/code/")


def test_an_unconfirmed_app_does_not_open_the_code_step(client, politie):
    TOTPDevice.objects.create(user=politie, name="app", confirmed=False)
    wachtwoord(client, politie)
    assert client.get("/")["Location"].startswith("/inloggen/app-instellen/")
    response = client.post("/inloggen/code/", {"code": "000000"})
    assert response["Location"] == "/inloggen/app-instellen/"


def test_the_code_step_sends_nowhere_outside_the_site(client, politie, app):
    wachtwoord(client, politie)
    response = client.post(
        "/inloggen/code/", {"code": totp_code(app), "next": "https://elders.example/"}
    )
    assert response["Location"] == "/"


def test_logging_out_ends_the_verified_session(client, politie, app):
    wachtwoord(client, politie)
    client.post("/inloggen/code/", {"code": totp_code(app)})
    client.post("/uitloggen/")
    with time_machine.travel(timezone.now() + timedelta(seconds=40), tick=False):
        wachtwoord(client, politie)
        assert client.get("/")["Location"].startswith("/inloggen/code/")


def test_the_code_step_needs_a_password_first(client):
    assert client.get("/inloggen/code/")["Location"].startswith("/inloggen/?next=")
    assert client.get("/inloggen/app-instellen/")["Location"].startswith("/inloggen/?next=")


def test_the_demo_gives_required_roles_the_printed_demo_key(convenant_data):
    from io import StringIO

    from django.core.management import call_command

    uit = StringIO()
    call_command("maak_demo", stdout=uit)
    assert tweefactor.DEMO_GEHEIM in uit.getvalue()
    for device in TOTPDevice.objects.select_related("user"):
        assert device.confirmed
        assert device.name == "demo"
        assert tweefactor.tweefactor_verplicht(device.user)
    demo_rol = {username: rol for username, rol, *_ in DEMO_ACCOUNTS}
    rollen = {demo_rol[d.user.username] for d in TOTPDevice.objects.select_related("user")}
    assert rollen == VERPLICHT
    # A second run adds nothing.
    call_command("maak_demo", stdout=StringIO())
    assert TOTPDevice.objects.count() == len(VERPLICHT)


def test_backup_codes_alone_do_not_open_the_code_step(client, politie):
    # The beheerder removed the lost app; the old backup codes do not replace it.
    codes = tweefactor.nieuwe_reservecodes(politie)
    wachtwoord(client, politie)
    assert client.get("/")["Location"].startswith("/inloggen/app-instellen/")
    assert (
        client.post("/inloggen/code/", {"code": codes[0]})["Location"] == "/inloggen/app-instellen/"
    )


def test_after_setting_up_the_user_continues_to_the_page_asked_for(client, politie):
    wachtwoord(client, politie, "/overleggen/")
    client.get("/inloggen/app-instellen/?next=/overleggen/")
    device = TOTPDevice.objects.get(user=politie)
    response = client.post(
        "/inloggen/app-instellen/", {"code": totp_code(device), "next": "/overleggen/"}
    )
    assert 'href="/overleggen/"' in response.content.decode()


def test_an_unverified_session_cannot_replace_the_app(client, politie, app):
    wachtwoord(client, politie)
    assert client.get("/inloggen/app-instellen/")["Location"] == "/inloggen/code/"
    assert not TOTPDevice.objects.filter(user=politie, confirmed=False).exists()
