"""Who may see which school (art. 8): one queryset decides, for every role."""

from datetime import date

import pytest
import time_machine

from partijen.models import Persoon, Roltoewijzing, School
from tests.stad import ZICHTBAAR

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rol", list(ZICHTBAAR))
def test_each_role_sees_exactly_its_own_schools(stad, gebruikers, rol):
    zichtbaar = set(School.objects.visible_to(gebruikers[rol]).values_list("naam", flat=True))
    assert zichtbaar == {getattr(stad, s).naam for s in ZICHTBAAR[rol]}


def test_an_operational_expert_without_an_area_sees_the_whole_city(stad, maak_gebruiker, in_rol):
    expert = maak_gebruiker("politie_operationeel_expert", username="stadsbreed")
    in_rol(expert, "politie_operationeel_expert")
    assert School.objects.visible_to(expert).count() == 3


def test_a_user_without_assignments_sees_no_school(stad, maak_gebruiker):
    assert not School.objects.visible_to(maak_gebruiker("coordinator_veiligheid")).exists()


def test_anonymous_sees_nothing(stad, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert not School.objects.visible_to(AnonymousUser()).exists()


@pytest.mark.parametrize(
    ("begin", "einde", "ziet"),
    [
        (date(2026, 1, 1), date(2026, 11, 29), True),  # ends today: still theirs today
        (date(2026, 1, 1), date(2026, 11, 28), False),  # ended yesterday
        (date(2026, 11, 30), None, False),  # starts tomorrow
        (date(2026, 11, 29), None, True),  # starts today
    ],
)
def test_visibility_follows_the_assignment_period(stad, maak_gebruiker, in_rol, begin, einde, ziet):
    coordinator = maak_gebruiker("coordinator_veiligheid")
    in_rol(coordinator, "coordinator_veiligheid", school=stad.a1, begin=begin, einde=einde)
    with time_machine.travel(date(2026, 11, 29), tick=False):
        assert School.objects.visible_to(coordinator).filter(pk=stad.a1.pk).exists() is ziet


def test_people_are_visible_through_the_schools(stad, gebruikers):
    coordinator = gebruikers["coordinator_veiligheid"]
    vm = gebruikers["veiligheidsmanager"]
    cpv_van_a2 = Persoon.objects.get(gebruiker=gebruikers["contactpersoon_vertrouwenszaken"])
    assert not Persoon.objects.visible_to(coordinator).filter(pk=cpv_van_a2.pk).exists()
    assert Persoon.objects.visible_to(vm).filter(pk=cpv_van_a2.pk).exists()
    assert Persoon.objects.visible_to(coordinator).filter(gebruiker=coordinator).exists()


def test_assignments_are_visible_through_the_schools(stad, gebruikers):
    coordinator = gebruikers["coordinator_veiligheid"]
    zichtbaar = Roltoewijzing.objects.visible_to(coordinator)
    assert set(zichtbaar.values_list("school__naam", flat=True)) == {stad.a1.naam}
    alle = Roltoewijzing.objects.count()
    assert Roltoewijzing.objects.visible_to(gebruikers["beheerder"]).count() == alle


def test_the_school_list_counts_only_visible_schools(
    client, stad, gebruikers, django_assert_max_num_queries
):
    client.force_login(gebruikers["veiligheidsmanager"])
    with django_assert_max_num_queries(12):
        response = client.get("/partijen/scholen/")
    assert {s.naam for s in response.context["scholen"]} == {stad.a1.naam, stad.a2.naam}
    assert response.context["totaal"] == 2
    assert "Poortcollege" not in response.content.decode()


def test_the_school_list_query_count_does_not_grow_with_schools(
    client, stad, gebruikers, django_assert_max_num_queries
):
    from tests.factories import SchoolFactory

    client.force_login(gebruikers["beheerder"])
    with django_assert_max_num_queries(12):
        client.get("/partijen/scholen/")
    for _ in range(15):
        SchoolFactory(stadsdeel=stad.a1.stadsdeel, bestuur=stad.bestuur_x)
    with django_assert_max_num_queries(12):
        assert len(client.get("/partijen/scholen/").context["scholen"]) == 18


def test_the_school_list_filters_by_area_and_sector(client, stad, gebruikers):
    client.force_login(gebruikers["beheerder"])
    response = client.get("/partijen/scholen/", {"overleggebied": stad.gebied_b.pk})
    assert [s.naam for s in response.context["scholen"]] == ["Poortcollege"]
    response = client.get("/partijen/scholen/", {"sector": "PO"})
    assert list(response.context["scholen"]) == []


def test_yesterday_is_yesterday_in_amsterdam(stad, maak_gebruiker, in_rol):
    # 23:30 UTC on 28 November is already 29 November in Amsterdam.
    coordinator = maak_gebruiker("coordinator_veiligheid")
    in_rol(coordinator, "coordinator_veiligheid", school=stad.a1, begin=date(2026, 11, 29))
    with time_machine.travel("2026-11-28T23:30:00+00:00", tick=False):
        assert School.objects.visible_to(coordinator).exists()
    with time_machine.travel("2026-11-28T22:30:00+00:00", tick=False):
        assert not School.objects.visible_to(coordinator).exists()
