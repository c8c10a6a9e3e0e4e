"""What is due in the covenant's own life (issue 14): for the register keepers, the end of the
term within a year without an extension (art. 10.3) and amendments that still lack consents
(art. 11.3); for a partner's bestuurder, its own consent to an amendment."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from convenant import regels, toegang
from convenant.lidmaatschap import instemming_nodig_voor, inwerkingtreding, leden_per_partner
from convenant.models import Convenant
from partijen.rollen import Rol, huidige_toewijzingen
from partijen.te_doen import Taak


def voor(user, vandaag: date) -> list[Taak]:
    houdt_bij = toegang.mag_looptijd_bijhouden(user)
    besturen = {
        t.organisatie_id
        for t in huidige_toewijzingen(user)
        if t.rol == Rol.BESTUURDER and t.organisatie_id
    }
    if not houdt_bij and not besturen:
        return []
    convenant = Convenant.objects.actueel()
    if convenant is None:
        return []
    taken = []
    einde = convenant.looptijd()[1]
    # Art. 10.3: a year before the end, the extension needs its evaluation and decision.
    if houdt_bij and einde and vandaag <= einde < regels.jubileum(vandaag, 1):
        taken.append(
            Taak(
                soort="looptijd",
                sleutel=f"convenant:{convenant.pk}:{einde.isoformat()}",
                wat=_(
                    "The term ends on %(datum)s: an extension rests on an evaluation and a "
                    "decision of the partners"
                )
                % {"datum": einde.strftime("%d-%m-%Y")},
                artikel="10.3",
                url=reverse("convenant:looptijd"),
                uiterlijk=einde,
            )
        )
    # Art. 11.3: an amendment takes effect only with every partner's written consent.
    leden = leden_per_partner(convenant)
    for w in convenant.wijzigingen.prefetch_related("instemmingen"):
        if inwerkingtreding(w, leden) is not None:
            continue
        ontbreekt = instemming_nodig_voor(w) - {i.organisatie_id for i in w.instemmingen.all()}
        if houdt_bij and ontbreekt:
            taken.append(
                Taak(
                    soort="instemmingen",
                    sleutel=f"wijziging:{w.pk}",
                    wat=_("%(n)d partners have not yet consented to “%(wat)s”")
                    % {"n": len(ontbreekt), "wat": w.omschrijving},
                    artikel="11.3",
                    url=reverse("convenant:wijziging", args=[w.pk]),
                    uiterlijk=w.ingangsdatum,
                )
            )
        if besturen & ontbreekt:
            taken.append(
                Taak(
                    soort="instemming_bestuur",
                    sleutel=f"wijziging:{w.pk}",
                    wat=_("Your board's written consent to the amendment “%(wat)s”")
                    % {"wat": w.omschrijving},
                    artikel="11.3",
                    url=reverse("convenant:wijziging", args=[w.pk]),
                    uiterlijk=w.ingangsdatum,
                )
            )
    return taken
