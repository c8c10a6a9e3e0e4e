"""The access review (BIO 5.18) and the nightly deactivation of unused accounts."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from partijen.models import Gebruiker, Rol, Toegangswijziging
from partijen.rollen import rollen_van
from partijen.toegangsbeheer import deactiveer_ongebruikte_accounts, heeft_tweefactor
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
URL = "/partijen/toegang/"


def test_the_administrator_sees_every_account_with_roles_schools_login_and_2fa(
    client, stad, gebruikers
):
    politie = gebruikers["politie_contactpersoon"]
    politie.last_login = datetime(2026, 3, 2, 14, 5, tzinfo=AMS)
    politie.save()
    client.force_login(gebruikers["beheerder"])
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for kop in ("Huidige rollen", "Scholen", "Laatst ingelogd", "Actief", "Tweestapsverificatie"):
        assert kop in html
    assert "Poortcollege" in html
    assert "Haventheater Lyceum" in html
    assert "2 maart 2026 14:05" in html
    rij = next(r for r in response.context["rijen"] if r["gebruiker"] == politie)
    assert {t.school for t in rij["toewijzingen"]} == {stad.a2, stad.b1}
    assert rij["tweefactor"] is False


def test_the_project_leader_keeps_the_register_and_sees_it_too(client, gebruikers):
    client.force_login(gebruikers["projectleider"])
    assert client.get(URL).status_code == 200


def test_other_roles_do_not_get_the_page(client, gebruiker_per_rol):
    client.force_login(gebruiker_per_rol)
    status = client.get(URL).status_code
    (rol,) = rollen_van(gebruiker_per_rol)
    assert status == (200 if rol in {Rol.BEHEERDER, Rol.PROJECTLEIDER} else 404)


def test_the_list_filters_by_role_and_active(client, stad, gebruikers):
    gebruikers["bestuurder"].is_active = False
    gebruikers["bestuurder"].save()
    client.force_login(gebruikers["beheerder"])
    rijen = client.get(URL, {"rol": "politie_contactpersoon"}).context["rijen"]
    assert [r["gebruiker"] for r in rijen] == [gebruikers["politie_contactpersoon"]]
    rijen = client.get(URL, {"actief": "nee"}).context["rijen"]
    assert [r["gebruiker"] for r in rijen] == [gebruikers["bestuurder"]]


@pytest.mark.parametrize(
    "params",
    [{"rol": "²"}, {"zoek": "a\x00b"}, {"actief": "misschien"}, {"formaat": "exe"}],
)
def test_hostile_filters_give_a_page_not_an_error(client, beheerder, params):
    client.force_login(beheerder)
    assert client.get(URL, params).status_code == 200


def test_the_review_exports_to_csv_and_excel(client, stad, gebruikers):
    client.force_login(gebruikers["beheerder"])
    response = client.get(URL, {"formaat": "csv", "rol": "politie_contactpersoon"})
    tekst = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    regels = tekst.strip().splitlines()
    assert regels[0].startswith("Gebruikersnaam;")
    assert len(regels) == 2
    assert "politie_contactpersoon" in regels[1]
    assert "Poortcollege" in regels[1]
    response = client.get(URL, {"formaat": "xlsx"})
    assert "spreadsheetml" in response["Content-Type"]


def test_the_query_count_does_not_grow_with_accounts(
    client, stad, gebruikers, in_rol, django_assert_max_num_queries
):
    client.force_login(gebruikers["beheerder"])
    client.get(URL)
    for i in range(15):
        in_rol(GebruikerFactory(username=f"extra{i}"), "politie_contactpersoon", school=stad.a1)
    with django_assert_max_num_queries(12):
        client.get(URL)


def test_two_factor_counts_a_confirmed_app_not_backup_codes_alone(beheerder, client):
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    StaticDevice.objects.create(user=beheerder, name="reserve", confirmed=True)
    assert heeft_tweefactor(beheerder) is False
    TOTPDevice.objects.create(user=beheerder, name="app", confirmed=False)
    assert heeft_tweefactor(beheerder) is False
    TOTPDevice.objects.filter(user=beheerder).update(confirmed=True)
    assert heeft_tweefactor(beheerder) is True
    client.force_login(beheerder)
    regels = client.get(URL, {"formaat": "csv"}).content.decode("utf-8-sig").splitlines()
    rij = next(r for r in regels if r.startswith(beheerder.username + ";"))
    assert rij.endswith(";ja;ja")  # active, two-factor login


# Nightly deactivation: unused for 180 days (the default) means deactivated.
NU = datetime(2026, 6, 30, 3, 45, tzinfo=AMS)


@pytest.mark.parametrize(("dagen", "actief"), [(179, True), (180, False), (181, False)])
def test_an_account_unused_for_180_days_is_deactivated(maak_gebruiker, dagen, actief):
    gebruiker = maak_gebruiker("politie_contactpersoon", last_login=NU - timedelta(days=dagen))
    with time_machine.travel(NU, tick=False):
        deactiveer_ongebruikte_accounts()
    gebruiker.refresh_from_db()
    assert gebruiker.is_active is actief


@pytest.mark.parametrize(("dagen", "actief"), [(179, True), (180, False)])
def test_never_logged_in_counts_from_the_day_the_account_was_made(maak_gebruiker, dagen, actief):
    gebruiker = maak_gebruiker(
        "coordinator_veiligheid", last_login=None, date_joined=NU - timedelta(days=dagen)
    )
    with time_machine.travel(NU, tick=False):
        deactiveer_ongebruikte_accounts()
    gebruiker.refresh_from_db()
    assert gebruiker.is_active is actief


def test_the_period_is_configurable(settings, maak_gebruiker):
    settings.ONGEBRUIKT_DEACTIVEREN_DAGEN = 30
    gebruiker = maak_gebruiker("bestuurder", last_login=NU - timedelta(days=30))
    with time_machine.travel(NU, tick=False):
        deactiveer_ongebruikte_accounts()
    gebruiker.refresh_from_db()
    assert not gebruiker.is_active


def test_a_double_run_deactivates_and_logs_once(maak_gebruiker):
    gebruiker = maak_gebruiker("bestuurder", last_login=NU - timedelta(days=400))
    with time_machine.travel(NU, tick=False):
        assert deactiveer_ongebruikte_accounts() == 1
        assert deactiveer_ongebruikte_accounts() == 0
    regel = Toegangswijziging.objects.get()
    assert (regel.soort, regel.gebruiker, regel.door) == ("gedeactiveerd", gebruiker, None)


def test_the_last_active_administrator_is_never_deactivated(maak_gebruiker):
    oud = NU - timedelta(days=400)
    eerste = maak_gebruiker("beheerder", username="b1", last_login=oud)
    tweede = maak_gebruiker("beheerder", username="b2", last_login=oud)
    with time_machine.travel(NU, tick=False):
        deactiveer_ongebruikte_accounts()
        deactiveer_ongebruikte_accounts()
    actief = Gebruiker.objects.filter(is_beheerder=True, is_active=True)
    assert actief.count() == 1
    assert {eerste, tweede} & set(actief)


def test_the_task_is_scheduled_nightly(settings):
    taken = {t["task"] for t in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "partijen.tasks.deactiveer_ongebruikt" in taken
