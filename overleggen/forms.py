from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from overleggen import naleving, regels
from overleggen.models import Actiepunt, Overleg, Overlegvorm
from partijen import invoer
from partijen.forms import DateInput
from partijen.models import Overleggebied, Persoon, School, Sector, Wijk

EERSTE_JAAR = 2023  # the covenant was signed on 14 November 2023 (art. 10.1)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _tijdvenster(form):
    """Every date and date-time field of a meeting form takes only the sensible window."""
    for veld in form.fields.values():
        if isinstance(veld, forms.DateField | forms.DateTimeField):
            veld.validators.append(regels.valideer_tijdvenster)


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
        _tijdvenster(self)
        self.helper = _helper()
        vorm = invoer.lees(invoer.IdVeld(), self.initial.get("vorm") or self.data.get("vorm"))
        vorm = Overlegvorm.objects.filter(pk=vorm).first() if vorm else None
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _tijdvenster(self)


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


class NalevingFilterForm(forms.Form):
    """The compliance dashboard's filter (GET). An invalid value is dropped, never a 500: the
    dashboard then shows that part unfiltered and the field says why."""

    jaar = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    gebied = forms.ModelChoiceField(
        label=_("Area"), queryset=Overleggebied.objects.none(), required=False
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    vorm = forms.ModelChoiceField(
        label=_("Kind of meeting"), queryset=Overlegvorm.objects.none(), required=False
    )
    status = forms.MultipleChoiceField(
        label=_("Status"),
        choices=[(s, naleving.LABELS[s]) for s in naleving.ERNST],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, gebieden, vormen, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        vandaag = timezone.localdate()
        self.fields["jaar"].choices = [(j, j) for j in range(EERSTE_JAAR, vandaag.year + 2)]
        self.fields["gebied"].queryset = gebieden
        self.fields["gebied"].empty_label = _("All areas")
        self.fields["sector"].choices = [("", _("All sectors")), *Sector.choices]
        self.fields["vorm"].queryset = vormen
        self.fields["vorm"].empty_label = _("All kinds")
        for naam in ("jaar", "gebied", "sector", "vorm"):
            klasse = "form-select is-invalid" if self.errors.get(naam) else "form-select"
            self.fields[naam].widget.attrs["class"] = klasse

    def waarden(self) -> dict:
        """The valid choices, with this year for a missing or invalid year."""
        self.is_valid()
        data = dict(self.cleaned_data)
        data["jaar"] = data.get("jaar") or timezone.localdate().year
        return data


class PlanKeuzeForm(forms.Form):
    """The kind and scope a "Plannen" or "Vastleggen" link opens the plan form with. The
    choices are only what the user may plan (overleggen.toegang), so anything else is refused
    rather than shown as an empty field."""

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
    def bereik(self):
        """The chosen scope of the chosen kind, or None (the city, or still to choose)."""
        veld = {"school": "school", "gebied": "overleggebied", "wijk": "wijk"}.get(
            self.cleaned_data["vorm"].reikwijdte
        )
        return self.cleaned_data.get(veld) if veld else None
