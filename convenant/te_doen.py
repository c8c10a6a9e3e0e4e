"""What is due in the covenant's own life (issue 14): for the register keepers, the end of the
term within a year without an extension or its evaluation (art. 10.3), a partner leaving after
its notice within three months (art. 10.2) and amendments that still lack consents (art. 11.3);
for a partner's bestuurder, its own consent to an amendment."""

from datetime import date

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from convenant import regels, toegang
from convenant.lidmaatschap import instemming_nodig_voor, inwerkingtreding, leden_per_partner
from convenant.models import Convenant, Verlenging
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
    if houdt_bij:
        taken += _looptijd(convenant, vandaag)
    leden = leden_per_partner(convenant)
    if houdt_bij:
        taken += _opzeggingen(convenant, leden, vandaag)
    # Art. 11.3: an amendment takes effect only with every partner's written consent.
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


def looptijd_stap(einde: date, vandaag: date) -> str | None:
    """Art. 10.3: the covenant "kan op basis van evaluatie worden verlengd met telkens 1 jaar".
    An extension needs an evaluation and the partners' decision before the term's last day
    (`einde`), so its end is announced a year, six months and three months before it: "12m",
    "6m" or "3m" (less than that many months left, by the anniversary rule of regels), None
    outside the last year or after the end."""
    if not vandaag <= einde < regels.jubileum(vandaag, 1):
        return None
    if einde < regels.maanden_later(vandaag, 3):
        return "3m"
    if einde < regels.maanden_later(vandaag, 6):
        return "6m"
    return "12m"


def _looptijd(convenant, vandaag: date) -> list[Taak]:
    """Art. 10.3: the term's end (with every extension decided so far: a recorded extension
    moves it) within a year, due while no evaluation for the extension covers it: a round of
    the extension kind opened after the last decision to extend, on or before the end."""
    einde = convenant.looptijd()[1]
    stap = looptijd_stap(einde, vandaag) if einde else None
    if stap is None:
        return []
    # The round is read through the extension's own field: the covenant's domain imports no
    # app that reads it (tests/project/test_afhankelijkheden.py).
    Ronde = Verlenging._meta.get_field("evaluatieronde").related_model
    rondes = Ronde.objects.filter(
        convenant=convenant, soort=Ronde.Soort.VERLENGING, geopend_op__lte=einde
    )
    laatste_besluit = convenant.verlengingen.aggregate(laatste=Max("besloten_op"))["laatste"]
    if laatste_besluit is not None:
        rondes = rondes.filter(geopend_op__gt=laatste_besluit)
    if rondes.exists():
        return []
    return [
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
            stap=stap,
        )
    ]


def _opzeggingen(convenant, leden, vandaag: date) -> list[Taak]:
    """Art. 10.2: a partner that gave notice leaves after its notice period (or at once, with
    every other partner's consent): its last day as a partner (convenant.lidmaatschap) within
    three months is due for the register keepers, by that day, so the register and the
    partners' pages are ready for it."""
    vertrekkend = {
        p
        for p, (_begin, einde) in leden.items()
        if einde and vandaag <= einde < regels.maanden_later(vandaag, 3)
    }
    if not vertrekkend:
        return []
    taken = []
    for o in convenant.opzeggingen.filter(organisatie__in=vertrekkend).select_related(
        "organisatie"
    ):
        einde = leden[o.organisatie_id][1]
        taken.append(
            Taak(
                soort="opzegging",
                sleutel=f"opzegging:{o.pk}",
                wat=_(
                    "%(partner)s leaves the covenant after its notice of %(opgezegd)s: its "
                    "last day as a partner is %(datum)s"
                )
                % {
                    "partner": o.organisatie.naam,
                    "opgezegd": o.datum.strftime("%d-%m-%Y"),
                    "datum": einde.strftime("%d-%m-%Y"),
                },
                artikel="10.2",
                url=reverse("convenant:looptijd"),
                uiterlijk=einde,
            )
        )
    return taken
