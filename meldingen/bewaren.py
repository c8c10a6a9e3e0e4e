"""Retention (AVG art. 5 and 10): the personal data of people involved in an incident is kept
for a set time after the incident was closed (BEWAARTERMIJN_DAGEN, default two years, as the
guidance for student files suggests), then anonymised. The incident and its counts remain.
"""

from collections import defaultdict
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


# People anonymised per statement batch: a run at the scale of a city is some thousands of
# statements' work in a few, each batch its own short transaction (issue 15).
BATCH = 2000


def anonimiseer(nu=None, *, proef: bool = False) -> int:
    """Anonymise what is due; with proef=True only count it. Returns the number of people.

    Safe to run twice or in parallel: every update is conditional on the person not being
    anonymised yet, so a person is anonymised once and counted once. In batches, with one
    UPDATE per age in a batch instead of one per person (issue 15: 36 s at the scale of Almere
    for one UPDATE per person).
    """
    nu = nu or timezone.now()
    if proef:
        return te_anonimiseren(nu).count()
    gedaan, vanaf = 0, 0
    while True:
        batch = list(
            te_anonimiseren(nu)
            .filter(pk__gt=vanaf)
            .order_by("pk")
            .values_list("pk", "leeftijd", "geboortedatum", "melding__tijdstip")[:BATCH]
        )
        if not batch:
            return gedaan
        vanaf = batch[-1][0]
        per_leeftijd: dict[int | None, list[int]] = defaultdict(list)
        for pk, leeftijd, geboortedatum, tijdstip in batch:
            # Keep the age on the day of the incident: it is what the counts need (under 18
            # or not) and it no longer points to a person.
            if geboortedatum and leeftijd is None:
                dag = timezone.localtime(tijdstip).date()
                leeftijd = regels.leeftijd_op(geboortedatum, dag)
            per_leeftijd[leeftijd].append(pk)
        with transaction.atomic():
            for leeftijd, pks in per_leeftijd.items():
                gedaan += Betrokkene.objects.filter(
                    pk__in=pks, geanonimiseerd_op__isnull=True
                ).update(naam="", geboortedatum=None, leeftijd=leeftijd, geanonimiseerd_op=nu)
            # The history must not keep what the record itself no longer holds.
            Betrokkene.history.filter(id__in=[b[0] for b in batch]).update(
                naam="", geboortedatum=None
            )
