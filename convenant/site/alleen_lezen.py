"""After the covenant's term ended without an extension (art. 10.3) its records stay readable,
but nothing new is recorded under it: incidents, meetings and the covenant's own decisions.

One choke point for every app: the pages that write are named here by their URL names, and a
write to them (or opening a form that only writes) gets a page that says why. What stays open:
the register and the accounts (access must still be withdrawn, people corrected), logging in
and out, the language, the Django admin of the beheerder, and recording an extension that was
decided before the end (convenant.forms.VerlengingForm refuses a later one), with the
correction of a scan error in the app's copy of the text.
"""

from django.shortcuts import render
from django.utils import timezone

from convenant import looptijd
from convenant.tweefactor import is_geverifieerd

# Per URL namespace: the views that stay open for writing (None: every view of the namespace
# is closed for writing).
OPEN = {
    "meldingen": set(),
    "overleggen": {"feed", "ics"},
    "convenant": {"verlenging_nieuw", "tekstcorrectie"},
}
# Pages that are only a form to write: opening them is refused too, so nobody starts typing
# what cannot be saved.
FORMULIEREN = {
    "meldingen": {"nieuw", "bewerken", "mededeling_nieuw", "meldcode_nieuw", "politiemelding"},
    "overleggen": {"nieuw"},
    "convenant": {
        "opzegging_nieuw",
        "instemming_nieuw",
        "toetreding_nieuw",
        "wijziging_nieuw",
        "wijziging_instemming",
    },
}


def _gesloten(request) -> bool:
    match = request.resolver_match
    if match is None or match.namespace not in OPEN:
        return False
    if match.url_name in OPEN[match.namespace]:
        return False
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return match.url_name in FORMULIEREN[match.namespace]
    return True


class AlleenLezenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _gesloten(request):
            return None
        einde = looptijd.geeindigd(timezone.localdate())
        if einde is None:
            return None
        return render(request, "convenant/alleen_lezen.html", {"einde": einde}, status=403)


def context(request):
    """Template context processor: the day the term ended, for the banner on every page of a
    signed-in user, while no extension is recorded."""
    if not request.user.is_authenticated or not is_geverifieerd(request):
        return {}
    return {"alleen_lezen_sinds": looptijd.geeindigd(timezone.localdate())}
