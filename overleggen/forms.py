from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from overleggen import naleving
from overleggen.models import BEREIKVELDEN, Actiepunt, Overleg, Overlegvorm
from partijen import invoer, tijdvenster
from partijen.forms import CrispyFieldsMixin, DateInput, DateTimeInput
from partijen.models import Overleggebied, Persoon, School, Wijk


class OverlegForm(CrispyFieldsMixin, forms.ModelForm):
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
        # Every date of a meeting within the window of planned dates (art. 10.1-10.2).
        tijdvenster.beperk(self, tijdvenster.Soort.GEPLAND)
        vorm = invoer.lees(invoer.IdVeld(), self.initial.get("vorm") or self.data.get("vorm"))
        vorm = Overlegvorm.objects.filter(pk=vorm).first() if vorm else None
        if vorm is not None:
            # Only the scope field this kind of meeting uses is shown.
            for veld in BEREIKVELDEN:
                if veld != vorm.bereikveld:
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
        veld = vorm.bereikveld
        for andere in BEREIKVELDEN:
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
            and naleving.overlap_maximum(vorm, start.year, data[veld])
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


class VerslagForm(CrispyFieldsMixin, forms.ModelForm):
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


class ActiepuntForm(forms.ModelForm):
    class Meta:
        model = Actiepunt
        fields = ["omschrijving", "eigenaar", "deadline"]
        widgets = {"deadline": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tijdvenster.beperk(self, tijdvenster.Soort.GEPLAND)


class _Acties(forms.BaseInlineFormSet):
    def __init__(self, *args, personen=None, **kwargs):
        super().__init__(*args, **kwargs)
        for form in self.forms:
            form.fields["eigenaar"].queryset = (
                personen if personen is not None else (Persoon.objects.all())
            )

    def nieuwe_actiepunten(self) -> list[dict]:
        """The action points filled in on a valid formset (it only adds new ones), as the
        keyword arguments of each (for diensten.verslag_vastleggen)."""
        return [
            {veld: form.cleaned_data[veld] for veld in ActiepuntForm.Meta.fields}
            for form in self.extra_forms
            if form.has_changed()
        ]


ActiepuntenFormSet = forms.inlineformset_factory(
    Overleg,
    Actiepunt,
    form=ActiepuntForm,
    formset=_Acties,
    extra=2,
    can_delete=False,
    max_num=20,
)


class PlanKeuzeForm(forms.Form):
    """The kind and scope a "Plannen" or "Vastleggen" link opens the plan form with, or the
    plan form was sent with. The choices are only what the user may plan (overleggen.toegang),
    so anything else is refused rather than shown as an empty field."""

    vorm = forms.ModelChoiceField(queryset=Overlegvorm.objects.none())
    school = forms.ModelChoiceField(queryset=School.objects.none(), required=False)
    overleggebied = forms.ModelChoiceField(queryset=Overleggebied.objects.none(), required=False)
    wijk = forms.ModelChoiceField(queryset=Wijk.objects.none(), required=False)
    al_gehouden = forms.BooleanField(required=False)

    def __init__(self, *args, vormen, scholen, gebieden, wijken, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vorm"].queryset = vormen
        self.fields["school"].queryset = scholen
        self.fields["overleggebied"].queryset = gebieden
        self.fields["wijk"].queryset = wijken

    @property
    def gekozen_vorm(self):
        """The chosen kind, or None (none, or one the user may not plan)."""
        return self.cleaned_data.get("vorm")

    @property
    def bereik(self):
        """The chosen scope of the chosen kind, or None (the city, or still to choose)."""
        veld = self.gekozen_vorm.bereikveld if self.gekozen_vorm else None
        return self.cleaned_data.get(veld) if veld else None
