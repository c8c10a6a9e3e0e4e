"""Who is a partner of the covenant on a date (art. 10.1, 10.2, 11.3): the one place it is
computed. The compliance counts, the texts for a date, the consents a decision needs and the
evaluation's respondents all read it here.

A partner is a member from its own first date of signing (10.1; an accession signs on its own
date) up to and including the last day after its notice (10.2): six months on, or earlier when
it asked to leave at once and every other partner consented in writing.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Min

from convenant import regels


@dataclass(frozen=True)
class Lidmaatschap:
    organisatie_id: int
    begin: date
    einde: date | None = None  # the last day as a partner; None: no notice given

    def op(self, dag: date) -> bool:
        return regels.lid_op(self.begin, self.einde, dag)


def _nodig(begin: dict[int, date], na_termijn: dict[int, date], opzegging) -> set[int]:
    # The other partners on the day of the notice, each counted as staying until its own notice
    # period ends: whose consent is needed does not wait on the others' consents.
    return {
        p
        for p, b in begin.items()
        if p != opzegging.organisatie_id and regels.lid_op(b, na_termijn.get(p), opzegging.datum)
    }


def _bereken(convenant=None):
    from convenant.models import Convenant, Ondertekening, Opzegging

    # The covenant the application runs, as a subquery: no query of its own on every page.
    convenant = (
        [convenant.pk]
        if convenant is not None
        else Convenant.objects.order_by("id").values("pk")[:1]
    )
    begin = dict(
        Ondertekening.objects.filter(convenant__in=convenant)
        .values("organisatie_id")
        .annotate(eerste=Min("datum"))
        .values_list("organisatie_id", "eerste")
        .order_by()
    )
    opzeggingen = list(
        Opzegging.objects.filter(convenant__in=convenant, organisatie_id__in=begin)
        .select_related("convenant")
        .prefetch_related("instemmingen")
    )
    na_termijn = {
        o.organisatie_id: regels.einde_na_opzegging(o.datum, o.convenant.opzegtermijn_maanden)
        for o in opzeggingen
    }
    nodig = {o.pk: _nodig(begin, na_termijn, o) for o in opzeggingen}
    return begin, opzeggingen, nodig


def lidmaatschappen(convenant=None) -> dict[int, Lidmaatschap]:
    """Every partner's membership, by organisation id: two queries, three once a partner gave
    notice."""
    begin, opzeggingen, nodig = _bereken(convenant)
    einde = {
        o.organisatie_id: regels.einde_lidmaatschap(
            o.datum,
            o.convenant.opzegtermijn_maanden,
            o.direct_gevraagd,
            nodig[o.pk],
            {i.organisatie_id: i.datum for i in o.instemmingen.all()},
        )
        for o in opzeggingen
    }
    return {p: Lidmaatschap(p, b, einde.get(p)) for p, b in begin.items()}


def leden_op(dag: date, convenant=None) -> set[int]:
    """The ids of the organisations that are partners on `dag`."""
    return {p for p, lid in lidmaatschappen(convenant).items() if lid.op(dag)}


def instemming_nodig_per_opzegging(convenant) -> dict[int, set[int]]:
    """Art. 10.2: per notice (by id), the partners whose written consent an immediate end
    needs: every other partner on the day of the notice."""
    return _bereken(convenant)[2]


def instemming_nodig_van(opzegging) -> set[int]:
    return instemming_nodig_per_opzegging(opzegging.convenant).get(opzegging.pk, set())


def primair_onderwijs(organisatie) -> bool:
    """Art. 11.3: a partner "uit het primair onderwijs": a school board whose registered schools
    are all primary schools (PO), at least one."""
    from partijen.models import Organisatie, Sector

    if organisatie.soort != Organisatie.Soort.SCHOOLBESTUUR:
        return False
    sectoren = set(organisatie.scholen.values_list("sector", flat=True))
    return sectoren == {Sector.PO}


def leden_per_partner(convenant) -> dict[int, tuple[date, date | None]]:
    """Partner -> its first and last day (None: no notice), for the rules that take plain data."""
    return {p: (lid.begin, lid.einde) for p, lid in lidmaatschappen(convenant).items()}


def inwerkingtreding(wijziging, leden=None) -> date | None:
    """Art. 11.3: the day an amendment takes effect, None while a consent is missing
    (regels.wijziging_in_werking)."""
    return regels.wijziging_in_werking(
        wijziging.ingangsdatum,
        wijziging.voorgesteld_op,
        leden if leden is not None else leden_per_partner(wijziging.convenant),
        {i.organisatie_id: i.datum for i in wijziging.instemmingen.all()},
    )


def instemming_nodig_voor(wijziging) -> set[int]:
    """Art. 11.3: the partners whose consent the amendment still needs today: the members on the
    day it was proposed that have not left since."""
    from django.utils import timezone

    vandaag = timezone.localdate()
    return {
        p
        for p, (begin, einde) in leden_per_partner(wijziging.convenant).items()
        if regels.lid_op(begin, einde, wijziging.voorgesteld_op)
        and (einde is None or einde >= vandaag)
    }
