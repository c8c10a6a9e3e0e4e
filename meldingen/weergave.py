"""Helpers the incident views share: which incidents a user sees, and the detail page
(rendered again with a bound form when an action on it has errors). Who may do what on it is
meldingen.toegang."""

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone

from meldingen import regels, toegang
from meldingen.forms import (
    BijlageForm,
    HeropenenForm,
    PolitiemeldingForm,
    PolitienotitieForm,
    PolitieStatusForm,
)
from meldingen.geschiedenis import wijzigingen_van
from meldingen.models import Categorie, Inzage, Melding, PolitieStatus


def zichtbaar(request):
    return (
        Melding.objects.visible_to(request.user)
        .met_politiestatus()
        .met_vertrouwelijkheid()
        .select_related("school", "politiemelding")
        .prefetch_related(
            Prefetch("categorieen", queryset=Categorie.objects.select_related("bovenliggend"))
        )
    )


def toon_detail(
    request,
    melding,
    politie_form=None,
    status_form=None,
    notitie_form=None,
    bijlage_form=None,
    heropen_form=None,
):
    user = request.user
    politie = getattr(melding, "politiemelding", None)
    toon_personen = toegang.ziet_personen(user, melding)
    if toon_personen:
        Inzage.objects.create(melding=melding, gebruiker=request.user)
    categorieen = list(melding.categorieen.all())
    dag = timezone.localtime(melding.tijdstip).date()
    betrokkenen = list(melding.betrokkenen.all()) if toon_personen else []
    # A suspension or an opened locker tells what happened to a student: people data too.
    maatregelen = list(melding.maatregelen.all()) if toon_personen else []
    vandaag = timezone.localdate()
    for b in betrokkenen:
        # Offered only when the parents could be informed today; the form checks the date
        # actually entered.
        b.ouders_mogelijk = regels.ouders_informeren_toegestaan(
            b.soort, dag, b.geboortedatum, b.leeftijd, op=vandaag
        )
        b.minderjarig = regels.minderjarig_op(dag, b.geboortedatum, b.leeftijd)
    mag_bewerken = toegang.mag_bewerken(user, melding)
    verplicht = bool(regels.politie_verplicht(categorieen))
    is_politie = toegang.volgt_op_als_politie(user, melding)
    huidig = melding.politiestatus or PolitieStatus.Status.GEMELD
    stap_formulieren = (
        PolitieStatusForm.per_stap(huidig, gebonden=status_form) if is_politie else []
    )
    if is_politie and notitie_form is None:
        notitie_form = PolitienotitieForm(minderjarige_leerling=ouders_bespreken_mogelijk(melding))
    return render(
        request,
        "meldingen/detail.html",
        {
            "melding": melding,
            "categorieen": categorieen,
            "plichten": regels.plichten(categorieen, maatregelen),
            "betrokkenen": betrokkenen,
            "toon_personen": toon_personen,
            "maatregelen": maatregelen,
            "politiemelding": politie,
            "politie_form": politie_form
            or (
                PolitiemeldingForm(verplicht=verplicht, melding=melding)
                if mag_bewerken and not politie and melding.status == Melding.Status.OPEN
                else None
            ),
            "bezwaren": regels.bezwaren_tegen_afsluiten(categorieen, politie is not None),
            "mag_bewerken": mag_bewerken,
            "mededelingen": melding.mededelingen.all(),
            "mededeling_mogelijk": toegang.mag_mededeling_opstellen(user, melding),
            "bijlagen": melding.bijlagen.all() if toon_personen else [],
            "bijlage_form": bijlage_form or (BijlageForm() if mag_bewerken else None),
            "meldcode_mogelijk": regels.meldcode_route(categorieen)
            and toegang.mag_meldcode_openen_bij(user, melding),
            "statussen": melding.politiestatussen.select_related("door") if politie else [],
            "notities": melding.politienotities.select_related("door") if politie else [],
            "status_form": status_form,
            "stap_formulieren": stap_formulieren,
            "notitie_form": notitie_form,
            "mag_delen": toegang.mag_delen(user, melding) and not melding.gedeeld_met_coordinator,
            "heropen_form": heropen_form
            or (
                HeropenenForm()
                if mag_bewerken and melding.status == Melding.Status.AFGESLOTEN
                else None
            ),
            "heropeningen": melding.heropeningen.select_related("door") if mag_bewerken else [],
            "geschiedenis": wijzigingen_van(melding) if mag_bewerken else None,
            "inzages": melding.inzages.select_related("gebruiker")[:50]
            if toegang.ziet_inzages(user, melding)
            else None,
        },
    )


def ouders_bespreken_mogelijk(melding) -> bool:
    """Art. 3.5 with art. 2.6: the police note offers "discussed with the parents" only when a
    student involved may have their parents informed, and never on an anonymous report: the
    option alone would tell the police that a minor is involved."""
    politie = getattr(melding, "politiemelding", None)
    if politie is not None and politie.anoniem:
        return False
    dag = timezone.localtime(melding.tijdstip).date()
    return any(
        regels.ouders_informeren_toegestaan(
            b.soort, dag, b.geboortedatum, b.leeftijd, op=timezone.localdate()
        )
        for b in melding.betrokkenen.all()
    )


def naam_in_bericht(melding) -> str:
    """An incident named by its school and day, for a due item or a message: its description
    may hold names (art. 8), and a message leaves the application."""
    from django.utils import timezone
    from django.utils.translation import gettext as _

    return _("incident of %(dag)s at %(school)s") % {
        "dag": timezone.localtime(melding.tijdstip).strftime("%d-%m-%Y"),
        "school": melding.school.naam,
    }
