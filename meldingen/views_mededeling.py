"""External statements about established criminal offences (art. 9.1)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meldingen import diensten, toegang
from meldingen.forms import MededelingForm
from meldingen.mededelingen import (
    Mededeling,
)
from meldingen.weergave import zichtbaar
from partijen import invoer
from partijen.models import Organisatie


@login_required
def mededeling_lijst(request):
    mededelingen = Mededeling.objects.visible_to(request.user).select_related("melding__school")
    return render(request, "meldingen/mededeling_lijst.html", {"mededelingen": mededelingen})


@login_required
def mededeling_nieuw(request, pk):
    melding = get_object_or_404(zichtbaar(request), pk=pk)
    if not toegang.mag_mededeling_opstellen(request.user, melding):
        raise Http404
    # The partners usually involved: the school's board, the municipality and the police.
    standaard = Organisatie.objects.filter(
        pk=melding.school.bestuur_id
    ) | Organisatie.objects.filter(
        soort__in=[Organisatie.Soort.GEMEENTE, Organisatie.Soort.POLITIE]
    )
    form = MededelingForm(
        request.POST or None, initial={"partners": list(standaard.values_list("pk", flat=True))}
    )
    if request.method == "POST" and form.is_valid():
        mededeling = form.save(commit=False)
        mededeling.melding = melding
        mededeling.opgesteld_door = request.user
        mededeling.save()
        form.save_m2m()
        messages.success(
            request,
            _(
                "The draft statement has been saved; it is released once "
                "every partner's communication officer approved it."
            ),
        )
        return redirect("meldingen:mededeling", pk=mededeling.pk)
    return render(request, "meldingen/mededeling_nieuw.html", {"form": form, "melding": melding})


@login_required
def mededeling(request, pk):
    mededeling = get_object_or_404(
        Mededeling.objects.visible_to(request.user).select_related("melding__school"), pk=pk
    )
    goedkeuringen = {
        g.organisatie_id: g for g in mededeling.goedkeuringen.select_related("door", "organisatie")
    }
    partners = [
        {
            "organisatie": o,
            "goedkeuring": goedkeuringen.get(o.pk),
            "mag_goedkeuren": toegang.mag_goedkeuren(request.user, o.pk)
            and o.pk not in goedkeuringen,
        }
        for o in mededeling.partners.all()
    ]
    return render(
        request,
        "meldingen/mededeling.html",
        {
            "mededeling": mededeling,
            "partners": partners,
            "categorieen": mededeling.melding.categorieen.all(),
        },
    )


@login_required
@require_POST
def goedkeuren(request, pk):
    mededeling = get_object_or_404(Mededeling.objects.visible_to(request.user), pk=pk)
    organisatie = get_object_or_404(
        mededeling.partners.filter(pk__in=toegang.communicatie_organisaties(request.user)),
        pk=invoer.lees_id(request.POST, "organisatie"),
    )
    diensten.mededeling_goedkeuren(
        mededeling=mededeling, organisatie=organisatie, door=request.user
    )
    messages.success(request, _("Your approval has been recorded."))
    return redirect("meldingen:mededeling", pk=pk)
