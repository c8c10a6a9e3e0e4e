"""Who may do what with the register: the table, and the permission functions, views, pages and
navigation that must follow it (tests/rechten.py)."""

import inspect

import pytest
from django.utils import timezone

from partijen import toegang
from partijen.models import Gebruiker, Rol, Roltoewijzing, School
from tests.factories import PersoonFactory
from tests.rechten import ROLLEN, Actie, afwijkingen

pytestmark = pytest.mark.django_db

# One column per role, in the order of Rol (tests/rechten.py):
#                    coör vert anti aans aand poli oper veil proj comm best behe
TABEL = {
    "scholen_zien":        "x    x    x    x    x    x    x    x    x    x    x    x",
    "bezetting_zien":      "x    .    .    .    .    .    .    x    x    .    x    x",
    "register_beheren":    ".    .    .    .    .    .    .    .    x    .    .    x",
    "toegang_beoordelen":  ".    .    .    .    .    .    .    .    x    .    .    x",
    "auditlog_lezen":      ".    .    .    .    .    .    .    .    .    .    .    x",
    "account_aanmaken":    ".    .    .    .    .    .    .    .    .    .    .    x",
    "django_beheer":       ".    .    .    .    .    .    .    .    .    .    .    x",
}  # fmt: skip


@pytest.fixture
def zonder_account(stad):
    """A person of the register who has no account yet."""
    return PersoonFactory(organisatie=stad.bestuur_x)


def _acties(persoon):
    account = f"/partijen/personen/{persoon.pk}/account/"
    return [
        Actie("scholen_zien", url="/partijen/scholen/", nav="/partijen/scholen/"),
        Actie(
            "bezetting_zien",
            toegang.ziet_bezetting,
            url="/partijen/bezetting/",
            nee=(403,),
            nav="/partijen/bezetting/",
        ),
        Actie(
            "register_beheren",
            toegang.beheert_register,
            url="/partijen/organisaties/",
            nav="/partijen/organisaties/",
            pagina="/partijen/scholen/",
            teken='href="/partijen/scholen/nieuw/"',
        ),
        Actie(
            "toegang_beoordelen",
            toegang.ziet_toegangsoverzicht,
            url="/partijen/toegang/",
            nav="/partijen/toegang/",
        ),
        Actie(
            "auditlog_lezen",
            toegang.ziet_auditlog,
            url="/partijen/audit/",
            pagina="/partijen/toegang/",
            teken='href="/partijen/audit/"',
        ),
        Actie(
            "account_aanmaken",
            lambda user: toegang.mag_account_aanmaken(user, persoon),
            url=account,
            pagina=f"/partijen/personen/{persoon.pk}/",
            teken=f'href="{account}"',
        ),
        Actie(
            "django_beheer",
            toegang.beheert_accounts,
            url="/beheer/",
            nav="/beheer/",
        ),
    ]


@pytest.mark.parametrize("rol", ROLLEN, ids=[r.value for r in ROLLEN])
def test_every_role_may_do_exactly_what_the_table_says(
    client, stad, gebruikers, zonder_account, rol
):
    fouten = afwijkingen(client, gebruikers[rol], rol, TABEL, _acties(zonder_account))
    assert not fouten, "\n".join(fouten)


def test_every_permission_of_the_app_is_in_the_table():
    """A new permission function needs its row: the table is the specification."""
    functies = {
        naam
        for naam, f in inspect.getmembers(toegang, inspect.isfunction)
        if f.__module__ == toegang.__name__ and naam not in {"aanspreekpunten", "wat_ontbreekt"}
    }
    in_tabel = {
        "ziet_bezetting",
        "beheert_register",
        "ziet_toegangsoverzicht",
        "ziet_auditlog",
        "mag_account_aanmaken",
        "beheert_accounts",
        # tested apart (tests/partijen/test_toegangsoverzicht.py, test_rechten below)
        "ziet_toekenningen_van",
    }
    assert functies == in_tabel


def test_a_user_with_two_roles_has_the_rights_of_both(client, stad, maak_gebruiker, in_rol):
    user = maak_gebruiker(Rol.CONTACTPERSOON_VERTROUWENSZAKEN)
    in_rol(user, Rol.CONTACTPERSOON_VERTROUWENSZAKEN, school=stad.a2)
    client.force_login(user)
    assert client.get("/partijen/bezetting/").status_code == 403
    in_rol(user, Rol.BESTUURDER, organisatie=stad.bestuur_x)
    assert client.get("/partijen/bezetting/").status_code == 200
    assert set(School.objects.visible_to(user)) == {stad.a1, stad.a2, stad.b1}


def test_an_ended_assignment_ends_its_rights_the_same_day(client, maak_gebruiker):
    user = maak_gebruiker(Rol.PROJECTLEIDER)
    client.force_login(user)
    assert client.get("/partijen/organisaties/").status_code == 200
    Roltoewijzing.objects.filter(persoon__gebruiker=user).update(
        einde=timezone.localdate(), ingetrokken_op=timezone.now()
    )
    assert client.get("/partijen/organisaties/").status_code == 404


def test_the_coordinator_sees_recent_grants_of_his_own_school_only(stad, gebruikers):
    coordinator = Gebruiker.objects.get(pk=gebruikers[Rol.COORDINATOR_VEILIGHEID].pk)
    assert toegang.ziet_toekenningen_van(coordinator, stad.a1)
    assert not toegang.ziet_toekenningen_van(coordinator, stad.a2)
    assert toegang.ziet_toekenningen_van(gebruikers[Rol.PROJECTLEIDER], stad.a2)
