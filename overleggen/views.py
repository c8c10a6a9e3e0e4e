from collections import Counter
from datetime import timedelta
from urllib.parse import urlencode

import tablib
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from overleggen import diensten, naleving, regels, toegang
from overleggen.filters import NalevingFilter, OverlegFilter
from overleggen.forms import ActiepuntenFormSet, OverlegForm, PlanKeuzeForm, VerslagForm
from overleggen.models import Actiepunt, Overleg, Overlegvorm
from partijen import invoer
from partijen.export import als_download
from partijen.models import Persoon, School


def _url(naam, vorm, bereik, **params) -> str:
    """A link to the plan form or the meeting list for a kind and scope (and more)."""
    veld = vorm.bereikveld
    bereik = {veld: bereik.pk} if veld and bereik is not None else {}
    return f"{reverse(naam)}?{urlencode({'vorm': vorm.pk, **params, **bereik})}"


# Rows of the compliance dashboard per page: at the scale of a city it has thousands.
NALEVING_PER_PAGINA = 50


def _naleving(request, alles=False):
    """The dashboard for this user and filter: the filter form, the year, the rows (after the
    status filter; a page of them, or all for the export) and the count per status (before
    it, so each count can be chosen). The rows are computed as plain values (kept in the
    cache, naleving.regels) and made model rows only for the page shown (issue 15)."""
    user = request.user
    scholen, gebieden, _wijken = toegang.bereiken(user)
    vormen = Overlegvorm.objects.filter(reikwijdte__in=toegang.naleving_reikwijdten(user))
    data = request.GET.copy()
    data.setdefault("jaar", str(timezone.localdate().year))
    filterset = NalevingFilter(data, queryset=scholen, gebieden=gebieden, vormen=vormen)
    keuze = filterset.keuze()
    jaar = keuze["jaar"]
    scholen = filterset.qs
    vormen = [keuze["vorm"]] if keuze.get("vorm") else list(vormen)
    regels = naleving.regels(jaar, scholen, vormen=vormen)
    if keuze.get("gebied"):  # an area filter keeps the city-wide rows out of the way
        regels = [r for r in regels if r.bereik_id is not None]
    aantallen = Counter(r.cel[0] for r in regels)
    tellingen = []
    for status in naleving.ERNST:
        if aantallen[status]:
            query = data.copy()
            query.setlist("status", [status])
            query.pop("formaat", None)
            query.pop("pagina", None)
            tellingen.append(
                {
                    "status": status,
                    "label": status.label,
                    "aantal": aantallen[status],
                    "url": f"?{query.urlencode()}",
                }
            )
    if keuze.get("status"):
        regels = [r for r in regels if r.cel[0] in keuze["status"]]
    pagina = None
    if not alles:
        pagina = Paginator(regels, NALEVING_PER_PAGINA).get_page(request.GET.get("pagina"))
        regels = pagina.object_list
    rijen = naleving.als_rijen(regels)
    # Last year beside this year shows the trend.
    vorig = {
        (r.vorm_id, r.reikwijdte, r.bereik_id): r.cel
        for r in naleving.regels(jaar - 1, scholen, vormen=vormen)
    }
    for regel, r in zip(regels, rijen, strict=True):
        cel = vorig.get((regel.vorm_id, regel.reikwijdte, regel.bereik_id))
        r.vorig = naleving.als_cel(cel) if cel else None
        r.lijst_url = _url("overleggen:lijst", r.vorm, r.bereik, jaar=jaar)
        r.plan_url = (
            _url("overleggen:nieuw", r.vorm, r.bereik)
            if toegang.mag_plannen(user, r.vorm, r.bereik)
            else ""
        )
    return filterset.form, jaar, rijen, tellingen, pagina


@login_required
def naleving_view(request):
    if not toegang.ziet_naleving(request.user):
        raise Http404
    form, jaar, rijen, tellingen, pagina = _naleving(request)
    return render(
        request,
        "overleggen/naleving.html",
        {
            "form": form,
            "jaar": jaar,
            "rijen": rijen,
            "pagina": pagina,
            "tellingen": tellingen,
            "mag_plannen": toegang.mag_plannen(request.user),
        },
    )


@login_required
def naleving_export(request):
    """The dashboard as CSV or Excel, with the same filter: counts and statuses, no personal
    data, only the rows the user sees on the page."""
    if not toegang.ziet_naleving(request.user):
        raise Http404
    _form, jaar, rijen, _tellingen, _pagina = _naleving(request, alles=True)
    koppen = [
        _("Meeting"),
        _("Article"),
        _("Scope"),
        _("At least"),
        _("At most"),
        _("In the chart"),
        _("Held"),
        _("Planned"),
        _("Not confirmed"),
        _("Status"),
        _("Last year"),
    ]
    data = tablib.Dataset(headers=[str(k) for k in koppen])
    for r in rijen:
        data.append(
            [
                r.vorm.naam,
                r.vorm.artikel,
                str(r.bereik or _("city")),
                r.vorm.minimum,
                r.vorm.maximum or "",
                r.vorm.volgens_schema or "",
                r.cel.gehouden,
                r.cel.gepland,
                r.cel.niet_bevestigd,
                str(r.cel.label),
                str(r.vorig.label) if r.vorig else "",
            ]
        )
    return als_download(data, f"naleving-overleggen-{jaar}", request.GET.get("formaat", "csv"))


@login_required
def overleg_lijst(request):
    overleggen = Overleg.objects.visible_to(request.user).select_related(
        "vorm", "school", "overleggebied", "wijk"
    )
    overleggen = OverlegFilter(request.GET, queryset=overleggen).qs
    return render(request, "overleggen/lijst.html", {"overleggen": overleggen[:200]})


# Free-text fields of the plan form that "Propose participants" carries over.
TYPWERK = ("start", "einde", "locatie", "voorzitter", "agenda", "verslag", "boven_maximum_reden")


@login_required
def overleg_nieuw(request):
    if not toegang.mag_plannen(request.user):
        raise Http404
    scholen, gebieden, wijken = toegang.bereiken(request.user)
    vormen = toegang.planbare_vormen(request.user)
    initial = {}
    bereiken = {"vormen": vormen, "scholen": scholen, "gebieden": gebieden, "wijken": wijken}
    if request.method == "POST":
        # The kind and scope the form was sent with, if the user may plan them; the plan form
        # itself says what is wrong with them.
        keuze = PlanKeuzeForm(request.POST, **bereiken)
        keuze.is_valid()
        vorm, bereik = keuze.gekozen_vorm, keuze.bereik
    elif request.GET.get("vorm"):
        # A "Plannen"/"Vastleggen" link (or "Propose participants"): kind and scope are checked
        # like any input; one the user may not plan is refused, not shown as an empty field.
        keuze = PlanKeuzeForm(request.GET, **bereiken)
        if not keuze.is_valid() or not toegang.mag_plannen(
            request.user, keuze.gekozen_vorm, keuze.bereik
        ):
            raise Http404
        vorm, bereik = keuze.gekozen_vorm, keuze.bereik
        initial = {
            k: getattr(v, "pk", v) for k, v in keuze.cleaned_data.items() if v not in (None, False)
        }
    else:
        vorm, bereik = None, None
    personen = (
        toegang.voor_te_stellen_deelnemers(request.user, vorm, bereik)
        if vorm
        else Persoon.objects.none()
    )
    if vorm:
        initial["voorzitter"] = vorm.voorzitter
        initial["deelnemers"] = list(personen.values_list("pk", flat=True))
        if vorm.locatie_rouleert and bereik is not None:
            gast = regels.voorgestelde_gastschool(vorm, bereik)
            if gast:
                initial["gastschool"] = gast.pk
                initial["locatie"] = f"{gast.naam}, {gast.adres}".strip(", ")
    if request.method == "GET":
        # "Propose participants" sends the form by GET: what was typed stays, over proposals.
        initial.update({k: v for k in TYPWERK if (v := request.GET.get(k, "").strip())})
    form = OverlegForm(
        request.POST or None,
        initial=initial,
        scholen=scholen,
        gebieden=gebieden,
        wijken=wijken,
        personen=personen,
    )
    form.fields["vorm"].queryset = vormen
    if vorm is not None and vorm.locatie_rouleert:
        # Only the locations the meeting rotates between may host it (art. 6.3).
        form.fields["gastschool"].queryset = regels.gastscholen(vorm, bereik).filter(
            pk__in=scholen.values("pk")
        )
    if request.method == "POST" and form.is_valid():
        overleg = diensten.overleg_plannen(door=request.user, **form.cleaned_data)
        if overleg.status == Overleg.Status.GEHOUDEN:
            messages.success(request, _("The meeting has been recorded."))
        else:
            messages.success(request, _("The meeting has been planned."))
        return redirect("overleggen:detail", pk=overleg.pk)
    return render(
        request,
        "overleggen/nieuw.html",
        {
            "form": form,
            "vorm": vorm,
            "bereik": bereik,
            "personen": personen,
        },
    )


@login_required
def overleg_detail(request, pk):
    overleg = get_object_or_404(
        Overleg.objects.visible_to(request.user).select_related(
            "vorm", "school", "overleggebied", "wijk", "gastschool"
        ),
        pk=pk,
    )
    mag_wijzigen = toegang.mag_wijzigen(request.user, overleg)
    if request.method == "POST" and not mag_wijzigen:
        # A participant sees the meeting but does not record it (art. 5-7).
        raise PermissionDenied
    form = acties = None
    if mag_wijzigen:
        # Who may be chosen, decided once: the form's lists (present, each new action point's
        # owner) each read the people again, by primary key only (issue 15).
        kiesbaar = (
            Persoon.objects.filter(pk__in=overleg.deelnemers.values("pk"))
            | toegang.voor_te_stellen_deelnemers(request.user, overleg.vorm, overleg.bereik)
        ).values_list("pk", flat=True)
        personen = Persoon.objects.filter(pk__in=sorted(set(kiesbaar))).order_by(
            "achternaam", "voornaam", "pk"
        )
        form = VerslagForm(request.POST or None, instance=overleg, personen=personen)
        # The form adds new action points; existing ones are listed above it.
        acties = ActiepuntenFormSet(
            request.POST or None,
            instance=overleg,
            prefix="acties",
            personen=personen,
            queryset=Actiepunt.objects.none(),
        )
        if request.method == "POST" and form.is_valid() and acties.is_valid():
            diensten.verslag_vastleggen(
                overleg=overleg, **form.cleaned_data, actiepunten=acties.nieuwe_actiepunten()
            )
            messages.success(request, _("The meeting has been recorded."))
            return redirect("overleggen:detail", pk=pk)
    return render(
        request,
        "overleggen/detail.html",
        {
            "overleg": overleg,
            "mag_wijzigen": mag_wijzigen,
            "form": form,
            "acties": acties,
            "overgenomen": list(overleg.overgenomen_actiepunten()),
            "actiepunten": overleg.actiepunten.select_related("eigenaar"),
        },
    )


@login_required
def actiepunt(request, pk):
    """An action point (art. 6.2, 7.1): what, by when, from which meeting; its owner or the
    meeting's organiser marks it done. The owner may not see the meeting itself."""
    punt = get_object_or_404(
        Actiepunt.objects.visible_to(request.user).select_related(
            "overleg__vorm",
            "overleg__school",
            "overleg__overleggebied",
            "overleg__wijk",
            "eigenaar",
        ),
        pk=pk,
    )
    mag_afronden = toegang.mag_actiepunt_afronden(request.user, punt)
    if request.method == "POST":
        if not mag_afronden:
            raise PermissionDenied
        if diensten.actiepunt_afronden(actiepunt=punt, op=timezone.localdate()):
            messages.success(request, _("The action point is done."))
        else:
            messages.info(request, _("The action point was already done."))
        return redirect("overleggen:actiepunt", pk=pk)
    return render(
        request,
        "overleggen/actiepunt.html",
        {
            "punt": punt,
            "mag_afronden": mag_afronden,
            "ziet_overleg": Overleg.objects.visible_to(request.user)
            .filter(pk=punt.overleg_id)
            .exists(),
            "vandaag": timezone.localdate(),
        },
    )


@login_required
def mijn_overleggen(request):
    """The coordinator's and police contact's school meetings (6.1, 6.2) for this year."""
    if not toegang.ziet_schooloverleggen(request.user):
        raise Http404
    jaar = timezone.localdate().year
    vormen = list(Overlegvorm.objects.filter(reikwijdte=Overlegvorm.Reikwijdte.SCHOOL))
    rijen = naleving.dashboard(jaar, School.objects.visible_to(request.user), vormen=vormen)
    return render(
        request,
        "overleggen/mijn.html",
        {
            "rijen": rijen,
            "jaar": jaar,
            "maand": timezone.localdate().month,
            "maanden": range(1, 13),
            "komend": Overleg.objects.visible_to(request.user)
            .komende_schooloverleggen()
            .select_related("vorm", "school"),
        },
    )


@login_required
def ics(request, pk):
    """One meeting as a calendar invitation (.ics), in Europe/Amsterdam time."""
    from overleggen import agenda

    overleg = get_object_or_404(
        Overleg.objects.visible_to(request.user)
        .select_related(*agenda.SELECT_RELATED)
        .prefetch_related("deelnemers"),
        pk=pk,
    )
    response = agenda.als_antwoord([overleg], request)
    response["Content-Disposition"] = f'attachment; filename="overleg-{overleg.pk}.ics"'
    return response


@login_required
def agenda(request):
    """The page with the user's secret calendar feed URL, and a way to reset it."""
    from overleggen.models import Agendafeed

    if request.method == "POST":
        Agendafeed.voor(request.user, opnieuw=True)
        messages.success(request, _("A new address has been made; the old one no longer works."))
        return redirect("overleggen:agenda")
    feed = Agendafeed.voor(request.user)
    url = request.build_absolute_uri(reverse("overleggen:feed", args=[feed.token]))
    return render(request, "overleggen/agenda.html", {"url": url})


@require_safe
def feed(request, token):
    """The calendar feed itself: no login (calendar programs cannot log in), the secret token
    in the URL is the key. Only the user's own meetings, without any personal data of students,
    and without the other participants: the feed is fetched every few minutes by a calendar
    service outside the partners (Google's, Microsoft's) with nothing but the token, and an
    area meeting's list of hundreds of colleagues' names and addresses is not what the user's
    agenda needs (art. 8; issue 15: the list made the feed grow with the city). The meeting's
    page, and its invitation (.ics), name them for who is logged in."""
    from overleggen import agenda
    from overleggen.models import Agendafeed

    # Read like any input: a NUL or an overlong token is no key, not a database error.
    token = invoer.lees_tekst({"token": token}, "token", max_length=64)
    feed = get_object_or_404(Agendafeed.objects.select_related("gebruiker"), token=token or None)
    persoon = getattr(feed.gebruiker, "persoon", None)
    if persoon is None or not feed.gebruiker.is_active:
        overleggen = Overleg.objects.none()
    else:
        vanaf = timezone.now() - timedelta(days=180)
        overleggen = (
            Overleg.objects.leesbaar()
            .filter(deelnemers=persoon, start__gte=vanaf)
            .select_related(*agenda.SELECT_RELATED)
        )
    response = agenda.als_antwoord(overleggen, request, deelnemers=False)
    response["Cache-Control"] = "private, max-age=900"
    return response
