"""Issue 15: a safety manager of an area of hundreds of schools gets one item per kind of
shortfall beyond BUNDEL_VANAF, leading to the list where each school is, instead of hundreds of
lines on her home page and in her mail. Up to BUNDEL_VANAF each school keeps its own line."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from berichten.models import Bericht
from convenant.site import te_doen
from overleggen.models import Overlegvorm
from partijen import te_doen as partijen_te_doen
from partijen.models import Gebruiker, Rol
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
DAG = date(2026, 11, 20)


def _register(vm, soort="register_veiligheidsplan"):
    # A fresh account object: the roles are kept on it per day (partijen.rollen).
    vm = Gebruiker.objects.get(pk=vm.pk)
    return [t for t in te_doen.voor(vm, DAG) if t.soort == soort]


def _zonder_plan(stad, aantal):
    return [
        SchoolFactory(
            naam=f"Zonder plan {i:02d}",
            stadsdeel=stad.a1.stadsdeel,
            veiligheidsplan_vastgesteld=None,
            veiligheidsplan_herzien_uiterlijk=None,
        )
        for i in range(aantal)
    ]


def test_up_to_the_limit_each_school_has_its_line_beyond_it_one_item_leads_to_the_list(
    convenant_data, stad, gebruikers
):
    """Art. 2.8: a safety plan missing. Ten schools: ten lines, each to its school; eleven: one
    line with the number, to the staffing overview on that requirement."""
    vm = gebruikers[Rol.VEILIGHEIDSMANAGER]
    assert partijen_te_doen.BUNDEL_VANAF == 10
    scholen = _zonder_plan(stad, 10)
    taken = _register(vm)
    assert sorted(t.url for t in taken) == sorted(
        reverse("partijen:school_detail", args=[s.pk]) for s in scholen
    )

    _zonder_plan(stad, 1)
    (taak,) = _register(vm)
    assert taak.artikel == "2.8"
    assert taak.url == reverse("partijen:bezetting") + "?eis=veiligheidsplan"
    assert taak.wat.startswith("11 ")
    assert taak.sleutel == "scholen"
    # each requirement is counted on its own: the new schools lack a coordinator too, as a2
    (coordinator,) = _register(vm, "register_geen_coordinator")
    assert coordinator.wat.startswith("12 ")
    assert coordinator.url.endswith("?eis=geen_coordinator")


def test_the_bundle_is_one_message_and_the_school_messages_are_done(
    convenant_data, stad, gebruikers
):
    """The reminders read the same items: the eleventh school replaces ten messages by one
    (the ten are marked done, not sent again), and the bundle is written once however often
    the scan runs."""
    from berichten import diensten

    vm = gebruikers[Rol.VEILIGHEIDSMANAGER]
    _zonder_plan(stad, 10)
    with time_machine.travel(datetime(2026, 11, 20, 8, tzinfo=AMS), tick=False):
        diensten.scan_gebruiker(Gebruiker.objects.get(pk=vm.pk), DAG)
        assert (
            Bericht.objects.filter(
                ontvanger=vm, soort="register_veiligheidsplan", vervallen_op__isnull=True
            ).count()
            == 10
        )
        _zonder_plan(stad, 1)
        for _ in range(2):
            diensten.scan_gebruiker(Gebruiker.objects.get(pk=vm.pk), DAG)
    open_ = Bericht.objects.filter(
        ontvanger=vm, soort="register_veiligheidsplan", vervallen_op__isnull=True
    )
    assert list(open_.values_list("sleutel", flat=True)) == ["scholen"]


def test_a_kind_of_meeting_short_at_many_schools_is_one_item_to_the_dashboard(
    ondertekend, gebruikers, monkeypatch
):
    """Art. 6.2: the policy meeting with each school of the area, organised by its safety
    manager. Beyond the limit (lowered here to the small city's two schools of area a) one item
    per kind and year, to the compliance dashboard on that kind and year."""
    vm = gebruikers[Rol.VEILIGHEIDSMANAGER]
    vorm = Overlegvorm.objects.get(artikel__startswith="6.2")

    def tekort():
        with time_machine.travel(datetime(2026, 11, 20, 12, tzinfo=AMS), tick=False):
            return [
                t
                for t in _register(vm, "overleg_tekort")
                if t.sleutel.startswith(f"overlegvorm:{vorm.pk}:")
            ]

    per_school = tekort()
    assert {t.sleutel for t in per_school} == {
        f"overlegvorm:{vorm.pk}:school:{s.pk}:2026" for s in (ondertekend.a1, ondertekend.a2)
    }
    monkeypatch.setattr(partijen_te_doen, "BUNDEL_VANAF", 1)
    (taak,) = tekort()
    assert taak.sleutel == f"overlegvorm:{vorm.pk}:2026"
    assert taak.url == f"{reverse('overleggen:naleving')}?jaar=2026&vorm={vorm.pk}"
    assert (taak.artikel, taak.uiterlijk) == (vorm.artikel, date(2026, 12, 31))
    assert vorm.naam in taak.wat
    assert " 2 " in taak.wat


@pytest.fixture
def ondertekend(convenant_data, stad):
    """Both boards of the small city signed (art. 10.1), so their schools' meetings are owed."""
    from convenant.models import Convenant, Ondertekening

    for bestuur in (stad.bestuur_x, stad.bestuur_y):
        Ondertekening.objects.create(
            convenant=Convenant.objects.actueel(), organisatie=bestuur, datum=date(2023, 11, 14)
        )
    return stad


def test_the_staffing_overview_shows_one_requirement_when_asked(
    client, convenant_data, stad, gebruikers
):
    """Where the bundle leads: only the schools without a current safety plan, of the safety
    manager's own area; an unknown requirement shows every shortfall, never an error."""
    vm = gebruikers[Rol.VEILIGHEIDSMANAGER]
    zonder = _zonder_plan(stad, 2)
    SchoolFactory(
        naam="Poort zonder plan",
        stadsdeel=stad.b1.stadsdeel,
        veiligheidsplan_vastgesteld=None,
        veiligheidsplan_herzien_uiterlijk=None,
    )
    client.force_login(vm)
    antwoord = client.get(reverse("partijen:bezetting"), {"eis": "veiligheidsplan"})
    assert antwoord.status_code == 200
    getoond = {r["school"].naam for r in antwoord.context["rijen"]}
    assert getoond == {s.naam for s in zonder}
    assert "Alleen de scholen met dit tekort" in antwoord.content.decode()
    for onzin in ("bestaat-niet", "=1+1", "\x00"):
        antwoord = client.get(reverse("partijen:bezetting"), {"eis": onzin})
        assert antwoord.status_code == 200
        assert {r["school"].naam for r in antwoord.context["rijen"]} >= getoond | {stad.a2.naam}
