"""Art. 11.3: an amendment takes effect only with every partner's written consent; until then,
and in every version before its date, the signed text stays as it was."""

from datetime import date, timedelta

import pytest

from convenant import pdf as pdf_module
from convenant import regels
from convenant.lidmaatschap import instemming_nodig_voor, inwerkingtreding
from convenant.models import Convenant, Instemming, Lid, Lidwijziging, Opzegging, Wijziging
from convenant.versies import teksten_op
from partijen.models import Organisatie
from tests.convenant.test_pdf import _tekst

pytestmark = pytest.mark.django_db

VOORGESTELD, INGANG = date(2027, 1, 10), date(2027, 3, 1)
LEDEN = {
    1: (date(2023, 11, 14), None),
    2: (date(2023, 11, 14), None),
    3: (date(2024, 11, 13), None),
}


def test_one_consent_missing_keeps_the_old_text():
    assert regels.wijziging_in_werking(INGANG, VOORGESTELD, LEDEN, {1: VOORGESTELD}) is None


def test_with_every_consent_it_takes_effect_on_its_date_or_on_the_last_consent():
    vroeg = dict.fromkeys(LEDEN, date(2027, 2, 1))
    assert regels.wijziging_in_werking(INGANG, VOORGESTELD, LEDEN, vroeg) == INGANG
    laat = {**vroeg, 3: date(2027, 4, 2)}
    assert regels.wijziging_in_werking(INGANG, VOORGESTELD, LEDEN, laat) == date(2027, 4, 2)


def test_a_partner_that_leaves_before_the_last_consent_no_longer_needs_to_consent():
    vertrekt = {**LEDEN, 3: (date(2024, 11, 13), date(2027, 5, 31))}
    instemmingen = {1: date(2027, 2, 1), 2: date(2027, 2, 1)}
    # partner 3 never consents: the amendment takes effect the day after its last day
    assert regels.wijziging_in_werking(INGANG, VOORGESTELD, vertrekt, instemmingen) == date(
        2027, 6, 1
    )


def test_a_partner_that_accedes_after_the_proposal_is_not_asked():
    later = {**LEDEN, 4: (date(2027, 2, 1), None)}
    instemmingen = dict.fromkeys(LEDEN, date(2027, 2, 1))
    assert regels.wijziging_in_werking(INGANG, VOORGESTELD, later, instemmingen) == INGANG


@pytest.fixture
def wijziging(convenant_data):
    convenant = Convenant.objects.get()
    lid = Lid.objects.get(artikel__nummer=10, nummer=3)
    w = Wijziging.objects.create(
        convenant=convenant,
        omschrijving="Verlenging met twee jaar",
        voorgesteld_op=VOORGESTELD,
        ingangsdatum=INGANG,
    )
    Lidwijziging.objects.create(
        wijziging=w,
        lid=lid,
        tekst="Het convenant geldt voor een periode van vier jaar en kan telkens met twee jaar "
        "worden verlengd.",
    )
    return w


def _instemmen(wijziging, partners, datum=date(2027, 2, 1)):
    for partner in partners:
        Instemming.objects.create(
            wijziging=wijziging, organisatie_id=partner, datum=datum, namens="Bestuurder"
        )


def test_the_pdf_keeps_the_old_text_until_every_consent_is_in(wijziging):
    convenant = wijziging.convenant
    lid = wijziging.leden.get().lid
    oud_2023 = pdf_module.pdf(convenant, date(2023, 11, 14))[0]
    nodig = sorted(instemming_nodig_voor(wijziging))
    _instemmen(wijziging, nodig[:-1])
    assert inwerkingtreding(wijziging) is None
    assert teksten_op(convenant, date(2027, 6, 1)) == {}
    assert "telkens met twee jaar" not in _tekst(pdf_module.pdf(convenant, date(2027, 6, 1))[0])

    _instemmen(wijziging, nodig[-1:])
    assert inwerkingtreding(wijziging) == INGANG
    assert teksten_op(convenant, INGANG - timedelta(days=1)) == {}
    assert teksten_op(convenant, INGANG) == {lid.pk: wijziging.leden.get().tekst}
    assert pdf_module.versiedatum(convenant, date(2027, 6, 1)) == INGANG
    assert "telkens met twee jaar" in _tekst(pdf_module.pdf(convenant, date(2027, 6, 1))[0])
    # the versions before its date are the same, byte for byte
    assert pdf_module.pdf(convenant, date(2023, 11, 14))[0] == oud_2023
    lid.refresh_from_db()
    assert "telkens met één jaar" in lid.tekst  # the signed text itself is never rewritten


def test_a_partner_that_left_is_not_asked_for_its_consent(wijziging):
    convenant = wijziging.convenant
    skof = Organisatie.objects.get(code="skof")
    Opzegging.objects.create(convenant=convenant, organisatie=skof, datum=date(2026, 1, 5))
    # its last day (5 July 2026) lies before the proposal: not a partner on that day
    assert skof.pk not in instemming_nodig_voor(wijziging)
