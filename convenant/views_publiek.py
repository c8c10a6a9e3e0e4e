"""Pages for parents and anyone else, without an account (art. 9.2, 9.3).

Nothing private: no names of students, no personal phone numbers, nothing from incidents or
meetings. Schools are named with the functions of their contacts, not the people.
"""

from datetime import date

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control

from convenant import looptijd
from convenant import pdf as pdf_module
from convenant.forms import SchoolZoekForm
from convenant.models import Convenant
from partijen import regels as partijregels
from partijen.models import Rol, Roltoewijzing, School, Stadsdeel

PER_PAGINA = 50


def _convenant():
    convenant = Convenant.objects.actueel()
    if convenant is None:
        raise Http404
    return convenant


def voorpagina(request):
    """The site's front page for anyone without an account: the way to the parents' pages and
    to the login for partners. Nothing from the register, so nothing personal."""
    return render(request, "publiek/voorpagina.html")


def voor_ouders(request):
    convenant = _convenant()
    form = SchoolZoekForm(request.GET or None)
    zoekterm = form.cleaned_data["zoek"] if form.is_valid() else ""
    scholen = (
        School.objects.filter(actief=True)
        .zoek(zoekterm)
        .select_related("bestuur", "wijk", "stadsdeel")
        .order_by("naam", "pk")
    )
    # A city's schools a page at a time, alphabetically: a parent searches, or picks the
    # district, or pages. Past the last page gives the last page, nonsense the first.
    pagina = Paginator(scholen, PER_PAGINA).get_page(request.GET.get("pagina"))
    stadsdelen = Stadsdeel.objects.filter(
        Exists(School.objects.filter(actief=True, stadsdeel=OuterRef("pk")))
    ).order_by("naam")
    return render(
        request,
        "publiek/voor_ouders.html",
        {
            "convenant": convenant,
            "form": form,
            "zoekterm": zoekterm,
            "pagina": pagina,
            "scholen": pagina,
            "stadsdelen": stadsdelen,
            "vandaag": timezone.localdate(),
            "paragraaf_vastgesteld": convenant.communicatieparagraaf_vastgesteld(),
            # Art. 10.3: after the term without an extension, parents read that it ended.
            "geeindigd": looptijd.geeindigd(timezone.localdate()),
        },
    )


def voor_ouders_school(request, pk):
    convenant = _convenant()
    school = get_object_or_404(School.objects.filter(actief=True).select_related("bestuur"), pk=pk)
    # Functions only: the school's contact for safety and its police contact (art. 2.1, 3.1).
    huidig = Roltoewijzing.objects.filter(
        partijregels.actief_q(timezone.localdate()),
        school=school,
        rol__in=[Rol.COORDINATOR_VEILIGHEID, Rol.POLITIE_CONTACTPERSOON],
    ).select_related("persoon")
    functies = {t.rol: t.persoon.functie for t in huidig}
    return render(
        request,
        "publiek/voor_ouders_school.html",
        {
            "convenant": convenant,
            "school": school,
            "coordinator_functie": functies.get(Rol.COORDINATOR_VEILIGHEID),
            "politie_functie": functies.get(Rol.POLITIE_CONTACTPERSOON),
            "heeft_politiecontact": Rol.POLITIE_CONTACTPERSOON in functies,
            "vandaag": timezone.localdate(),
        },
    )


def convenant_pdf(request):
    """The covenant as it stands on ?datum= (default today), cached by content hash."""
    convenant = _convenant()
    try:
        datum = date.fromisoformat(request.GET.get("datum", ""))
    except ValueError:
        datum = timezone.localdate()
    datum = pdf_module.versiedatum(convenant, datum)
    inhoud, sleutel = pdf_module.pdf(convenant, datum)
    etag = f'"{sleutel}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified(headers={"ETag": etag})
    response = HttpResponse(inhoud, content_type="application/pdf")
    naam = f"convenant-veiligheid-op-scholen-almere-{datum.isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=3600)
    return response
