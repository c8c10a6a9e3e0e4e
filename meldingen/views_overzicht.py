"""Figures for the municipality and exports of the visible list."""

import tablib
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from meldingen import cijfers as cijfers_module
from meldingen import toegang
from meldingen.filters import MeldingFilter
from meldingen.models import Inzage
from meldingen.weergave import (
    zichtbaar,
)
from partijen.export import als_download, als_stroom
from partijen.models import School, Sector
from partijen.tijdvenster import eerste_jaar


def _cijfers(request):
    """The year asked for and both protected tables of the user's schools."""
    if not toegang.ziet_cijfers(request.user):
        raise Http404
    vandaag = timezone.localdate()
    try:
        jaar = int(request.GET.get("jaar", vandaag.year))
    except ValueError:
        jaar = vandaag.year
    jaar = min(max(jaar, eerste_jaar()), vandaag.year)
    scholen = School.objects.visible_to(request.user)
    return (
        jaar,
        cijfers_module.per_categorie_en_maand(scholen, jaar),
        cijfers_module.per_gebied_en_sector(scholen, jaar),
    )


@login_required
def cijfers(request):
    """Counts per category and month, and per area and sector, for the user's schools."""
    jaar, (per_categorie, categorie_tabel), (per_gebied, gebied_tabel) = _cijfers(request)
    return render(
        request,
        "meldingen/cijfers.html",
        {
            "jaar": jaar,
            "jaren": list(range(eerste_jaar(), timezone.localdate().year + 1)),
            "maanden": cijfers_module.MAANDEN,
            "per_categorie": per_categorie,
            "categorie_tabel": categorie_tabel,
            "per_gebied": per_gebied,
            "gebied_tabel": gebied_tabel,
            "verborgen": cijfers_module.VERBORGEN,
            "sectoren": Sector.values,
            "drempel": settings.CIJFERS_DREMPEL,
        },
    )


@login_required
def cijfers_export(request):
    """One table of the figures page as CSV or Excel: exactly the protected cells shown on the
    page (art. 8), never the counts behind them."""
    jaar, (per_categorie, categorie_tabel), (per_gebied, gebied_tabel) = _cijfers(request)
    if request.GET.get("tabel") == "gebied":
        data = tablib.Dataset(headers=[str(_("Area")), *Sector.values, str(_("Total"))])
        for rij in per_gebied:
            data.append(
                [
                    str(rij["gebied"]),
                    *map(cijfers_module.als_getal, rij["cellen"]),
                    cijfers_module.als_getal(rij["totaal"]),
                ]
            )
        tabel, naam = gebied_tabel, f"cijfers-gebied-sector-{jaar}"
    else:
        data = tablib.Dataset(
            headers=[str(_("Category")), *map(str, cijfers_module.MAANDEN), str(_("Total"))]
        )
        for rij in per_categorie:
            data.append(
                [
                    rij["categorie"].naam,
                    *map(cijfers_module.als_getal, rij["cellen"]),
                    cijfers_module.als_getal(rij["totaal"]),
                ]
            )
        tabel, naam = categorie_tabel, f"cijfers-categorie-maand-{jaar}"
    data.append(
        [
            str(_("Total")),
            *map(cijfers_module.als_getal, tabel.kolomtotalen),
            cijfers_module.als_getal(tabel.totaal),
        ]
    )
    return als_download(data, naam, request.GET.get("formaat", "csv"))


def _persoon(b, velden) -> str:
    """A person involved, in one cell: the fields the incident page shows this user (art. 8)."""
    waarden = {
        "rol": b.get_rol_display(),
        "soort": b.get_soort_display(),
        "geboortedatum": b.geboortedatum and _("born %(d)s") % {"d": b.geboortedatum.isoformat()},
        # as on the page: the age only when the date of birth is not known
        "leeftijd": b.leeftijd is not None
        and not b.geboortedatum
        and _("%(n)s years") % {"n": b.leeftijd},
        "ouders_geinformeerd_op": b.ouders_geinformeerd_op
        and f"{_('Parents informed on')} {b.ouders_geinformeerd_op.isoformat()}",
    }
    gegevens = ", ".join(str(waarden[veld]) for veld in velden if waarden.get(veld))
    naam = b.naam if "naam" in velden and b.naam else "-"
    return f"{naam} ({gegevens})"


@login_required
def export(request):
    """The visible list, filtered as on screen, as CSV or Excel. The people involved with the
    fields the incident page shows this user (art. 8, regels.zichtbare_persoonsgegevens); each
    incident whose people are exported is logged."""
    meldingen = zichtbaar(request).prefetch_related("betrokkenen")
    filter_ = MeldingFilter(request.GET, queryset=meldingen, request=request)
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
    return als_stroom(
        kolommen,
        _exportrijen(filter_.qs, request.user),
        f"meldingen-{timezone.localdate().isoformat()}",
        request.GET.get("formaat", "csv"),
    )


# Incidents read from the database per chunk while the export streams (issue 15).
EXPORT_PER_KEER = 500


def _exportrijen(meldingen, user):
    """The export's rows, read a chunk at a time; each incident whose people are exported is
    logged (Inzage) with its chunk, before its rows leave."""
    rijen, ingezien = [], []
    for m in meldingen.iterator(chunk_size=EXPORT_PER_KEER):
        tijdstip = timezone.localtime(m.tijdstip)
        politie = getattr(m, "politiemelding", None)
        velden = toegang.persoonsgegevens(user, m)
        personen = ""
        if velden:
            personen = "; ".join(_persoon(b, velden) for b in m.betrokkenen.all())
            ingezien.append(Inzage(melding=m, gebruiker=user))
        rijen.append(
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
        if len(rijen) == EXPORT_PER_KEER:
            Inzage.objects.bulk_create(ingezien)
            yield from rijen
            rijen, ingezien = [], []
    Inzage.objects.bulk_create(ingezien)
    yield from rijen
