"""Demo data: accounts for every role and a realistic register, made by `make run` only."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from convenant.models import Rolbeschrijving
from partijen import regels
from partijen.demo import DEMO_ACCOUNTS, maak_demo_accounts, maak_demo_gegevens
from partijen.models import Gebruiker, Persoon, Roltoewijzing, School, Sector
from partijen.rollen import TOEWIJSBARE_ROLLEN, rollen_van

pytestmark = pytest.mark.django_db


def test_migrations_create_no_accounts_and_no_schools():
    assert Gebruiker.objects.count() == 0
    assert School.objects.count() == 0


def test_there_is_a_demo_account_for_every_role_the_covenant_describes(demo):
    for username, rol, *_ in DEMO_ACCOUNTS:
        assert rol in rollen_van(Gebruiker.objects.get(username=username)), username
    beschreven = set(Rolbeschrijving.objects.values_list("rol", flat=True))
    assert {rol for _, rol, *_ in DEMO_ACCOUNTS} == beschreven
    beheerder = Gebruiker.objects.get(is_beheerder=True)
    assert beheerder.is_staff
    assert beheerder.is_superuser
    assert not Gebruiker.objects.exclude(is_beheerder=True).filter(is_staff=True).exists()


def test_the_demo_accounts_get_their_roles_from_the_register(demo):
    """Every account but the administrator acts through its person's assignments."""
    for user in Gebruiker.objects.exclude(is_beheerder=True):
        assert Roltoewijzing.objects.filter(persoon__gebruiker=user).exists(), user


def test_the_register_looks_like_almere(demo):
    assert 55 <= School.objects.count() <= 65
    assert set(School.objects.values_list("sector", flat=True)) == set(Sector.values)
    per_gebied = dict(School.objects.values_list("overleggebied__naam").annotate(n=Count("id")))
    assert set(per_gebied) == {"Oost-Haven", "West-Poort", "Buiten-Hout"}
    assert min(per_gebied.values()) >= 15
    assert set(Roltoewijzing.objects.values_list("rol", flat=True)) == {
        rol for rol, _ in TOEWIJSBARE_ROLLEN
    }
    assert not School.objects.filter(sector="PO", wijk__isnull=True).exists()


def test_some_schools_are_incomplete_so_the_view_shows_something(demo):
    tekort = regels.met_tekorten(School.objects.all(), timezone.localdate())
    assert 5 <= tekort.count() <= 30
    gevonden = {eis.artikel for school in tekort for eis in regels.tekorten_van(school)}
    assert gevonden == {"2.1", "2.2", "3.1", "2.8"}


def test_every_demo_account_but_the_administrator_is_a_person_with_schools(demo):
    for user in Gebruiker.objects.exclude(is_beheerder=True):
        assert Persoon.objects.filter(gebruiker=user).exists(), user
        assert School.objects.visible_to(user).exists(), user
    assert School.objects.visible_to(Gebruiker.objects.get(username="coordinator")).count() == 1


def test_a_second_run_adds_nothing_and_keeps_passwords(demo):
    user = Gebruiker.objects.get(username="coordinator")
    user.set_password("een-eigen-wachtwoord-123")
    user.save()
    aantallen = (School.objects.count(), Persoon.objects.count(), Roltoewijzing.objects.count())
    assert maak_demo_gegevens() is False
    assert [created for _, created in maak_demo_accounts()] == [False] * len(DEMO_ACCOUNTS)
    assert aantallen == (
        School.objects.count(),
        Persoon.objects.count(),
        Roltoewijzing.objects.count(),
    )
    user.refresh_from_db()
    assert user.check_password("een-eigen-wachtwoord-123")


def test_one_coordinator_changed_and_the_history_shows_both(demo):
    gewisseld = Roltoewijzing.objects.filter(rol="coordinator_veiligheid", einde=date(2024, 7, 31))
    assert gewisseld.exists()
    school = gewisseld.first().school
    assert school.toewijzingen.filter(rol="coordinator_veiligheid").count() == 2


def test_production_settings_refuse_demo_data(settings, convenant_data):
    settings.DEMO_ACCOUNTS_ALLOWED = False
    with pytest.raises(CommandError, match="nooit in productie"):
        call_command("maak_demo")
    assert Gebruiker.objects.count() == 0
    assert School.objects.count() == 0


def test_the_command_prints_the_logins(convenant_data, capsys):
    call_command("maak_demo")
    out = capsys.readouterr().out
    assert "veilig-op-school-demo" in out
    assert "veiligheidsmanager" in out
    assert "Veiligheidsmanager" in out
