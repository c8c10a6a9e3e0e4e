"""The covenant's own data: loaded completely, cleanly and only once."""

from datetime import date

import pytest
import yaml
from django.core.management import call_command

from convenant.models import Artikel, Convenant, Lid, Ondertekening, Rolbeschrijving
from convenant.site.laden import DATABESTAND, OngeldigeData, laad_convenant
from overleggen.models import Overlegvorm
from partijen.models import Organisatie, Overleggebied, Rol

pytestmark = pytest.mark.django_db


def _tellingen():
    return {
        model.__name__: model.objects.count()
        for model in (
            Convenant,
            Artikel,
            Lid,
            Organisatie,
            Ondertekening,
            Overleggebied,
            Overlegvorm,
            Rolbeschrijving,
        )
    }


def test_it_loads_the_eleven_articles_with_their_paragraphs():
    laad_convenant()
    artikelen = list(Artikel.objects.order_by("nummer"))
    assert [a.nummer for a in artikelen] == list(range(1, 12))
    leden_per_artikel = {a.nummer: a.leden.count() for a in artikelen}
    assert leden_per_artikel == {
        1: 1,
        2: 11,
        3: 6,
        4: 1,
        5: 2,
        6: 3,
        7: 2,
        8: 1,
        9: 3,
        10: 3,
        11: 4,
    }
    assert "opzegtermijn van zes maanden" in Lid.objects.get(artikel__nummer=10, nummer=2).tekst


def test_the_text_is_free_of_the_ocr_damage():
    laad_convenant()
    alle_tekst = " ".join(Lid.objects.values_list("tekst", flat=True))
    alle_tekst += Convenant.objects.get().inleiding
    for kapot in ["ledere", "creéren", "justitiéle", "geinformeerd", "Hfivan", "  "]:
        assert kapot not in alle_tekst
    assert alle_tekst.count("Iedere school") == 4
    assert "creëren" in alle_tekst


def test_the_partners_signed_in_2023_and_four_acceded_in_2024():
    laad_convenant()
    oorspronkelijk = Ondertekening.objects.filter(datum=date(2023, 11, 14))
    toegetreden = Ondertekening.objects.filter(datum=date(2024, 11, 13))
    assert oorspronkelijk.count() == 10
    assert not oorspronkelijk.filter(toetreding=True).exists()
    assert sorted(toegetreden.values_list("organisatie__naam", flat=True)) == [
        "Prisma",
        "SKOF",
        "Stichting de Vrije School",
        "VierTaal",
    ]
    assert all(o.toetreding for o in toegetreden)
    # The municipality signs twice: the mayor and the alderman for education.
    gemeente = Ondertekening.objects.filter(organisatie__code="gemeente-almere")
    assert set(gemeente.values_list("functie", flat=True)) == {
        "Burgemeester",
        "Wethouder Onderwijs",
    }


def test_the_named_organisations_that_do_not_sign_are_there_without_a_signature():
    laad_convenant()
    niet_getekend = Organisatie.objects.filter(ondertekeningen__isnull=True)
    assert set(niet_getekend.values_list("naam", flat=True)) == {
        "Openbaar Ministerie",
        "Triade Vitree",
        "Leerplicht Almere",
        "Toezichtsbedrijf Almere",
    }


def test_the_three_areas_the_seven_kinds_of_meeting_and_the_po_contact_agreement():
    laad_convenant()
    assert list(Overleggebied.objects.values_list("naam", flat=True)) == [
        "Oost-Haven",
        "West-Poort",
        "Buiten-Hout",
    ]
    vormen = {v.nummer: v for v in Overlegvorm.objects.all()}
    assert sorted(vormen) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert vormen[8].minimum_per_school  # art. 5.1: the frequency each primary school agreed
    stadsdeel = vormen[3]
    assert (stadsdeel.artikel, stadsdeel.minimum, stadsdeel.maximum) == ("6.3", 1, 2)
    assert stadsdeel.reikwijdte == Overlegvorm.Reikwijdte.GEBIED
    assert stadsdeel.locatie_rouleert
    operationeel = vormen[6]
    assert (operationeel.periode, operationeel.minimum, operationeel.reikwijdte) == (
        Overlegvorm.Periode.MAAND,
        1,
        Overlegvorm.Reikwijdte.SCHOOL,
    )
    assert vormen[2].minimum == 4  # kerngroep, art. 7.1
    assert vormen[5].minimum == 3  # SO/SBO, art. 5.2
    assert vormen[1].volgens_schema == 2
    assert vormen[1].minimum == 1


def test_every_role_has_a_description_citing_existing_paragraphs():
    laad_convenant()
    # The covenant names these roles in its articles but gives them no section of their own.
    alleen_in_artikelen = {
        Rol.ANTIPESTCOORDINATOR,
        Rol.AANSPREEKPUNT_PESTEN,
        Rol.AANDACHTSFUNCTIONARIS,
        Rol.COMMUNICATIEMEDEWERKER,
    }
    assert set(Rolbeschrijving.objects.values_list("rol", flat=True)) == (
        set(Rol.values) - alleen_in_artikelen
    )
    coordinator = Rolbeschrijving.objects.get(rol=Rol.COORDINATOR_VEILIGHEID)
    assert {lid.verwijzing for lid in coordinator.leden.all()} >= {"2.1", "2.4", "2.5", "2.10"}


def test_loading_twice_changes_nothing():
    laad_convenant()
    eerst = _tellingen()
    verslag = laad_convenant()
    assert _tellingen() == eerst
    assert verslag.aangemaakt == {}
    assert verslag.bijgewerkt == {}


def test_a_correction_made_in_the_application_survives_a_reload():
    laad_convenant()
    ondertekening = Ondertekening.objects.get(organisatie__code="eduvier")
    ondertekening.functie = "Voorzitter college van bestuur"
    ondertekening.save()

    laad_convenant()
    ondertekening.refresh_from_db()
    assert ondertekening.functie == "Voorzitter college van bestuur"

    laad_convenant(bijwerken=True)
    ondertekening.refresh_from_db()
    assert ondertekening.functie == ""


def test_the_command_reports_what_it_did(capsys):
    call_command("laad_convenant")
    assert "Aangemaakt: 11" in capsys.readouterr().out
    call_command("laad_convenant")
    assert "alles was al geladen" in capsys.readouterr().out


def test_it_refuses_a_data_file_with_an_unknown_role(tmp_path):
    data = yaml.safe_load(DATABESTAND.read_text(encoding="utf-8"))
    data["overlegvormen"][0]["rollen"] = ["burgemeester"]
    pad = tmp_path / "convenant.yaml"
    pad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(OngeldigeData, match="onbekende rollen"):
        laad_convenant(pad)
    assert Convenant.objects.count() == 0  # one transaction: nothing half-loaded


def test_changes_to_the_text_keep_history():
    laad_convenant()
    lid = Lid.objects.get(artikel__nummer=2, nummer=7)
    lid.tekst = "De school mag kluisjes openen."
    lid.save()
    assert lid.history.count() == 2
    assert lid.history.earliest().tekst.startswith("De school behoudt zich het recht voor")
