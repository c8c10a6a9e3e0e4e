"""The compliance dashboard as its users see it: the safety manager filters on what needs
attention and plans from it; a board member oversees his board's schools, read-only (7.2)."""

import re

import pytest
from playwright.sync_api import expect

from overleggen.models import Overlegvorm
from partijen.demo import maak_demo_accounts, maak_demo_gegevens
from partijen.models import Gebruiker, Overleggebied, School
from tests import momentopname


@pytest.fixture(scope="session")
def _naleving_momentopname(django_db_setup, django_db_blocker, _demo_momentopname):
    from overleggen.demo import maak_demo_overleggen

    def bouwen():
        assert _demo_momentopname.zet_in()
        maak_demo_overleggen()  # a year and a half of meetings: every status appears

    with django_db_blocker.unblock():
        return momentopname.maak("naleving", bouwen)


@pytest.fixture
def demo(db, _naleving_momentopname, request):
    """The demo city with its meetings, built once per session."""
    if not _naleving_momentopname.zet_in():
        from overleggen.demo import maak_demo_overleggen

        request.getfixturevalue("convenant_data")
        maak_demo_gegevens()
        maak_demo_accounts()
        maak_demo_overleggen()


def _naar_dashboard(page):
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Overleggen"
    ).click()
    expect(page.get_by_role("heading", name=re.compile("^Naleving overleggen"))).to_be_visible()


def _tabel(page):
    return page.get_by_role("region", name="Naleving per overleg")


def test_the_safety_manager_filters_on_late_and_to_plan_and_plans_from_a_row(
    page, live_server, login, demo
):
    from tests.browser.conftest import assert_accessible, screenshot

    login(page, Gebruiker.objects.get(username="veiligheidsmanager"))
    _naar_dashboard(page)
    tellingen = page.get_by_role("list", name="Per status")
    expect(tellingen.get_by_role("link", name=re.compile(r"^te laat: \d+$"))).to_be_visible()
    expect(
        tellingen.get_by_role("link", name=re.compile(r"^nog in te plannen: \d+$"))
    ).to_be_visible()
    # The city-wide meetings are the project leader's to plan (art. 7): no dead-end link.
    kerngroep = _tabel(page).get_by_role("row").filter(has_text="Kerngroep schoolveiligheid")
    expect(kerngroep).to_have_count(1)
    expect(kerngroep.get_by_role("link", name=re.compile("^Plannen"))).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "naleving-veiligheidsmanager")

    def aantal(label):
        tekst = tellingen.get_by_role("link", name=re.compile(f"^{label}: ")).inner_text()
        return int(tekst.rsplit(" ", 1)[1])

    te_laat, in_te_plannen = aantal("te laat"), aantal("nog in te plannen")
    statussen = _tabel(page).locator("tbody td > .badge:first-child")
    alle = statussen.count()
    assert alle > te_laat + in_te_plannen  # also met and planned ones before filtering

    page.get_by_role("checkbox", name="te laat").check()
    page.get_by_role("checkbox", name="nog in te plannen").check()
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("checkbox", name="te laat")).to_be_checked()
    expect(statussen).to_have_count(te_laat + in_te_plannen)
    assert set(statussen.all_inner_texts()) == {"te laat", "nog in te plannen"}
    assert_accessible(page)
    screenshot(page, "naleving-gefilterd")

    gebied = Overleggebied.objects.get(naam="Buiten-Hout")
    vorm = Overlegvorm.objects.get(code="stadsdeeloverleg")
    _tabel(page).get_by_role("row").filter(has_text="Stadsdeeloverleg").filter(
        has_text="Buiten-Hout"
    ).get_by_role("link", name=re.compile("^Plannen")).click()
    expect(page.get_by_role("heading", name="Overleg plannen")).to_be_visible()
    expect(page.get_by_label("Overlegvorm")).to_have_value(str(vorm.pk))
    expect(page.get_by_label("Overleggebied")).to_have_value(str(gebied.pk))
    expect(page.get_by_label("Gastschool")).not_to_have_value("")
    assert_accessible(page)
    screenshot(page, "naleving-plannen-ingevuld")


def test_the_board_member_oversees_his_boards_schools_read_only(page, live_server, login, demo):
    from tests.browser.conftest import assert_accessible, screenshot

    bestuurder = Gebruiker.objects.get(username="bestuurder")  # Aeres
    login(page, bestuurder)
    _naar_dashboard(page)
    tabel = _tabel(page)
    expect(
        tabel.get_by_role("row").filter(has_text="Aeres VMBO Almere Buiten").first
    ).to_be_visible()
    expect(tabel.get_by_role("row").filter(has_text="Bestuurlijk overleg")).to_have_count(1)
    for andere in School.objects.exclude(bestuur__code="aeres").values_list("naam", flat=True):
        expect(tabel.get_by_text(andere, exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("Plannen|Overleg plannen"))).to_have_count(0)
    expect(page.get_by_text("(schema: 2)")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "naleving-bestuurder")
