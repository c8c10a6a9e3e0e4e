"""Who may do what with the meetings: the table, and the permission functions, views, pages and
navigation that must follow it (tests/rechten.py).

Each role is held at the Havencollege (A1): at the school itself, for its area, for its board.
"""

import inspect
from datetime import UTC, date, datetime

import pytest

from overleggen import toegang
from overleggen.models import Actiepunt, Overleg, Overlegvorm
from tests.factories import GebruikerFactory, PersoonFactory
from tests.rechten import ROLLEN, Actie, afwijkingen, bij_a1

pytestmark = pytest.mark.django_db

# One column per role, in the order of Rol (tests/rechten.py):
#                          coör vert anti aans aand poli oper veil proj comm best behe
TABEL = {
    "naleving_zien":           ".    .    .    .    .    .    .    x    x    .    x    x",
    "schooloverleggen_zien":   "x    .    .    .    .    x    .    .    .    .    .    .",
    "plannen":                 "x    .    .    .    .    x    .    x    x    .    .    x",
    "stad_plannen":            ".    .    .    .    .    .    .    .    x    .    .    x",
    "gebied_plannen":          ".    .    .    .    .    .    .    x    x    .    .    x",
    "schooloverleg_wijzigen":  "x    .    .    .    .    x    .    .    x    .    .    x",
    "gebiedsoverleg_wijzigen": ".    .    .    .    .    .    .    x    x    .    .    x",
    "actiepunt_afronden":      "x    .    .    .    .    x    .    .    x    .    .    x",
}  # fmt: skip


@pytest.fixture
def vormen(convenant_data):
    return {v.artikel.strip(): v for v in Overlegvorm.objects.all()}


def _overleg(vorm, **bereik):
    return Overleg.objects.create(
        vorm=vorm,
        start=datetime(2026, 5, 1, 10, tzinfo=UTC),
        einde=datetime(2026, 5, 1, 11, tzinfo=UTC),
        aangemaakt_door=GebruikerFactory(username=f"planner-{vorm.pk}"),
        **bereik,
    )


def _acties(stad, vormen):
    schooloverleg = _overleg(vormen["6.1"], school=stad.a1)
    gebiedsoverleg = _overleg(vormen["6.3"], overleggebied=stad.gebied_a)
    stad_vorm, gebied_vorm = vormen["7.1"], vormen["6.3"]
    # owned by a person without an account: who marks it done is the meeting's organiser
    punt = Actiepunt.objects.create(
        overleg=schooloverleg,
        omschrijving="Actie",
        eigenaar=PersoonFactory(organisatie=stad.a1.bestuur),
        deadline=date(2026, 6, 1),
    )
    return [
        Actie(
            "naleving_zien",
            toegang.ziet_naleving,
            url="/overleggen/naleving/",
            nav="/overleggen/naleving/",
        ),
        Actie(
            "schooloverleggen_zien",
            toegang.ziet_schooloverleggen,
            url="/overleggen/mijn/",
            nav="/overleggen/mijn/",
        ),
        Actie(
            "plannen",
            toegang.mag_plannen,
            url="/overleggen/nieuw/",
            pagina="/overleggen/naleving/",
            teken='href="/overleggen/nieuw/"',
        ),
        Actie(
            "stad_plannen",
            lambda user: toegang.mag_plannen(user, stad_vorm),
            url=f"/overleggen/nieuw/?vorm={stad_vorm.pk}",
        ),
        Actie(
            "gebied_plannen",
            lambda user: toegang.mag_plannen(user, gebied_vorm, stad.gebied_a),
            url=f"/overleggen/nieuw/?vorm={gebied_vorm.pk}&overleggebied={stad.gebied_a.pk}",
        ),
        Actie(
            "schooloverleg_wijzigen",
            lambda user: toegang.mag_wijzigen(user, schooloverleg),
            pagina=f"/overleggen/{schooloverleg.pk}/",
            teken='id="kop-verslag"',
            url=f"/overleggen/{schooloverleg.pk}/",
            methode="post",
            ja=(200, 302),  # the form again with its errors, or saved
            nee=(403, 404),  # a participant who reads it, or someone who does not
        ),
        Actie(
            "gebiedsoverleg_wijzigen",
            lambda user: toegang.mag_wijzigen(user, gebiedsoverleg),
            pagina=f"/overleggen/{gebiedsoverleg.pk}/",
            teken='id="kop-verslag"',
            url=f"/overleggen/{gebiedsoverleg.pk}/",
            methode="post",
            ja=(200, 302),
            nee=(403, 404),
        ),
        Actie(
            "actiepunt_afronden",
            lambda user: toegang.mag_actiepunt_afronden(user, punt),
            pagina=f"/overleggen/actiepunten/{punt.pk}/",
            teken='data-testid="afronden"',
            url=f"/overleggen/actiepunten/{punt.pk}/",
            methode="post",
            ja=(302,),
            nee=(403, 404),  # who sees the meeting reads the point, others do not
        ),
    ]


@pytest.mark.parametrize("rol", ROLLEN, ids=[r.value for r in ROLLEN])
def test_every_role_may_do_exactly_what_the_table_says(
    client, stad, vormen, maak_gebruiker, in_rol, rol
):
    user = bij_a1(rol, stad, maak_gebruiker, in_rol)
    fouten = afwijkingen(client, user, rol, TABEL, _acties(stad, vormen))
    assert not fouten, "\n".join(fouten)


def test_every_permission_of_the_app_is_in_the_table():
    """A new permission function needs its row: the table is the specification."""
    functies = {
        naam
        for naam, f in inspect.getmembers(toegang, inspect.isfunction)
        if f.__module__ == toegang.__name__ and not naam.startswith("_")
    }
    assert functies == {
        "ziet_naleving",
        "ziet_schooloverleggen",
        "mag_plannen",
        "mag_wijzigen",
        "mag_actiepunt_afronden",
        # what the rows are built from: the organiser, the scopes, the kinds and the people
        "organiseert",
        "organiseert_stad",
        "naleving_reikwijdten",
        "bereiken",
        "bereik_ids",
        "planbare_vormen",
        "voor_te_stellen_deelnemers",
    }


def test_only_the_municipality_plans_and_changes_city_wide_meetings(stad, vormen, gebruikers):
    """Art. 5.2, 7.1, 7.2: one rule, organiseert_stad, for planning and for changing."""
    kerngroep = _overleg(vormen["7.1"])
    for rol, user in gebruikers.items():
        stad_ja = toegang.organiseert_stad(user)
        assert toegang.mag_plannen(user, vormen["7.1"]) is stad_ja, rol
        assert toegang.mag_wijzigen(user, kerngroep) is stad_ja, rol
