"""The shell's pages: the home page, which shows the covenant, the user's meetings and action
points together, and the meeting structure (the covenant's articles 5-7 as overleggen models
them)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone

from convenant import toegang, views_leven, views_publiek
from convenant.models import Lid, Rolbeschrijving
from convenant.site import te_doen
from convenant.views import actueel_convenant, ondertekeningen_van
from overleggen.models import Overlegvorm
from partijen.toegang import aanspreekpunten, wat_ontbreekt


def home(request):
    """The site's root: a signed-in user's home page of their role; for anyone else the public
    front page, so a parent who types the site's address finds the parents' pages."""
    if not request.user.is_authenticated:
        return views_publiek.voorpagina(request)
    return _home(request)


def _home(request):
    """One section per role the user holds today, with what the covenant asks of it; an
    account without a role is told what is missing and whom to ask."""
    if settings.BERICHTEN_SCAN_BIJ_OPENEN:
        from berichten.diensten import scan_gebruiker

        scan_gebruiker(request.user)
    convenant = actueel_convenant()
    rollen = toegang.rollen_op_volgorde(request.user)
    beschrijvingen = {
        b.rol: b
        for b in Rolbeschrijving.objects.filter(
            convenant=convenant, rol__in=rollen
        ).prefetch_related(Prefetch("leden", queryset=Lid.objects.select_related("artikel")))
    }
    ontbreekt = wat_ontbreekt(request.user)
    overlegvormen = list(Overlegvorm.objects.all())
    context = {
        "convenant": convenant,
        # Issue 14: what is due for this user, from every app's own computation.
        "taken": te_doen.voor(request.user, timezone.localdate()),
        "rollen": [{"rol": r, "beschrijving": beschrijvingen.get(r)} for r in rollen],
        "ontbreekt": ontbreekt,
        "beheerders": aanspreekpunten() if ontbreekt else [],
        "mijn_overlegvormen": [
            v for v in overlegvormen if any(v.neemt_deel(rol) for rol in rollen)
        ],
        "overlegvormen": overlegvormen,
        "ondertekeningen": ondertekeningen_van(convenant),
        "artikelen": convenant.artikelen.all(),
        "today": timezone.localdate(),
        # The register keepers keep the covenant's life: its term is their first card.
        "looptijd": views_leven.vooruitblik(convenant, timezone.localdate())
        if toegang.mag_looptijd_bijhouden(request.user)
        else "",
    }
    return render(request, "convenant/home.html", context)


@login_required
def overlegstructuur(request):
    return render(
        request,
        "convenant/overlegstructuur.html",
        {"convenant": actueel_convenant(), "overlegvormen": Overlegvorm.objects.all()},
    )
