"""The compliance dashboard: filter on status, counts per status, the boards' read-only view
(art. 7.2), "Plannen" only where the user may plan, the chart's figure beside the minimum."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import tablib
import time_machine

from overleggen import naleving
from overleggen.models import Overleg, Overlegvorm

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
NU = "2026-06-01T10:00:00+02:00"
URL = "/overleggen/naleving/"


def _csv(response):
    return list(
        tablib.Dataset()
        .load(response.content.decode("utf-8-sig"), format="csv", delimiter=";")
        .dict
    )


def _gepland(vorm, gebruiker, **bereik):
    return Overleg.objects.create(
        vorm=vorm,
        start=datetime(2026, 9, 1, 15, tzinfo=AMS),
        einde=datetime(2026, 9, 1, 16, tzinfo=AMS),
        aangemaakt_door=gebruiker,
        **bereik,
    )


@time_machine.travel(NU, tick=False)
def test_the_safety_manager_filters_on_late_and_to_be_planned(client, ondertekend, gebruikers):
    stad = ondertekend
    _gepland(
        Overlegvorm.objects.get(code="stadsdeeloverleg"),
        gebruikers["beheerder"],
        overleggebied=stad.gebied_a,
    )
    client.force_login(gebruikers["veiligheidsmanager"])
    alles = client.get(URL).context["rijen"]
    assert naleving.Nalevingsstatus.GEPLAND in {r.cel.status for r in alles}
    response = client.get(
        URL, {"status": [naleving.Nalevingsstatus.TE_LAAT, naleving.Nalevingsstatus.IN_TE_PLANNEN]}
    )
    rijen = response.context["rijen"]
    assert {r.cel.status for r in rijen} == {
        naleving.Nalevingsstatus.TE_LAAT,
        naleving.Nalevingsstatus.IN_TE_PLANNEN,
    }
    assert len(rijen) == len(
        [
            r
            for r in alles
            if r.cel.status
            in {naleving.Nalevingsstatus.TE_LAAT, naleving.Nalevingsstatus.IN_TE_PLANNEN}
        ]
    )
    html = response.content.decode()
    assert 'name="status" value="te_laat"' in html
    assert "checked" in html.split('value="te_laat"')[1].split(">")[0]


@time_machine.travel(NU, tick=False)
def test_the_dashboard_opens_with_a_count_per_status(client, ondertekend, gebruikers):
    client.force_login(gebruikers["veiligheidsmanager"])
    response = client.get(URL)
    rijen = response.context["rijen"]
    tellingen = {t["status"]: t["aantal"] for t in response.context["tellingen"]}
    assert tellingen[naleving.Nalevingsstatus.TE_LAAT] == len(
        [r for r in rijen if r.cel.status == naleving.Nalevingsstatus.TE_LAAT]
    )
    assert sum(tellingen.values()) == len(rijen)
    html = response.content.decode()
    assert html.index("te laat:") < html.index("<table")
    # the counts stay those of the whole selection when a status is chosen
    gefilterd = client.get(URL, {"status": naleving.Nalevingsstatus.TE_LAAT}).context["tellingen"]
    assert {t["status"]: t["aantal"] for t in gefilterd} == tellingen


@time_machine.travel(NU, tick=False)
def test_bad_filter_values_give_the_default_page_not_a_500(client, ondertekend, gebruikers):
    client.force_login(gebruikers["veiligheidsmanager"])
    response = client.get(URL, {"status": "onzin", "jaar": "abc", "gebied": "x", "vorm": "99999"})
    assert response.status_code == 200
    assert response.context["jaar"] == 2026
    assert response.context["rijen"]


@time_machine.travel(NU, tick=False)
def test_the_export_honours_the_status_filter(client, ondertekend, gebruikers):
    client.force_login(gebruikers["veiligheidsmanager"])
    rijen = _csv(
        client.get(
            URL + "export/", {"status": naleving.Nalevingsstatus.IN_TE_PLANNEN, "formaat": "csv"}
        )
    )
    assert rijen
    assert {r["Status"] for r in rijen} == {"nog in te plannen"}


@time_machine.travel(NU, tick=False)
def test_the_board_member_sees_his_boards_schools_and_the_city_read_only(
    client, ondertekend, gebruikers
):
    stad = ondertekend
    client.force_login(gebruikers["bestuurder"])  # board X: Havencollege and Poortcollege
    response = client.get(URL)
    assert response.status_code == 200
    bereiken = {r.bereik for r in response.context["rijen"]}
    assert bereiken == {stad.a1, stad.b1, None}
    html = response.content.decode()
    assert stad.a2.naam not in html
    assert "/overleggen/nieuw/" not in html  # no "Plannen", no "Overleg plannen"
    rijen = _csv(client.get(URL + "export/", {"formaat": "csv"}))
    assert {r["Reikwijdte"] for r in rijen} == {stad.a1.naam, stad.b1.naam, "stad"}
    xlsx = client.get(URL + "export/", {"formaat": "xlsx"}).content
    blad = tablib.Dataset().load(xlsx, format="xlsx")
    assert set(blad["Reikwijdte"]) == {stad.a1.naam, stad.b1.naam, "stad"}
    # asking for another board's area through the filter changes nothing
    rijen = client.get(URL, {"gebied": stad.gebied_a.pk}).context["rijen"]
    assert {r.bereik for r in rijen} <= {stad.a1}


def test_the_board_member_finds_the_dashboard_in_the_navigation(client, stad, gebruikers):
    client.force_login(gebruikers["bestuurder"])
    urls = [i["url"] for i in client.get("/").context["nav_items"]]
    assert URL in urls


def test_others_without_oversight_still_get_a_404(client, stad, gebruikers):
    for rol in (
        "coordinator_veiligheid",
        "contactpersoon_vertrouwenszaken",
        "politie_contactpersoon",
    ):
        client.force_login(gebruikers[rol])
        assert client.get(URL).status_code == 404
        assert client.get(URL + "export/").status_code == 404


@time_machine.travel(NU, tick=False)
def test_plannen_is_offered_only_where_the_user_may_plan(client, ondertekend, gebruikers):
    stad = ondertekend
    client.force_login(gebruikers["veiligheidsmanager"])
    rijen = client.get(URL).context["rijen"]
    stedelijk = [r for r in rijen if r.vorm.reikwijdte == "stad"]
    assert {r.vorm.code for r in stedelijk} >= {
        "kerngroep",
        "bestuurlijk-overleg",
        "stedelijke-voorzieningen",
    }
    assert not any(r.plan_url for r in stedelijk)
    gebied = next(r for r in rijen if r.bereik == stad.gebied_a)
    assert gebied.plan_url == (
        f"/overleggen/nieuw/?vorm={gebied.vorm.pk}&overleggebied={stad.gebied_a.pk}"
    )
    html = client.get(URL).content.decode()
    assert html.count(">Plannen<") == len([r for r in rijen if r.plan_url])

    client.force_login(gebruikers["projectleider"])
    rijen = client.get(URL).context["rijen"]
    kerngroep = next(r for r in rijen if r.vorm.code == "kerngroep")
    assert kerngroep.plan_url == f"/overleggen/nieuw/?vorm={kerngroep.vorm.pk}"


@time_machine.travel(NU, tick=False)
def test_plannen_opens_the_form_with_kind_and_scope_filled_in(client, ondertekend, gebruikers):
    stad = ondertekend
    vorm = Overlegvorm.objects.get(code="stadsdeeloverleg")
    client.force_login(gebruikers["veiligheidsmanager"])
    response = client.get(
        "/overleggen/nieuw/", {"vorm": vorm.pk, "overleggebied": stad.gebied_a.pk}
    )
    form = response.context["form"]
    assert form["vorm"].value() == vorm.pk
    assert form["overleggebied"].value() == stad.gebied_a.pk
    html = response.content.decode()
    assert f'<option value="{vorm.pk}" selected>' in html
    assert f'<option value="{stad.gebied_a.pk}" selected>' in html

    client.force_login(gebruikers["projectleider"])
    kerngroep = Overlegvorm.objects.get(code="kerngroep")
    response = client.get("/overleggen/nieuw/", {"vorm": kerngroep.pk})
    assert f'<option value="{kerngroep.pk}" selected>' in response.content.decode()


@time_machine.travel(NU, tick=False)
@pytest.mark.parametrize(
    "params",
    [
        lambda stad: {"vorm": Overlegvorm.objects.get(code="kerngroep").pk},
        lambda stad: {
            "vorm": Overlegvorm.objects.get(code="stadsdeeloverleg").pk,
            "overleggebied": stad.gebied_b.pk,  # not the manager's area
        },
        lambda stad: {"vorm": "abc"},
        lambda stad: {"vorm": "99999"},
        lambda stad: {
            "vorm": Overlegvorm.objects.get(code="stadsdeeloverleg").pk,
            "overleggebied": "x",
        },
    ],
    ids=["city-wide", "other-area", "not-a-number", "unknown-kind", "bad-scope"],
)
def test_a_kind_or_scope_the_user_may_not_plan_is_refused(client, ondertekend, gebruikers, params):
    client.force_login(gebruikers["veiligheidsmanager"])
    assert client.get("/overleggen/nieuw/", params(ondertekend)).status_code == 404


@time_machine.travel(NU, tick=False)
def test_the_board_member_plans_nothing(client, ondertekend, gebruikers):
    vorm = Overlegvorm.objects.get(code="operationeel-overleg")
    client.force_login(gebruikers["bestuurder"])
    assert client.get("/overleggen/nieuw/", {"vorm": vorm.pk}).status_code == 404


@time_machine.travel(NU, tick=False)
def test_the_charts_figure_is_shown_beside_the_minimum_where_they_differ(
    client, ondertekend, gebruikers
):
    client.force_login(gebruikers["projectleider"])
    html = client.get(URL, {"vorm": Overlegvorm.objects.get(code="bestuurlijk-overleg").pk})
    html = html.content.decode()
    assert "minimaal 1 keer per jaar" in html
    assert "(schema: 2)" in html
    html = client.get(URL, {"vorm": Overlegvorm.objects.get(code="kerngroep").pk})
    assert "schema:" not in html.content.decode()  # four in both
    rijen = _csv(client.get(URL + "export/", {"formaat": "csv"}))
    bestuurlijk = next(r for r in rijen if r["Overleg"] == "Bestuurlijk overleg")
    assert bestuurlijk["Volgens schema"] == "2"


@time_machine.travel(NU, tick=False)
def test_the_dashboard_query_count_does_not_grow_with_schools_for_the_board(
    client, ondertekend, gebruikers, django_assert_max_num_queries
):
    from tests.factories import SchoolFactory

    stad = ondertekend
    client.force_login(gebruikers["bestuurder"])
    with django_assert_max_num_queries(30) as eerst:
        client.get(URL)
    for _ in range(8):
        SchoolFactory(stadsdeel=stad.a1.stadsdeel, bestuur=stad.bestuur_x)
    with django_assert_max_num_queries(len(eerst.captured_queries)):
        client.get(URL)


@time_machine.travel(NU, tick=False)
def test_the_page_for_2023_asks_nothing_before_the_signing_on_14_november(
    client, ondertekend, gebruikers
):
    """Art. 10.1, as the safety manager sees it: before 14 November 2023 nothing is late."""
    stad = ondertekend
    client.force_login(gebruikers["veiligheidsmanager"])
    response = client.get(URL, {"jaar": 2023})
    rijen = response.context["rijen"]
    kerngroep = next(r for r in rijen if r.vorm.code == "kerngroep")
    assert kerngroep.cel.status == naleving.Nalevingsstatus.NIET_VERPLICHT
    maandelijks = next(r for r in rijen if r.vorm.code == "operationeel-overleg")
    assert {c.status for c in maandelijks.maanden[:11]} == {naleving.Nalevingsstatus.NIET_VERPLICHT}
    assert maandelijks.maanden[11].status == naleving.Nalevingsstatus.TE_LAAT  # December was owed
    html = response.content.decode()
    assert "nog niet verplicht (art. 10.1)" in html
    assert "van kracht sinds 14 november 2023" in html
    assert "0 verplicht dit jaar" in html
    assert stad.a1.naam in html


@pytest.mark.parametrize(
    ("rol", "code", "bereik", "mag"),
    [
        ("projectleider", "kerngroep", None, True),
        ("beheerder", "bestuurlijk-overleg", None, True),
        ("veiligheidsmanager", "kerngroep", None, False),
        ("veiligheidsmanager", "stedelijke-voorzieningen", None, False),
        ("veiligheidsmanager", "stadsdeeloverleg", "gebied_a", True),
        ("veiligheidsmanager", "stadsdeeloverleg", "gebied_b", False),
        ("coordinator_veiligheid", "operationeel-overleg", "a1", True),
        ("coordinator_veiligheid", "operationeel-overleg", "a2", False),
        ("politie_contactpersoon", "operationeel-overleg", "b1", True),
        ("bestuurder", "operationeel-overleg", "a1", False),
        ("contactpersoon_vertrouwenszaken", "operationeel-overleg", "a2", False),
    ],
)
def test_who_may_plan_which_kind_and_scope(
    convenant_data, stad, gebruikers, rol, code, bereik, mag
):
    from overleggen import toegang

    vorm = Overlegvorm.objects.get(code=code)
    assert toegang.mag_plannen(gebruikers[rol], vorm, getattr(stad, bereik or "", None)) is mag


@time_machine.travel(NU, tick=False)
def test_proposing_participants_keeps_what_was_typed(client, ondertekend, gebruikers):
    stad = ondertekend
    vorm = Overlegvorm.objects.get(code="stadsdeeloverleg")
    client.force_login(gebruikers["veiligheidsmanager"])
    response = client.get(
        "/overleggen/nieuw/",
        {
            "vorm": vorm.pk,
            "overleggebied": stad.gebied_a.pk,
            "school": "",
            "start": "2026-12-10T15:00",
            "agenda": "Vuurwerk en de jaarwisseling",
            "locatie": "",
        },
    )
    form = response.context["form"]
    assert form.initial["start"] == "2026-12-10T15:00"
    assert form.initial["agenda"] == "Vuurwerk en de jaarwisseling"
    assert form.initial["locatie"]  # the proposed host school, nothing was typed there
    assert "Vuurwerk en de jaarwisseling" in response.content.decode()


@time_machine.travel(NU, tick=False)
def test_a_city_of_schools_is_shown_a_page_at_a_time_with_the_counts_of_all(
    client, ondertekend, gebruikers, monkeypatch
):
    """Issue 15: at the scale of a city the dashboard has thousands of rows; a page shows 50,
    the counts per status are of every row, and the pages keep a filter of several statuses."""
    from overleggen.views import NALEVING_PER_PAGINA
    from tests.factories import SchoolFactory

    stad = ondertekend
    for _ in range(30):
        SchoolFactory(stadsdeel=stad.a1.stadsdeel, bestuur=stad.bestuur_x)
    client.force_login(gebruikers["projectleider"])
    eerste = client.get(URL)
    assert len(eerste.context["rijen"]) == NALEVING_PER_PAGINA
    pagina = eerste.context["pagina"]
    assert sum(t["aantal"] for t in eerste.context["tellingen"]) == pagina.paginator.count
    assert pagina.paginator.count > NALEVING_PER_PAGINA
    html = eerste.content.decode()
    assert "pagina=2" in html
    # two statuses chosen (pages of 5 here): the next page keeps both
    monkeypatch.setattr("overleggen.views.NALEVING_PER_PAGINA", 5)
    statussen = ["in_te_plannen", "te_laat"]
    gefilterd = client.get(URL, {"status": statussen})
    assert gefilterd.context["pagina"].has_next()
    assert "status=in_te_plannen&amp;status=te_laat&amp;pagina=2" in gefilterd.content.decode()
    assert {r.cel.status for r in gefilterd.context["rijen"]} <= set(statussen)
    # a page number out of range or absurd gives a page, never an error
    for waarde in ("999999", "-1", "x" * 300):
        assert client.get(URL, {"pagina": waarde}).status_code == 200
