"""The access review (BIO 5.18): every account, its roles, schools, last use and 2FA."""

import tablib
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from partijen.export import als_download
from partijen.forms import ToegangFilterForm
from partijen.models import Toegangswijziging
from partijen.toegang import ziet_auditlog, ziet_toegangsoverzicht
from partijen.toegangsbeheer import (
    accounts,
    gebruikers_met_tweefactor,
    in_rol,
    ongebruikt_dagen,
)


def _rijen(form):
    gebruikers = accounts()
    if form.is_valid():
        data = form.cleaned_data
        if data["zoek"]:
            gebruikers = gebruikers.filter(
                Q(username__icontains=data["zoek"])
                | Q(first_name__icontains=data["zoek"])
                | Q(last_name__icontains=data["zoek"])
            )
        if data["rol"]:
            gebruikers = in_rol(gebruikers, data["rol"])
        if data["actief"]:
            gebruikers = gebruikers.filter(is_active=data["actief"] == "ja")
    gebruikers = list(gebruikers)
    met_2fa = gebruikers_met_tweefactor(gebruikers)
    rijen = []
    for g in gebruikers:
        persoon = getattr(g, "persoon", None)
        toewijzingen = persoon.huidige_toewijzingen if persoon else []
        rijen.append(
            {
                "gebruiker": g,
                "toewijzingen": toewijzingen,
                "scholen": sorted({t.school.naam for t in toewijzingen if t.school_id}),
                "tweefactor": g.pk in met_2fa,
            }
        )
    if form.is_valid() and form.cleaned_data["tweefactor"]:
        gewenst = form.cleaned_data["tweefactor"] == "ja"
        rijen = [r for r in rijen if r["tweefactor"] == gewenst]
    return rijen


def _export(rijen, formaat):
    data = tablib.Dataset(
        headers=[
            _("User name"),
            _("Name"),
            _("Administrator"),
            _("Current roles"),
            _("Schools"),
            _("Last login"),
            _("Active"),
            _("Two-factor login"),
        ]
    )
    for r in rijen:
        g = r["gebruiker"]
        data.append(
            [
                g.username,
                g.get_full_name(),
                _("yes") if g.is_beheerder else _("no"),
                "; ".join(
                    f"{t.get_rol_display()} · {t.bereik}" if t.bereik else t.get_rol_display()
                    for t in r["toewijzingen"]
                ),
                "; ".join(r["scholen"]),
                timezone.localtime(g.last_login).strftime("%Y-%m-%d %H:%M") if g.last_login else "",
                _("yes") if g.is_active else _("no"),
                _("yes") if r["tweefactor"] else _("no"),
            ]
        )
    return als_download(data, f"toegang-{timezone.localdate().isoformat()}", formaat)


@login_required
def toegangsoverzicht(request):
    if not ziet_toegangsoverzicht(request.user):
        raise Http404
    form = ToegangFilterForm(request.GET or None)
    rijen = _rijen(form)
    if form.is_valid() and form.cleaned_data["formaat"]:
        return _export(rijen, form.cleaned_data["formaat"])
    parameters = request.GET.copy()
    parameters.pop("formaat", None)
    wijzigingen = Toegangswijziging.objects.select_related(
        "door", "persoon", "gebruiker", "school", "overleggebied"
    )[:50]
    return render(
        request,
        "partijen/toegangsoverzicht.html",
        {
            "form": form,
            "rijen": rijen,
            "wijzigingen": wijzigingen,
            "ongebruikt_dagen": ongebruikt_dagen(),
            "toont_auditlog": ziet_auditlog(request.user),
            "exportparameters": parameters.urlencode(),
        },
    )
