"""The covenant's own life (art. 10): its timeline for everyone, and the notices, consents and
extensions the register keepers record. Nothing is deleted; every record keeps its history."""

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convenant import regels, toegang
from convenant.forms import InstemmingForm, OpzeggingForm, ToetredingForm, VerlengingForm
from convenant.lidmaatschap import (
    instemming_nodig_per_opzegging,
    instemming_nodig_van,
    inwerkingtreding,
    leden_op,
    lidmaatschappen,
)
from convenant.models import Instemming, Ondertekening, Opzegging, Verlenging
from convenant.views import actueel_convenant, ondertekeningen_van
from partijen.models import Organisatie


@dataclass
class Gebeurtenis:
    datum: date
    soort: str  # for the badge: ondertekening, toetreding, opzegging, einde, verlenging, looptijd
    tekst: str
    voorbij: bool = True
    details: list[str] | None = None


def _maanden_tot(van: date, tot: date) -> int:
    return (tot.year - van.year) * 12 + tot.month - van.month - (tot.day < van.day)


def vooruitblik(convenant, vandaag: date) -> str:
    """What comes next for the covenant's term, in a sentence (art. 10.3)."""
    _begin, einde = convenant.looptijd()
    if einde is None:
        return ""
    if regels.looptijd_verstreken(einde, vandaag):
        return _(
            "The term ended on %(datum)s and no extension has been recorded: the covenant's "
            "records stay readable."
        ) % {"datum": einde.strftime("%d-%m-%Y")}
    maanden = _maanden_tot(vandaag, einde)
    zin = ngettext(
        "The term ends in %(n)d month, on %(datum)s.",
        "The term ends in %(n)d months, on %(datum)s.",
        maanden,
    ) % {"n": maanden, "datum": einde.strftime("%d-%m-%Y")}
    if maanden < 12:
        zin += " " + _(
            "An extension by one year rests on an evaluation (art. 10.3): plan it in time."
        )
    return zin


def _tijdlijn(convenant, vandaag: date) -> list[Gebeurtenis]:
    ondertekeningen = list(ondertekeningen_van(convenant))
    leden = lidmaatschappen(convenant)
    # Computed once for the page, not per notice or amendment.
    nodig = instemming_nodig_per_opzegging(convenant)
    per_partner = {p: (lid.begin, lid.einde) for p, lid in leden.items()}
    begin, einde = convenant.looptijd()
    gebeurtenissen = []
    # Each partner once per date (several people may sign for one), in the order they signed:
    # by primary key, not by comparing models in a list (issue 15: 250 partners made 30,000
    # comparisons).
    per_datum: dict[date, dict] = {}
    for o in ondertekeningen:
        per_datum.setdefault(o.datum, {}).setdefault(o.organisatie_id, o.organisatie)
    for datum, organisaties in sorted(per_datum.items()):
        namen = [str(o) for o in organisaties.values()]
        if datum == begin:
            tekst = _("Signed by %(n)d partners (art. 10.1)") % {"n": len(namen)}
            soort = "ondertekening"
        else:
            tekst = _("Accession (art. 11.3)")
            soort = "toetreding"
        gebeurtenissen.append(Gebeurtenis(datum, soort, tekst, datum <= vandaag, namen))
    for o in ondertekeningen:
        if o.besluit_betrekken_op:
            gebeurtenissen.append(
                Gebeurtenis(
                    o.besluit_betrekken_op,
                    "besluit",
                    _("The partners decide to involve %(partner)s (art. 11.4)")
                    % {"partner": o.organisatie},
                    o.besluit_betrekken_op <= vandaag,
                )
            )
    for o in convenant.opzeggingen.select_related("organisatie").prefetch_related("instemmingen"):
        laatste_dag = leden[o.organisatie_id].einde
        details = []
        if o.direct_gevraagd:
            ontbreekt = len(
                nodig.get(o.pk, set()) - {i.organisatie_id for i in o.instemmingen.all()}
            )
            details.append(
                ngettext(
                    "Asks to leave at once: %(n)d consent still missing.",
                    "Asks to leave at once: %(n)d consents still missing.",
                    ontbreekt,
                )
                % {"n": ontbreekt}
                if ontbreekt
                else _("Leaves at once: every other partner consented.")
            )
        gebeurtenissen.append(
            Gebeurtenis(
                o.datum,
                "opzegging",
                _("%(partner)s gives notice (art. 10.2)") % {"partner": o.organisatie},
                o.datum <= vandaag,
                details,
            )
        )
        gebeurtenissen.append(
            Gebeurtenis(
                laatste_dag,
                "einde",
                _("Last day of %(partner)s as a partner") % {"partner": o.organisatie},
                laatste_dag < vandaag,
            )
        )
    for w in convenant.wijzigingen.prefetch_related("instemmingen"):
        van_kracht = inwerkingtreding(w, per_partner)
        gebeurtenissen.append(
            Gebeurtenis(
                w.voorgesteld_op,
                "wijziging",
                _("Amendment proposed: %(wat)s (art. 11.3)") % {"wat": w.omschrijving},
                w.voorgesteld_op <= vandaag,
                [] if van_kracht else [_("Waiting for the consent of every partner.")],
            )
        )
        if van_kracht:
            gebeurtenissen.append(
                Gebeurtenis(
                    van_kracht,
                    "wijziging",
                    _("Amendment in force: %(wat)s") % {"wat": w.omschrijving},
                    van_kracht <= vandaag,
                )
            )
    for v in convenant.verlengingen.select_related("evaluatieronde"):
        gebeurtenissen.append(
            Gebeurtenis(
                v.besloten_op,
                "verlenging",
                _("Extended by %(n)d year on %(evaluatie)s (art. 10.3)")
                % {
                    "n": convenant.verlenging_jaren,
                    "evaluatie": v.evaluatieronde
                    or _("the evaluation of %(datum)s")
                    % {"datum": v.evaluatie_datum.strftime("%d-%m-%Y")},
                },
                v.besloten_op <= vandaag,
            )
        )
    if einde:
        gebeurtenissen.append(
            Gebeurtenis(einde, "looptijd", _("End of the term (art. 10.3)"), einde < vandaag)
        )
    return sorted(gebeurtenissen, key=lambda g: (g.datum, g.soort != "ondertekening"))


@login_required
def looptijd(request):
    """The covenant's timeline: signing, accessions, notices, extensions and the end of the
    term, with what comes next."""
    convenant = actueel_convenant()
    vandaag = timezone.localdate()
    return render(
        request,
        "convenant/looptijd.html",
        {
            "convenant": convenant,
            "tijdlijn": _tijdlijn(convenant, vandaag),
            "vooruitblik": vooruitblik(convenant, vandaag),
            "aantal_partners": len(leden_op(vandaag, convenant)),
            "opzeggingen": convenant.opzeggingen.select_related("organisatie")
            .prefetch_related("instemmingen__organisatie")
            .order_by("datum"),
            "verlengingen": convenant.verlengingen.select_related("evaluatieronde"),
            "mag_bijhouden": toegang.mag_looptijd_bijhouden(request.user),
        },
    )


def _bijhouder(request):
    if not toegang.mag_looptijd_bijhouden(request.user):
        raise Http404
    return actueel_convenant()


def _formulier(request, form, titel, uitleg=""):
    return render(
        request,
        "convenant/looptijd_formulier.html",
        {"form": form, "titel": titel, "uitleg": uitleg},
    )


@login_required
def opzegging_nieuw(request):
    convenant = _bijhouder(request)
    partners = Organisatie.objects.filter(pk__in=leden_op(timezone.localdate(), convenant))
    form = OpzeggingForm(
        request.POST or None, request.FILES or None, convenant=convenant, partners=partners
    )
    if request.method == "POST" and form.is_valid():
        form.instance.vastgelegd_door = request.user
        form.save()
        messages.success(request, _("The notice has been recorded."))
        return redirect("convenant:looptijd")
    return _formulier(
        request,
        form,
        _("Record a notice"),
        _(
            "A partner stays a partner for six months after its notice, or leaves at once when "
            "every other partner consents in writing (art. 10.2)."
        ),
    )


@login_required
def toetreding_nieuw(request):
    convenant = _bijhouder(request)
    form = ToetredingForm(
        request.POST or None,
        request.FILES or None,
        convenant=convenant,
        partners=leden_op(timezone.localdate(), convenant),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The accession has been recorded."))
        return redirect("convenant:looptijd")
    return _formulier(
        request,
        form,
        _("Record an accession"),
        _(
            "A new partner accedes by signing; the covenant takes effect for it on its own date "
            "(art. 10.1). A partner from primary education accedes without an amendment "
            "(art. 11.3); any other organisation after the partners decided to involve it "
            "(art. 11.4)."
        ),
    )


@login_required
def instemming_nieuw(request, pk):
    convenant = _bijhouder(request)
    opzegging = get_object_or_404(
        Opzegging.objects.select_related("organisatie", "convenant"),
        pk=pk,
        convenant=convenant,
        direct_gevraagd=True,
    )
    form = InstemmingForm(
        request.POST or None,
        request.FILES or None,
        opzegging=opzegging,
        nodig=instemming_nodig_van(opzegging),
    )
    if request.method == "POST" and form.is_valid():
        form.instance.vastgelegd_door = request.user
        form.save()
        messages.success(request, _("The consent has been recorded."))
        return redirect("convenant:looptijd")
    return _formulier(
        request,
        form,
        _("Consent to %(partner)s leaving at once") % {"partner": opzegging.organisatie},
    )


@login_required
def verlenging_nieuw(request):
    convenant = _bijhouder(request)
    form = VerlengingForm(request.POST or None, request.FILES or None, convenant=convenant)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.instance.vastgelegd_door = request.user
            form.save()
        messages.success(request, _("The extension has been recorded."))
        return redirect("convenant:looptijd")
    return _formulier(
        request,
        form,
        _("Record an extension"),
        _(
            "The covenant can be extended by one year at a time, on the basis of an evaluation "
            "(art. 10.3)."
        ),
    )


DOCUMENTEN = {
    "toetreding": (Ondertekening, "document"),
    "opzegging": (Opzegging, "document"),
    "instemming": (Instemming, "document"),
    "verlenging": (Verlenging, "evaluatie_document"),
}


@login_required
def document(request, soort, pk):
    """A signed document of the covenant's life, for the register keepers only."""
    convenant = _bijhouder(request)
    if soort not in DOCUMENTEN:
        raise Http404
    model, veld = DOCUMENTEN[soort]
    if model is Instemming:
        van_dit_convenant = Q(opzegging__convenant=convenant) | Q(wijziging__convenant=convenant)
    else:
        van_dit_convenant = Q(convenant=convenant)
    bestand = getattr(get_object_or_404(model.objects.filter(van_dit_convenant), pk=pk), veld)
    if not bestand:
        raise Http404
    return FileResponse(bestand.open("rb"), as_attachment=True, filename=f"{soort}-{pk}.pdf")
