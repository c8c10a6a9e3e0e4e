"""Art. 9.2: gemeente, onderwijs en politie draft the communication paragraph together; it is a
concept, for parents too, until each of the three agreed to the text as it stands."""

from datetime import date

import pytest

from convenant import regels
from convenant.models import Communicatieakkoord, Convenant

pytestmark = pytest.mark.django_db

PARTIJEN = Communicatieakkoord.Partij.values


def test_the_paragraph_is_agreed_only_when_all_three_agreed_to_this_text():
    tekst = "De scholen, de gemeente en de politie werken samen."
    twee = {"gemeente": tekst, "onderwijs": tekst}
    assert not regels.communicatieparagraaf_vastgesteld(tekst, twee, PARTIJEN)
    drie = {**twee, "politie": tekst}
    assert regels.communicatieparagraaf_vastgesteld(tekst, drie, PARTIJEN)
    # a later change needs their agreement again
    assert not regels.communicatieparagraaf_vastgesteld(tekst + " Gewijzigd.", drie, PARTIJEN)
    # an empty paragraph is never agreed
    assert not regels.communicatieparagraaf_vastgesteld("", dict.fromkeys(PARTIJEN, ""), PARTIJEN)


def _akkoord(client, partij, datum="2026-11-20"):
    return client.post(
        "/convenant/communicatieparagraaf/akkoord/",
        {"partij": partij, "datum": datum, "namens": f"Namens {partij}"},
    )


def test_parents_read_a_concept_until_the_three_agreed(client, convenant_data, beheerder):
    ouders = "/voor-ouders/"
    assert 'data-testid="concept"' in client.get(ouders).content.decode()
    client.force_login(beheerder)
    for partij in ("gemeente", "onderwijs"):
        assert _akkoord(client, partij).status_code == 302
    client.logout()
    assert 'data-testid="concept"' in client.get(ouders).content.decode()
    client.force_login(beheerder)
    _akkoord(client, "politie")
    pagina = client.get("/convenant/communicatieparagraaf/").content.decode()
    assert "Gemeente, onderwijs en politie hebben ingestemd met de huidige tekst." in pagina
    client.logout()
    assert 'data-testid="concept"' not in client.get(ouders).content.decode()

    # The text changes: a concept again, and the page says whose agreement is missing.
    convenant = Convenant.objects.get()
    client.force_login(beheerder)
    client.post(
        "/convenant/communicatieparagraaf/",
        {"communicatieparagraaf": convenant.communicatieparagraaf + "\n\nEen nieuwe alinea."},
    )
    pagina = client.get("/convenant/communicatieparagraaf/").content.decode()
    assert pagina.count("stemde in met een eerdere tekst") == 3
    client.logout()
    assert 'data-testid="concept"' in client.get(ouders).content.decode()
    assert Communicatieakkoord.objects.count() == 3  # nothing deleted


def test_only_the_register_keepers_record_an_agreement(client, convenant_data, coordinator):
    client.force_login(coordinator)
    assert _akkoord(client, "gemeente").status_code == 404
    assert not Communicatieakkoord.objects.exists()


def test_an_agreement_in_the_future_is_refused_and_the_form_keeps_what_was_typed(
    client, convenant_data, beheerder
):
    client.force_login(beheerder)
    html = _akkoord(client, "politie", datum="2999-01-01").content.decode()
    assert "Deze datum ligt in de toekomst" in html
    assert "Namens politie" in html
    assert not Communicatieakkoord.objects.exists()


def test_the_pdf_says_concept_until_agreed(convenant_data):
    from convenant import pdf as pdf_module

    convenant = Convenant.objects.get()
    assert pdf_module.inhoud(convenant, date(2026, 11, 30))["paragraaf_vastgesteld"] is False
    for partij in PARTIJEN:
        Communicatieakkoord.objects.create(
            convenant=convenant,
            partij=partij,
            tekst=convenant.communicatieparagraaf,
            datum=date(2026, 11, 20),
            namens="X",
        )
    assert pdf_module.inhoud(convenant, date(2026, 11, 30))["paragraaf_vastgesteld"] is True
