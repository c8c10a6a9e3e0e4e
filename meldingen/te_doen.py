"""What is due on incidents (issue 14), in the shape of partijen.te_doen.Taak: a compulsory
police report not yet recorded (art. 2.4, 2.5, 2.10), parents of a minor not yet informed
(art. 3.5), for the police contact the reports past their response term (art. 3.2) and for the
police's operational expert those long past it (3.2), a reporting code record waiting at its
next step (2.11) and a statement waiting for the user's approval (9.1)."""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meldingen import regels, toegang
from meldingen.mededelingen import Goedkeuring, Mededeling
from meldingen.meldcode import MeldcodeDossier, MeldcodeStap
from meldingen.models import Betrokkene, Melding, PolitieStatus
from meldingen.weergave import naam_in_bericht as _naam
from partijen.rollen import Rol, huidige_toewijzingen
from partijen.te_doen import Taak


def voor(user, vandaag: date) -> list[Taak]:
    # The school's duties are for who acts on its incidents (toegang.mag_bewerken, checked per
    # incident below): only their schools are read, not every incident the police sees.
    open_ = (
        Melding.objects.visible_to(user)
        .filter(status=Melding.Status.OPEN, school_id__in=sorted(toegang.meld_scholen(user)))
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
            # the rule as the condition (not the te_laat annotation): it can use an index
            .filter(regels.over_de_termijn(vandaag) | Q(politiestatus=PolitieStatus.Status.GEMELD))
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
    taken += _escalaties(user, vandaag)
    taken += _meldcode(user)
    taken += _mededelingen(user)
    return taken


def escalatiegrens(vandaag: date, werkdagen: int) -> date:
    """Art. 3.2: the police gives priority to a fast intervention. A report still without one
    a further `werkdagen` working days after its final day (Politiemelding.reactie_uiterlijk) is
    escalated; this is the latest final day for which that further term is over by `vandaag`
    (the further term's last working day lies before it, regels.uiterste_reactiedatum)."""
    dag, geteld = vandaag - timedelta(days=1), 0
    while geteld < werkdagen:
        if regels.is_werkdag(dag):
            geteld += 1
        dag -= timedelta(days=1)
    return dag


def _escalaties(user, vandaag: date) -> list[Taak]:
    """Art. 3.2: a report to the police still without an intervention (regels.politie_loopt)
    more than POLITIE_ESCALATIE_WERKDAGEN working days after its final day goes to the police's
    operational expert of the school's area (or city-wide, an assignment without an area).

    Melding.objects.visible_to gives the expert no incidents (art. 8): the item names the
    incident by its school and day only, as every item does, and links to the school's page
    (its police contact), which the expert sees (School.objects.visible_to)."""
    toewijzingen = [
        t for t in huidige_toewijzingen(user) if t.rol == Rol.POLITIE_OPERATIONEEL_EXPERT
    ]
    if not toewijzingen:
        return []
    grens = escalatiegrens(vandaag, settings.POLITIE_ESCALATIE_WERKDAGEN)
    meldingen = (
        Melding.objects.leesbaar()
        .met_politiestatus(vandaag)
        .filter(regels.politie_loopt(), politiemelding__reactie_uiterlijk__lte=grens)
        .select_related("school", "politiemelding")
        .order_by("politiemelding__reactie_uiterlijk", "pk")
    )
    if not any(t.overleggebied_id is None for t in toewijzingen):
        meldingen = meldingen.filter(
            school__overleggebied__in={t.overleggebied_id for t in toewijzingen}
        )
    return [
        Taak(
            soort="politie_escalatie",
            sleutel=f"melding:{m.pk}",
            wat=_(
                "Escalation: still no police intervention on the %(melding)s, more than "
                "%(dagen)d working days past its target"
            )
            % {"melding": _naam(m), "dagen": settings.POLITIE_ESCALATIE_WERKDAGEN},
            artikel="3.2",
            url=reverse("partijen:school_detail", args=[m.school_id]),
            uiterlijk=m.politiemelding.reactie_uiterlijk,
        )
        for m in meldingen
    ]


def _meldcode(user) -> list[Taak]:
    """Art. 2.11: an open reporting code record waits at its next step (the lowest of the five
    not yet recorded, meldcode.stap_mogelijk), for the school's aandachtsfunctionaris and
    coordinator who keep it (MeldcodeDossier.objects.visible_to) and record its steps. The
    meldcode sets no term per step, so the item is undated. The student's name stays out of
    it: a message leaves the application (art. 8)."""
    if not toegang.ziet_meldcode(user):
        return []  # no query for the many who keep no records
    dossiers = (
        MeldcodeDossier.objects.visible_to(user)
        .filter(afgesloten_op__isnull=True)
        .select_related("school")
        .prefetch_related(
            Prefetch("stappen", queryset=MeldcodeStap.objects.only("dossier_id", "stap"))
        )
        .order_by("geopend_op", "pk")
    )
    taken = []
    for d in dossiers:
        gedaan = {s.stap for s in d.stappen.all()}
        volgende = min(set(MeldcodeStap.Stap.values) - gedaan, default=None)
        if volgende is None:
            continue
        taken.append(
            Taak(
                soort="meldcode",
                sleutel=f"meldcode:{d.pk}",
                wat=_("Reporting code record %(nr)d (%(school)s): next step %(stap)s")
                % {
                    "nr": d.pk,
                    "school": d.school.naam,
                    "stap": MeldcodeStap.Stap(volgende).label,
                },
                artikel="2.11",
                url=reverse("meldingen:meldcode_detail", args=[d.pk]),
            )
        )
    return taken


def _mededelingen(user) -> list[Taak]:
    """Art. 9.1: a draft statement is released once the communication officer of every partner
    involved approved it; it waits on the user while a partner the user approves for
    (toegang.communicatie_organisaties, toegang.mag_goedkeuren) has not."""
    partners = toegang.communicatie_organisaties(user)
    if not partners:
        return []
    wacht = Mededeling.partners.through.objects.filter(
        mededeling=OuterRef("pk"), organisatie__in=partners
    ).filter(
        ~Exists(
            Goedkeuring.objects.filter(
                mededeling=OuterRef("mededeling"), organisatie=OuterRef("organisatie")
            )
        )
    )
    return [
        Taak(
            soort="mededeling",
            sleutel=f"mededeling:{m.pk}",
            wat=_("Approve the statement about the %(melding)s") % {"melding": _naam(m.melding)},
            artikel="9.1",
            url=reverse("meldingen:mededeling", args=[m.pk]),
        )
        for m in Mededeling.objects.visible_to(user)
        .filter(Exists(wacht), vrijgegeven_op__isnull=True)
        .select_related("melding__school")
        .order_by("opgesteld_op", "pk")
    ]
