"""A correction of a scan error in the application's copy of the signed text: no amendment
(art. 11.3) and no new version, but a logged correction the register keepers record, shown to
everyone on "what changed when"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from convenant import diensten
from convenant.forms_correctie import LidKeuzeForm, TekstcorrectieForm
from convenant.views_leven import _bijhouder


@login_required
def tekstcorrectie(request):
    """Step 1 chooses the paragraph (`?lid=<pk>`); step 2, at that address, takes the corrected
    text and the reason. Only the register keepers, as for the covenant's other records."""
    convenant = _bijhouder(request)
    keuze = LidKeuzeForm(request.GET if "lid" in request.GET else None, convenant=convenant)
    form = None
    if keuze.is_valid():
        lid = keuze.cleaned_data["lid"]
        form = TekstcorrectieForm(request.POST or None, lid=lid)
        if request.method == "POST" and form.is_valid():
            try:
                diensten.corrigeer_tekst(
                    lid=lid,
                    nieuwe_tekst=form.cleaned_data["nieuwe_tekst"],
                    reden=form.cleaned_data["reden"],
                    door=request.user,
                )
            except ValidationError as fout:
                # Someone corrected the paragraph meanwhile: the rule judged the text as it is now.
                form.add_error("nieuwe_tekst", fout)
            else:
                messages.success(
                    request,
                    _("The correction of art. %(ref)s has been recorded.")
                    % {"ref": lid.verwijzing},
                )
                return redirect("convenant:wijzigingen")
    return render(
        request,
        "convenant/tekstcorrectie.html",
        {"keuze": keuze, "form": form, "lid": form and form.lid},
    )
