"""The writes of the meeting structure that touch more than one model, each in one transaction.

The views check who may do it (overleggen.toegang) and validate the input with their forms;
these functions only write, so every path that plans or records a meeting writes the same.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from overleggen.models import Actiepunt, Overleg


def _nodig_uit(overleg, door) -> None:
    """Issue 14: the participants with an account hear of the meeting at once, with its
    calendar file; a meeting moved to another start is a new invitation."""
    from berichten.diensten import gebeurtenis

    start = timezone.localtime(overleg.start)
    with translation.override(settings.LANGUAGE_CODE):
        wat = _("Invitation: %(overleg)s on %(dag)s") % {
            "overleg": overleg.vorm.naam + (f" · {overleg.bereik}" if overleg.bereik else ""),
            "dag": start.strftime("%d-%m-%Y %H:%M"),
        }
    gebeurtenis(
        ontvangers=[
            p.gebruiker
            for p in overleg.deelnemers.select_related("gebruiker")
            if p.gebruiker_id and p.gebruiker_id != getattr(door, "pk", None)
        ],
        soort="uitnodiging",
        sleutel=f"overleg:{overleg.pk}",
        moment=f"gepland:{start.isoformat(timespec='minutes')}",
        wat=wat,
        artikel=overleg.vorm.artikel,
        url=reverse("overleggen:detail", args=[overleg.pk]),
        uiterlijk=start.date(),
    )


@transaction.atomic
def overleg_plannen(
    *,
    door,
    vorm,
    start,
    einde,
    deelnemers,
    school=None,
    overleggebied=None,
    wijk=None,
    locatie="",
    gastschool=None,
    voorzitter="",
    agenda="",
    verslag="",
    boven_maximum_reden="",
    al_gehouden=False,
) -> Overleg:
    """Plan a meeting of a kind for its scope and invite its participants (art. 5-7).

    A meeting recorded afterwards (`al_gehouden`) is held, and everyone invited was present.
    """
    overleg = Overleg.objects.create(
        vorm=vorm,
        school=school,
        overleggebied=overleggebied,
        wijk=wijk,
        start=start,
        einde=einde,
        locatie=locatie,
        gastschool=gastschool,
        voorzitter=voorzitter,
        agenda=agenda,
        verslag=verslag,
        boven_maximum_reden=boven_maximum_reden,
        status=Overleg.Status.GEHOUDEN if al_gehouden else Overleg.Status.GEPLAND,
        aangemaakt_door=door,
    )
    overleg.deelnemers.set(deelnemers)
    if al_gehouden:
        overleg.aanwezigen.set(deelnemers)
    else:
        _nodig_uit(overleg, door)
    return overleg


@transaction.atomic
def verslag_vastleggen(
    *, overleg, status, aanwezigen, verslag, besluiten, actiepunten=()
) -> Overleg:
    """Record how a meeting went: held, planned or cancelled, who was present, the short
    report and the decisions, and the new action points (each a dict of omschrijving,
    eigenaar and deadline)."""
    overleg.status = status
    overleg.verslag = verslag
    overleg.besluiten = besluiten
    overleg.save()
    overleg.aanwezigen.set(aanwezigen)
    for punt in actiepunten:
        Actiepunt.objects.create(
            overleg=overleg,
            omschrijving=punt["omschrijving"],
            eigenaar=punt["eigenaar"],
            deadline=punt["deadline"],
        )
    return overleg


@transaction.atomic
def actiepunt_afronden(*, actiepunt, op) -> bool:
    """Mark an action point done on a day; a second click (or a second tab) changes nothing.
    Returns whether this call marked it."""
    return bool(
        Actiepunt.objects.filter(pk=actiepunt.pk, afgerond_op__isnull=True).update(afgerond_op=op)
    )
