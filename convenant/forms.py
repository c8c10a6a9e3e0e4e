from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from convenant.models import Convenant
from partijen.forms import CrispyMixin

# The length of django-axes' username column (AccessAttempt, AccessFailureLog).
AXES_NAAMLENGTE = 255


class InlogFormulier(CrispyMixin, AuthenticationForm):
    submit_label = _("Log in")
    submit_name = "submit"
    submit_class = "w-100"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        # Django sets the name's maximum length only on the widget, not on the server: a longer
        # name reached django-axes, whose column (255) overflowed on PostgreSQL (a 500).
        naam = self.fields["username"]
        naam.max_length = min(naam.max_length or AXES_NAAMLENGTE, AXES_NAAMLENGTE)
        naam.validators.append(MaxLengthValidator(naam.max_length))
        naam.widget.attrs["maxlength"] = naam.max_length
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class CommunicatieparagraafForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Convenant
        fields = ["communicatieparagraaf"]
        widgets = {"communicatieparagraaf": forms.Textarea(attrs={"rows": 12})}


class SchoolZoekForm(forms.Form):
    """The parents' search: a GET form that works without JavaScript. Django's CharField
    already refuses NUL characters and over-long input with a Dutch error on the field."""

    zoek = forms.CharField(
        label=_("Find a school"),
        help_text=_("The name of the school, its neighbourhood or its district."),
        max_length=100,
        required=False,
    )
