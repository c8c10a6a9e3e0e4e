"""Issue 15: `manage.py vul_stad` adds a city at scale for the benchmark. Here at a hundredth
of Almere (two schools, 500 incidents, 30 meetings): the counts, the same city from the same
seed, and the pages of the people it made."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from meldingen.models import Betrokkene, Melding, Politiemelding, PolitieStatus
from overleggen.models import Overleg
from partijen.models import Gebruiker, Roltoewijzing, School

MODELLEN = (School, Roltoewijzing, Gebruiker, Melding, Betrokkene, Politiemelding, Overleg)


def _aantallen():
    return {m.__name__: m.objects.count() for m in MODELLEN}


def _vul(zaad=1):
    uit = StringIO()
    call_command("vul_stad", "--schaal", "0.01", "--zaad", str(zaad), stdout=uit)
    return uit.getvalue()


def _inhoud():
    """What the city holds, without the ids (the sequences do not roll back)."""
    return (
        _aantallen(),
        sorted(
            Melding.objects.values_list(
                "school__naam", "tijdstip", "status", "vertrouwelijk", "afgesloten_op"
            )
        ),
        sorted(PolitieStatus.objects.values_list("melding__tijdstip", "status", "tijdstip")),
        sorted(Overleg.objects.values_list("vorm__code", "start", "status", "school__naam")),
    )


@pytest.mark.django_db
def test_it_adds_a_city_of_its_scale(demo):
    voor = _aantallen()
    uitvoer = _vul()
    na = _aantallen()
    assert na["School"] - voor["School"] == 2
    assert na["Melding"] - voor["Melding"] == 500
    assert na["Overleg"] - voor["Overleg"] == 30
    # Per school its coordinator and confidential contact person; one police contact.
    assert na["Gebruiker"] - voor["Gebruiker"] == 5
    assert na["Betrokkene"] > voor["Betrokkene"] + 500
    assert na["Politiemelding"] > voor["Politiemelding"] + 100
    assert "stad1-coordinator-0001" in uitvoer
    with pytest.raises(CommandError):
        _vul()  # the same city twice: its accounts exist


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_city(demo):
    with transaction.atomic():
        _vul()
        eerste = _inhoud()
        transaction.set_rollback(True)
    assert Melding.objects.count() == 0
    _vul()
    assert _inhoud() == eerste


@pytest.mark.django_db
def test_the_generated_people_see_their_pages(demo, client):
    _vul()
    coordinator = Gebruiker.objects.get(username="stad1-coordinator-0001")
    client.force_login(coordinator)
    melding = Melding.objects.visible_to(coordinator).filter(politiemelding__isnull=False).first()
    overleg = Overleg.objects.visible_to(coordinator).filter(school__isnull=False).first()
    for url in [
        reverse("home"),
        reverse("meldingen:lijst"),
        reverse("meldingen:detail", args=[melding.pk]),
        reverse("overleggen:lijst"),
        reverse("overleggen:detail", args=[overleg.pk]),
    ]:
        assert client.get(url).status_code == 200, url

    politie = Gebruiker.objects.get(username="stad1-politie-001")
    client.force_login(politie)
    lijst = client.get(reverse("meldingen:lijst"))
    assert lijst.status_code == 200
    assert lijst.context["pagina"].paginator.count == Politiemelding.objects.count()
    assert client.get(reverse("meldingen:detail", args=[melding.pk])).status_code == 200


@pytest.mark.django_db
def test_it_refuses_to_run_where_demo_accounts_are_not_allowed(convenant_data, settings):
    """Thousands of accounts with the demo password never reach a production database."""
    from django.core.management import CommandError, call_command

    from partijen.models import Gebruiker, School

    settings.DEMO_ACCOUNTS_ALLOWED = False
    voor = (Gebruiker.objects.count(), School.objects.count())
    with pytest.raises(CommandError, match="nooit in productie"):
        call_command("vul_stad", "--schaal", "0.01")
    assert (Gebruiker.objects.count(), School.objects.count()) == voor
