"""The writes of the meeting structure that touch more than one model, each in one transaction.

The views check who may do it (overleggen.toegang) and validate the input with their forms;
these functions only write, so every path that plans or records a meeting writes the same.
"""

from django.db import transaction

from overleggen.models import Actiepunt, Overleg


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
