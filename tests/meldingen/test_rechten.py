"""Who may do what with incidents, reporting code records and statements: the table, and the
permission functions, views, pages and navigation that must follow it (tests/rechten.py).

Each role is held at the Havencollege (A1): at the school itself, for its area, for its board.
"""

import inspect
from dataclasses import dataclass

import pytest

from meldingen import toegang
from meldingen.mededelingen import Mededeling
from meldingen.models import Melding, Politiemelding, PolitieStatus
from partijen.models import Gebruiker, Rol
from tests.factories import GebruikerFactory, MeldingFactory
from tests.rechten import ROLLEN, Actie, afwijkingen, bij_a1

pytestmark = pytest.mark.django_db

# One column per role, in the order of Rol (tests/rechten.py):
#                          coör vert anti aans aand poli oper veil proj comm best behe
TABEL = {
    "meldingen_zien":          "x    x    .    .    .    x    .    .    .    .    .    .",
    "urgentie_volgen":         ".    .    .    .    .    x    .    .    .    .    .    .",
    "melden":                  "x    x    .    .    .    .    .    .    .    .    .    .",
    "vertrouwelijk_melden":    ".    x    .    .    .    .    .    .    .    .    .    .",
    "cijfers_zien":            ".    .    .    .    .    .    .    x    x    .    x    x",
    "meldcode_bijhouden":      "x    .    .    .    x    .    .    .    .    .    .    .",
    "mededelingen_goedkeuren": ".    .    .    .    .    .    .    .    .    x    .    .",
    # the incident the school reported to the police, anonymously (art. 2.6)
    "melding_lezen":           "x    .    .    .    .    x    .    .    .    .    .    .",
    "personen_zien":           "x    .    .    .    .    .    .    .    .    .    .    .",
    "inzages_zien":            "x    .    .    .    .    .    .    .    .    .    .    .",
    "bewerken":                "x    .    .    .    .    .    .    .    .    .    .    .",
    "mededeling_opstellen":    "x    .    .    .    .    .    .    .    .    .    .    .",
    "meldcode_openen":         "x    .    .    .    .    .    .    .    .    .    .    .",
    "politie_opvolgen":        ".    .    .    .    .    x    .    .    .    .    .    .",
    "afsluiten":               "x    .    .    .    .    .    .    .    .    .    .    .",
    # a confidential report, not shared (art. 2.2)
    "vertrouwelijk_lezen":     ".    x    .    .    .    .    .    .    .    .    .    .",
    "vertrouwelijk_bewerken":  ".    x    .    .    .    .    .    .    .    .    .    .",
    "delen":                   ".    x    .    .    .    .    .    .    .    .    .    .",
}  # fmt: skip


@dataclass
class Scenario:
    gemeld: Melding
    vertrouwelijk: Melding
    mededeling: Mededeling


@pytest.fixture
def scenario(convenant_data, stad):
    from meldingen.models import Betrokkene, Categorie

    door = GebruikerFactory(username="iemand")
    gemeld = MeldingFactory(school=stad.a1, vastgelegd_door=door)
    # the route of the reporting code (art. 2.11) is offered for this category
    gemeld.categorieen.set(Categorie.objects.filter(meldcode=True, bovenliggend__isnull=True)[:1])
    Betrokkene.objects.create(melding=gemeld, rol="slachtoffer", soort="leerling", naam="Lina")
    Politiemelding.objects.create(
        melding=gemeld, datum="2026-10-01", soort="melding", door="x", anoniem=True
    )
    PolitieStatus.objects.create(melding=gemeld, status="gemeld", door=door)
    vertrouwelijk = MeldingFactory(school=stad.a1, vastgelegd_door=door, vertrouwelijk=True)
    mededeling = Mededeling.objects.create(melding=gemeld, tekst="Concept", opgesteld_door=door)
    mededeling.partners.set([stad.bestuur_x])
    return Scenario(gemeld, vertrouwelijk, mededeling)


def _leest(user, melding):
    return Melding.objects.visible_to(user).filter(pk=melding.pk).exists()


def _acties(s: Scenario):
    m, v = s.gemeld, s.vertrouwelijk

    def op(melding, functie):
        # A permission on one incident counts for a user who can read it at all.
        return lambda user: _leest(user, melding) and functie(user, melding)

    return [
        Actie("meldingen_zien", toegang.ziet_meldingen, nav="/meldingen/"),
        Actie("urgentie_volgen", toegang.volgt_politiemeldingen),
        Actie(
            "melden",
            toegang.mag_melden,
            url="/meldingen/nieuw/",
            pagina="/meldingen/",
            teken='href="/meldingen/nieuw/"',
        ),
        Actie("vertrouwelijk_melden", toegang.mag_vertrouwelijk_melden),
        Actie(
            "cijfers_zien",
            toegang.ziet_cijfers,
            url="/meldingen/cijfers/",
            nav="/meldingen/cijfers/",
        ),
        Actie(
            "meldcode_bijhouden",
            toegang.ziet_meldcode,
            url="/meldingen/meldcode/",
            nav="/meldingen/meldcode/",
        ),
        Actie(
            "mededelingen_goedkeuren",
            lambda user: toegang.mag_goedkeuren(user, s.mededeling.melding.school.bestuur_id),
            nav="/meldingen/mededelingen/",
            pagina=f"/meldingen/mededelingen/{s.mededeling.pk}/",
            teken=f'action="/meldingen/mededelingen/{s.mededeling.pk}/goedkeuren/"',
            url=f"/meldingen/mededelingen/{s.mededeling.pk}/goedkeuren/",
            methode="post",
            data={"organisatie": s.mededeling.melding.school.bestuur_id},
            ja=(302,),
        ),
        Actie("melding_lezen", lambda user: _leest(user, m), url=f"/meldingen/{m.pk}/"),
        Actie(
            "personen_zien",
            op(m, toegang.ziet_personen),
            pagina=f"/meldingen/{m.pk}/",
            teken="Lina",
        ),
        Actie(
            "inzages_zien",
            op(m, toegang.ziet_inzages),
            pagina=f"/meldingen/{m.pk}/",
            teken="Wie de persoonsgegevens heeft ingezien",
        ),
        Actie(
            "bewerken",
            op(m, toegang.mag_bewerken),
            url=f"/meldingen/{m.pk}/wijzigen/",
            pagina=f"/meldingen/{m.pk}/",
            teken=f'href="/meldingen/{m.pk}/wijzigen/"',
        ),
        Actie(
            "mededeling_opstellen",
            op(m, toegang.mag_mededeling_opstellen),
            url=f"/meldingen/{m.pk}/mededeling/",
            pagina=f"/meldingen/{m.pk}/",
            teken=f'href="/meldingen/{m.pk}/mededeling/"',
        ),
        Actie(
            "meldcode_openen",
            op(m, toegang.mag_meldcode_openen_bij),
            pagina=f"/meldingen/{m.pk}/",
            teken=f"?melding={m.pk}",
        ),
        Actie(
            "politie_opvolgen",
            op(m, toegang.volgt_op_als_politie),
            pagina=f"/meldingen/{m.pk}/",
            teken=f'action="/meldingen/{m.pk}/politie/status/"',
            url=f"/meldingen/{m.pk}/politie/status/",
            methode="post",
            data={"status": "in_behandeling"},
            ja=(302,),
        ),
        # last of this incident: it closes it
        Actie(
            "afsluiten",
            op(m, toegang.mag_afsluiten),
            pagina=f"/meldingen/{m.pk}/",
            teken=f'action="/meldingen/{m.pk}/afsluiten/"',
            url=f"/meldingen/{m.pk}/afsluiten/",
            methode="post",
            ja=(302,),
        ),
        Actie("vertrouwelijk_lezen", lambda user: _leest(user, v), url=f"/meldingen/{v.pk}/"),
        Actie(
            "vertrouwelijk_bewerken",
            op(v, toegang.mag_bewerken),
            url=f"/meldingen/{v.pk}/wijzigen/",
            pagina=f"/meldingen/{v.pk}/",
            teken=f'href="/meldingen/{v.pk}/wijzigen/"',
        ),
        Actie(
            "delen",
            op(v, toegang.mag_delen),
            pagina=f"/meldingen/{v.pk}/",
            teken=f'action="/meldingen/{v.pk}/delen/"',
            url=f"/meldingen/{v.pk}/delen/",
            methode="post",
            ja=(302,),
        ),
    ]


@pytest.mark.parametrize("rol", ROLLEN, ids=[r.value for r in ROLLEN])
def test_every_role_may_do_exactly_what_the_table_says(
    client, stad, scenario, maak_gebruiker, in_rol, rol
):
    user = bij_a1(rol, stad, maak_gebruiker, in_rol)
    fouten = afwijkingen(client, user, rol, TABEL, _acties(scenario))
    assert not fouten, "\n".join(fouten)


def test_every_permission_of_the_app_is_in_the_table():
    """A new permission function needs its row: the table is the specification."""
    functies = {
        naam
        for naam, f in inspect.getmembers(toegang, inspect.isfunction)
        if f.__module__ == toegang.__name__ and not naam.startswith("_")
    }
    assert functies == IN_DE_TABEL | HULPFUNCTIES


# The functions the table's rows ask (in _acties), and those they are built from.
IN_DE_TABEL = {
    "ziet_meldingen",
    "volgt_politiemeldingen",
    "mag_melden",
    "mag_vertrouwelijk_melden",
    "ziet_cijfers",
    "ziet_meldcode",
    "mag_goedkeuren",
    "ziet_personen",
    "ziet_inzages",
    "mag_bewerken",
    "mag_mededeling_opstellen",
    "mag_meldcode_openen_bij",
    "volgt_op_als_politie",
    "mag_afsluiten",
    "mag_delen",
}
HULPFUNCTIES = {
    "meld_scholen",
    "meldcode_scholen",
    "communicatie_organisaties",
    "heeft_communicatietaak",
    "meldt_standaard_vertrouwelijk",
    # art. 8 on the page and in the export alike: tests/meldingen/test_persoonsgegevens.py
    "persoonsgegevens",
}


def test_a_coordinator_who_is_also_reporting_code_officer_keeps_the_records_of_both_schools(
    stad, maak_gebruiker, in_rol
):
    user = maak_gebruiker(Rol.COORDINATOR_VEILIGHEID)
    in_rol(user, Rol.COORDINATOR_VEILIGHEID, school=stad.a1)
    in_rol(user, Rol.AANDACHTSFUNCTIONARIS, school=stad.a2)
    user = Gebruiker.objects.get(pk=user.pk)
    assert toegang.meldcode_scholen(user) == {stad.a1.pk, stad.a2.pk}
    assert toegang.meld_scholen(user) == {stad.a1.pk}
