"""What is due on meetings (issue 14): the user's open action points (art. 6.2, 7.1) by their
due date, and a meeting the user organises that took place without a report."""

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from overleggen import toegang
from overleggen.models import Actiepunt, Overleg
from partijen.te_doen import Taak


def voor(user, vandaag: date) -> list[Taak]:
    taken = [
        Taak(
            soort="actiepunt",
            sleutel=f"actiepunt:{a.pk}",
            wat=_("Action point: %(wat)s") % {"wat": a.omschrijving},
            artikel=a.overleg.vorm.artikel,
            url=reverse("overleggen:detail", args=[a.overleg_id]),
            uiterlijk=a.deadline,
        )
        for a in Actiepunt.objects.filter(
            eigenaar__gebruiker=user, afgerond_op__isnull=True
        ).select_related("overleg__vorm")
    ]
    # A meeting held (its day passed) still marked planned and without a report: its organiser
    # records what happened, or the compliance dashboard cannot count it.
    zonder_verslag = (
        Overleg.objects.visible_to(user)
        .filter(status=Overleg.Status.GEPLAND, einde__lt=timezone.now(), verslag="")
        .select_related("vorm", "school", "overleggebied", "wijk")
        .order_by("start")
    )
    for o in zonder_verslag:
        if toegang.mag_wijzigen(user, o):
            taken.append(
                Taak(
                    soort="verslag",
                    sleutel=f"overleg:{o.pk}",
                    wat=_("Record the report of %(overleg)s of %(dag)s")
                    % {
                        "overleg": o.vorm.naam,
                        "dag": timezone.localtime(o.start).strftime("%d-%m-%Y"),
                    },
                    artikel=o.vorm.artikel,
                    url=reverse("overleggen:detail", args=[o.pk]),
                    uiterlijk=timezone.localtime(o.einde).date(),
                )
            )
    return taken
