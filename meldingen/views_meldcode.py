"""The meldcode record (art. 2.11): for the school's aandachtsfunctionaris and coordinator."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from meldingen import diensten, toegang
from meldingen.forms import MeldcodeDossierForm, MeldcodeStapForm
from meldingen.meldcode import MeldcodeDossier, MeldcodeInzage, MeldcodeStap
from meldingen.models import Melding
from partijen import invoer
from partijen.models import School


def _scholen(user):
    return School.objects.filter(pk__in=toegang.meldcode_scholen(user))


@login_required
def dossier_lijst(request):
    if not toegang.ziet_meldcode(request.user):
        raise Http404
    dossiers = MeldcodeDossier.objects.visible_to(request.user).select_related("school")
    return render(request, "meldingen/meldcode_lijst.html", {"dossiers": dossiers})


@login_required
def dossier_nieuw(request):
    if not toegang.ziet_meldcode(request.user):
        raise Http404
    scholen = _scholen(request.user)
    melding = None
    if melding_id := invoer.lees_id(request.GET, "melding"):
        # Only an incident this user may see, at one of their schools.
        melding = (
            Melding.objects.visible_to(request.user)
            .filter(pk=melding_id, school__in=scholen)
            .first()
        )
    form = MeldcodeDossierForm(
        request.POST or None,
        scholen=scholen,
        initial={"school": melding.school_id if melding else None},
    )
    if request.method == "POST" and form.is_valid():
        dossier = form.save(commit=False)
        dossier.geopend_door = request.user
        dossier.melding = melding
        dossier.save()
        messages.success(request, _("The reporting code record has been opened."))
        return redirect("meldingen:meldcode_detail", pk=dossier.pk)
    return render(request, "meldingen/meldcode_nieuw.html", {"form": form, "melding": melding})


@login_required
def dossier_detail(request, pk):
    dossier = get_object_or_404(
        MeldcodeDossier.objects.visible_to(request.user).select_related("school"), pk=pk
    )
    MeldcodeInzage.objects.create(dossier=dossier, gebruiker=request.user)
    stappen = list(dossier.stappen.select_related("door"))
    gedaan = {s.stap for s in stappen}
    form = MeldcodeStapForm(
        request.POST or None,
        gedaan=gedaan,
        initial={
            "datum": timezone.localdate(),
            "stap": min(
                set(MeldcodeStap.Stap.values) - gedaan, default=MeldcodeStap.Stap.BESLISSEN
            ),
        },
    )
    if request.method == "POST" and not dossier.afgesloten_op and form.is_valid():
        diensten.meldcode_stap_vastleggen(dossier=dossier, door=request.user, **form.cleaned_data)
        messages.success(request, _("The step has been recorded."))
        return redirect("meldingen:meldcode_detail", pk=pk)
    return render(
        request,
        "meldingen/meldcode_detail.html",
        {
            "dossier": dossier,
            "stappen": stappen,
            "form": None if dossier.afgesloten_op else form,
            "alle_stappen": MeldcodeStap.Stap.choices,
            "inzages": dossier.inzages.select_related("gebruiker")[:50],
            "gedaan": gedaan,
        },
    )
