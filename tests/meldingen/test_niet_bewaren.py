"""Pages and files with personal data are never kept by a browser or a proxy (BIO, AVG art. 10):
every URL pattern of meldingen answers with Cache-Control: no-store."""

import pytest
from django.urls import reverse

from meldingen import urls as meldingen_urls
from tests.test_toegang import _bijlage_op, _dossier_op, _mededeling_op, _melding_op

pytestmark = pytest.mark.django_db


def _ids(naam, stad):
    melding = _melding_op(stad.a2)
    return {
        "pk": {
            "mededeling": lambda: _mededeling_op(stad.a2).pk,
            "goedkeuren": lambda: _mededeling_op(stad.a2).pk,
            "meldcode_detail": lambda: _dossier_op(stad.a2).pk,
        }.get(naam, lambda: melding.pk)(),
        "bijlage_pk": _bijlage_op(stad.a2).pk,
        "betrokkene_pk": melding.betrokkenen.get().pk,
    }


# Who can open each page at A2: the coordinator acts on incidents, the police follows its
# report up, the municipality reads statements and figures.
ROL = {
    "politie_status": "politie_contactpersoon",
    "politie_notitie": "politie_contactpersoon",
    "cijfers": "projectleider",
    "cijfers_export": "projectleider",
    "mededeling_lijst": "projectleider",
}


def test_every_page_of_meldingen_says_no_store(client, convenant_data, stad, gebruikers, in_rol):
    in_rol(gebruikers["coordinator_veiligheid"], "coordinator_veiligheid", school=stad.a2)
    in_rol(gebruikers["coordinator_veiligheid"], "aandachtsfunctionaris", school=stad.a2)
    for patroon in meldingen_urls.urlpatterns:
        naam = patroon.name
        ids = _ids(naam, stad)
        kwargs = {k: ids[k] for k in patroon.pattern.converters}
        url = reverse(f"meldingen:{naam}", kwargs=kwargs)
        client.force_login(gebruikers[ROL.get(naam, "coordinator_veiligheid")])
        response = client.get(url)
        assert response.status_code != 404, naam
        assert "no-store" in response["Cache-Control"], naam
        # An empty POST: a form with errors, a redirect, or a 405 for a page that only reads.
        response = client.post(url)
        if response.status_code != 404:  # a 404 page shows nothing of anyone
            assert "no-store" in response["Cache-Control"], naam
