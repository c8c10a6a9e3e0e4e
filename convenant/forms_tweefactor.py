from django import forms
from django.utils.translation import gettext_lazy as _

from partijen.forms import CrispyMixin


class CodeFormulier(CrispyMixin, forms.Form):
    """The six digits from the authenticator app, or one backup code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The six digits your authenticator app shows, or one of your backup codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )

    # The templates hold the <form>, with the hidden `next` beside the field.
    form_tag = False
    submit_name = "submit"
    submit_class = "w-100"

    def __init__(self, *args, knop=None, **kwargs):
        self.submit_label = knop or _("Verify")
        super().__init__(*args, **kwargs)

    def clean_code(self):
        # Apps show "123 456"; people type spaces and capitals in backup codes.
        return "".join(self.cleaned_data["code"].split()).lower()
