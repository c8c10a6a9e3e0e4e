"""Who may do what with the evaluation (art. 4, 7.2, 11.1): the table, and the permission
functions, views, pages and navigation that must follow it (tests/rechten.py)."""

import inspect

import pytest

from evaluatie import toegang
from partijen.models import Rol
from tests.rechten import ROLLEN, Actie, afwijkingen, bij_a1
from tests.test_toegang import _ronde

pytestmark = pytest.mark.django_db

# One column per role, in the order of Rol (tests/rechten.py):
#                      coör vert anti aans aand poli oper veil proj comm best behe
TABEL = {
    "evaluatie_zien":  "x    .    .    .    .    x    x    x    x    .    x    .",
    "rondes_beheren":  ".    .    .    .    .    .    .    .    x    .    .    .",
    "rapport_lezen":   ".    .    .    .    .    .    .    x    x    .    x    .",
}  # fmt: skip


def _acties():
    return [
        Actie("evaluatie_zien", toegang.ziet_evaluatie, url="/evaluatie/", nav="/evaluatie/"),
        Actie(
            "rondes_beheren",
            toegang.mag_rondes_beheren,
            url="/evaluatie/nieuw/",
            pagina="/evaluatie/",
            teken='href="/evaluatie/nieuw/"',
        ),
        Actie(
            "rapport_lezen",
            toegang.ziet_rapport,
            url=lambda: f"/evaluatie/{_ronde().pk}/rapport/",
            pagina=lambda: f"/evaluatie/{_ronde().pk}/",
            teken=lambda: f'href="/evaluatie/{_ronde().pk}/rapport/"',
        ),
    ]


@pytest.mark.parametrize("rol", ROLLEN, ids=[r.value for r in ROLLEN])
def test_every_role_may_do_exactly_what_the_table_says(
    client, convenant_data, stad, maak_gebruiker, in_rol, rol
):
    user = bij_a1(rol, stad, maak_gebruiker, in_rol)
    fouten = afwijkingen(client, user, rol, TABEL, _acties())
    assert not fouten, "\n".join(fouten)


def test_every_permission_of_the_app_is_in_the_table():
    functies = {
        naam
        for naam, f in inspect.getmembers(toegang, inspect.isfunction)
        if f.__module__ == toegang.__name__
    }
    # antwoordt_voor is per partner, tested with the questionnaires (test_rondes.py).
    assert functies == {"ziet_evaluatie", "mag_rondes_beheren", "ziet_rapport", "antwoordt_voor"}


def test_a_police_contact_at_schools_answers_for_the_police_not_for_their_boards(
    stad, maak_gebruiker, in_rol
):
    politie = maak_gebruiker(Rol.POLITIE_CONTACTPERSOON)
    in_rol(politie, Rol.POLITIE_CONTACTPERSOON, school=stad.a1)
    coordinator = maak_gebruiker(Rol.COORDINATOR_VEILIGHEID, username="c2")
    in_rol(coordinator, Rol.COORDINATOR_VEILIGHEID, school=stad.a1)
    assert stad.a1.bestuur_id not in toegang.antwoordt_voor(politie)
    assert stad.a1.bestuur_id in toegang.antwoordt_voor(coordinator)
