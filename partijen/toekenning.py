"""Saving role assignments: the one place where a role is granted, changed or ended.

Forms, the import and the admin all save through `toewijzing_opslaan`, so the rule that nobody
assigns a role to their own person and the log of grants cannot be bypassed by a second path.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partijen import regels
from partijen.models import Roltoewijzing, Toegangswijziging

EIGEN_PERSOON_FOUT = _(
    "You cannot assign or change a role for yourself. Ask another register keeper to do this."
)


def controleer_niet_eigen(toewijzing, *, door) -> None:
    """Refuse an assignment whose person (before or after the change) is the user's own."""
    personen = {toewijzing.persoon_id}
    if toewijzing.pk:
        personen |= set(
            Roltoewijzing.objects.filter(pk=toewijzing.pk).values_list("persoon_id", flat=True)
        )
    if any(regels.eigen_persoon(p, door) for p in personen):
        raise ValidationError({"persoon": EIGEN_PERSOON_FOUT})


def _soort(oud, nieuw):
    S = Toegangswijziging.Soort
    if oud is None:
        return S.TOEGEKEND
    if nieuw.ingetrokken_op or (
        (oud.rol, oud.persoon_id, oud.school_id, oud.overleggebied_id, oud.begin)
        == (nieuw.rol, nieuw.persoon_id, nieuw.school_id, nieuw.overleggebied_id, nieuw.begin)
        and nieuw.einde is not None
        and (oud.einde is None or nieuw.einde < oud.einde)
    ):
        return S.BEEINDIGD
    return S.GEWIJZIGD


@transaction.atomic
def toewijzing_opslaan(toewijzing, *, door, beeindigen=False):
    """Save an assignment made by `door` (a signed-in user) and log it when its role opens
    personal data. With `beeindigen`, an end date of today withdraws the access at once."""
    controleer_niet_eigen(toewijzing, door=door)
    oud = Roltoewijzing.objects.filter(pk=toewijzing.pk).first() if toewijzing.pk else None
    if (
        beeindigen
        and toewijzing.einde
        and regels.beeindigen_werkt_direct(toewijzing.einde, timezone.localdate())
    ):
        toewijzing.ingetrokken_op = timezone.now()
    toewijzing.save()
    if regels.opent_persoonsgegevens(toewijzing.rol) or (
        oud is not None and regels.opent_persoonsgegevens(oud.rol)
    ):
        Toegangswijziging.objects.create(
            soort=_soort(oud, toewijzing),
            door=door,
            toewijzing=toewijzing,
            persoon_id=toewijzing.persoon_id,
            gebruiker_id=toewijzing.persoon.gebruiker_id,
            rol=toewijzing.rol,
            school_id=toewijzing.school_id,
            overleggebied_id=toewijzing.overleggebied_id,
            begin=toewijzing.begin,
            einde=toewijzing.einde,
        )
    return toewijzing


def recente_toekenningen(scholen, *, dagen=30):
    """Grants of roles that open personal data at these schools in the last days, for the
    school's coordinator to spot a grant nobody asked for."""
    sinds = timezone.now() - timedelta(days=dagen)
    return (
        Toegangswijziging.objects.filter(
            school__in=scholen,
            tijdstip__gte=sinds,
            soort__in=[Toegangswijziging.Soort.TOEGEKEND, Toegangswijziging.Soort.GEWIJZIGD],
        )
        .select_related("door", "persoon", "school")
        .order_by("-tijdstip")
    )
