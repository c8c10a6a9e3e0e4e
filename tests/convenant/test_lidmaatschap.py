"""The covenant's own life, art. 10: membership from each partner's dates, notice, term and
extension. Rules at their edges, then membership as the application computes it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from convenant import regels
from convenant.lidmaatschap import instemming_nodig_van, leden_op, lidmaatschappen
from convenant.models import Convenant, Instemming, Opzegging, Verlenging
from partijen.models import Organisatie

# --- Art. 10.2: notice ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opgezegd_op", "laatste_dag"),
    [
        # the month six months on is shorter: its last day
        (date(2026, 8, 31), date(2027, 2, 28)),
        (date(2027, 8, 31), date(2028, 2, 29)),  # 2028 is a leap year
        (date(2026, 8, 29), date(2027, 2, 28)),
        # notice on a leap day: the same day six months on
        (date(2028, 2, 29), date(2028, 8, 29)),
        (date(2026, 3, 15), date(2026, 9, 15)),
        # across the turn of the year
        (date(2026, 12, 31), date(2027, 6, 30)),
        (date(2026, 7, 1), date(2027, 1, 1)),
    ],
)
def test_notice_ends_membership_six_months_on(opgezegd_op, laatste_dag):
    assert regels.einde_na_opzegging(opgezegd_op) == laatste_dag


def test_leaving_at_once_needs_every_other_partners_consent():
    """Art. 10.2: "tenzij alle convenantpartners instemmen met directe opzegging"."""
    opgezegd = date(2026, 3, 2)
    nodig = {1, 2, 3}
    # one consent missing: the notice period runs
    twee = {1: date(2026, 3, 5), 2: date(2026, 3, 9)}
    assert regels.einde_lidmaatschap(opgezegd, 6, True, nodig, twee) == date(2026, 9, 2)
    # all in: it ends on the day the last one consented
    alle = {**twee, 3: date(2026, 3, 20)}
    assert regels.einde_lidmaatschap(opgezegd, 6, True, nodig, alle) == date(2026, 3, 20)
    # consents given in advance: it ends on the day of the notice itself
    vooraf = dict.fromkeys(nodig, date(2026, 2, 1))
    assert regels.einde_lidmaatschap(opgezegd, 6, True, nodig, vooraf) == opgezegd
    # consents without a request to leave at once change nothing
    assert regels.einde_lidmaatschap(opgezegd, 6, False, nodig, alle) == date(2026, 9, 2)


@pytest.mark.parametrize(
    ("dag", "lid"),
    [
        (date(2024, 11, 12), False),  # the day before it signed
        (date(2024, 11, 13), True),  # its own date of signing (10.1)
        (date(2027, 2, 28), True),  # the last day after its notice (10.2)
        (date(2027, 3, 1), False),
    ],
)
def test_a_partner_is_a_member_from_its_signing_to_the_last_day_of_its_notice(dag, lid):
    assert regels.lid_op(date(2024, 11, 13), date(2027, 2, 28), dag) is lid


# --- Art. 10.3: term and extension ----------------------------------------------------------


def test_each_extension_adds_one_year_to_the_term():
    getekend = date(2023, 11, 14)
    assert regels.einde_looptijd(getekend, 4) == date(2027, 11, 13)
    assert regels.einde_looptijd(getekend, 4, verlengd_met=1) == date(2028, 11, 13)
    assert regels.einde_looptijd(getekend, 4, verlengd_met=2) == date(2029, 11, 13)


def test_an_extension_without_an_evaluation_is_refused(convenant_data):
    convenant = Convenant.objects.actueel()
    zonder = Verlenging(convenant=convenant, besloten_op=date(2027, 10, 1))
    with pytest.raises(ValidationError, match="evaluatie"):
        zonder.full_clean()
    zonder_document = Verlenging(
        convenant=convenant, besloten_op=date(2027, 10, 1), evaluatie_datum=date(2027, 9, 1)
    )
    with pytest.raises(ValidationError, match="evaluatie"):
        zonder_document.full_clean()
    rapport = ContentFile(b"%PDF-1.7 evaluatie", name="evaluatie.pdf")
    later = Verlenging(
        convenant=convenant,
        besloten_op=date(2027, 10, 1),
        evaluatie_datum=date(2027, 10, 2),
        evaluatie_document=rapport,
    )
    with pytest.raises(ValidationError, match="voor het besluit"):
        later.full_clean()
    goed = Verlenging(
        convenant=convenant,
        besloten_op=date(2027, 10, 1),
        evaluatie_datum=date(2027, 9, 1),
        evaluatie_document=rapport,
    )
    goed.full_clean()


# --- Membership as the application computes it ----------------------------------------------


def _org(code):
    return Organisatie.objects.get(code=code)


def test_a_partner_that_acceded_later_has_its_own_entry_date(convenant_data):
    leden = lidmaatschappen()
    assert leden[_org("gemeente-almere").pk].begin == date(2023, 11, 14)
    assert leden[_org("prisma").pk].begin == date(2024, 11, 13)
    assert _org("prisma").pk not in leden_op(date(2024, 11, 12))
    assert _org("prisma").pk in leden_op(date(2024, 11, 13))


def test_a_notice_ends_membership_on_its_day_and_keeps_the_partner_before(convenant_data):
    convenant = Convenant.objects.actueel()
    skof = _org("skof")
    Opzegging.objects.create(convenant=convenant, organisatie=skof, datum=date(2026, 8, 31))
    assert lidmaatschappen()[skof.pk].einde == date(2027, 2, 28)
    assert skof.pk in leden_op(date(2027, 2, 28))
    assert skof.pk not in leden_op(date(2027, 3, 1))
    # nothing deleted: its signature stays, and so does its membership before
    assert skof.ondertekeningen.exists()
    assert skof.pk in leden_op(date(2025, 1, 1))


def test_an_immediate_end_needs_the_consent_of_every_partner_on_the_day(convenant_data):
    convenant = Convenant.objects.actueel()
    skof, prisma = _org("skof"), _org("prisma")
    # Prisma left at once earlier, with everybody's consent: it is not asked again.
    eerder = Opzegging.objects.create(
        convenant=convenant, organisatie=prisma, datum=date(2026, 1, 5), direct_gevraagd=True
    )
    for partner in instemming_nodig_van(eerder):
        Instemming.objects.create(
            opzegging=eerder, organisatie_id=partner, datum=date(2026, 1, 10), namens="Bestuur"
        )
    assert lidmaatschappen()[prisma.pk].einde == date(2026, 1, 10)

    opzegging = Opzegging.objects.create(
        convenant=convenant, organisatie=skof, datum=date(2026, 8, 31), direct_gevraagd=True
    )
    nodig = instemming_nodig_van(opzegging)
    assert skof.pk not in nodig
    assert prisma.pk not in nodig
    assert _org("gemeente-almere").pk in nodig
    for partner in sorted(nodig)[:-1]:
        Instemming.objects.create(
            opzegging=opzegging, organisatie_id=partner, datum=date(2026, 9, 3), namens="X"
        )
    # one consent missing: six months
    assert lidmaatschappen()[skof.pk].einde == date(2027, 2, 28)
    Instemming.objects.create(
        opzegging=opzegging, organisatie_id=sorted(nodig)[-1], datum=date(2026, 9, 7), namens="Y"
    )
    assert lidmaatschappen()[skof.pk].einde == date(2026, 9, 7)


def test_membership_is_computed_in_a_fixed_number_of_queries(
    convenant_data, django_assert_num_queries
):
    convenant = Convenant.objects.actueel()
    for code in ("skof", "prisma", "viertaal"):
        Opzegging.objects.create(
            convenant=convenant, organisatie=_org(code), datum=date(2026, 8, 31)
        )
    with django_assert_num_queries(3):  # signatures, notices, their consents
        lidmaatschappen()
