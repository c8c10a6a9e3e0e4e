"""The message pages under production settings (DEBUG off) and with hostile values: a clear
answer, never a 500, and nothing of another user."""

import pytest

from berichten import diensten
from partijen.models import Rol
from tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "pad",
    [
        "/berichten/?pagina=%00",
        "/berichten/?pagina=-1",
        "/berichten/?pagina=99999999999999999999",
        "/berichten/verzonden/?status=%3DHYPERLINK(%22x%22)&pagina=0",
        "/berichten/999999999/",
        "/overleggen/actiepunten/999999999/",
    ],
)
def test_hostile_addresses_get_a_page_or_404_with_debug_off(
    client, convenant_data, stad, gebruikers, settings, pad
):
    settings.DEBUG = False
    MeldingFactory(school=stad.a1, categorieen=["fysiek-geweld-letsel"])
    diensten.scan_gebruiker(gebruikers[Rol.COORDINATOR_VEILIGHEID])
    client.force_login(gebruikers[Rol.BEHEERDER])
    assert client.get(pad).status_code in (200, 404)


def test_a_hostile_preference_post_keeps_the_form_with_debug_off(
    client, convenant_data, gebruikers, settings
):
    settings.DEBUG = False
    client.force_login(gebruikers[Rol.COORDINATOR_VEILIGHEID])
    antwoord = client.post("/berichten/voorkeuren/", {"politie": "direct\x00", "meldingen": "=1+1"})
    assert antwoord.status_code == 200
    assert "Selecteer een geldige keuze" in antwoord.content.decode()
