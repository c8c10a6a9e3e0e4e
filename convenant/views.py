from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from convenant import regels, toegang
from convenant.lidmaatschap import lidmaatschappen
from convenant.models import Convenant
from convenant.versies import artikelen_op


def actueel_convenant() -> Convenant:
    """The covenant in force; 404 before it is loaded."""
    convenant = Convenant.objects.actueel()
    if convenant is None:
        # Only before `manage.py laad_convenant` has run; say so rather than fail.
        raise Http404("Het convenant is nog niet geladen.")
    return convenant


def ondertekeningen_van(convenant):
    return convenant.ondertekeningen.select_related("organisatie")


@login_required
def tekst(request):
    """The text in force on a chosen day (today by default): the signed text as the amendments
    in force by then changed it (art. 11.3), each changed paragraph naming its amendment."""
    from convenant.forms import TekstDatumForm

    convenant = actueel_convenant()
    vandaag = timezone.localdate()
    form = TekstDatumForm(request.GET or None, initial={"datum": vandaag})
    datum = (form.cleaned_data["datum"] if form.is_valid() else None) or vandaag
    return render(
        request,
        "convenant/tekst.html",
        {
            "convenant": convenant,
            "artikelen": artikelen_op(convenant, datum),
            "datum": datum,
            "vandaag": vandaag,
            "form": form,
            "mag_wijzigen": toegang.mag_looptijd_bijhouden(request.user),
        },
    )


@login_required
def partners(request):
    convenant = actueel_convenant()
    ondertekeningen = list(ondertekeningen_van(convenant))
    leden = lidmaatschappen(convenant)
    for o in ondertekeningen:
        # Art. 10.2: a partner that gave notice is listed with its last day, never removed.
        o.laatste_dag = leden[o.organisatie_id].einde
    begin, einde = convenant.looptijd()
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


def _paragraaf_pagina(request, convenant, form=None, akkoord_form=None):
    from convenant.forms import CommunicatieakkoordForm, CommunicatieparagraafForm
    from convenant.models import Communicatieakkoord
    from partijen.geschiedenis import wijzigingen

    akkoorden = convenant.akkoorden_op_paragraaf()
    laatste = {a.partij: a for a in convenant.communicatieakkoorden.order_by("datum", "id")}
    return render(
        request,
        "convenant/communicatieparagraaf.html",
        {
            "form": form or CommunicatieparagraafForm(instance=convenant),
            "akkoord_form": akkoord_form or CommunicatieakkoordForm(convenant=convenant),
            "convenant": convenant,
            "vastgesteld": convenant.communicatieparagraaf_vastgesteld(),
            # Per party: its latest agreement, and whether it was to the text as it stands.
            "partijen": [
                {
                    "naam": label,
                    "akkoord": laatste.get(partij),
                    "op_deze_tekst": akkoorden.get(partij) == convenant.communicatieparagraaf,
                }
                for partij, label in Communicatieakkoord.Partij.choices
            ],
            "geschiedenis": wijzigingen(convenant.history.all()),
        },
    )


@login_required
def communicatieparagraaf(request):
    """Art. 9.2: the register keepers record the paragraph municipality, education and police
    draft together, and each party's agreement to it; every version is kept and shown."""
    from convenant.forms import CommunicatieparagraafForm

    if not toegang.mag_communicatieparagraaf_bewerken(request.user):
        raise Http404
    convenant = actueel_convenant()
    form = CommunicatieparagraafForm(request.POST or None, instance=convenant)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The communication paragraph has been saved."))
        return redirect("convenant:communicatieparagraaf")
    return _paragraaf_pagina(request, convenant, form=form)


@login_required
@require_POST
def communicatieakkoord(request):
    """Art. 9.2: one party's agreement to the paragraph as it stands."""
    from convenant.forms import CommunicatieakkoordForm

    if not toegang.mag_communicatieparagraaf_bewerken(request.user):
        raise Http404
    convenant = actueel_convenant()
    form = CommunicatieakkoordForm(request.POST, convenant=convenant)
    if form.is_valid():
        form.instance.vastgelegd_door = request.user
        form.save()
        messages.success(request, _("The agreement has been recorded."))
        return redirect("convenant:communicatieparagraaf")
    return _paragraaf_pagina(request, convenant, akkoord_form=form)
