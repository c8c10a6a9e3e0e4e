"""What is due on incidents (issue 14), in the shape of partijen.te_doen.Taak: a compulsory
police report not yet recorded (art. 2.4, 2.5, 2.10), parents of a minor not yet informed
(art. 3.5), and for the police contact the reports past their response term (art. 3.2)."""

from datetime import date

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meldingen import regels, toegang
from meldingen.models import Betrokkene, Melding, PolitieStatus
from partijen.te_doen import Taak


def _naam(melding) -> str:
    # An incident is named by its school and day: its description may hold names (art. 8).
    return _("incident of %(dag)s at %(school)s") % {
        "dag": timezone.localtime(melding.tijdstip).strftime("%d-%m-%Y"),
        "school": melding.school.naam,
    }


def voor(user, vandaag: date) -> list[Taak]:
    open_ = (
        Melding.objects.visible_to(user)
        .filter(status=Melding.Status.OPEN)
        .met_vertrouwelijkheid()
        .select_related("school")
    )
    taken = []
    # Art. 2.4, 2.5, 2.10: the duty panel's compulsory report, not yet recorded.
    for m in open_.filter(regels.politie_verplicht_q(), politiemelding__isnull=True).distinct():
        if toegang.mag_bewerken(user, m):
            taken.append(
                Taak(
                    soort="politiemelding",
                    sleutel=f"melding:{m.pk}",
                    wat=_("Report the %(melding)s to the police") % {"melding": _naam(m)},
                    artikel="2.4",
                    url=reverse("meldingen:detail", args=[m.pk]),
                )
            )
    # Art. 3.5: parents of a student under 18 are informed; never of an adult.
    for m in (
        open_.prefetch_related(
            Prefetch(
                "betrokkenen",
                queryset=Betrokkene.objects.filter(
                    soort=Betrokkene.Soort.LEERLING, ouders_geinformeerd_op__isnull=True
                ),
                to_attr="ouders_open",
            )
        )
        .filter(
            betrokkenen__soort=Betrokkene.Soort.LEERLING,
            betrokkenen__ouders_geinformeerd_op__isnull=True,
        )
        .distinct()
    ):
        dag = timezone.localtime(m.tijdstip).date()
        if toegang.mag_bewerken(user, m) and any(
            regels.ouders_informeren_toegestaan(
                b.soort, dag, b.geboortedatum, b.leeftijd, op=vandaag
            )
            for b in m.ouders_open
        ):
            taken.append(
                Taak(
                    soort="ouders",
                    sleutel=f"melding:{m.pk}",
                    wat=_("Inform the parents of the student under 18 (%(melding)s)")
                    % {"melding": _naam(m)},
                    artikel="3.5",
                    url=reverse("meldingen:detail", args=[m.pk]),
                )
            )
    # Art. 3.2: for the police contact, a new report of an assigned school (nobody has taken
    # it up yet) and every report past its response term, by its final day.
    if toegang.volgt_politiemeldingen(user):
        for m in (
            Melding.objects.visible_to(user)
            .met_politiestatus(vandaag)
            .filter(Q(te_laat=True) | Q(politiestatus=PolitieStatus.Status.GEMELD))
            .select_related("school", "politiemelding")
        ):
            if m.te_laat:
                soort, wat = "politie_te_laat", _("Respond to the %(melding)s: past the target")
            else:
                soort, wat = "politie_nieuw", _("A new report to the police: the %(melding)s")
            taken.append(
                Taak(
                    soort=soort,
                    sleutel=f"melding:{m.pk}",
                    wat=wat % {"melding": _naam(m)},
                    artikel="3.2",
                    url=reverse("meldingen:detail", args=[m.pk]),
                    uiterlijk=m.politiemelding.reactie_uiterlijk,
                )
            )
    return taken
