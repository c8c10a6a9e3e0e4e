"""The audit log for the administrator: read-only, searchable, paginated."""

from datetime import datetime, time, timedelta

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from partijen.audit import aanvullen, bronnen, logregels
from partijen.forms import AuditFilterForm
from partijen.toegang import ziet_auditlog

PER_PAGINA = 50


def _begin_van(dag):
    return timezone.make_aware(datetime.combine(dag, time.min))


@login_required
@require_GET
def auditlog(request):
    if not ziet_auditlog(request.user):
        raise Http404
    form = AuditFilterForm(request.GET or None, soorten=[(b.code, b.label) for b in bronnen()])
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "gebruiker": data["gebruiker"],
            "van": _begin_van(data["van"]) if data["van"] else None,
            # "until" includes that whole day
            "tot": _begin_van(data["tot"] + timedelta(days=1)) if data["tot"] else None,
            "soort": data["soort"],
        }
    pagina = Paginator(logregels(**filters), PER_PAGINA).get_page(request.GET.get("pagina"))
    parameters = request.GET.copy()
    parameters.pop("pagina", None)
    return render(
        request,
        "partijen/auditlog.html",
        {
            "form": form,
            "pagina": pagina,
            "regels": aanvullen(list(pagina.object_list)),
            "parameters": parameters.urlencode(),
            "toont_auditlog": True,
        },
    )
