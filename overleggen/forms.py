from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from overleggen import naleving
from overleggen.models import Actiepunt, Overleg, Overlegvorm
from partijen.forms import DateInput
from partijen.models import Persoon


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _helper():
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class OverlegForm(forms.ModelForm):
    al_gehouden = forms.BooleanField(
        label=_("This meeting has already taken place; the invited were present"),
        required=False,
        help_text=_("For recording a school meeting afterwards in one go."),
    )

    class Meta:
        model = Overleg
        fields = [
            "vorm",
            "school",
            "overleggebied",
            "wijk",
            "start",
            "einde",
            "locatie",
            "gastschool",
            "voorzitter",
            "agenda",
            "deelnemers",
            "al_gehouden",
            "verslag",
            "boven_maximum_reden",
        ]
        widgets = {
            "start": DateTimeInput(),
            "einde": DateTimeInput(),
            "agenda": forms.Textarea(attrs={"rows": 3}),
            "deelnemers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, scholen, gebieden, wijken, personen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vorm"].queryset = Overlegvorm.objects.all()
        self.fields["vorm"].required = True
        self.fields["school"].queryset = scholen
        self.fields["gastschool"].queryset = scholen
        self.fields["overleggebied"].queryset = gebieden
        self.fields["wijk"].queryset = wijken
        self.fields["deelnemers"].queryset = personen.select_related("organisatie")
        self.fields["deelnemers"].label_from_instance = lambda p: (
            f"{p} · {p.functie or p.organisatie}"
        )
        self.helper = _helper()
        vorm = self.initial.get("vorm") or self.data.get("vorm")
        vorm = Overlegvorm.objects.filter(pk=vorm).first() if str(vorm or "").isdigit() else None
        if vorm is not None:
            # Only the scope field this kind of meeting uses is shown.
            nodig = {"school": "school", "gebied": "overleggebied", "wijk": "wijk"}.get(
                vorm.reikwijdte
            )
            for veld in ("school", "overleggebied", "wijk"):
                if veld != nodig:
                    self.fields[veld].widget = forms.HiddenInput()
            if not vorm.locatie_rouleert:
                self.fields["gastschool"].widget = forms.HiddenInput()
            if vorm.maximum is None:
                self.fields["boven_maximum_reden"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        vorm = data.get("vorm")
        start, einde = data.get("start"), data.get("einde")
        if start and einde and einde <= start:
            self.add_error("einde", _("A meeting ends after it starts."))
        if data.get("al_gehouden") and start and start > timezone.now():
            self.add_error("al_gehouden", _("A meeting in the future cannot have been held."))
        if vorm is None:
            return data
        veld = {"school": "school", "gebied": "overleggebied", "wijk": "wijk"}.get(vorm.reikwijdte)
        for andere in ("school", "overleggebied", "wijk"):
            if andere != veld:
                data[andere] = None
        if veld and not data.get(veld) and veld not in self.errors:
            self.add_error(
                veld,
                _("Choose the %(scope)s this meeting is for.")
                % {"scope": self.fields[veld].label.lower()},
            )
        boven_maximum = (
            start
            and veld
            and data.get(veld)
            and not self.instance.pk
            and naleving.overlap_maximum(vorm, start.year, **{veld: data[veld]})
        )
        if boven_maximum and not data.get("boven_maximum_reden"):
            self.add_error(
                "boven_maximum_reden",
                _(
                    "This would be more than the maximum of %(max)s a year (art. %(article)s). "
                    "The chair may plan it anyway: give the reason."
                )
                % {"max": vorm.maximum, "article": vorm.artikel},
            )
        return data


class VerslagForm(forms.ModelForm):
    class Meta:
        model = Overleg
        fields = ["status", "aanwezigen", "verslag", "besluiten"]
        widgets = {
            "aanwezigen": forms.CheckboxSelectMultiple,
            "verslag": forms.Textarea(attrs={"rows": 4}),
            "besluiten": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, personen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanwezigen"].queryset = personen
        self.fields["status"].label = _("The meeting was")
        self.helper = _helper()


class ActiepuntForm(forms.ModelForm):
    class Meta:
        model = Actiepunt
        fields = ["omschrijving", "eigenaar", "deadline"]
        widgets = {"deadline": DateInput()}


class _Acties(forms.BaseInlineFormSet):
    def __init__(self, *args, personen=None, **kwargs):
        super().__init__(*args, **kwargs)
        for form in self.forms:
            form.fields["eigenaar"].queryset = (
                personen if personen is not None else (Persoon.objects.all())
            )


ActiepuntenFormSet = forms.inlineformset_factory(
    Overleg,
    Actiepunt,
    form=ActiepuntForm,
    formset=_Acties,
    extra=2,
    can_delete=False,
    max_num=20,
)
