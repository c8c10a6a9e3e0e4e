import tablib
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meldingen import cijfers as cijfers_module
from meldingen import regels
from meldingen.filters import MeldingFilter
from meldingen.forms import (
    BetrokkenenFormSet,
    MaatregelenFormSet,
    MeldingForm,
    OudersForm,
    PolitiemeldingForm,
    PolitienotitieForm,
    PolitieStatusForm,
)
from meldingen.models import Betrokkene, Categorie, Inzage, Maatregel, Melding, PolitieStatus
from meldingen.querysets import (
    CIJFERS_ROLLEN,
    COORDINATOR,
    POLITIE,
    VERTROUWENSPERSOON,
    rollen_per_school,
    scholen_om_te_melden,
)
from partijen.models import School, Sector


def _zichtbaar(request):
    return (
        Melding.objects.visible_to(request.user)
        .met_politiestatus()
        .select_related("school", "politiemelding")
        .prefetch_related(
            Prefetch("categorieen", queryset=Categorie.objects.select_related("bovenliggend"))
        )
    )


def _school_rollen(request, melding) -> set[str]:
    return rollen_per_school(request.user).get(melding.school_id, set())


def _mag_bewerken(request, melding) -> bool:
    """The school's own people act on an incident; the police only reads it here."""
    rollen = _school_rollen(request, melding)
    if melding.vertrouwelijk and not melding.gedeeld_met_coordinator:
        return VERTROUWENSPERSOON in rollen
    return bool(rollen & {COORDINATOR, VERTROUWENSPERSOON})


@login_required
def melding_lijst(request):
    meldingen = _zichtbaar(request)
    if request.user.rol == POLITIE:
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
            "mag_melden": scholen_om_te_melden(request.user).exists(),
        },
    )


def _dag_van(form):
    tijdstip = form.cleaned_data.get("tijdstip") if form.is_bound and form.is_valid() else None
    return timezone.localtime(tijdstip).date() if tijdstip else None


@login_required
def melding_nieuw(request):
    scholen = scholen_om_te_melden(request.user)
    if not scholen.exists():
        raise Http404
    rollen = rollen_per_school(request.user)
    mag_vertrouwelijk = any(VERTROUWENSPERSOON in r for r in rollen.values())
    data = request.POST if request.method == "POST" else None
    form = MeldingForm(
        data,
        scholen=scholen,
        mag_vertrouwelijk=mag_vertrouwelijk,
        initial={
            "vertrouwelijk": mag_vertrouwelijk
            and not any(COORDINATOR in r for r in rollen.values())
        },
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
        pk__in=[v for v in data.getlist("categorieen") if v.isdigit()]
    ).select_related("bovenliggend")
    maatregelen = []
    for i in range(min(int(data.get("maatregelen-TOTAL_FORMS", 0) or 0), 20)):
        soort = data.get(f"maatregelen-{i}-soort")
        dagen = data.get(f"maatregelen-{i}-dagen")
        if soort:
            maatregelen.append(
                Maatregel(soort=soort, dagen=int(dagen) if dagen and dagen.isdigit() else None)
            )
    return regels.plichten(list(categorieen), maatregelen)


@login_required
@require_POST
def plichten(request):
    """The duty panel, recomputed by htmx while the user ticks categories and measures."""
    if not scholen_om_te_melden(request.user).exists():
        raise Http404
    return render(request, "meldingen/_plichten.html", {"plichten": _plichten_uit(request.POST)})


@login_required
def melding_detail(request, pk):
    return _toon_detail(request, get_object_or_404(_zichtbaar(request), pk=pk))


def _toon_detail(request, melding, politie_form=None, status_form=None, notitie_form=None):
    rollen = _school_rollen(request, melding)
    politie = getattr(melding, "politiemelding", None)
    # The police sees an anonymous report without personal data (art. 2.6, art. 8).
    toon_personen = bool(rollen & {COORDINATOR, VERTROUWENSPERSOON}) or not (
        politie and politie.anoniem
    )
    if toon_personen:
        Inzage.objects.create(melding=melding, gebruiker=request.user)
    categorieen = list(melding.categorieen.all())
    dag = timezone.localtime(melding.tijdstip).date()
    betrokkenen = list(melding.betrokkenen.all()) if toon_personen else []
    for b in betrokkenen:
        b.ouders_mogelijk = regels.ouders_informeren_toegestaan(
            b.soort, dag, b.geboortedatum, b.leeftijd
        )
        b.minderjarig = regels.minderjarig_op(dag, b.geboortedatum, b.leeftijd)
    mag_bewerken = _mag_bewerken(request, melding)
    verplicht = bool(regels.politie_verplicht(categorieen))
    is_politie = POLITIE in rollen and politie is not None
    huidig = melding.politiestatus or "gemeld"
    if is_politie and status_form is None and regels.volgende_statussen(huidig):
        status_form = PolitieStatusForm(huidig=huidig)
    if is_politie and notitie_form is None:
        notitie_form = PolitienotitieForm(minderjarige_leerling=_heeft_minderjarige(melding))
    return render(
        request,
        "meldingen/detail.html",
        {
            "melding": melding,
            "categorieen": categorieen,
            "plichten": regels.plichten(categorieen, list(melding.maatregelen.all())),
            "betrokkenen": betrokkenen,
            "toon_personen": toon_personen,
            "maatregelen": melding.maatregelen.all(),
            "politiemelding": politie,
            "politie_form": politie_form
            or (
                PolitiemeldingForm(verplicht=verplicht, melding=melding)
                if mag_bewerken and not politie and melding.status == Melding.Status.OPEN
                else None
            ),
            "bezwaren": regels.bezwaren_tegen_afsluiten(categorieen, politie is not None),
            "mag_bewerken": mag_bewerken,
            "statussen": melding.politiestatussen.select_related("door") if politie else [],
            "notities": melding.politienotities.select_related("door") if politie else [],
            "status_form": status_form,
            "notitie_form": notitie_form,
            "mag_delen": VERTROUWENSPERSOON in rollen
            and melding.vertrouwelijk
            and not melding.gedeeld_met_coordinator,
            "inzages": melding.inzages.select_related("gebruiker")[:50]
            if COORDINATOR in rollen or VERTROUWENSPERSOON in rollen
            else None,
        },
    )


def _bewerkbaar(request, pk):
    melding = get_object_or_404(_zichtbaar(request), pk=pk)
    if not _mag_bewerken(request, melding):
        raise Http404
    return melding


@login_required
@require_POST
def politiemelding(request, pk):
    melding = _bewerkbaar(request, pk)
    if hasattr(melding, "politiemelding"):
        return redirect("meldingen:detail", pk=pk)
    verplicht = bool(regels.politie_verplicht(melding.categorieen.all()))
    form = PolitiemeldingForm(request.POST, verplicht=verplicht, melding=melding)
    if form.is_valid():
        with transaction.atomic():
            form.instance.melding = melding
            form.instance.reactie_uiterlijk = regels.uiterste_reactiedatum(
                form.cleaned_data["datum"], regels.reactietermijn(melding.categorieen.all())
            )
            form.save()
            PolitieStatus.objects.create(
                melding=melding, status=PolitieStatus.Status.GEMELD, door=request.user
            )
        messages.success(request, _("The police report has been recorded."))
        return redirect("meldingen:detail", pk=pk)
    # Show the page again with the form as typed and its errors on the fields.
    return _toon_detail(request, melding, politie_form=form)


@login_required
@require_POST
def afsluiten(request, pk):
    melding = _bewerkbaar(request, pk)
    bezwaren = regels.bezwaren_tegen_afsluiten(
        melding.categorieen.all(), hasattr(melding, "politiemelding")
    )
    if bezwaren:
        messages.error(request, " ".join(str(b) for b in bezwaren))
    else:
        melding.status = Melding.Status.AFGESLOTEN
        melding.afgesloten_op = timezone.now()
        melding.save(update_fields=["status", "afgesloten_op"])
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
    if VERTROUWENSPERSOON not in _school_rollen(request, melding):
        raise Http404
    melding.gedeeld_met_coordinator = timezone.now()
    melding.save(update_fields=["gedeeld_met_coordinator"])
    messages.success(request, _("The report has been shared with the safety coordinator."))
    return redirect("meldingen:detail", pk=pk)


def _heeft_minderjarige(melding) -> bool:
    dag = timezone.localtime(melding.tijdstip).date()
    return any(
        regels.ouders_informeren_toegestaan(b.soort, dag, b.geboortedatum, b.leeftijd)
        for b in melding.betrokkenen.all()
    )


def _als_politie(request, pk):
    """The police contact of the school acts on a report made to the police (art. 3.1)."""
    melding = get_object_or_404(_zichtbaar(request), pk=pk)
    if POLITIE not in _school_rollen(request, melding) or not hasattr(melding, "politiemelding"):
        raise Http404
    return melding


@login_required
@require_POST
def politie_status(request, pk):
    melding = _als_politie(request, pk)
    form = PolitieStatusForm(request.POST, huidig=melding.politiestatus or "gemeld")
    if not form.is_valid():
        return _toon_detail(request, melding, status_form=form)
    form.instance.melding = melding
    form.instance.door = request.user
    form.save()
    messages.success(request, _("The police status has been updated."))
    return redirect("meldingen:detail", pk=pk)


@login_required
@require_POST
def politie_notitie(request, pk):
    melding = _als_politie(request, pk)
    form = PolitienotitieForm(request.POST, minderjarige_leerling=_heeft_minderjarige(melding))
    if not form.is_valid():
        return _toon_detail(request, melding, notitie_form=form)
    form.instance.melding = melding
    form.instance.door = request.user
    form.save()
    messages.success(request, _("The note has been recorded."))
    return redirect("meldingen:detail", pk=pk)


@login_required
def cijfers(request):
    """Counts per category and month, and per area and sector, for the user's schools."""
    if request.user.rol not in CIJFERS_ROLLEN:
        raise Http404
    vandaag = timezone.localdate()
    try:
        jaar = int(request.GET.get("jaar", vandaag.year))
    except ValueError:
        jaar = vandaag.year
    jaar = min(max(jaar, 2023), vandaag.year)
    scholen = School.objects.visible_to(request.user)
    return render(
        request,
        "meldingen/cijfers.html",
        {
            "jaar": jaar,
            "jaren": list(range(2023, vandaag.year + 1)),
            "maanden": cijfers_module.MAANDEN,
            "per_categorie": cijfers_module.per_categorie_en_maand(scholen, jaar),
            "per_gebied": cijfers_module.per_gebied_en_sector(scholen, jaar),
            "sectoren": Sector.values,
            "drempel": settings.CIJFERS_DREMPEL,
        },
    )


@login_required
def export(request):
    """The visible list, filtered as on screen, as CSV or Excel. Personal data only for the
    school's own coordinator (art. 8); each incident whose people are exported is logged."""
    meldingen = _zichtbaar(request).prefetch_related("betrokkenen")
    filter_ = MeldingFilter(request.GET, queryset=meldingen, request=request)
    rollen = rollen_per_school(request.user)
    kolommen = [
        _("Number"),
        _("Date"),
        _("Time"),
        _("School"),
        _("Where"),
        _("Categories"),
        _("Status"),
        _("Police report"),
        _("Police status"),
        _("Past the target"),
        _("People involved"),
    ]
    data = tablib.Dataset(headers=[str(k) for k in kolommen])
    ingezien = []
    for m in filter_.qs:
        tijdstip = timezone.localtime(m.tijdstip)
        politie = getattr(m, "politiemelding", None)
        eigen = COORDINATOR in rollen.get(m.school_id, set())
        personen = ""
        if eigen:
            personen = "; ".join(
                f"{b.naam or '-'} ({b.get_rol_display()}, {b.get_soort_display()})"
                for b in m.betrokkenen.all()
            )
            ingezien.append(Inzage(melding=m, gebruiker=request.user))
        data.append(
            [
                m.pk,
                tijdstip.date().isoformat(),
                tijdstip.strftime("%H:%M"),
                m.school.naam,
                m.get_plaats_display(),
                ", ".join(str(c) for c in m.categorieen.all()),
                m.get_status_display(),
                f"{politie.get_soort_display()} {politie.datum.isoformat()}" if politie else "",
                m.politiestatus_label,
                _("yes") if m.te_laat else "",
                personen,
            ]
        )
    Inzage.objects.bulk_create(ingezien)
    formaat = "xlsx" if request.GET.get("formaat") == "xlsx" else "csv"
    naam = f"meldingen-{timezone.localdate().isoformat()}.{formaat}"
    if formaat == "xlsx":
        response = HttpResponse(
            data.export("xlsx"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        # A BOM so that Excel on Windows opens the Dutch characters correctly.
        response = HttpResponse(
            "\ufeff" + data.export("csv", delimiter=";"), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response
