import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from partijen import accounts, invoer, regels, toegang
from partijen.filters import SchoolFilter
from partijen.forms import (
    AccountForm,
    BeeindigForm,
    ImportForm,
    OrganisatieForm,
    PersoonForm,
    RoltoewijzingForm,
    SchoolForm,
)
from partijen.geschiedenis import wijzigingen
from partijen.importeren import OnleesbaarBestand, importeer
from partijen.models import Organisatie, Overleggebied, Persoon, Roltoewijzing, School, Sector
from partijen.rollen import Rol
from partijen.toegang import beheert_register, ziet_bezetting, ziet_toekenningen_van
from partijen.toekenning import recente_toekenningen

PER_PAGINA = 50


def _registerhouder(user):
    # The register pages are not in other roles' navigation; for them they do not exist.
    if not beheert_register(user):
        raise Http404


def _formulier(request, form, *, melding, detail, titel, terug):
    """The register's edit pages: save and go to the object's page, or show the form again
    with its errors and everything the user typed."""
    if request.method == "POST" and form.is_valid():
        obj = form.save()
        messages.success(request, melding)
        return redirect(detail, pk=obj.pk)
    return render(
        request, "partijen/formulier.html", {"form": form, "titel": titel, "terug": terug}
    )


def _scholen(request):
    return School.objects.visible_to(request.user).select_related(
        "bestuur", "overleggebied", "stadsdeel", "wijk"
    )


@login_required
def school_lijst(request):
    scholen = _scholen(request)
    filter_ = SchoolFilter(request.GET, queryset=scholen)
    # A page at a time: the city has some 200 locations, and 2,000 rendered rows took a second.
    # A page number past the end gives the last page, a nonsensical one the first.
    pagina = Paginator(filter_.qs.order_by("naam", "pk"), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    # Schools per area and sector at a glance, counted by the database.
    telling = {
        (r["overleggebied"], r["sector"]): r["n"]
        for r in scholen.order_by().values("overleggebied", "sector").annotate(n=Count("id"))
    }
    gebieden = list(Overleggebied.objects.all())
    matrix = [
        {
            "gebied": g,
            "cellen": [telling.get((g.pk, s), 0) for s in Sector.values],
            "totaal": sum(telling.get((g.pk, s), 0) for s in Sector.values),
        }
        for g in gebieden
    ]
    return render(
        request,
        "partijen/school_lijst.html",
        {
            "filter": filter_,
            "pagina": pagina,
            "scholen": pagina,
            "sectoren": Sector.values,
            "matrix": matrix,
            "totaal": sum(telling.values()),
            "mag_bewerken": beheert_register(request.user),
        },
    )


@login_required
def school_detail(request, pk):
    school = get_object_or_404(_scholen(request), pk=pk)
    vandaag = timezone.localdate()
    volgorde = {rol: i for i, rol in enumerate(Rol.values)}
    toewijzingen = sorted(
        school.toewijzingen.select_related("persoon__organisatie").order_by("-begin"),
        key=lambda t: volgorde[t.rol],
    )
    huidig = [t for t in toewijzingen if t.actief_op(vandaag)]
    tekorten = regels.tekorten_op(school, vandaag)
    mag_bewerken = beheert_register(request.user)
    return render(
        request,
        "partijen/school_detail.html",
        {
            "school": school,
            "huidig": huidig,
            "politie": [t for t in huidig if t.rol == Rol.POLITIE_CONTACTPERSOON],
            "eerder": [t for t in toewijzingen if t not in huidig],
            "tekorten": tekorten,
            "mag_bewerken": mag_bewerken,
            "toekenningen": recente_toekenningen([school])
            if ziet_toekenningen_van(request.user, school)
            else None,
            "geschiedenis": wijzigingen(
                school.history.all(), Roltoewijzing.history.filter(school_id=school.pk)
            )
            if mag_bewerken
            else None,
        },
    )


@login_required
def school_bewerken(request, pk=None):
    school = get_object_or_404(_scholen(request), pk=pk) if pk else None
    _registerhouder(request.user)
    return _formulier(
        request,
        SchoolForm(request.POST or None, instance=school),
        melding=_("The school has been saved."),
        detail="partijen:school_detail",
        titel=_("Edit %s") % school if school else _("New school location"),
        terug=reverse("partijen:school_detail", args=[school.pk])
        if school
        else reverse("partijen:school_lijst"),
    )


@login_required
def bezetting(request):
    if not ziet_bezetting(request.user):
        raise PermissionDenied
    vandaag = timezone.localdate()
    actief = _scholen(request).filter(actief=True)
    # One requirement only (?eis=veiligheidsplan): where a bundled item of "Te doen" leads.
    # An unknown value shows every shortfall.
    eis = {e.code: e for e in regels.BEZETTINGSEISEN}.get(request.GET.get("eis", ""))
    # Only the schools that fall short, a page at a time, and what each lacks for that page
    # only; the others are counted.
    tekort = Q(eis.tekort(vandaag)) if eis else regels.schiet_tekort(vandaag)
    scholen = actief.filter(tekort).order_by("naam", "pk")
    pagina = Paginator(scholen, PER_PAGINA).get_page(request.GET.get("pagina"))
    tekorten = regels.tekorten_per_school(pagina, vandaag)
    aantal_scholen = actief.count()
    return render(
        request,
        "partijen/bezetting.html",
        {
            "pagina": pagina,
            "rijen": [{"school": s, "tekorten": tekorten.get(s.pk, [])} for s in pagina],
            "eisen": regels.BEZETTINGSEISEN,
            "eis": eis,
            "vandaag": vandaag,
            "aantal_scholen": aantal_scholen,
            "aantal_tekort": pagina.paginator.count,
            "aantal_volledig": aantal_scholen - pagina.paginator.count,
        },
    )


@login_required
def organisatie_lijst(request):
    _registerhouder(request.user)
    organisaties = Organisatie.objects.annotate(
        aantal_scholen=Count("scholen", distinct=True),
        aantal_ondertekeningen=Count("ondertekeningen", distinct=True),
    )
    return render(request, "partijen/organisatie_lijst.html", {"organisaties": organisaties})


@login_required
def organisatie_detail(request, pk):
    _registerhouder(request.user)
    organisatie = get_object_or_404(Organisatie, pk=pk)
    return render(
        request,
        "partijen/organisatie_detail.html",
        {
            "organisatie": organisatie,
            "scholen": _scholen(request).filter(bestuur=organisatie),
            "personen": organisatie.personen.all(),
            "ondertekeningen": organisatie.ondertekeningen.all(),
            "geschiedenis": wijzigingen(organisatie.history.all()),
        },
    )


@login_required
def organisatie_bewerken(request, pk=None):
    _registerhouder(request.user)
    organisatie = get_object_or_404(Organisatie, pk=pk) if pk else None
    return _formulier(
        request,
        OrganisatieForm(request.POST or None, instance=organisatie),
        melding=_("The organisation has been saved."),
        detail="partijen:organisatie_detail",
        titel=_("Edit %s") % organisatie if organisatie else _("New organisation"),
        terug=reverse("partijen:organisatie_lijst"),
    )


@login_required
def persoon_lijst(request):
    _registerhouder(request.user)
    vandaag = timezone.localdate()
    personen = Persoon.objects.select_related("organisatie").prefetch_related(
        Prefetch(
            "toewijzingen",
            queryset=Roltoewijzing.objects.actief_op(vandaag).select_related(
                "school", "overleggebied", "organisatie"
            ),
            to_attr="huidige_toewijzingen",
        )
    )
    zoek = invoer.lees_tekst(request.GET, "zoek")
    if zoek:
        personen = personen.filter(achternaam__icontains=zoek) | personen.filter(
            voornaam__icontains=zoek
        )
    return render(request, "partijen/persoon_lijst.html", {"personen": personen, "zoek": zoek})


@login_required
def persoon_detail(request, pk):
    persoon = get_object_or_404(
        Persoon.objects.visible_to(request.user).select_related("organisatie", "gebruiker"), pk=pk
    )
    _registerhouder(request.user)
    vandaag = timezone.localdate()
    toewijzingen = list(
        persoon.toewijzingen.select_related("school", "overleggebied", "organisatie")
    )
    return render(
        request,
        "partijen/persoon_detail.html",
        {
            "persoon": persoon,
            "huidig": [t for t in toewijzingen if t.actief_op(vandaag)],
            "eerder": [t for t in toewijzingen if not t.actief_op(vandaag)],
            "mag_account_aanmaken": toegang.mag_account_aanmaken(request.user, persoon),
            "geschiedenis": wijzigingen(
                persoon.history.all(), Roltoewijzing.history.filter(persoon_id=persoon.pk)
            ),
        },
    )


@login_required
def account_aanmaken(request, pk):
    """The administrator makes an account for a person of the register in one step: linked to
    the person (whose assignments are its roles), with an e-mail to choose a password."""
    persoon = get_object_or_404(
        Persoon.objects.visible_to(request.user).select_related("organisatie"), pk=pk
    )
    if not toegang.mag_account_aanmaken(request.user, persoon):
        raise Http404
    voorstel = persoon.email.split("@")[0] if persoon.email else ""
    form = AccountForm(request.POST or None, initial={"username": voorstel, "email": persoon.email})
    if request.method == "POST" and form.is_valid():
        accounts.account_aanmaken(
            persoon=persoon,
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            door=request.user,
            protocol="https" if request.is_secure() else "http",
            domein=request.get_host(),
        )
        messages.success(
            request,
            _("The account has been created; %(person)s receives an e-mail to choose a password.")
            % {"person": persoon},
        )
        return redirect("partijen:persoon_detail", pk=persoon.pk)
    return render(
        request,
        "partijen/formulier.html",
        {
            "form": form,
            "titel": _("Account for %s") % persoon,
            "terug": reverse("partijen:persoon_detail", args=[persoon.pk]),
        },
    )


@login_required
def persoon_bewerken(request, pk=None):
    persoon = get_object_or_404(Persoon.objects.visible_to(request.user), pk=pk) if pk else None
    _registerhouder(request.user)
    return _formulier(
        request,
        PersoonForm(
            request.POST or None,
            instance=persoon,
            initial={"organisatie": request.GET.get("organisatie")},
            door=request.user,
        ),
        melding=_("The person has been saved."),
        detail="partijen:persoon_detail",
        titel=_("Edit %s") % persoon if persoon else _("New person"),
        terug=reverse("partijen:persoon_lijst"),
    )


@login_required
def toewijzing_nieuw(request):
    _registerhouder(request.user)
    initial = {k: request.GET.get(k) for k in ("school", "persoon", "rol") if request.GET.get(k)}
    initial.setdefault("begin", timezone.localdate())
    form = RoltoewijzingForm(
        request.POST or None, initial=initial, scholen=_scholen(request), door=request.user
    )
    if request.method == "POST" and form.is_valid():
        toewijzing = form.save()
        messages.success(request, _("The role has been assigned."))
        if toewijzing.school_id:
            return redirect("partijen:school_detail", pk=toewijzing.school_id)
        return redirect("partijen:persoon_detail", pk=toewijzing.persoon_id)
    return render(
        request,
        "partijen/formulier.html",
        {
            "form": form,
            "titel": _("Assign a role"),
            "terug": reverse("partijen:persoon_lijst"),
        },
    )


@login_required
def toewijzing_beeindigen(request, pk):
    toewijzing = get_object_or_404(
        Roltoewijzing.objects.visible_to(request.user).select_related("persoon", "school"), pk=pk
    )
    _registerhouder(request.user)
    form = BeeindigForm(
        request.POST or None,
        instance=toewijzing,
        initial={"einde": toewijzing.einde or timezone.localdate()},
        door=request.user,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The assignment has been ended."))
        return redirect("partijen:persoon_detail", pk=toewijzing.persoon_id)
    return render(
        request,
        "partijen/formulier.html",
        {
            "form": form,
            "titel": _("End: %s") % toewijzing,
            "terug": reverse("partijen:persoon_detail", args=[toewijzing.persoon_id]),
        },
    )


IMPORT_SESSIE = "partijen_import"


@login_required
def importeren(request):
    _registerhouder(request.user)
    uitkomst = None
    form = ImportForm()
    bewaard = request.session.get(IMPORT_SESSIE)
    if request.method == "POST" and "bevestigen" in request.POST and bewaard:
        uitkomst = importeer(
            bewaard["soort"],
            base64.b64decode(bewaard["inhoud"]),
            bewaard["naam"],
            echt=True,
            door=request.user,
        )
        del request.session[IMPORT_SESSIE]
        if uitkomst.opgeslagen:
            messages.success(request, _("The import has been saved."))
            return redirect(
                "partijen:school_lijst"
                if bewaard["soort"] == "scholen"
                else "partijen:persoon_lijst"
            )
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            bestand = form.cleaned_data["bestand"]
            inhoud = bestand.read()
            try:
                uitkomst = importeer(
                    form.cleaned_data["soort"], inhoud, bestand.name, echt=False, door=request.user
                )
            except OnleesbaarBestand as exc:
                form.add_error("bestand", str(exc))
            else:
                if not uitkomst.fouten:
                    # Kept for the confirmation step; the file itself is not stored.
                    request.session[IMPORT_SESSIE] = {
                        "soort": form.cleaned_data["soort"],
                        "naam": bestand.name,
                        "inhoud": base64.b64encode(inhoud).decode(),
                    }
    return render(request, "partijen/importeren.html", {"form": form, "uitkomst": uitkomst})
