"""The notification centre (each user's own messages, mark as read, how to receive them) and,
for the administrator, what went out, to whom, why and when, and what is due next."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from berichten import diensten, toegang
from berichten.forms import VoorkeurenForm
from berichten.models import Bericht
from berichten.soorten import Frequentie, groep_van


@login_required
def centrum(request):
    if settings.BERICHTEN_SCAN_BIJ_OPENEN:
        diensten.scan_gebruiker(request.user)
    berichten = Bericht.objects.van(request.user).zichtbaar()
    pagina = Paginator(berichten, 25).get_page(request.GET.get("pagina"))
    return render(
        request,
        "berichten/centrum.html",
        {
            "pagina": pagina,
            "ongelezen": berichten.filter(gelezen_op__isnull=True).exists(),
            "ziet_verzendoverzicht": toegang.ziet_verzendoverzicht(request.user),
        },
    )


@login_required
def openen(request, pk):
    """Open a message: it is read, and the user is on the page where it is done."""
    bericht = get_object_or_404(Bericht.objects.van(request.user), pk=pk)
    diensten.markeer_gelezen(request.user, bericht.pk)
    if not url_has_allowed_host_and_scheme(bericht.url, allowed_hosts=None):
        return redirect("berichten:centrum")
    return redirect(bericht.url)


@require_POST
@login_required
def gelezen(request, pk=None):
    if pk is not None:
        get_object_or_404(Bericht.objects.van(request.user), pk=pk)
    diensten.markeer_gelezen(request.user, pk)
    return redirect("berichten:centrum")


@login_required
def voorkeuren(request):
    form = VoorkeurenForm(request.POST or None, keuzes=diensten.frequenties(request.user))
    if request.method == "POST" and form.is_valid():
        diensten.bewaar_voorkeuren(request.user, form.cleaned_data)
        messages.success(request, _("Your choices have been saved."))
        return redirect("berichten:voorkeuren")
    return render(
        request,
        "berichten/voorkeuren.html",
        {"form": form, "zonder_email": not request.user.email},
    )


def _volgende_overzicht(nu, frequentie):
    """When the next digest of this frequency goes out (the beat schedule in settings)."""
    dag = timezone.localtime(nu).replace(hour=7, minute=0, second=0, microsecond=0)
    if dag <= timezone.localtime(nu):
        dag += timedelta(days=1)
    if frequentie == Frequentie.WEKELIJKS:
        dag += timedelta(days=(7 - dag.weekday()) % 7)
    return dag


@login_required
def verzendoverzicht(request):
    """Berichten: what went out, to whom, why and when; what waits, and when it goes out."""
    if not toegang.ziet_verzendoverzicht(request.user):
        raise Http404
    status = request.GET.get("status", "")
    berichten = Bericht.objects.select_related("ontvanger").order_by("-aangemaakt_op", "-pk")
    if status in Bericht.Email.values:
        berichten = berichten.filter(email=status)
    pagina = Paginator(berichten, 50).get_page(request.GET.get("pagina"))
    for b in pagina:
        b.groep = groep_van(b.soort)
    nu = timezone.now()
    tellingen = dict(Bericht.objects.values_list("email").annotate(n=Count("pk")).order_by())
    return render(
        request,
        "berichten/verzendoverzicht.html",
        {
            "pagina": pagina,
            "status": status,
            "statussen": Bericht.Email.choices,
            "tellingen": [
                (code, label, tellingen.get(code, 0)) for code, label in Bericht.Email.choices
            ],
            "volgende_dagelijks": _volgende_overzicht(nu, Frequentie.DAGELIJKS),
            "volgende_wekelijks": _volgende_overzicht(nu, Frequentie.WEKELIJKS),
        },
    )
