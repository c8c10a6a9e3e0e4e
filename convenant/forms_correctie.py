"""The forms of a correction of a scan error in the copied text (no amendment, art. 11.3)."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from convenant import regels
from convenant.forms import kies_lid
from convenant.models import Lid, Tekstcorrectie
from partijen.forms import CrispyFieldsMixin, CrispyMixin

# Room for a few words more than the paragraph has; the rule allows no more than a few.
RUIMTE = 500


class LidKeuzeForm(CrispyFieldsMixin, forms.Form):
    """Step 1: the paragraph, chosen in a GET form (`?lid=<pk>`): its choice is the address of
    step 2. A paragraph of another covenant, or no number at all, is an error on the field."""

    lid = forms.ModelChoiceField(label=_("Paragraph"), queryset=Lid.objects.none())

    def __init__(self, *args, convenant, **kwargs):
        super().__init__(*args, **kwargs)
        kies_lid(self.fields["lid"], convenant)


class TekstcorrectieForm(CrispyMixin, forms.ModelForm):
    """Step 2: the paragraph's text as corrected, and why. The rule (regels.correctie_bezwaren)
    is checked here against the text shown, and again by the service under a lock."""

    submit_label = _("Record the correction")
    submit_name = "corrigeren"

    class Meta:
        model = Tekstcorrectie
        fields = ["nieuwe_tekst", "reden"]
        widgets = {
            "nieuwe_tekst": forms.Textarea(attrs={"rows": 8}),
            "reden": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, lid, **kwargs):
        super().__init__(*args, initial={"nieuwe_tekst": lid.tekst}, **kwargs)
        self.lid = lid
        self.instance.lid, self.instance.oude_tekst = lid, lid.tekst
        for naam, lengte in (("nieuwe_tekst", len(lid.tekst) + RUIMTE), ("reden", 1000)):
            veld = self.fields[naam]
            veld.max_length = lengte
            veld.validators.append(MaxLengthValidator(lengte))
            veld.widget.attrs["maxlength"] = lengte

    def clean_nieuwe_tekst(self):
        # A browser sends a textarea's line breaks as CRLF; the texts are stored with LF.
        tekst = self.cleaned_data["nieuwe_tekst"].replace("\r\n", "\n")
        bezwaren = regels.correctie_bezwaren(self.lid.tekst, tekst)
        if bezwaren:
            raise forms.ValidationError(bezwaren)
        return tekst
