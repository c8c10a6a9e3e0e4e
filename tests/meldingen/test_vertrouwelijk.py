"""Art. 2.2: a report to a contactpersoon vertrouwenszaken stays with them until they share it;
the list, the page, acting on it and sharing it follow one rule (regels.bij_vertrouwenspersonen).
"""

import pytest

from meldingen.models import Melding
from tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vertrouwelijk(convenant_data, stad, gebruikers, in_rol):
    in_rol(gebruikers["coordinator_veiligheid"], "coordinator_veiligheid", school=stad.a2)
    return MeldingFactory(
        school=stad.a2,
        vertrouwelijk=True,
        vastgelegd_door=gebruikers["contactpersoon_vertrouwenszaken"],
        categorieen=["grove-pesterijen"],
    )


def _wat_mag(client, gebruiker, melding) -> dict[str, bool]:
    client.force_login(gebruiker)
    detail = client.get(f"/meldingen/{melding.pk}/")
    return {
        "in de lijst": melding.pk in {m.pk for m in client.get("/meldingen/").context["pagina"]},
        "leest": detail.status_code == 200,
        "wijzigt": client.get(f"/meldingen/{melding.pk}/wijzigen/").status_code == 200,
        "ziet delen": f'action="/meldingen/{melding.pk}/delen/"' in detail.content.decode(),
    }


def test_only_the_contact_persons_until_they_share_it(client, vertrouwelijk, gebruikers):
    coordinator = gebruikers["coordinator_veiligheid"]
    vertrouwenspersoon = gebruikers["contactpersoon_vertrouwenszaken"]
    assert _wat_mag(client, coordinator, vertrouwelijk) == dict.fromkeys(
        ["in de lijst", "leest", "wijzigt", "ziet delen"], False
    )
    client.force_login(coordinator)
    assert client.post(f"/meldingen/{vertrouwelijk.pk}/delen/").status_code == 404
    assert _wat_mag(client, vertrouwenspersoon, vertrouwelijk) == dict.fromkeys(
        ["in de lijst", "leest", "wijzigt", "ziet delen"], True
    )

    assert client.post(f"/meldingen/{vertrouwelijk.pk}/delen/").status_code == 302
    gedeeld_op = Melding.objects.get(pk=vertrouwelijk.pk).gedeeld_met_coordinator
    assert gedeeld_op is not None

    gedeeld = {"in de lijst": True, "leest": True, "wijzigt": True, "ziet delen": False}
    assert _wat_mag(client, coordinator, vertrouwelijk) == gedeeld
    assert _wat_mag(client, vertrouwenspersoon, vertrouwelijk) == gedeeld
    # A second click changes nothing: the decision keeps its moment.
    assert client.post(f"/meldingen/{vertrouwelijk.pk}/delen/").status_code == 302
    assert Melding.objects.get(pk=vertrouwelijk.pk).gedeeld_met_coordinator == gedeeld_op


def test_a_report_that_is_not_confidential_is_not_shared(client, vertrouwelijk, gebruikers):
    Melding.objects.filter(pk=vertrouwelijk.pk).update(vertrouwelijk=False)
    client.force_login(gebruikers["contactpersoon_vertrouwenszaken"])
    assert client.post(f"/meldingen/{vertrouwelijk.pk}/delen/").status_code == 404
    assert Melding.objects.get(pk=vertrouwelijk.pk).gedeeld_met_coordinator is None
