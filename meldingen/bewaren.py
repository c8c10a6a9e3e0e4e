"""Retention (AVG art. 5 and 10): the personal data of people involved in an incident is kept
for a set time after the incident was closed (BEWAARTERMIJN_DAGEN, default two years, as the
guidance for student files suggests), then anonymised. The incident and its counts remain.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from meldingen import regels
from meldingen.models import Betrokkene, Melding


def te_anonimiseren(nu=None):
    """People involved in incidents closed at least the retention period ago."""
    grens = (nu or timezone.now()) - timedelta(days=settings.BEWAARTERMIJN_DAGEN)
    return Betrokkene.objects.filter(
        geanonimiseerd_op__isnull=True,
        melding__status=Melding.Status.AFGESLOTEN,
        melding__afgesloten_op__lte=grens,
    )


def anonimiseer(nu=None, *, proef: bool = False) -> int:
    """Anonymise what is due; with proef=True only count it. Returns the number of people.

    Safe to run twice or in parallel: each row is claimed with a conditional update, so a
    person is anonymised once.
    """
    nu = nu or timezone.now()
    kandidaten = list(te_anonimiseren(nu).select_related("melding"))
    if proef:
        return len(kandidaten)
    gedaan = 0
    with transaction.atomic():
        for b in kandidaten:
            # Keep the age on the day of the incident: it is what the counts need (under 18
            # or not) and it no longer points to a person.
            leeftijd = b.leeftijd
            if b.geboortedatum and leeftijd is None:
                dag = timezone.localtime(b.melding.tijdstip).date()
                leeftijd = regels.leeftijd_op(b.geboortedatum, dag)
            gedaan += Betrokkene.objects.filter(pk=b.pk, geanonimiseerd_op__isnull=True).update(
                naam="", geboortedatum=None, leeftijd=leeftijd, geanonimiseerd_op=nu
            )
        # The history must not keep what the record itself no longer holds.
        Betrokkene.history.filter(id__in=[b.pk for b in kandidaten]).update(
            naam="", geboortedatum=None
        )
    return gedaan
