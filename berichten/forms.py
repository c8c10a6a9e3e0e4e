from django import forms

from berichten.soorten import Frequentie, alle_groepen


class VoorkeurenForm(forms.Form):
    """Per group of messages: at once, a daily or weekly digest, or in the application only."""

    def __init__(self, *args, keuzes: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for groep in alle_groepen():
            self.fields[groep.code] = forms.ChoiceField(
                label=groep.label,
                choices=Frequentie.choices,
                initial=keuzes[groep.code],
                widget=forms.RadioSelect,
            )
