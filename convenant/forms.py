from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from convenant.models import (
    Communicatieakkoord,
    Convenant,
    Instemming,
    Lid,
    Lidwijziging,
    Ondertekening,
    Opzegging,
    Verlenging,
    Wijziging,
)
from partijen import tijdvenster
from partijen.forms import CrispyMixin, DateInput
from partijen.models import Organisatie

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


def niet_in_de_toekomst(datum):
    """A notice, a consent or a decision is recorded once it is there, not ahead of it; and it
    lies in the covenant's time (partijen.tijdvenster), not in year 1."""
    from django.utils import timezone

    if datum and datum > timezone.localdate():
        raise forms.ValidationError(_("This date lies in the future; record it once it is there."))
    tijdvenster.validator(tijdvenster.Soort.GEBEURD)(datum)


class BesluitForm(CrispyMixin, forms.ModelForm):
    """A record of the covenant's life: its dates are days that happened; only the day an
    amendment takes effect may lie ahead (in the window of planned dates)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for naam, veld in self.fields.items():
            if isinstance(veld, forms.DateField):
                veld.validators.append(
                    tijdvenster.validator(tijdvenster.Soort.GEPLAND)
                    if naam == "ingangsdatum"
                    else niet_in_de_toekomst
                )


class OpzeggingForm(BesluitForm):
    """Art. 10.2: a partner's notice, recorded by the register keepers."""

    submit_label = _("Record the notice")

    class Meta:
        model = Opzegging
        fields = ["organisatie", "datum", "direct_gevraagd", "document", "toelichting"]
        widgets = {"datum": DateInput(), "toelichting": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, convenant, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.convenant = convenant
        # The partners that have not given notice yet (a partner leaves once).
        self.fields["organisatie"].queryset = partners.exclude(
            pk__in=convenant.opzeggingen.values("organisatie")
        ).order_by("naam")
        self.fields["document"].help_text = _("The partner's letter, as a PDF (optional).")


class InstemmingForm(BesluitForm):
    """One partner's written consent: to another partner leaving at once (art. 10.2, `opzegging`)
    or to an amendment (art. 11.3, `wijziging`)."""

    submit_label = _("Record the consent")

    class Meta:
        model = Instemming
        fields = ["organisatie", "datum", "namens", "document"]
        widgets = {"datum": DateInput()}

    def __init__(self, *args, nodig, opzegging=None, wijziging=None, **kwargs):
        super().__init__(*args, **kwargs)
        besluit = opzegging or wijziging
        self.instance.opzegging, self.instance.wijziging = opzegging, wijziging
        self.fields["organisatie"].queryset = Organisatie.objects.filter(pk__in=nodig).exclude(
            pk__in=besluit.instemmingen.values("organisatie")
        )


class VerlengingForm(BesluitForm):
    """Art. 10.3: the decision to extend the covenant by one year, on an evaluation."""

    submit_label = _("Record the extension")

    class Meta:
        model = Verlenging
        fields = ["besloten_op", "evaluatie_datum", "evaluatie_document", "toelichting"]
        widgets = {
            "besloten_op": DateInput(),
            "evaluatie_datum": DateInput(),
            "toelichting": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, convenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.convenant = convenant


class ToetredingForm(BesluitForm):
    """Art. 11.3, 11.4: a new partner accedes by signing on its own date (10.1)."""

    submit_label = _("Record the accession")

    class Meta:
        model = Ondertekening
        fields = [
            "organisatie",
            "datum",
            "ondertekenaar",
            "functie",
            "besluit_betrekken_op",
            "document",
            "toelichting",
        ]
        widgets = {
            "datum": DateInput(),
            "besluit_betrekken_op": DateInput(),
            "toelichting": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, convenant, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.convenant = convenant
        self.instance.toetreding = True
        # Organisations that are not a partner today and never gave notice (a partner that
        # left and returns is a decision of its own, not an accession form).
        self.fields["organisatie"].queryset = (
            Organisatie.objects.exclude(pk__in=partners)
            .exclude(pk__in=convenant.opzeggingen.values("organisatie"))
            .order_by("naam")
        )

    def clean(self):
        from convenant import regels
        from convenant.lidmaatschap import primair_onderwijs

        data = super().clean()
        organisatie = data.get("organisatie")
        if organisatie is not None:
            for bezwaar in regels.toetreding_bezwaren(
                primair_onderwijs(organisatie), data.get("besluit_betrekken_op"), data.get("datum")
            ):
                self.add_error("besluit_betrekken_op", bezwaar)
        return data


class CommunicatieakkoordForm(BesluitForm):
    """Art. 9.2: one party's agreement to the communication paragraph as it stands."""

    submit_label = _("Record the agreement")
    submit_name = "akkoord"

    class Meta:
        model = Communicatieakkoord
        fields = ["partij", "datum", "namens"]
        widgets = {"datum": DateInput()}

    def __init__(self, *args, convenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.convenant = convenant
        # The agreement is to the text as it stands now.
        self.instance.tekst = convenant.communicatieparagraaf


class WijzigingForm(BesluitForm):
    """Art. 11.3: a proposal to amend one paragraph of the covenant."""

    submit_label = _("Record the proposal")

    lid = forms.ModelChoiceField(label=_("Paragraph"), queryset=Lid.objects.none())
    tekst = forms.CharField(
        label=_("New text"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        validators=Lidwijziging._meta.get_field("tekst").validators,
    )

    class Meta:
        model = Wijziging
        fields = ["omschrijving", "voorgesteld_op", "ingangsdatum", "lid", "tekst"]
        widgets = {"voorgesteld_op": DateInput(), "ingangsdatum": DateInput()}

    def __init__(self, *args, convenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.convenant = convenant
        self.fields["lid"].queryset = Lid.objects.filter(
            artikel__convenant=convenant
        ).select_related("artikel")
        self.fields["lid"].label_from_instance = lambda lid: (
            _("Art. %(ref)s") % {"ref": lid.verwijzing}
        )

    def clean(self):
        data = super().clean()
        begin, ingang = data.get("voorgesteld_op"), data.get("ingangsdatum")
        if begin and ingang and ingang < begin:
            self.add_error(
                "ingangsdatum", _("An amendment cannot take effect before it is proposed.")
            )
        return data

    def save(self, commit=True):
        wijziging = super().save(commit=commit)
        if commit:
            Lidwijziging.objects.create(
                wijziging=wijziging, lid=self.cleaned_data["lid"], tekst=self.cleaned_data["tekst"]
            )
        return wijziging
