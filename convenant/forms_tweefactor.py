from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _


class CodeFormulier(forms.Form):
    """The six digits from the authenticator app, or one backup code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The six digits your authenticator app shows, or one of your backup codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, knop=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        # The templates hold the <form>, with the hidden `next` beside the field.
        self.helper.form_tag = False
        self.helper.add_input(Submit("submit", knop or _("Verify"), css_class="w-100"))

    def clean_code(self):
        # Apps show "123 456"; people type spaces and capitals in backup codes.
        return "".join(self.cleaned_data["code"].split()).lower()
