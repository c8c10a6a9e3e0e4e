"""Writes of the evaluation, keyword-only and each in one transaction."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from convenant.lidmaatschap import leden_op
from evaluatie import regels
from evaluatie.models import Antwoord, Evaluatieronde, Rondevraag, Vraag, Vragenlijst


@transaction.atomic
def open_ronde(
    *, convenant, soort, periode_begin, periode_einde, geopend_op, sluitdatum, door=None
) -> Evaluatieronde:
    """Open a round: the questions in force on its day are copied into it (their text is kept
    as asked), and every partner that is a member on that day gets a questionnaire (art. 10.1,
    10.2). Raises IntegrityError when the round of this kind and period exists (beat opening
    the yearly round twice opens it once)."""
    ronde = Evaluatieronde.objects.create(
        convenant=convenant,
        soort=soort,
        periode_begin=periode_begin,
        periode_einde=periode_einde,
        geopend_op=geopend_op,
        sluitdatum=sluitdatum,
        vastgelegd_door=door,
    )
    vragen = regels.vragen_op(
        Vraag.objects.filter(convenant=convenant).select_related("artikel", "lid"), geopend_op
    )
    vragen.sort(key=lambda v: (v.artikel.nummer, v.lid.nummer if v.lid else 0, v.pk))
    Rondevraag.objects.bulk_create(
        Rondevraag(ronde=ronde, vraag=v, artikel=v.artikel, lid=v.lid, tekst=v.tekst, volgorde=i)
        for i, v in enumerate(vragen)
    )
    Vragenlijst.objects.bulk_create(
        Vragenlijst(ronde=ronde, organisatie_id=p) for p in sorted(leden_op(geopend_op, convenant))
    )
    return ronde


def open_jaarronde(vandaag, *, opent, termijn_dagen) -> Evaluatieronde | None:
    """Celery beat, daily: the yearly round of this year once its opening day has come; a
    missed day is caught up on the next run, and a second run (or a parallel one) opens
    nothing (the round's unique period)."""
    from convenant.models import Convenant

    geopend, begin, einde = regels.jaarronde(vandaag.year, opent)
    convenant = Convenant.objects.actueel()
    if vandaag < geopend or convenant is None:
        return None
    if Evaluatieronde.objects.filter(
        convenant=convenant, soort=Evaluatieronde.Soort.JAARLIJKS, periode_begin=begin
    ).exists():
        return None
    try:
        return open_ronde(
            convenant=convenant,
            soort=Evaluatieronde.Soort.JAARLIJKS,
            periode_begin=begin,
            periode_einde=einde,
            geopend_op=vandaag,
            sluitdatum=regels.sluitdatum(vandaag, termijn_dagen),
        )
    except IntegrityError:
        return None  # opened by a parallel run a moment ago


@transaction.atomic
def bewaar_antwoorden(*, vragenlijst: Vragenlijst, antwoorden: dict, indienen: bool, door):
    """Save a partner's answers (`antwoorden`: Rondevraag id -> (oordeel, toelichting); an
    empty oordeel leaves the question open), and submit them when `indienen`: every question
    answered, once. A submitted questionnaire, or one of a closed round, is not changed."""
    vragenlijst = (
        Vragenlijst.objects.select_for_update().select_related("ronde").get(pk=vragenlijst.pk)
    )
    if vragenlijst.ingediend_op is not None:
        raise ValidationError(_("This questionnaire has already been submitted."))
    if not vragenlijst.ronde.is_open(timezone.localdate()):
        raise ValidationError(_("This round is closed: answers can no longer be changed."))
    vraag_ids = set(
        Rondevraag.objects.filter(ronde=vragenlijst.ronde_id).values_list("pk", flat=True)
    )
    bestaand = {a.vraag_id: a for a in vragenlijst.antwoorden.all()}
    for vraag_id, (oordeel, toelichting) in antwoorden.items():
        if vraag_id not in vraag_ids:
            continue
        antwoord = bestaand.get(vraag_id)
        if not oordeel:
            if antwoord is not None:
                antwoord.delete()
                bestaand.pop(vraag_id)
            continue
        if antwoord is None:
            antwoord = Antwoord(vragenlijst=vragenlijst, vraag_id=vraag_id)
        antwoord.oordeel, antwoord.toelichting = oordeel, toelichting
        antwoord.full_clean()
        antwoord.save()
        bestaand[vraag_id] = antwoord
    if indienen:
        ontbreekt = len(vraag_ids - set(bestaand))
        if ontbreekt:
            raise ValidationError(
                _("Answer every question before submitting: %(n)d still open.") % {"n": ontbreekt}
            )
        vragenlijst.ingediend_op = timezone.now()
        vragenlijst.ingediend_door = door
    vragenlijst.save()
    return vragenlijst
