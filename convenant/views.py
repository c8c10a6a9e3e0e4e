from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from convenant import regels, toegang, views_publiek
from convenant.models import Convenant, Lid, Rolbeschrijving
from overleggen.models import Actiepunt, Overlegvorm
from partijen.toegang import aanspreekpunten, wat_ontbreekt


def _convenant() -> Convenant:
    convenant = Convenant.objects.actueel()
    if convenant is None:
        # Only before `manage.py laad_convenant` has run; say so rather than fail.
        raise Http404("Het convenant is nog niet geladen.")
    return convenant


def _artikelen(convenant):
    return convenant.artikelen.prefetch_related(
        Prefetch("leden", queryset=Lid.objects.select_related("artikel"))
    )


def _ondertekeningen(convenant):
    return convenant.ondertekeningen.select_related("organisatie")


def home(request):
    """The site's root: a signed-in user's home page of their role; for anyone else the public
    front page, so a parent who types the site's address finds the parents' pages."""
    if not request.user.is_authenticated:
        return views_publiek.voorpagina(request)
    return _home(request)


def _home(request):
    """One section per role the user holds today, with what the covenant asks of it; an
    account without a role is told what is missing and whom to ask."""
    convenant = _convenant()
    rollen = toegang.rollen_op_volgorde(request.user)
    beschrijvingen = {
        b.rol: b
        for b in Rolbeschrijving.objects.filter(
            convenant=convenant, rol__in=rollen
        ).prefetch_related(Prefetch("leden", queryset=Lid.objects.select_related("artikel")))
    }
    ontbreekt = wat_ontbreekt(request.user)
    overlegvormen = list(Overlegvorm.objects.all())
    # Open action points carry over until done and show on their owner's home page.
    actiepunten = (
        Actiepunt.objects.filter(eigenaar__gebruiker=request.user, afgerond_op__isnull=True)
        .select_related("overleg__vorm")
        .order_by("deadline")[:20]
    )
    context = {
        "convenant": convenant,
        "rollen": [{"rol": r, "beschrijving": beschrijvingen.get(r)} for r in rollen],
        "ontbreekt": ontbreekt,
        "beheerders": aanspreekpunten() if ontbreekt else [],
        "mijn_overlegvormen": [
            v for v in overlegvormen if any(v.neemt_deel(rol) for rol in rollen)
        ],
        "overlegvormen": overlegvormen,
        "ondertekeningen": _ondertekeningen(convenant),
        "artikelen": convenant.artikelen.all(),
        "actiepunten": actiepunten,
        "today": timezone.localdate(),
    }
    return render(request, "convenant/home.html", context)


@login_required
def tekst(request):
    convenant = _convenant()
    return render(
        request,
        "convenant/tekst.html",
        {"convenant": convenant, "artikelen": _artikelen(convenant)},
    )


@login_required
def partners(request):
    convenant = _convenant()
    ondertekeningen = list(_ondertekeningen(convenant))
    begin, einde = regels.looptijd([o.datum for o in ondertekeningen], convenant.looptijd_jaren)
    return render(
        request,
        "convenant/partners.html",
        {
            "convenant": convenant,
            "oorspronkelijk": [o for o in ondertekeningen if not o.toetreding],
            "toetredingen": [o for o in ondertekeningen if o.toetreding],
            "begin": begin,
            "einde": einde,
            "verstreken": einde and regels.looptijd_verstreken(einde, timezone.localdate()),
        },
    )


@login_required
def overlegstructuur(request):
    return render(
        request,
        "convenant/overlegstructuur.html",
        {"convenant": _convenant(), "overlegvormen": Overlegvorm.objects.all()},
    )


@login_required
def communicatieparagraaf(request):
    """Art. 9.2: the register keepers record the agreed communication paragraph; every
    version is kept and shown."""
    from convenant.forms import CommunicatieparagraafForm
    from partijen.geschiedenis import wijzigingen

    if not toegang.mag_communicatieparagraaf_bewerken(request.user):
        raise Http404
    convenant = _convenant()
    form = CommunicatieparagraafForm(request.POST or None, instance=convenant)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The communication paragraph has been saved."))
        return redirect("convenant:communicatieparagraaf")
    return render(
        request,
        "convenant/communicatieparagraaf.html",
        {
            "form": form,
            "convenant": convenant,
            "geschiedenis": wijzigingen(convenant.history.all()),
        },
    )
