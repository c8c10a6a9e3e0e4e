"""Art. 11.3: once signed, the covenant's text changes only by an amendment with every partner's
consent; the administration shows articles and paragraphs read-only."""

import pytest

from convenant.models import Lid, Ondertekening

pytestmark = pytest.mark.django_db


def test_a_signed_covenants_text_cannot_be_edited_in_the_administration(
    client, beheerder, convenant_data
):
    client.force_login(beheerder)
    lid = Lid.objects.select_related("artikel").first()
    oud = lid.tekst
    url = f"/beheer/convenant/lid/{lid.pk}/change/"
    response = client.get(url)
    assert response.status_code == 200  # it can be read
    assert 'name="tekst"' not in response.content.decode()
    gewijzigd = client.post(
        url, {"artikel": lid.artikel_id, "nummer": lid.nummer or "", "tekst": "X"}
    )
    assert gewijzigd.status_code == 403
    lid.refresh_from_db()
    assert lid.tekst == oud
    assert (
        client.post(f"/beheer/convenant/lid/{lid.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    artikel = client.get(f"/beheer/convenant/artikel/{lid.artikel_id}/change/").content.decode()
    assert 'name="titel"' not in artikel
    assert client.get("/beheer/convenant/lid/add/").status_code == 403
    # Before the first signature the loaded text can still be corrected.
    Ondertekening.objects.all().delete()
    assert 'name="tekst"' in client.get(url).content.decode()
