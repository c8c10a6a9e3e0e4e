"""The writes that touch more than one record, each in one atomic function with keyword-only
arguments. Views validate their forms, call one of these and show the result; nothing else
writes these records (HackSoft's services)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from meldingen import regels
from meldingen.mededelingen import Goedkeuring, Mededeling, ontbrekende_goedkeuringen
from meldingen.meldcode import MeldcodeDossier, MeldcodeStap
from meldingen.models import Heropening, Melding, Politiemelding, PolitieStatus


@transaction.atomic
def politiestatus_toevoegen(
    *, melding: Melding, door, status: str, uitkomst: str = "", pv_datum=None, notitie: str = ""
) -> PolitieStatus:
    """Append a step to the police follow-up (art. 3.2, 3.4). The incident's row is locked, so
    two steps sent at the same moment are checked one after the other against the transition
    table (PolitieStatus.clean); a step the table refuses raises ValidationError."""
    Melding.objects.select_for_update().filter(pk=melding.pk).exists()
    stap = PolitieStatus(
        melding=melding,
        door=door,
        status=status,
        uitkomst=uitkomst,
        pv_datum=pv_datum,
        notitie=notitie,
    )
    stap.full_clean()
    stap.save()
    if status != PolitieStatus.Status.GEMELD:
        _meld_politiestap(melding, stap)
    return stap


def _meld_politiestap(melding: Melding, stap: PolitieStatus) -> None:
    """Issue 14, art. 3.2: the school hears at once that the police moved its report on: who
    recorded the incident and who reported it to the police, as long as they can see it. The
    message names the step, not its notes (art. 8: the e-mail leaves the application)."""
    from berichten.diensten import gebeurtenis
    from meldingen.weergave import naam_in_bericht

    melders = {melding.vastgelegd_door_id} | set(
        melding.politiestatussen.filter(status=PolitieStatus.Status.GEMELD).values_list(
            "door", flat=True
        )
    )
    from partijen.models import Gebruiker

    ontvangers = [
        g
        for g in Gebruiker.objects.filter(pk__in=melders - {stap.door_id}, is_active=True)
        if Melding.objects.visible_to(g).filter(pk=melding.pk).exists()
    ]
    with translation.override(settings.LANGUAGE_CODE):
        wat = _("The police recorded a step on the %(melding)s: %(stap)s") % {
            "melding": naam_in_bericht(melding),
            "stap": stap.get_status_display(),
        }
    gebeurtenis(
        ontvangers=ontvangers,
        soort="politiestap",
        sleutel=f"politiestatus:{stap.pk}",
        moment="gezet",
        wat=wat,
        artikel="3.2",
        url=reverse("meldingen:detail", args=[melding.pk]),
    )


def _meld_politie(melding: Melding) -> None:
    """Art. 3.2: the police contacts of the school hear of a new report at once: their own
    scan runs when the transaction commits, instead of at the next hourly one."""
    from berichten import wachtrij
    from berichten.tasks import scan_gebruikers
    from partijen.models import Rol, Roltoewijzing

    ids = list(
        Roltoewijzing.objects.actief_op(timezone.localdate())
        .filter(
            rol=Rol.POLITIE_CONTACTPERSOON,
            school=melding.school_id,
            persoon__gebruiker__isnull=False,
        )
        .values_list("persoon__gebruiker", flat=True)
    )
    if ids:
        wachtrij.plaats(scan_gebruikers, ids)


@transaction.atomic
def politiemelding_vastleggen(
    *,
    melding: Melding,
    gebruiker,
    datum,
    soort: str,
    door: str,
    referentie: str = "",
    anoniem: bool = False,
    reden_persoonsgegevens: str = "",
) -> Politiemelding:
    """Record the school's report to the police (art. 2.4-2.6) with its final response day,
    counted in working days from the report (art. 3.2, regels.uiterste_reactiedatum), and the
    follow-up's first step, "reported", by the user who records it."""
    categorieen = list(melding.categorieen.select_related("bovenliggend"))
    politiemelding = Politiemelding(
        melding=melding,
        datum=datum,
        soort=soort,
        door=door,
        referentie=referentie,
        anoniem=anoniem,
        reden_persoonsgegevens=reden_persoonsgegevens,
        reactie_uiterlijk=regels.uiterste_reactiedatum(datum, regels.reactietermijn(categorieen)),
    )
    politiemelding.full_clean()
    politiemelding.save()
    politiestatus_toevoegen(melding=melding, door=gebruiker, status=PolitieStatus.Status.GEMELD)
    _meld_politie(melding)
    return politiemelding


@transaction.atomic
def melding_afsluiten(*, melding: Melding) -> None:
    """Close an incident. Art. 2.4, 2.5, 2.10: one the police must know of stays open until the
    police report is recorded (regels.bezwaren_tegen_afsluiten); the objections are raised as
    a ValidationError. A new version, so an edit form opened before the closing does not save."""
    bezwaren = regels.bezwaren_tegen_afsluiten(
        melding.categorieen.all(), hasattr(melding, "politiemelding")
    )
    if bezwaren:
        raise ValidationError(bezwaren)
    melding.status = Melding.Status.AFGESLOTEN
    melding.afgesloten_op = timezone.now()
    melding.versie += 1
    melding.save(update_fields=["status", "afgesloten_op", "versie"])


@transaction.atomic
def melding_heropenen(*, melding: Melding, door, reden: str) -> Heropening:
    """Open a closed incident again; the reason is kept with who gave it and shown."""
    heropening = Heropening.objects.create(melding=melding, reden=reden, door=door)
    melding.status = Melding.Status.OPEN
    melding.afgesloten_op = None
    melding.versie += 1
    melding.save(update_fields=["status", "afgesloten_op", "versie"])
    return heropening


@transaction.atomic
def meldcode_stap_vastleggen(
    *,
    dossier: MeldcodeDossier,
    door,
    stap: int,
    datum,
    eigen_waarnemingen: str = "",
    van_anderen: str = "",
    notitie: str = "",
    veilig_thuis_geraadpleegd: bool = False,
    politie_geraadpleegd: bool = False,
    beslissing: str = "",
) -> MeldcodeStap:
    """Record a step of the meldcode (art. 2.11). The decision of step 5 (organise help, report
    to Veilig Thuis, or unfounded) closes the record."""
    vastgelegd = MeldcodeStap.objects.create(
        dossier=dossier,
        door=door,
        stap=stap,
        datum=datum,
        eigen_waarnemingen=eigen_waarnemingen,
        van_anderen=van_anderen,
        notitie=notitie,
        veilig_thuis_geraadpleegd=veilig_thuis_geraadpleegd,
        politie_geraadpleegd=politie_geraadpleegd,
        beslissing=beslissing,
    )
    if stap == MeldcodeStap.Stap.BESLISSEN:
        dossier.afgesloten_op = timezone.now()
        dossier.save(update_fields=["afgesloten_op"])
    return vastgelegd


@transaction.atomic
def mededeling_goedkeuren(*, mededeling: Mededeling, organisatie, door) -> None:
    """Art. 9.1: a partner's communication officer approves a statement; it is released when
    the last partner involved has approved, once (an approval arriving at the same moment
    changes nothing)."""
    Goedkeuring.objects.get_or_create(
        mededeling=mededeling, organisatie=organisatie, defaults={"door": door}
    )
    ontbreekt = ontbrekende_goedkeuringen(
        set(mededeling.partners.values_list("pk", flat=True)),
        set(mededeling.goedkeuringen.values_list("organisatie", flat=True)),
    )
    if not ontbreekt:
        Mededeling.objects.filter(pk=mededeling.pk, vrijgegeven_op__isnull=True).update(
            vrijgegeven_op=timezone.now()
        )
