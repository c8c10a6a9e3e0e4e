"""Weekly compliance reminders to the safety managers (art. 4, 6.3): which required meetings in
their area are late or still to be planned. Sent at most once a week per person."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from overleggen import naleving
from overleggen.models import Herinnering

AANDACHT = {
    naleving.Nalevingsstatus.TE_LAAT,
    naleving.Nalevingsstatus.IN_TE_PLANNEN,
    naleving.Nalevingsstatus.GEEN_AFSPRAAK,
}


def ontvangers():
    """Users with an active veiligheidsmanager assignment and an e-mail address."""
    from partijen import regels as partijregels
    from partijen.models import Gebruiker, Rol, Roltoewijzing

    ids = Roltoewijzing.objects.filter(
        partijregels.actief_q(timezone.localdate()),
        rol=Rol.VEILIGHEIDSMANAGER,
        persoon__gebruiker__isnull=False,
    ).values("persoon__gebruiker")
    return Gebruiker.objects.filter(pk__in=ids, is_active=True).exclude(email="")


def aandachtspunten(gebruiker) -> list:
    from partijen.models import School

    rijen = naleving.dashboard(timezone.localdate().year, School.objects.visible_to(gebruiker))
    return [r for r in rijen if r.cel.status in AANDACHT or r.cel.niet_bevestigd]


def _tekst(punten) -> str:
    regels = [
        f"- {r.vorm.naam} ({r.bereik or 'stad'}): {r.cel.label}"
        + (f", {r.cel.niet_bevestigd} niet bevestigd" if r.cel.niet_bevestigd else "")
        for r in punten
    ]
    url = settings.SITE_URL.rstrip("/") + reverse("overleggen:naleving")
    return (
        "Goedemorgen,\n\nDeze overleggen uit het convenant Veiligheid op scholen vragen "
        "aandacht:\n\n" + "\n".join(regels) + f"\n\nNaleving overleggen: {url}\n"
    )


def stuur(*, proef: bool = False) -> int:
    """Send this week's reminders; returns how many were (or, with proef, would be) sent."""
    jaar, week, _dag = timezone.localdate().isocalendar()
    periode = f"{jaar}-W{week:02d}"
    verzonden = 0
    for gebruiker in ontvangers():
        punten = aandachtspunten(gebruiker)
        if not punten:
            continue
        if proef:
            verzonden += 1
            continue
        try:
            with transaction.atomic():
                claim = Herinnering.objects.create(gebruiker=gebruiker, week=periode)
        except IntegrityError:
            continue  # already sent this week (or being sent by a parallel run)
        # The covenant's working language, whatever the worker's locale.
        with translation.override(settings.LANGUAGE_CODE):
            send_mail("Overleggen die aandacht vragen", _tekst(punten), None, [gebruiker.email])
        claim.verzonden_op = timezone.now()
        claim.save(update_fields=["verzonden_op"])
        verzonden += 1
    return verzonden
