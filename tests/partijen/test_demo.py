"""Demo accounts: one per role, made by `make run`, never by a migration or in production."""

import pytest
from django.core.management import CommandError, call_command

from partijen.demo import maak_demo_accounts
from partijen.models import Gebruiker, Rol

pytestmark = pytest.mark.django_db


def test_migrations_create_no_accounts():
    assert Gebruiker.objects.count() == 0


def test_there_is_a_demo_account_for_every_role(convenant_data):
    maak_demo_accounts()
    assert sorted(Gebruiker.objects.values_list("rol", flat=True)) == sorted(Rol.values)
    beheerder = Gebruiker.objects.get(rol=Rol.BEHEERDER)
    assert beheerder.is_staff
    assert beheerder.is_superuser
    assert not Gebruiker.objects.exclude(rol=Rol.BEHEERDER).filter(is_staff=True).exists()
    assert Gebruiker.objects.get(username="politie").organisatie.code == "politie"


def test_a_second_run_keeps_the_accounts_and_their_passwords(convenant_data):
    maak_demo_accounts()
    user = Gebruiker.objects.get(username="coordinator")
    user.set_password("een-eigen-wachtwoord-123")
    user.save()
    assert [created for _, created in maak_demo_accounts()] == [False] * len(Rol)
    user.refresh_from_db()
    assert user.check_password("een-eigen-wachtwoord-123")


def test_production_settings_refuse_demo_accounts(settings):
    settings.DEMO_ACCOUNTS_ALLOWED = False
    with pytest.raises(CommandError, match="nooit in productie"):
        call_command("maak_demo_accounts")
    assert Gebruiker.objects.count() == 0


def test_the_command_prints_the_logins(convenant_data, capsys):
    call_command("maak_demo_accounts")
    out = capsys.readouterr().out
    assert "veilig-op-school-demo" in out
    assert "veiligheidsmanager" in out
    assert "Veiligheidsmanager" in out
