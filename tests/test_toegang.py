"""Every URL that names an object answers 404 to a user who may not see it (art. 8).

This test walks the URL patterns of the apps: a new pattern with an id fails here until a
case below says which object a user must not reach through it.
"""

from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.stad import ZICHTBAAR


def _patterns(resolver=None, prefix=""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{p.namespace}:" if p.namespace else ""
            yield from _patterns(p, prefix + ns)
        elif isinstance(p, URLPattern) and p.pattern.converters:
            yield prefix + (p.name or ""), list(p.pattern.converters)


# url name -> the ids of an object of a school the user may not see
ANDERMANS = {
    "partijen:school_detail": lambda stad: [stad.b1.pk],
    "partijen:school_bewerken": lambda stad: [stad.b1.pk],
    "partijen:persoon_detail": lambda stad: [_persoon_op(stad.b1)],
    "partijen:persoon_bewerken": lambda stad: [_persoon_op(stad.b1)],
    "partijen:account_aanmaken": lambda stad: [_persoon_op(stad.b1)],
    "partijen:toewijzing_beeindigen": lambda stad: [stad.b1.toewijzingen.first().pk],
    "partijen:organisatie_detail": lambda stad: [stad.bestuur_y.pk],
    "partijen:organisatie_bewerken": lambda stad: [stad.bestuur_y.pk],
    "meldingen:detail": lambda stad: [_melding_op(stad.b1).pk],
    "meldingen:politiemelding": lambda stad: [_melding_op(stad.b1).pk],
    "meldingen:afsluiten": lambda stad: [_melding_op(stad.b1).pk],
    "meldingen:bewerken": lambda stad: [_melding_op(stad.b1).pk],
    "meldingen:heropenen": lambda stad: [_melding_op(stad.b1).pk],
    "meldingen:delen": lambda stad: [_melding_op(stad.b1).pk],
    "meldingen:bijlage_toevoegen": lambda stad: [_melding_op(stad.b1).pk],
    "meldingen:bijlage": lambda stad: [_melding_op(stad.b1).pk, _bijlage_op(stad.b1).pk],
    "meldingen:mededeling_nieuw": lambda stad: [_melding_op(stad.b1).pk],
    "meldingen:mededeling": lambda stad: [_mededeling_op(stad.b1).pk],
    "meldingen:goedkeuren": lambda stad: [_mededeling_op(stad.b1).pk],
    "overleggen:detail": lambda stad: [_overleg_op(stad.b1).pk],
    "overleggen:ics": lambda stad: [_overleg_op(stad.b1).pk],
    "overleggen:actiepunt": lambda stad: [_actiepunt_op(stad.b1).pk],
    "meldingen:meldcode_detail": lambda stad: [_dossier_op(stad.b1).pk],
    "meldingen:politie_status": lambda stad: [_melding_op(stad.b1).pk],
    "meldingen:politie_notitie": lambda stad: [_melding_op(stad.b1).pk],
    "meldingen:ouders": lambda stad: [
        _melding_op(stad.b1).pk,
        _melding_op(stad.b1).betrokkenen.get().pk,
    ],
    # A board's request to leave at once (art. 10.2): the register keepers' business only.
    "convenant:instemming_nieuw": lambda stad: [_opzegging_van(stad.bestuur_y).pk],
    # Consents to an amendment (art. 11.3): the register keepers' business only.
    "convenant:wijziging_instemming": lambda stad: [_wijziging().pk],
    # Correcting a scan error in the copied text: the register keepers' only. Its path has no
    # id (the paragraph comes as ?lid=, tests/convenant/test_tekstcorrectie.py), so this only
    # checks that the others get a 404.
    "convenant:tekstcorrectie": lambda stad: [],
    # Another partner's evaluation questionnaire (art. 11.1): only who answers for it.
    "evaluatie:vragenlijst": lambda stad: [_ronde().pk, stad.bestuur_y.pk],
    # The status of an improvement action: the projectleider's only (art. 4, 11.2).
    "evaluatie:actiestatus": lambda stad: [_verbeteractie().pk],
    # Findings and actions of a round: the projectleider's only.
    "evaluatie:bevinding_nieuw": lambda stad: [_ronde().pk],
    "evaluatie:actie_nieuw": lambda stad: [_ronde().pk],
}
# Django's own pages with ids: the admin (a 404 for non-administrators, tested apart).
# The calendar feed (a secret token, tests/overleggen) and the public page per school, which
# shows only what parents may read of every school (tests/convenant/test_voor_ouders.py).
# The password reset link carries a signed token, no object of a school. The signed documents
# of the covenant's life are the register keepers' only (tests/convenant/test_looptijd.py).
BUITEN_BESCHOUWING = {
    "set_language",
    "overleggen:feed",
    "voor_ouders_school",
    "password_reset_confirm",
    "convenant:looptijd_document",
    # An amendment's text and consents are read by every partner (what changed when).
    "convenant:wijziging",
    # A round's page and report are about the city as a whole (partners, aggregated figures):
    # who reads and writes them is tests/evaluatie/test_rechten.py.
    "evaluatie:ronde",
    "evaluatie:rapport",
    "evaluatie:rapport_pdf",
    "evaluatie:cijfers_export",
    # A message is its recipient's, of no school: another user's gives 404
    # (tests/berichten/test_paginas.py).
    "berichten:openen",
    "berichten:gelezen",
}


def _ronde():
    """An open evaluation round with one question and the questionnaires of the city's two
    boards (tests/stad.py)."""
    from datetime import timedelta

    from django.utils import timezone

    from convenant.models import Artikel
    from evaluatie.models import Evaluatieronde, Rondevraag, Vraag, Vragenlijst
    from partijen.models import Organisatie

    convenant = _convenant()
    vandaag = timezone.localdate()
    ronde, nieuw = Evaluatieronde.objects.get_or_create(
        convenant=convenant,
        soort=Evaluatieronde.Soort.TUSSENTIJDS,
        periode_begin=date(vandaag.year - 1, 1, 1),
        defaults={
            "periode_einde": date(vandaag.year - 1, 12, 31),
            "geopend_op": vandaag - timedelta(days=1),
            "sluitdatum": vandaag + timedelta(days=30),
        },
    )
    if nieuw:
        artikel = convenant.artikelen.first() or Artikel.objects.create(
            convenant=convenant, nummer=1, titel="Artikel"
        )
        vraag = Vraag.objects.create(convenant=convenant, artikel=artikel, tekst="Werkt het?")
        Rondevraag.objects.create(
            ronde=ronde, vraag=vraag, artikel=artikel, tekst=vraag.tekst, volgorde=0
        )
        for bestuur in Organisatie.objects.filter(soort=Organisatie.Soort.SCHOOLBESTUUR):
            Vragenlijst.objects.get_or_create(ronde=ronde, organisatie=bestuur)
    return ronde


def _verbeteractie():
    from evaluatie.models import Verbeteractie
    from partijen.models import Organisatie

    ronde = _ronde()
    return ronde.verbeteracties.first() or Verbeteractie.objects.create(
        ronde=ronde,
        omschrijving="Een actie",
        eigenaar_organisatie=Organisatie.objects.first(),
        deadline=date(2030, 1, 1),
    )


def _convenant():
    from convenant.models import Convenant

    return Convenant.objects.actueel() or Convenant.objects.create(
        code="convenant", titel="Convenant", plaats="Almere", inleiding="Inleiding"
    )


def _wijziging():
    from convenant.models import Artikel, Lid, Lidwijziging, Wijziging

    convenant = _convenant()
    wijziging, nieuw = Wijziging.objects.get_or_create(
        convenant=convenant,
        omschrijving="Een wijziging",
        defaults={"voorgesteld_op": date(2026, 1, 10), "ingangsdatum": date(2026, 3, 1)},
    )
    if nieuw:
        artikel = convenant.artikelen.first() or Artikel.objects.create(
            convenant=convenant, nummer=1, titel="Artikel"
        )
        lid = artikel.leden.first() or Lid.objects.create(artikel=artikel, nummer=1, tekst="Oud")
        Lidwijziging.objects.create(wijziging=wijziging, lid=lid, tekst="Nieuw")
    return wijziging


def _opzegging_van(bestuur):
    from convenant.models import Convenant, Ondertekening, Opzegging

    convenant = Convenant.objects.actueel() or Convenant.objects.create(
        code="convenant", titel="Convenant", plaats="Almere", inleiding="Inleiding"
    )
    Ondertekening.objects.get_or_create(
        convenant=convenant, organisatie=bestuur, defaults={"datum": date(2024, 11, 13)}
    )
    opzegging, _ = Opzegging.objects.get_or_create(
        convenant=convenant,
        organisatie=bestuur,
        defaults={"datum": date(2026, 8, 31), "direct_gevraagd": True},
    )
    return opzegging


def _persoon_op(school):
    return school.toewijzingen.first().persoon_id


def _bijlage_op(school):
    from django.core.files.base import ContentFile

    from meldingen.models import Bijlage
    from tests.factories import GebruikerFactory

    melding = _melding_op(school)
    return melding.bijlagen.first() or Bijlage.objects.create(
        melding=melding,
        bestand=ContentFile(b"%PDF-1.4", name="x.pdf"),
        naam="x.pdf",
        soort="application/pdf",
        grootte=8,
        door=GebruikerFactory(),
    )


def _mededeling_op(school):
    from meldingen.mededelingen import Mededeling
    from tests.factories import GebruikerFactory

    melding = _melding_op(school)
    return melding.mededelingen.first() or Mededeling.objects.create(
        melding=melding, tekst="Concept", opgesteld_door=GebruikerFactory()
    )


def _overleg_op(school):
    from datetime import UTC, datetime

    from overleggen.models import Overleg, Overlegvorm
    from tests.factories import GebruikerFactory

    return Overleg.objects.filter(school=school).first() or Overleg.objects.create(
        vorm=Overlegvorm.objects.get_or_create(
            code="operationeel-overleg",
            defaults={
                "nummer": 6,
                "naam": "Operationeel",
                "artikel": "6.1",
                "reikwijdte": "school",
                "periode": "maand",
            },
        )[0],
        school=school,
        start=datetime(2026, 5, 1, 10, tzinfo=UTC),
        einde=datetime(2026, 5, 1, 11, tzinfo=UTC),
        aangemaakt_door=GebruikerFactory(),
    )


def _actiepunt_op(school):
    from datetime import date

    from overleggen.models import Actiepunt
    from tests.factories import PersoonFactory

    overleg = _overleg_op(school)
    return overleg.actiepunten.first() or Actiepunt.objects.create(
        overleg=overleg,
        omschrijving="Actie",
        eigenaar=PersoonFactory(organisatie=school.bestuur),
        deadline=date(2026, 6, 1),
    )


def _dossier_op(school):
    from meldingen.meldcode import MeldcodeDossier
    from tests.factories import GebruikerFactory

    return MeldcodeDossier.objects.filter(school=school).first() or MeldcodeDossier.objects.create(
        school=school, leerling="Leerling X", geopend_door=GebruikerFactory()
    )


def _melding_op(school):
    from meldingen import diensten
    from meldingen.models import Betrokkene, Melding
    from tests.factories import MeldingFactory

    melding = Melding.objects.filter(school=school).first()
    if melding is None:
        melding = MeldingFactory(school=school)
        # As the school records it: the report and the follow-up's first step.
        diensten.politiemelding_vastleggen(
            melding=melding,
            gebruiker=melding.vastgelegd_door,
            datum=date(2026, 10, 1),
            soort="melding",
            door="x",
        )
        Betrokkene.objects.create(melding=melding, rol="dader", soort="leerling", leeftijd=15)
    return melding


def test_every_url_with_an_id_is_covered():
    namen = {naam for naam, _ in _patterns() if not naam.startswith("admin:")}
    assert namen - BUITEN_BESCHOUWING <= set(ANDERMANS), namen - set(ANDERMANS)


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [r for r, s in ZICHTBAAR.items() if "b1" not in s])
@pytest.mark.parametrize("url_naam", sorted(ANDERMANS))
def test_another_schools_ids_give_404(client, stad, gebruikers, in_rol, rol, url_naam):
    from django.urls import reverse

    from tests.factories import PersoonFactory, RoltoewijzingFactory

    RoltoewijzingFactory(persoon=PersoonFactory(organisatie=stad.bestuur_x), school=stad.b1)
    user = gebruikers[rol]
    client.force_login(user)
    url = reverse(url_naam, args=ANDERMANS[url_naam](stad))
    # POST-only actions answer GET with 405 whatever the id, which reveals nothing.
    assert client.get(url).status_code in (404, 405)
    assert client.post(url, {}).status_code == 404
