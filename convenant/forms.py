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


class TekstDatumForm(forms.Form):
    """The day whose text the text page shows (art. 11.3: the text in force on that day), and
    the PDF for parents of that day. A GET form: the page is a link that can be shared."""

    datum = forms.DateField(
        label=_("Covenant as it stands on"),
        required=False,
        widget=DateInput(attrs={"class": "form-control form-control-sm"}),
        validators=[tijdvenster.validator(tijdvenster.Soort.GEPLAND)],
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
        fields = [
            "besloten_op",
            "evaluatieronde",
            "evaluatie_datum",
            "evaluatie_document",
            "toelichting",
        ]
        widgets = {
            "besloten_op": DateInput(),
            "evaluatie_datum": DateInput(),
            "toelichting": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, convenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.convenant = convenant
        # The rounds of this covenant, by the field's own model (no import of evaluatie).
        ronde = self.fields["evaluatieronde"]
        ronde.queryset = ronde.queryset.filter(convenant=convenant)
        self.fields["evaluatie_datum"].help_text = _(
            "For an evaluation held outside the application."
        )


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
    """Art. 11.3: a proposal to amend the covenant; its paragraphs' new texts are the rows of
    LidwijzigingFormSet, sent in the same <form>."""

    form_tag = False
    submit_label = None

    class Meta:
        model = Wijziging
        fields = ["omschrijving", "voorgesteld_op", "ingangsdatum"]
        widgets = {"voorgesteld_op": DateInput(), "ingangsdatum": DateInput()}

    def __init__(self, *args, convenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.convenant = convenant

    def clean(self):
        data = super().clean()
        begin, ingang = data.get("voorgesteld_op"), data.get("ingangsdatum")
        if begin and ingang and ingang < begin:
            self.add_error(
                "ingangsdatum", _("An amendment cannot take effect before it is proposed.")
            )
        return data


def kies_lid(veld, convenant):
    """A choice of the covenant's paragraphs, each named as the covenant cites it ("Art. 2.5")."""
    veld.queryset = Lid.objects.filter(artikel__convenant=convenant).select_related("artikel")
    veld.label_from_instance = lambda lid: _("Art. %(ref)s") % {"ref": lid.verwijzing}


class LidwijzigingForm(CrispyMixin, forms.ModelForm):
    """One paragraph's new text in an amendment proposal."""

    form_tag = False
    submit_label = None

    class Meta:
        model = Lidwijziging
        fields = ["lid", "tekst"]
        labels = {"lid": _("Paragraph")}
        widgets = {"tekst": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, convenant, **kwargs):
        super().__init__(*args, **kwargs)
        kies_lid(self.fields["lid"], convenant)
        self.fields["tekst"].max_length = 5000
        self.fields["tekst"].validators.append(MaxLengthValidator(5000))


class _Lidwijzigingen(forms.BaseInlineFormSet):
    """The changed paragraphs of one proposal: at least one, each paragraph once, and each new
    text different from the text in force on the day of the proposal."""

    def clean(self):
        # Our own check of a paragraph given twice, on its row and naming it, instead of
        # Django's general duplicate message above the formset.
        gezien = set()
        for form in self.forms:
            lid = form.cleaned_data.get("lid") if form.has_changed() else None
            if lid is None:
                continue
            if lid.pk in gezien:
                form.add_error(
                    "lid",
                    _("Art. %(ref)s is already in this proposal: give each paragraph once.")
                    % {"ref": lid.verwijzing},
                )
            gezien.add(lid.pk)
        if not any(form.errors for form in self.forms):
            super().clean()

    def controleer_tegen(self, teksten: dict[int, str]) -> bool:
        """Whether every new text differs from the text in force (`teksten`: paragraph id ->
        the amended text, versies.teksten_op); an unchanged one gets an error on its row."""
        goed = True
        for form in self.forms:
            lid = form.cleaned_data.get("lid") if form.has_changed() else None
            if lid is None:
                continue
            geldend = teksten.get(lid.pk, lid.tekst)
            if form.cleaned_data.get("tekst", "").split() == geldend.split():
                form.add_error(
                    "tekst", _("This is the text in force: change it or leave the row empty.")
                )
                goed = False
        return goed


LidwijzigingFormSet = forms.inlineformset_factory(
    Wijziging,
    Lidwijziging,
    form=LidwijzigingForm,
    formset=_Lidwijzigingen,
    extra=2,
    # The first row is required; the others may stay empty.
    min_num=1,
    max_num=20,
    validate_max=True,
    can_delete=False,
)
