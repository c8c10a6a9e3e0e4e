"""The school's journey: list, record, read and act on incidents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meldingen import diensten, regels, toegang
from meldingen.filters import MeldingFilter
from meldingen.forms import (
    BetrokkenenFormSet,
    BijlageForm,
    HeropenenForm,
    MaatregelenFormSet,
    MeldingForm,
    MeldingWijzigenForm,
    OudersForm,
    PolitiemeldingForm,
    gewijzigd_bericht,
)
from meldingen.models import (
    Betrokkene,
    Bijlage,
    Categorie,
    Inzage,
    Maatregel,
    Melding,
    naam_volgens_soort,
)
from meldingen.querysets import scholen_om_te_melden
from meldingen.weergave import toon_detail, zichtbaar
from partijen import invoer


@login_required
def melding_lijst(request):
    meldingen = zichtbaar(request)
    if toegang.volgt_politiemeldingen(request.user):
        # Art. 3.2: what is past its response target first, then what is due soonest.
        meldingen = meldingen.op_urgentie()
    filter_ = MeldingFilter(request.GET, queryset=meldingen, request=request)
    pagina = Paginator(filter_.qs, 25).get_page(request.GET.get("pagina"))
    return render(
        request,
        "meldingen/lijst.html",
        {
            "filter": filter_,
            "pagina": pagina,
            "mag_melden": toegang.mag_melden(request.user),
        },
    )


def _dag_van(form):
    tijdstip = form.cleaned_data.get("tijdstip") if form.is_bound and form.is_valid() else None
    return timezone.localtime(tijdstip).date() if tijdstip else None


@login_required
def melding_nieuw(request):
    if not toegang.mag_melden(request.user):
        raise Http404
    scholen = scholen_om_te_melden(request.user)
    data = request.POST if request.method == "POST" else None
    form = MeldingForm(
        data,
        scholen=scholen,
        mag_vertrouwelijk=toegang.mag_vertrouwelijk_melden(request.user),
        initial={"vertrouwelijk": toegang.meldt_standaard_vertrouwelijk(request.user)},
    )
    dag = _dag_van(form)
    betrokkenen = BetrokkenenFormSet(data, prefix="betrokkenen", dag=dag)
    maatregelen = MaatregelenFormSet(data, prefix="maatregelen", dag=dag)
    if request.method == "POST" and all(
        [form.is_valid(), betrokkenen.is_valid(), maatregelen.is_valid()]
    ):
        with transaction.atomic():
            melding = form.save(commit=False)
            melding.vastgelegd_door = request.user
            melding.save()
            form.save_m2m()
            for formset in (betrokkenen, maatregelen):
                formset.instance = melding
                formset.save()
        messages.success(request, _("The incident has been recorded."))
        return redirect("meldingen:detail", pk=melding.pk)
    return render(
        request,
        "meldingen/nieuw.html",
        {
            "form": form,
            "betrokkenen": betrokkenen,
            "maatregelen": maatregelen,
            "plichten": _plichten_uit(request.POST) if request.method == "POST" else [],
        },
    )


def _plichten_uit(data):
    categorieen = Categorie.objects.filter(
        pk__in=invoer.lees_ids(data, "categorieen")
    ).select_related("bovenliggend")
    maatregelen = []
    for i in range(min(invoer.lees_id(data, "maatregelen-TOTAL_FORMS") or 0, 20)):
        soort = data.get(f"maatregelen-{i}-soort")
        if soort:
            maatregelen.append(
                Maatregel(soort=soort, dagen=invoer.lees_id(data, f"maatregelen-{i}-dagen"))
            )
    return regels.plichten(list(categorieen), maatregelen)


@login_required
@require_POST
def plichten(request):
    """The duty panel, recomputed by htmx while the user ticks categories and measures."""
    if not toegang.mag_melden(request.user):
        raise Http404
    return render(
        request, "meldingen/_plichten_inhoud.html", {"plichten": _plichten_uit(request.POST)}
    )


@login_required
def melding_detail(request, pk):
    return toon_detail(request, get_object_or_404(zichtbaar(request), pk=pk))


def _bewerkbaar(request, pk):
    melding = get_object_or_404(zichtbaar(request), pk=pk)
    if not toegang.mag_bewerken(request.user, melding):
        raise Http404
    return melding


@login_required
def melding_bewerken(request, pk):
    """Change a recorded incident with the same form and duty panel as a new one."""
    melding = _bewerkbaar(request, pk)
    if melding.status != Melding.Status.OPEN:
        messages.error(
            request,
            _("A closed incident is not changed. Reopen the incident first, with the reason."),
        )
        return redirect("meldingen:detail", pk=pk)
    data = request.POST if request.method == "POST" else None
    form = MeldingWijzigenForm(data, instance=melding)
    dag = _dag_van(form) or timezone.localtime(melding.tijdstip).date()
    betrokkenen = BetrokkenenFormSet(data, instance=melding, prefix="betrokkenen", dag=dag)
    maatregelen = MaatregelenFormSet(data, instance=melding, prefix="maatregelen", dag=dag)
    versie = melding.versie
    if request.method == "POST" and all(
        [form.is_valid(), betrokkenen.is_valid(), maatregelen.is_valid()]
    ):
        gelezen = form.cleaned_data["versie"]
        with transaction.atomic():
            # Claim the version in the database: of two forms filled in on the same version
            # (two people, two tabs, a double click), exactly one saves.
            geclaimd = Melding.objects.filter(
                pk=pk, versie=gelezen, status=Melding.Status.OPEN
            ).update(versie=F("versie") + 1)
            if geclaimd:
                melding = form.save(commit=False)
                melding.versie = gelezen + 1
                melding.save()
                form.save_m2m()
                betrokkenen.save()
                maatregelen.save()
        if geclaimd:
            messages.success(request, _("The changes have been saved."))
            return redirect("meldingen:detail", pk=pk)
        form.add_error(None, gewijzigd_bericht(melding))
        versie = Melding.objects.values_list("versie", flat=True).get(pk=pk)
    # The page shows the people involved: a read of personal data, logged as on the detail page.
    Inzage.objects.create(melding=melding, gebruiker=request.user)
    plichten = (
        _plichten_uit(request.POST)
        if request.method == "POST"
        else regels.plichten(list(melding.categorieen.all()), list(melding.maatregelen.all()))
    )
    return render(
        request,
        "meldingen/bewerken.html",
        {
            "melding": melding,
            "form": form,
            "versie": versie,
            "betrokkenen": betrokkenen,
            "maatregelen": maatregelen,
            "plichten": plichten,
        },
    )


@login_required
@require_POST
def heropenen(request, pk):
    """A closed incident is opened again only with a reason, which is kept and shown."""
    melding = _bewerkbaar(request, pk)
    if melding.status != Melding.Status.AFGESLOTEN:
        return redirect("meldingen:detail", pk=pk)
    form = HeropenenForm(request.POST)
    if not form.is_valid():
        return toon_detail(request, melding, heropen_form=form)
    diensten.melding_heropenen(melding=melding, door=request.user, reden=form.cleaned_data["reden"])
    messages.success(request, _("The incident has been reopened."))
    return redirect("meldingen:detail", pk=pk)


@login_required
@require_POST
def politiemelding(request, pk):
    melding = _bewerkbaar(request, pk)
    if hasattr(melding, "politiemelding"):
        return redirect("meldingen:detail", pk=pk)
    verplicht = bool(regels.politie_verplicht(melding.categorieen.all()))
    form = PolitiemeldingForm(request.POST, verplicht=verplicht, melding=melding)
    if form.is_valid():
        diensten.politiemelding_vastleggen(
            melding=melding, gebruiker=request.user, **form.cleaned_data
        )
        messages.success(request, _("The police report has been recorded."))
        return redirect("meldingen:detail", pk=pk)
    # Show the page again with the form as typed and its errors on the fields.
    return toon_detail(request, melding, politie_form=form)


@login_required
@require_POST
def afsluiten(request, pk):
    melding = _bewerkbaar(request, pk)
    try:
        diensten.melding_afsluiten(melding=melding)
    except ValidationError as bezwaren:
        messages.error(request, " ".join(bezwaren.messages))
    else:
        messages.success(request, _("The incident has been closed."))
    return redirect("meldingen:detail", pk=pk)


@login_required
@require_POST
def ouders_geinformeerd(request, pk, betrokkene_pk):
    melding = _bewerkbaar(request, pk)
    betrokkene = get_object_or_404(Betrokkene, pk=betrokkene_pk, melding=melding)
    form = OudersForm(request.POST, betrokkene=betrokkene)
    if form.is_valid():
        betrokkene.ouders_geinformeerd_op = form.cleaned_data["datum"]
        betrokkene.save(update_fields=["ouders_geinformeerd_op"])
        messages.success(request, _("Recorded that the parents were informed."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("meldingen:detail", pk=pk)


@login_required
@require_POST
def delen(request, pk):
    """Art. 2.2: the confidential contact person may decide to share a report with the
    coordinator; the decision is recorded (with its moment, and in the history)."""
    melding = _bewerkbaar(request, pk)
    if not toegang.mag_delen(request.user, melding):
        if melding.gedeeld_met_coordinator:
            return redirect("meldingen:detail", pk=pk)  # shared already (a second click)
        raise Http404
    melding.gedeeld_met_coordinator = timezone.now()
    melding.save(update_fields=["gedeeld_met_coordinator"])
    messages.success(request, _("The report has been shared with the safety coordinator."))
    return redirect("meldingen:detail", pk=pk)


@login_required
@require_POST
def bijlage_toevoegen(request, pk):
    melding = _bewerkbaar(request, pk)
    form = BijlageForm(request.POST, request.FILES)
    if not form.is_valid():
        return toon_detail(request, melding, bijlage_form=form)
    bestand = form.cleaned_data["bestand"]
    Bijlage.objects.create(
        melding=melding,
        bestand=bestand,
        naam=naam_volgens_soort(get_valid_filename(bestand.name)[:190], form.soort),
        soort=form.soort,
        grootte=bestand.size,
        door=request.user,
    )
    messages.success(request, _("The attachment has been added."))
    return redirect("meldingen:detail", pk=pk)


@login_required
def bijlage(request, pk, bijlage_pk):
    """Hand out an attachment under the same rule as the incident's personal data."""
    melding = get_object_or_404(zichtbaar(request), pk=pk)
    if not toegang.ziet_personen(request.user, melding):
        raise Http404
    bijlage = get_object_or_404(Bijlage, pk=bijlage_pk, melding=melding)
    Inzage.objects.create(melding=melding, gebruiker=request.user)
    response = FileResponse(
        bijlage.bestand.open("rb"),
        as_attachment=True,
        filename=bijlage.downloadnaam,
        content_type=bijlage.soort,
    )
    # Never let a browser guess another type from the content (a PNG with HTML inside).
    response["X-Content-Type-Options"] = "nosniff"
    return response
