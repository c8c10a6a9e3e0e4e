from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from evaluatie import regels
from evaluatie.models import Bevinding, Evaluatieronde, Oordeel, Verbeteractie
from partijen import tijdvenster
from partijen.forms import CrispyMixin, DateInput
from partijen.models import Organisatie, Persoon
from partijen.validators import geen_html


class RondeForm(CrispyMixin, forms.ModelForm):
    """The projectleider opens a round today, over a period, with a closing date."""

    submit_label = _("Open the round")

    class Meta:
        model = Evaluatieronde
        fields = ["soort", "periode_begin", "periode_einde", "sluitdatum"]
        widgets = {
            "periode_begin": DateInput(),
            "periode_einde": DateInput(),
            "sluitdatum": DateInput(),
        }

    def __init__(self, *args, convenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.convenant = convenant
        self.instance.geopend_op = timezone.localdate()
        for naam in ("periode_begin", "periode_einde"):
            self.fields[naam].validators.append(tijdvenster.validator(tijdvenster.Soort.GEBEURD))
        self.fields["sluitdatum"].validators.append(
            tijdvenster.validator(tijdvenster.Soort.GEPLAND)
        )

    def clean(self):
        data = super().clean()
        for veld, fout in regels.ronde_bezwaren(
            data.get("periode_begin"),
            data.get("periode_einde"),
            self.instance.geopend_op,
            data.get("sluitdatum"),
        ).items():
            self.add_error(veld, fout)
        return data

    def validate_unique(self):
        # The round's date is set here, not typed: say in Dutch what the constraint means.
        if Evaluatieronde.objects.filter(
            convenant=self.instance.convenant,
            soort=self.cleaned_data.get("soort"),
            periode_begin=self.cleaned_data.get("periode_begin"),
        ).exists():
            self.add_error(
                "periode_begin", _("A round of this kind for this period has already been opened.")
            )


class VragenlijstForm(forms.Form):
    """A partner's answers: per question "works in practice?" on a short scale, with a comment.
    Every question may stay open while saving; submitting needs them all (diensten)."""

    def __init__(self, *args, vragen, antwoorden, **kwargs):
        super().__init__(*args, **kwargs)
        self.vragen = list(vragen)
        for vraag in self.vragen:
            eerder = antwoorden.get(vraag.pk)
            self.fields[f"oordeel_{vraag.pk}"] = forms.ChoiceField(
                label=vraag.tekst,
                choices=Oordeel.choices,
                required=False,
                widget=forms.RadioSelect,
                initial=eerder.oordeel if eerder else None,
            )
            self.fields[f"toelichting_{vraag.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=2000,
                validators=[geen_html],
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=eerder.toelichting if eerder else "",
            )

    def rijen(self):
        """Per question: the question and its two bound fields, for the template."""
        for vraag in self.vragen:
            yield vraag, self[f"oordeel_{vraag.pk}"], self[f"toelichting_{vraag.pk}"]

    def antwoorden(self) -> dict:
        return {
            v.pk: (self.cleaned_data[f"oordeel_{v.pk}"], self.cleaned_data[f"toelichting_{v.pk}"])
            for v in self.vragen
        }


class BevindingForm(CrispyMixin, forms.ModelForm):
    submit_label = _("Record the finding")
    submit_name = "bevinding"

    class Meta:
        model = Bevinding
        fields = ["artikel", "tekst"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, ronde, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.ronde = ronde
        self.fields["artikel"].queryset = ronde.convenant.artikelen.all()


class VerbeteractieForm(CrispyMixin, forms.ModelForm):
    """Art. 11.2: an improvement action with an owner (a partner or a person) and a due date."""

    submit_label = _("Record the action")
    submit_name = "actie"

    class Meta:
        model = Verbeteractie
        fields = ["artikel", "omschrijving", "eigenaar_organisatie", "eigenaar_persoon", "deadline"]
        widgets = {"deadline": DateInput()}

    def __init__(self, *args, ronde, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.ronde = ronde
        self.fields["artikel"].queryset = ronde.convenant.artikelen.all()
        # A person owns an action only with an account: the home page shows it to them.
        self.fields["eigenaar_persoon"].queryset = Persoon.objects.filter(
            gebruiker__isnull=False
        ).order_by("achternaam", "voornaam")
        self.fields["eigenaar_organisatie"].queryset = Organisatie.objects.order_by("naam")
        self.fields["deadline"].validators.append(tijdvenster.validator(tijdvenster.Soort.GEPLAND))

    def clean(self):
        data = super().clean()
        if not data.get("eigenaar_organisatie") and not data.get("eigenaar_persoon"):
            self.add_error(
                "eigenaar_organisatie", _("Give the action an owner: a partner or a person.")
            )
        return data


class ActiestatusForm(forms.ModelForm):
    class Meta:
        model = Verbeteractie
        fields = ["status"]
