"""Who may do what with the covenant's own pages, and what each role's home page and login ask:
the table, and the permission functions, views, pages and navigation that must follow it
(tests/rechten.py)."""

import inspect

import pytest

from convenant import toegang, tweefactor
from partijen.models import Rol
from tests.rechten import ROLLEN, Actie, afwijkingen, bij_a1

pytestmark = pytest.mark.django_db

# One column per role, in the order of Rol (tests/rechten.py):
#                                 coör vert anti aans aand poli oper veil proj comm best behe
TABEL = {
    "convenant_lezen":                "x    x    x    x    x    x    x    x    x    x    x    x",
    "communicatieparagraaf_bewerken": ".    .    .    .    .    .    .    .    x    .    .    x",
    "looptijd_lezen":                 "x    x    x    x    x    x    x    x    x    x    x    x",
    "looptijd_bijhouden":             ".    .    .    .    .    .    .    .    x    .    .    x",
    "wijzigingen_lezen":              "x    x    x    x    x    x    x    x    x    x    x    x",
    "wijziging_voorstellen":          ".    .    .    .    .    .    .    .    x    .    .    x",
    "tekst_corrigeren":               ".    .    .    .    .    .    .    .    x    .    .    x",
    "twee_factoren_verplicht":        ".    .    .    .    .    x    x    x    x    .    .    x",
}  # fmt: skip


def _acties():
    return [
        Actie("convenant_lezen", url="/convenant/", nav="/convenant/"),
        Actie(
            "communicatieparagraaf_bewerken",
            toegang.mag_communicatieparagraaf_bewerken,
            url="/convenant/communicatieparagraaf/",
            pagina="/convenant/",
            teken='href="/convenant/communicatieparagraaf/"',
        ),
        Actie(
            "looptijd_lezen",
            url="/convenant/looptijd/",
            pagina="/convenant/",
            teken='href="/convenant/looptijd/"',
        ),
        Actie(
            "looptijd_bijhouden",
            toegang.mag_looptijd_bijhouden,
            url="/convenant/looptijd/verlenging/",
            pagina="/convenant/looptijd/",
            teken='href="/convenant/looptijd/opzegging/"',
        ),
        Actie(
            "wijzigingen_lezen",
            url="/convenant/wijzigingen/",
            pagina="/convenant/",
            teken='href="/convenant/wijzigingen/"',
        ),
        Actie(
            "wijziging_voorstellen",
            toegang.mag_looptijd_bijhouden,
            url="/convenant/wijzigingen/nieuw/",
            pagina="/convenant/wijzigingen/",
            teken='href="/convenant/wijzigingen/nieuw/"',
        ),
        Actie(
            "tekst_corrigeren",
            toegang.mag_looptijd_bijhouden,
            url="/convenant/wijzigingen/correctie/",
            pagina="/convenant/wijzigingen/",
            teken='href="/convenant/wijzigingen/correctie/"',
        ),
        Actie("twee_factoren_verplicht", tweefactor.tweefactor_verplicht),
    ]


@pytest.mark.parametrize("rol", ROLLEN, ids=[r.value for r in ROLLEN])
def test_every_role_may_do_exactly_what_the_table_says(
    client, convenant_data, stad, maak_gebruiker, in_rol, rol
):
    # Without the administration, which alone requires two factors.
    user = bij_a1(rol, stad, maak_gebruiker, in_rol)
    user.is_staff = user.is_superuser = False
    user.save()
    fouten = afwijkingen(client, user, rol, TABEL, _acties())
    assert not fouten, "\n".join(fouten)


def test_every_permission_of_the_app_is_in_the_table():
    functies = {
        naam
        for naam, f in inspect.getmembers(toegang, inspect.isfunction)
        if f.__module__ == toegang.__name__
    }
    assert functies == {
        "mag_communicatieparagraaf_bewerken",
        "mag_looptijd_bijhouden",
        "rollen_op_volgorde",
    }


def test_what_the_covenant_asks_has_a_section_for_each_role(
    client, convenant_data, stad, maak_gebruiker, in_rol
):
    """A coordinator who is also the school's aandachtsfunctionaris and confidential contact
    person reads what the covenant asks of each role, and sees the pages of all three."""
    user = maak_gebruiker(Rol.COORDINATOR_VEILIGHEID)
    in_rol(user, Rol.COORDINATOR_VEILIGHEID, school=stad.a1)
    in_rol(user, Rol.AANDACHTSFUNCTIONARIS, school=stad.a1)
    in_rol(user, Rol.CONTACTPERSOON_VERTROUWENSZAKEN, school=stad.a1)
    client.force_login(user)
    response = client.get("/convenant/mijn-rol/")
    html = response.content.decode()
    assert [s["rol"] for s in response.context["rollen"]] == [
        Rol.COORDINATOR_VEILIGHEID,
        Rol.CONTACTPERSOON_VERTROUWENSZAKEN,
        Rol.AANDACHTSFUNCTIONARIS,
    ]
    for naam in ("Coördinator veiligheid", "Contactpersoon vertrouwenszaken"):
        assert f"Wat het convenant van u vraagt als {naam}" in html
    assert "Aandachtsfunctionaris" in html
    nav = {i["url"] for i in response.context["nav_items"]}
    assert {"/meldingen/", "/meldingen/meldcode/"} <= nav


def test_a_safety_manager_who_is_also_a_coordinator_sees_both_meeting_pages(
    client, stad, maak_gebruiker, in_rol
):
    user = maak_gebruiker(Rol.VEILIGHEIDSMANAGER)
    in_rol(user, Rol.VEILIGHEIDSMANAGER, overleggebied=stad.gebied_a)
    in_rol(user, Rol.COORDINATOR_VEILIGHEID, school=stad.a1)
    client.force_login(user)
    nav = client.get("/convenant/").context["nav_items"]
    labels = {i["url"]: i["label"] for i in nav}
    assert labels["/overleggen/naleving/"] == "Overleggen"
    assert labels["/overleggen/mijn/"] == "Schooloverleggen"
