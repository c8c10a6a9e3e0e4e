"""The report of a round (art. 7.2, 11.2), as a page, a PDF for the administrative meeting and
the figures as a spreadsheet. For the bestuurders, the projectleider and the safety managers
(evaluatie.toegang.ziet_rapport)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone

from convenant.pdf import maak_pdf
from evaluatie import rapport as rapport_module
from evaluatie import toegang
from evaluatie.models import Evaluatieronde
from partijen.models import Sector


def _ronde(request, pk):
    if not (toegang.ziet_rapport(request.user) or toegang.mag_rondes_beheren(request.user)):
        raise Http404
    return get_object_or_404(Evaluatieronde.objects.select_related("convenant"), pk=pk)


def _inhoud(ronde) -> dict:
    return {
        "ronde": ronde,
        "antwoorden": rapport_module.antwoorden(ronde),
        "ingediend": ronde.vragenlijsten.filter(ingediend_op__isnull=False)
        .select_related("organisatie")
        .order_by("organisatie__naam"),
        "niet_ingediend": ronde.vragenlijsten.filter(ingediend_op__isnull=True)
        .select_related("organisatie")
        .order_by("organisatie__naam"),
        "feiten": rapport_module.feiten(ronde),
        "bevindingen": ronde.bevindingen.select_related("artikel"),
        "acties": ronde.verbeteracties.select_related(
            "artikel", "eigenaar_organisatie", "eigenaar_persoon"
        ),
        "eerdere_acties": rapport_module.open_acties_van_eerder(ronde),
        "gemaakt_op": timezone.localdate(),
        "drempel": settings.CIJFERS_DREMPEL,
        "sectoren": Sector.values,
    }


@login_required
def rapport(request, pk):
    ronde = _ronde(request, pk)
    return render(request, "evaluatie/rapport.html", _inhoud(ronde))


@login_required
def rapport_pdf(request, pk):
    ronde = _ronde(request, pk)
    inhoud = maak_pdf(render_to_string("evaluatie/rapport_pdf.html", _inhoud(ronde)))
    response = HttpResponse(inhoud, content_type="application/pdf")
    naam = f"evaluatie-convenant-{ronde.periode_begin:%Y}-{ronde.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


@login_required
def cijfers_export(request, pk):
    ronde = _ronde(request, pk)
    return rapport_module.cijfers_als_excel(ronde)
