"""Amendments (art. 11.3): "what changed when" for everyone, each amendment with the difference
against the text in force when it was proposed and its consents; the register keepers record a
proposal and each partner's written consent."""

import difflib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from convenant import toegang
from convenant.forms import InstemmingForm, LidwijzigingFormSet, WijzigingForm
from convenant.lidmaatschap import instemming_nodig_voor, inwerkingtreding, leden_per_partner
from convenant.models import Lid, Tekstcorrectie, Wijziging
from convenant.versies import teksten_op
from convenant.views import actueel_convenant
from convenant.views_leven import _bijhouder, _formulier
from partijen.models import Organisatie


def woordverschil(oud: str, nieuw: str) -> list[tuple[str, str]]:
    """The difference between two texts word by word, as (kind, words) pieces: "gelijk",
    "weg" (only in the old text) or "nieuw" (only in the new one)."""
    a, b = oud.split(), nieuw.split()
    stukken = []
    for soort, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b).get_opcodes():
        if soort == "equal":
            stukken.append(("gelijk", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            stukken.append(("weg", " ".join(a[i1:i2])))
        if j2 > j1:
            stukken.append(("nieuw", " ".join(b[j1:j2])))
    return stukken


def _wijzigingen(convenant):
    return convenant.wijzigingen.prefetch_related(
        "leden__lid__artikel", "instemmingen__organisatie"
    ).order_by("-voorgesteld_op", "-id")


@login_required
def wijzigingen(request):
    """What changed when: every amendment, in force (since when) or waiting for consents; and
    apart, the corrections of scan errors in the copied text, which amend nothing."""
    convenant = actueel_convenant()
    leden = leden_per_partner(convenant)
    rijen = [(w, inwerkingtreding(w, leden)) for w in _wijzigingen(convenant)]
    correcties = [
        (c, woordverschil(c.oude_tekst, c.nieuwe_tekst))
        for c in Tekstcorrectie.objects.van(convenant)
    ]
    return render(
        request,
        "convenant/wijzigingen.html",
        {
            "convenant": convenant,
            "rijen": rijen,
            "correcties": correcties,
            "mag_bijhouden": toegang.mag_looptijd_bijhouden(request.user),
        },
    )


@login_required
def wijziging(request, pk):
    convenant = actueel_convenant()
    w = get_object_or_404(_wijzigingen(convenant), pk=pk)
    # The difference against the text in force on the day it was proposed.
    voor = teksten_op(convenant, w.voorgesteld_op)
    verschillen = [
        (lw, woordverschil(voor.get(lw.lid_id, lw.lid.tekst), lw.tekst)) for lw in w.leden.all()
    ]
    mag_bijhouden = toegang.mag_looptijd_bijhouden(request.user)
    gegeven = {i.organisatie_id for i in w.instemmingen.all()}
    return render(
        request,
        "convenant/wijziging.html",
        {
            "wijziging": w,
            "in_werking": inwerkingtreding(w),
            "verschillen": verschillen,
            "mag_bijhouden": mag_bijhouden,
            # The partners whose consent is still missing (art. 11.3), for who collects them.
            "ontbrekend": Organisatie.objects.filter(
                pk__in=instemming_nodig_voor(w) - gegeven
            ).order_by("naam")
            if mag_bijhouden
            else [],
        },
    )


@login_required
def wijziging_nieuw(request):
    """A proposal with the new text of one or more paragraphs; `?lid=` starts the first row
    with that paragraph and its text in force today (the text page links here)."""
    convenant = _bijhouder(request)
    form = WijzigingForm(request.POST or None, convenant=convenant)
    initial = []
    if request.method != "POST":
        lid = Lid.objects.filter(artikel__convenant=convenant, pk=_getal(request.GET.get("lid")))
        lid = lid.first()
        if lid is not None:
            tekst = teksten_op(convenant, timezone.localdate()).get(lid.pk, lid.tekst)
            initial = [{"lid": lid.pk, "tekst": tekst}]
    leden = LidwijzigingFormSet(
        request.POST or None,
        instance=form.instance,
        form_kwargs={"convenant": convenant},
        initial=initial,
        prefix="leden",
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and leden.is_valid()
        and leden.controleer_tegen(teksten_op(convenant, form.cleaned_data["voorgesteld_op"]))
    ):
        with transaction.atomic():
            form.instance.vastgelegd_door = request.user
            w = form.save()
            leden.instance = w
            leden.save()
        messages.success(request, _("The proposal has been recorded."))
        return redirect("convenant:wijziging", pk=w.pk)
    return render(
        request,
        "convenant/wijziging_nieuw.html",
        {
            "form": form,
            "leden": leden,
            "titel": _("Propose an amendment"),
            "uitleg": _(
                "The covenant can only be amended with the written consent of every partner "
                "(art. 11.3): the new text takes effect on its date once every consent is in. "
                "Give the new text of each paragraph it changes."
            ),
        },
    )


def _getal(waarde) -> int | None:
    return (
        int(waarde)
        if waarde and waarde.isascii() and waarde.isdigit() and len(waarde) < 10
        else None
    )


@login_required
def wijziging_instemming(request, pk):
    convenant = _bijhouder(request)
    w = get_object_or_404(Wijziging, pk=pk, convenant=convenant)
    form = InstemmingForm(
        request.POST or None, request.FILES or None, wijziging=w, nodig=instemming_nodig_voor(w)
    )
    if request.method == "POST" and form.is_valid():
        form.instance.vastgelegd_door = request.user
        form.save()
        messages.success(request, _("The consent has been recorded."))
        return redirect("convenant:wijziging", pk=w.pk)
    if request.method != "POST" and not form.fields["organisatie"].queryset.exists():
        raise Http404  # nothing left to consent to
    return _formulier(request, form, _("Consent to: %(wijziging)s") % {"wijziging": w})
