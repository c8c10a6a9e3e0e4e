"""The police contact's follow-up of a reported incident (art. 3.2-3.5)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meldingen import diensten, toegang
from meldingen.forms import PolitienotitieForm, PolitieStatusForm
from meldingen.models import PolitieStatus
from meldingen.weergave import ouders_bespreken_mogelijk, toon_detail, zichtbaar


def _als_politie(request, pk):
    """The police contact of the school acts on a report made to the police (art. 3.1)."""
    melding = get_object_or_404(zichtbaar(request), pk=pk)
    if not toegang.volgt_op_als_politie(request.user, melding):
        raise Http404
    return melding


@login_required
@require_POST
def politie_status(request, pk):
    melding = _als_politie(request, pk)
    form = PolitieStatusForm(
        request.POST, huidig=melding.politiestatus or PolitieStatus.Status.GEMELD
    )
    if not form.is_valid():
        if not form.stap_mogelijk:
            # A step the table does not allow (a page left open while someone else moved the
            # report on): say so above the steps that are possible now.
            messages.error(request, " ".join(form.non_field_errors()))
            return redirect("meldingen:detail", pk=pk)
        return toon_detail(request, melding, status_form=form)
    try:
        diensten.politiestatus_toevoegen(melding=melding, door=request.user, **form.cleaned_data)
    except ValidationError as fout:
        # Someone else moved the report on since the page was loaded: as above.
        messages.error(request, " ".join(fout.messages))
        return redirect("meldingen:detail", pk=pk)
    messages.success(request, _("The police status has been updated."))
    return redirect("meldingen:detail", pk=pk)


@login_required
@require_POST
def politie_notitie(request, pk):
    melding = _als_politie(request, pk)
    form = PolitienotitieForm(
        request.POST, minderjarige_leerling=ouders_bespreken_mogelijk(melding)
    )
    if not form.is_valid():
        return toon_detail(request, melding, notitie_form=form)
    form.instance.melding = melding
    form.instance.door = request.user
    form.save()
    messages.success(request, _("The note has been recorded."))
    return redirect("meldingen:detail", pk=pk)
