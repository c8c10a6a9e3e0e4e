"""Helpers the incident views share: which incidents a user sees, who may act on one, and
the detail page (rendered again with a bound form when an action on it has errors)."""

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone

from meldingen import regels
from meldingen.forms import (
    BijlageForm,
    HeropenenForm,
    PolitiemeldingForm,
    PolitienotitieForm,
    PolitieStatusForm,
)
from meldingen.geschiedenis import wijzigingen_van
from meldingen.meldcode import MELDCODE_ROLLEN
from meldingen.models import Categorie, Inzage, Melding, PolitieStatus
from meldingen.querysets import (
    COORDINATOR,
    POLITIE,
    VERTROUWENSPERSOON,
    rollen_per_school,
)


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


def school_rollen(request, melding) -> set[str]:
    return rollen_per_school(request.user).get(melding.school_id, set())


def mag_acteren(request, melding) -> bool:
    """Who acts on an incident: edits it, closes and reopens it, records the police report,
    attachments and informed parents. The school's coordinator, and for a confidential report
    that has not been shared, only the school's contactpersonen vertrouwenszaken (art. 2.2,
    regels.bij_vertrouwenspersonen). Never the police, never another school: they read at most
    (and get a 404 here)."""
    rollen = school_rollen(request, melding)
    if melding.bij_vertrouwenspersonen:
        return VERTROUWENSPERSOON in rollen
    return bool(rollen & {COORDINATOR, VERTROUWENSPERSOON})


def mag_delen(request, melding) -> bool:
    """Art. 2.2: a contactpersoon vertrouwenszaken of the school may share a report that is
    still only theirs with the coordinator (regels.bij_vertrouwenspersonen)."""
    return melding.bij_vertrouwenspersonen and VERTROUWENSPERSOON in school_rollen(request, melding)


def persoonsgegevens(request, melding) -> tuple[str, ...]:
    """The personal data of the people involved (and the attachments) this user sees of this
    incident: art. 8 with art. 2.6, regels.zichtbare_persoonsgegevens."""
    return regels.zichtbare_persoonsgegevens(
        school_rollen(request, melding), getattr(melding, "politiemelding", None)
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
    rollen = school_rollen(request, melding)
    politie = getattr(melding, "politiemelding", None)
    toon_personen = bool(persoonsgegevens(request, melding))
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
    mag_bewerken = mag_acteren(request, melding)
    verplicht = bool(regels.politie_verplicht(categorieen))
    is_politie = POLITIE in rollen and politie is not None
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
            "mededeling_mogelijk": mag_bewerken and politie is not None,
            "bijlagen": melding.bijlagen.all() if toon_personen else [],
            "bijlage_form": bijlage_form or (BijlageForm() if mag_bewerken else None),
            "meldcode_mogelijk": regels.meldcode_route(categorieen)
            and bool(rollen & set(MELDCODE_ROLLEN)),
            "statussen": melding.politiestatussen.select_related("door") if politie else [],
            "notities": melding.politienotities.select_related("door") if politie else [],
            "status_form": status_form,
            "stap_formulieren": stap_formulieren,
            "notitie_form": notitie_form,
            "mag_delen": mag_delen(request, melding),
            "heropen_form": heropen_form
            or (
                HeropenenForm()
                if mag_bewerken and melding.status == Melding.Status.AFGESLOTEN
                else None
            ),
            "heropeningen": melding.heropeningen.select_related("door") if mag_bewerken else [],
            "geschiedenis": wijzigingen_van(melding) if mag_bewerken else None,
            "inzages": melding.inzages.select_related("gebruiker")[:50]
            if COORDINATOR in rollen or VERTROUWENSPERSOON in rollen
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
