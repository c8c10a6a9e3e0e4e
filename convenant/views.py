from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from convenant import regels, toegang
from convenant.models import Convenant, Lid


def actueel_convenant() -> Convenant:
    """The covenant in force; 404 before it is loaded."""
    convenant = Convenant.objects.actueel()
    if convenant is None:
        # Only before `manage.py laad_convenant` has run; say so rather than fail.
        raise Http404("Het convenant is nog niet geladen.")
    return convenant


def _artikelen(convenant):
    return convenant.artikelen.prefetch_related(
        Prefetch("leden", queryset=Lid.objects.select_related("artikel"))
    )


def ondertekeningen_van(convenant):
    return convenant.ondertekeningen.select_related("organisatie")


@login_required
def tekst(request):
    convenant = actueel_convenant()
    return render(
        request,
        "convenant/tekst.html",
        {"convenant": convenant, "artikelen": _artikelen(convenant)},
    )


@login_required
def partners(request):
    convenant = actueel_convenant()
    ondertekeningen = list(ondertekeningen_van(convenant))
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
def communicatieparagraaf(request):
    """Art. 9.2: the register keepers record the agreed communication paragraph; every
    version is kept and shown."""
    from convenant.forms import CommunicatieparagraafForm
    from partijen.geschiedenis import wijzigingen

    if not toegang.mag_communicatieparagraaf_bewerken(request.user):
        raise Http404
    convenant = actueel_convenant()
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
