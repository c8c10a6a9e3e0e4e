"""Writes to the covenant that span more than one record, each in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction

from convenant import regels
from convenant.models import Lid, Tekstcorrectie


@transaction.atomic
def corrigeer_tekst(*, lid: Lid, nieuwe_tekst: str, reden: str, door) -> Tekstcorrectie:
    """Correct a scan error in a paragraph's copied text (no amendment, art. 11.3): the
    correction is recorded with the text it replaces, and the paragraph gets the new text
    (simple-history keeps the paragraph's earlier text, with who changed it).

    The paragraph's row is locked and the rule is checked against its text as it is now: of two
    keepers correcting the same paragraph at once, the second waits, and its correction is
    judged against the first one's text. Raises ValidationError when the rule refuses it."""
    lid = Lid.objects.select_for_update().get(pk=lid.pk)
    bezwaren = regels.correctie_bezwaren(lid.tekst, nieuwe_tekst)
    if bezwaren:
        raise ValidationError(bezwaren)
    correctie = Tekstcorrectie(
        lid=lid, oude_tekst=lid.tekst, nieuwe_tekst=nieuwe_tekst, reden=reden, vastgelegd_door=door
    )
    correctie.full_clean()
    # Outside a request (a shell, a task) simple-history would not know who it was.
    correctie._history_user = lid._history_user = door
    correctie.save()
    lid.tekst = nieuwe_tekst
    lid.save(update_fields=["tekst"])
    return correctie
