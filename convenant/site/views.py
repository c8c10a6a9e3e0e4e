"""The shell's pages: the home page ("Te doen"), what the covenant asks of the user, and the meeting structure (the covenant's articles 5-7 as overleggen models
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
    """What is due for the user first ("Te doen", issue 14), the covenant's term for its
    keepers; what the covenant asks of each role is one click away (`mijn_rol`). An account
    without a role is told what is missing and whom to ask."""
    if settings.BERICHTEN_SCAN_BIJ_OPENEN:
        from berichten.diensten import scan_gebruiker

        scan_gebruiker(request.user)
    ontbreekt = wat_ontbreekt(request.user)
    vandaag = timezone.localdate()
    context = {
        # Issue 14: what is due for this user, from every app's own computation.
        "taken": te_doen.voor(request.user, vandaag),
        "ontbreekt": ontbreekt,
        "beheerders": aanspreekpunten() if ontbreekt else [],
        "today": vandaag,
        # The register keepers keep the covenant's life: its term is their first card.
        "looptijd": views_leven.vooruitblik(actueel_convenant(), vandaag)
        if toegang.mag_looptijd_bijhouden(request.user)
        else "",
    }
    return render(request, "convenant/home.html", context)


@login_required
def mijn_rol(request):
    """What the covenant asks of the user: one section per role the user holds today, the
    meetings the covenant names the user in, the partners, the meeting structure and the
    articles (the home page's reference content before issue 14)."""
    convenant = actueel_convenant()
    rollen = toegang.rollen_op_volgorde(request.user)
    beschrijvingen = {
        b.rol: b
        for b in Rolbeschrijving.objects.filter(
            convenant=convenant, rol__in=rollen
        ).prefetch_related(Prefetch("leden", queryset=Lid.objects.select_related("artikel")))
    }
    overlegvormen = list(Overlegvorm.objects.all())
    context = {
        "convenant": convenant,
        "rollen": [{"rol": r, "beschrijving": beschrijvingen.get(r)} for r in rollen],
        "mijn_overlegvormen": [
            v for v in overlegvormen if any(v.neemt_deel(rol) for rol in rollen)
        ],
        "overlegvormen": overlegvormen,
        "ondertekeningen": ondertekeningen_van(convenant),
        "artikelen": convenant.artikelen.all(),
    }
    return render(request, "convenant/mijn_rol.html", context)


@login_required
def overlegstructuur(request):
    return render(
        request,
        "convenant/overlegstructuur.html",
        {"convenant": actueel_convenant(), "overlegvormen": Overlegvorm.objects.all()},
    )
