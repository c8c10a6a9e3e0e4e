"""Migration 0006: the accounts' roles move into the register, so nothing changes for anyone."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

VOOR = [("partijen", "0005_toegangswijziging_en_intrekken")]
NA = [("partijen", "0007_gebruiker_zonder_rol")]


def _migreer(doel):
    executor = MigrationExecutor(connection)
    executor.migrate(doel)
    return executor.loader.project_state(doel).apps


@pytest.mark.django_db(transaction=True)
def test_every_account_keeps_its_role_through_the_register():
    apps = _migreer(VOOR)
    try:
        Gebruiker = apps.get_model("partijen", "Gebruiker")
        Organisatie = apps.get_model("partijen", "Organisatie")
        Persoon = apps.get_model("partijen", "Persoon")
        Roltoewijzing = apps.get_model("partijen", "Roltoewijzing")
        politie = Organisatie.objects.create(code="politie", naam="Politie", soort="politie")
        Gebruiker.objects.create(username="bea", rol="beheerder")
        Gebruiker.objects.create(username="piet", rol="politie_contactpersoon")
        Gebruiker.objects.create(username="carla", rol="coordinator_veiligheid", first_name="C")
        al_in_het_register = Gebruiker.objects.create(username="pauline", rol="projectleider")
        persoon = Persoon.objects.create(
            voornaam="Pauline", achternaam="P", organisatie=politie, gebruiker=al_in_het_register
        )
        Roltoewijzing.objects.create(persoon=persoon, rol="projectleider", begin="2024-01-01")
        Gebruiker.objects.create(username="zonder", rol="")

        _migreer(NA)
    finally:
        _migreer(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from partijen.models import Gebruiker, Organisatie, Roltoewijzing, Toegangswijziging
    from partijen.rollen import rollen_van

    rollen = {g.username: rollen_van(g) for g in Gebruiker.objects.all()}
    assert rollen == {
        "bea": {"beheerder"},
        "piet": {"politie_contactpersoon"},
        "carla": {"coordinator_veiligheid"},
        "pauline": {"projectleider"},
        "zonder": set(),
    }
    # Only what was missing is added: Pauline already held her role.
    assert Roltoewijzing.objects.filter(persoon__gebruiker__username="pauline").count() == 1
    piet = Roltoewijzing.objects.get(persoon__gebruiker__username="piet")
    assert (piet.school, piet.overleggebied, piet.begin) == (None, None, timezone.localdate())
    assert piet.persoon.organisatie.code == "politie"
    carla = Roltoewijzing.objects.get(persoon__gebruiker__username="carla").persoon
    assert carla.leidinggevende
    assert Organisatie.objects.get(pk=carla.organisatie_id).te_controleren
    assert carla.history.count() == 1
    # Grants that open personal data are in the access log, by the system.
    assert set(
        Toegangswijziging.objects.filter(door=None).values_list("gebruiker__username", flat=True)
    ) == {"piet", "carla"}
