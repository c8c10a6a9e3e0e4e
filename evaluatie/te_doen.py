"""What is due in the evaluation (issue 14): a questionnaire of an open round not yet submitted
for a partner the user answers for (art. 11.1), and the user's improvement actions (art. 11.2)."""

from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from evaluatie import toegang
from evaluatie.models import Verbeteractie, Vragenlijst
from partijen.te_doen import Taak

LAATSTE_WEEK = 7


def voor(user, vandaag: date) -> list[Taak]:
    partners = toegang.antwoordt_voor(user)
    taken = [
        Taak(
            soort="vragenlijst",
            sleutel=f"vragenlijst:{v.pk}",
            wat=_("Answer the evaluation questionnaire for %(partner)s")
            % {"partner": v.organisatie},
            artikel="11.1",
            url=reverse("evaluatie:vragenlijst", args=[v.ronde_id, v.organisatie_id]),
            uiterlijk=v.ronde.sluitdatum,
            # Announced when the round opens and again in its last week (art. 11.1).
            stap="laatste_week" if (v.ronde.sluitdatum - vandaag).days < LAATSTE_WEEK else "",
        )
        for v in Vragenlijst.objects.filter(
            organisatie__in=partners,
            ingediend_op__isnull=True,
            ronde__geopend_op__lte=vandaag,
            ronde__sluitdatum__gte=vandaag,
        ).select_related("ronde", "organisatie")
    ]
    taken += [
        Taak(
            soort="verbeteractie",
            sleutel=f"verbeteractie:{a.pk}",
            wat=_("Improvement action: %(wat)s") % {"wat": a.omschrijving},
            artikel="11.2",
            url=reverse("evaluatie:ronde", args=[a.ronde_id]),
            uiterlijk=a.deadline,
        )
        for a in Verbeteractie.objects.filter(status__in=Verbeteractie.OPEN_STATUSSEN).filter(
            Q(eigenaar_persoon__gebruiker=user) | Q(eigenaar_organisatie__in=partners)
        )
    ]
    return taken
