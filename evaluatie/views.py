"""The evaluation rounds (art. 4, 7.2, 10.3, 11.1-11.2): the projectleider opens a round and
records findings and improvement actions; each partner answers its questionnaire; the
administrative meeting reads the report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from convenant.models import Convenant
from evaluatie import diensten, toegang
from evaluatie.forms import (
    ActiestatusForm,
    BevindingForm,
    RondeForm,
    VerbeteractieForm,
    VragenlijstForm,
)
from evaluatie.models import Evaluatieronde, Rondevraag, Verbeteractie, Vragenlijst


def _convenant():
    convenant = Convenant.objects.actueel()
    if convenant is None:
        raise Http404
    return convenant


def _ziet(user):
    if not toegang.ziet_evaluatie(user):
        raise Http404


def _beheerder(user):
    if not toegang.mag_rondes_beheren(user):
        raise Http404


@login_required
def lijst(request):
    """Every round, newest first, with how many partners submitted; for who answers, their own
    questionnaires first."""
    _ziet(request.user)
    rondes = Evaluatieronde.objects.annotate(
        partners=Count("vragenlijsten"),
        ingediend=Count("vragenlijsten", filter=Q(vragenlijsten__ingediend_op__isnull=False)),
    )
    eigen = (
        Vragenlijst.objects.filter(organisatie__in=toegang.antwoordt_voor(request.user))
        .select_related("ronde", "organisatie")
        .order_by("-ronde__geopend_op", "organisatie__naam")
    )
    return render(
        request,
        "evaluatie/lijst.html",
        {
            "rondes": rondes,
            "eigen": eigen,
            "vandaag": timezone.localdate(),
            "mag_beheren": toegang.mag_rondes_beheren(request.user),
        },
    )


@login_required
def nieuw(request):
    _beheerder(request.user)
    form = RondeForm(request.POST or None, convenant=_convenant())
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            ronde = diensten.open_ronde(
                convenant=form.instance.convenant,
                soort=d["soort"],
                periode_begin=d["periode_begin"],
                periode_einde=d["periode_einde"],
                geopend_op=form.instance.geopend_op,
                sluitdatum=d["sluitdatum"],
                door=request.user,
            )
        except IntegrityError:
            # A double click: the first request opened the round a moment ago.
            form.add_error(
                "periode_begin", _("A round of this kind for this period has already been opened.")
            )
        else:
            messages.success(request, _("The round is open: every partner has its questionnaire."))
            return redirect("evaluatie:ronde", pk=ronde.pk)
    return render(request, "evaluatie/nieuw.html", {"form": form})


def _met_actie(form, url_naam, ronde):
    if form is not None:
        form.helper.form_action = reverse(url_naam, args=[ronde.pk])
    return form


def _ronde_context(request, ronde, bevinding_form=None, actie_form=None):
    mag_beheren = toegang.mag_rondes_beheren(request.user)
    eigen = toegang.antwoordt_voor(request.user)
    vragenlijsten = list(
        ronde.vragenlijsten.select_related("organisatie")
        .annotate(beantwoord=Count("antwoorden"))
        .order_by("organisatie__naam")
    )
    return {
        "ronde": ronde,
        "vragenlijsten": vragenlijsten,
        "aantal_vragen": ronde.vragen.count(),
        "eigen": [v for v in vragenlijsten if v.organisatie_id in eigen],
        "open": ronde.is_open(timezone.localdate()),
        "mag_beheren": mag_beheren,
        "ziet_rapport": toegang.ziet_rapport(request.user) or mag_beheren,
        "bevindingen": ronde.bevindingen.select_related("artikel"),
        "acties": ronde.verbeteracties.select_related(
            "artikel", "eigenaar_organisatie", "eigenaar_persoon"
        ),
        "bevinding_form": _met_actie(
            bevinding_form or (BevindingForm(ronde=ronde) if mag_beheren else None),
            "evaluatie:bevinding_nieuw",
            ronde,
        ),
        "actie_form": _met_actie(
            actie_form or (VerbeteractieForm(ronde=ronde) if mag_beheren else None),
            "evaluatie:actie_nieuw",
            ronde,
        ),
        "statussen": Verbeteractie.Status.choices,
    }


@login_required
def ronde(request, pk):
    _ziet(request.user)
    ronde = get_object_or_404(Evaluatieronde.objects.select_related("convenant"), pk=pk)
    return render(request, "evaluatie/ronde.html", _ronde_context(request, ronde))


def _vastleggen(request, pk, formulier, naam):
    """A finding or an improvement action of a round, by the projectleider (art. 11.2); a
    mistake shows the round's page again with the form and what was typed."""
    _beheerder(request.user)
    ronde = get_object_or_404(Evaluatieronde.objects.select_related("convenant"), pk=pk)
    form = formulier(request.POST, ronde=ronde)
    if form.is_valid():
        form.instance.vastgelegd_door = request.user
        form.save()
        messages.success(request, _("Saved."))
        return redirect("evaluatie:ronde", pk=ronde.pk)
    return render(request, "evaluatie/ronde.html", _ronde_context(request, ronde, **{naam: form}))


@login_required
@require_POST
def bevinding_nieuw(request, pk):
    return _vastleggen(request, pk, BevindingForm, "bevinding_form")


@login_required
@require_POST
def actie_nieuw(request, pk):
    return _vastleggen(request, pk, VerbeteractieForm, "actie_form")


@login_required
@require_POST
def actiestatus(request, pk):
    """The projectleider keeps the status of an improvement action (art. 11.2)."""
    _beheerder(request.user)
    actie = get_object_or_404(Verbeteractie, pk=pk)
    form = ActiestatusForm(request.POST, instance=actie)
    if form.is_valid():
        form.save()
        messages.success(request, _("The action's status has been saved."))
    else:
        messages.error(request, _("Choose one of the statuses."))
    return redirect("evaluatie:ronde", pk=actie.ronde_id)


@login_required
def vragenlijst(request, pk, organisatie):
    """One partner's questionnaire: saved half-way as often as needed, submitted once. Only
    for who answers for that partner (another partner's id: 404)."""
    if organisatie not in toegang.antwoordt_voor(request.user):
        raise Http404
    lijst = get_object_or_404(
        Vragenlijst.objects.select_related("ronde", "organisatie").prefetch_related(
            Prefetch("antwoorden")
        ),
        ronde_id=pk,
        organisatie_id=organisatie,
    )
    vragen = Rondevraag.objects.filter(ronde=lijst.ronde).select_related("artikel", "lid")
    antwoorden = {a.vraag_id: a for a in lijst.antwoorden.all()}
    bewerkbaar = lijst.ingediend_op is None and lijst.ronde.is_open(timezone.localdate())
    form = VragenlijstForm(
        request.POST if request.method == "POST" and bewerkbaar else None,
        vragen=vragen,
        antwoorden=antwoorden,
    )
    if request.method == "POST":
        if not bewerkbaar:
            messages.error(request, _("This questionnaire can no longer be changed."))
            return redirect("evaluatie:vragenlijst", pk=pk, organisatie=organisatie)
        if form.is_valid():
            indienen = "indienen" in request.POST
            try:
                diensten.bewaar_antwoorden(
                    vragenlijst=lijst,
                    antwoorden=form.antwoorden(),
                    indienen=indienen,
                    door=request.user,
                )
            except ValidationError as fout:
                form.add_error(None, fout)
            else:
                messages.success(
                    request,
                    _("Your answers have been submitted. Thank you.")
                    if indienen
                    else _("Your answers have been saved; you can go on later."),
                )
                return redirect("evaluatie:vragenlijst", pk=pk, organisatie=organisatie)
    return render(
        request,
        "evaluatie/vragenlijst.html",
        {
            "lijst": lijst,
            "form": form,
            "bewerkbaar": bewerkbaar,
            "beantwoord": [(v, antwoorden.get(v.pk)) for v in vragen],
        },
    )
