"""The signed annex "Overlegstructuur" and the addendum of 13 November 2024, loaded as data."""

from datetime import date

import pytest
import yaml
from django.core.management import call_command

from convenant.models import Aanvulling, Bijlageoverleg, Convenant
from convenant.site.laden import DATABESTAND, OngeldigeData, laad_convenant

pytestmark = pytest.mark.django_db


def test_it_loads_the_annex_with_its_five_meetings_as_signed():
    laad_convenant()
    rijen = list(Bijlageoverleg.objects.all())
    assert [(r.nummer, r.naam, r.frequentie) for r in rijen] == [
        (1, "Bestuurlijk overleg", "2 maal per jaar"),
        (2, "Kerngroep overleg", "4 maal per jaar"),
        (3, "Stadsdeel overleggen VO, MBO en HBO", "2 maal per jaar"),
        (4, "Overleggen Primair Onderwijs: Passend Onderwijs in de Wijk", "1 maal per jaar"),
        (5, "Overleg Stedelijke voorzieningen", "3 maal per jaar"),
    ]
    assert rijen[2].gebieden == "Oost-Haven, West-Poort, Buiten-Hout"
    assert rijen[4].deelnemers_regels()[-1] == "Brandpuntfunctionaris"
    # The OCR's "Veiligheidscodrdinatoren" is cleaned.
    assert "Veiligheidscoördinatoren onderwijslocaties in betreffend gebied" in (
        rijen[2].deelnemers_regels()
    )


def test_it_loads_the_addendum_in_its_own_words():
    laad_convenant()
    aanvulling = Aanvulling.objects.get()
    assert aanvulling.datum == date(2024, 11, 13)
    assert aanvulling.aanhef == (
        "Aldus overeengekomen en ondertekend op 13 november 2024 te Almere."
    )
    assert aanvulling.tekst.startswith("Conform artikel 8, lid 3, van het Convenant")
    assert aanvulling.tekst.endswith("aanvullend ondertekend door bovenstaande partners.")


def test_a_database_loaded_before_the_annex_existed_gets_it_on_a_plain_load(capsys):
    laad_convenant()
    Bijlageoverleg.objects.all().delete()
    Aanvulling.objects.all().delete()

    call_command("laad_convenant")
    uitvoer = capsys.readouterr().out
    assert "Aangemaakt: 5 " in uitvoer
    assert "Aangemaakt: 1 " in uitvoer
    assert Bijlageoverleg.objects.count() == 5
    assert Aanvulling.objects.count() == 1


def test_an_emptied_field_is_filled_and_a_correction_survives_until_bijwerken():
    laad_convenant()
    Aanvulling.objects.update(tekst="")
    rij = Bijlageoverleg.objects.get(nummer=1)
    rij.frequentie = "twee maal per jaar"
    rij.save()

    laad_convenant()
    assert Aanvulling.objects.get().tekst.startswith("Conform artikel 8, lid 3")
    rij.refresh_from_db()
    assert rij.frequentie == "twee maal per jaar"

    call_command("laad_convenant", "--bijwerken")
    rij.refresh_from_db()
    assert rij.frequentie == "2 maal per jaar"
    assert rij.history.count() == 3


def test_loading_twice_creates_no_second_annex_or_addendum():
    laad_convenant()
    verslag = laad_convenant()
    assert verslag.aangemaakt == {}
    assert verslag.bijgewerkt == {}
    assert Bijlageoverleg.objects.count() == 5
    assert Aanvulling.objects.count() == 1


def test_it_refuses_an_addendum_on_a_date_nobody_acceded(tmp_path):
    data = yaml.safe_load(DATABESTAND.read_text(encoding="utf-8"))
    data["aanvullingen"][0]["datum"] = date(2025, 1, 1)
    pad = tmp_path / "convenant.yaml"
    pad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(OngeldigeData, match="aanvulling 2025-01-01"):
        laad_convenant(pad)
    assert Convenant.objects.count() == 0


def test_the_register_keeper_corrects_them_in_the_admin_and_the_history_shows_it(
    client, convenant_data, beheerder, coordinator
):
    rij = Bijlageoverleg.objects.get(nummer=5)
    url = f"/beheer/convenant/bijlageoverleg/{rij.pk}/change/"
    client.force_login(coordinator)
    assert client.get(url).status_code == 404
    client.force_login(beheerder)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "convenant": rij.convenant_id,
            "nummer": 5,
            "naam": rij.naam,
            "deelnemers": rij.deelnemers,
            "frequentie": "drie maal per jaar",
            "gebieden": "",
        },
    )
    assert response.status_code == 302
    assert Bijlageoverleg.objects.get(pk=rij.pk).frequentie == "drie maal per jaar"
    historie = client.get(f"/beheer/convenant/bijlageoverleg/{rij.pk}/history/")
    assert str(beheerder) in historie.content.decode()

    aanvulling = Aanvulling.objects.get()
    assert client.get(f"/beheer/convenant/aanvulling/{aanvulling.pk}/change/").status_code == 200
