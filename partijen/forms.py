import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from partijen import regels, toekenning
from partijen.models import Gebruiker, Organisatie, Persoon, Rol, Roltoewijzing, School

POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})\s*$")


class DateInput(forms.DateInput):
    """The one date widget: the browser's own date picker."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    """The one date-and-time widget: the browser's own picker, to the minute."""

    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class CrispyMixin:
    """The one way a form sets up its crispy helper (`{% crispy form %}`): a <form> of its own
    with one submit button. A form sets the class attributes; a button label that differs per
    use is set on the instance before this __init__ runs."""

    form_tag = True
    submit_label = _("Save")  # None: no button, the template has its own
    submit_name = "opslaan"
    submit_class = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = self.form_tag
        # Without a <form> of its own the form sits in the template's, with its CSRF token.
        self.helper.disable_csrf = not self.form_tag
        if self.submit_label:
            self.helper.add_input(
                Submit(self.submit_name, self.submit_label, css_class=self.submit_class)
            )


class CrispyFieldsMixin(CrispyMixin):
    """Only the fields: the template holds the <form>, its CSRF token and its buttons (a page
    that sends several forms or formsets at once)."""

    form_tag = False
    submit_label = None


class SchoolForm(CrispyMixin, forms.ModelForm):
    # A register keeper types "www.school.nl"; schools' sites are on https.
    website = forms.URLField(
        label=School._meta.get_field("website").verbose_name,
        help_text=School._meta.get_field("website").help_text,
        required=False,
        assume_scheme="https",
        max_length=School._meta.get_field("website").max_length,
        validators=School._meta.get_field("website").validators,
    )

    class Meta:
        model = School
        fields = [
            "naam",
            "brin",
            "bestuur",
            "sector",
            "straat",
            "huisnummer",
            "postcode",
            "plaats",
            "website",
            "stadsdeel",
            "overleggebied",
            "wijk",
            "veiligheidsplan_vastgesteld",
            "veiligheidsplan_herzien_uiterlijk",
            "politiecontact_per_jaar",
            "actief",
        ]
        widgets = {
            "veiligheidsplan_vastgesteld": DateInput(),
            "veiligheidsplan_herzien_uiterlijk": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bestuur"].queryset = Organisatie.objects.filter(
            soort=Organisatie.Soort.SCHOOLBESTUUR
        )
        self.fields["wijk"].queryset = self.fields["wijk"].queryset.select_related("stadsdeel")
        self.fields["overleggebied"].required = False
        self.fields["overleggebied"].help_text = _(
            "Leave empty to use the meeting area of the district."
        )

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"]
        if not postcode:
            return ""
        match = POSTCODE.match(postcode)
        if not match:
            raise forms.ValidationError(_("Enter a Dutch postcode, e.g. 1315 AB."))
        return f"{match[1]} {match[2].upper()}"

    def clean(self):
        data = super().clean()
        if not data.get("overleggebied") and data.get("stadsdeel"):
            data["overleggebied"] = data["stadsdeel"].overleggebied
        vastgesteld = data.get("veiligheidsplan_vastgesteld")
        herzien = data.get("veiligheidsplan_herzien_uiterlijk")
        if vastgesteld and herzien and herzien < vastgesteld:
            self.add_error(
                "veiligheidsplan_herzien_uiterlijk",
                _("The review date cannot lie before the date the plan was adopted."),
            )
        return data


class OrganisatieForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Organisatie
        fields = ["naam", "soort", "omschrijving", "te_controleren"]

    def save(self, commit=True):
        if not self.instance.code:
            basis = slugify(self.instance.naam)[:50] or "organisatie"
            code, n = basis, 1
            while Organisatie.objects.filter(code=code).exists():
                n += 1
                code = f"{basis}-{n}"
            self.instance.code = code
        return super().save(commit)


class PersoonForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Persoon
        fields = [
            "voornaam",
            "achternaam",
            "functie",
            "email",
            "telefoon",
            "organisatie",
            "leidinggevende",
            "gebruiker",
        ]

    def __init__(self, *args, door=None, **kwargs):
        self.door = door
        # An empty initial value (no ?organisatie= in the address) must not override the
        # stored one: editing a person would otherwise empty the organisation field.
        if kwargs.get("initial"):
            kwargs["initial"] = {k: v for k, v in kwargs["initial"].items() if v not in (None, "")}
        super().__init__(*args, **kwargs)
        # Only accounts that are not yet linked to someone else.
        vrij = Gebruiker.objects.filter(persoon__isnull=True)
        if self.instance.gebruiker_id:
            vrij = vrij | Gebruiker.objects.filter(pk=self.instance.gebruiker_id)
        self.fields["gebruiker"].queryset = vrij.order_by("username")

    def clean_gebruiker(self):
        gebruiker = self.cleaned_data.get("gebruiker")
        # Linking one's own account to a person who holds roles would grant oneself those roles.
        door = self.door
        if gebruiker and door and gebruiker.pk == door.pk and self.instance.gebruiker_id != door.pk:
            raise forms.ValidationError(toekenning.EIGEN_PERSOON_FOUT)
        return gebruiker


class AccountForm(CrispyMixin, forms.Form):
    """An account for a person of the register: a user name and where the link goes."""

    submit_label = _("Create account")

    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Letters, digits and @/./+/-/_ only; the person logs in with it."),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("The person receives a link here to choose a password."),
    )

    def clean_username(self):
        username = self.cleaned_data["username"]
        if Gebruiker.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is already in use."))
        return username


class RoltoewijzingForm(CrispyMixin, forms.ModelForm):
    voorganger_beeindigen = forms.BooleanField(
        label=_("End the current safety coordinator's assignment the day before"),
        required=False,
        help_text=_("A school has one safety coordinator at a time (art. 2.1)."),
    )

    class Meta:
        model = Roltoewijzing
        fields = ["persoon", "rol", "school", "overleggebied", "organisatie", "begin", "einde"]
        widgets = {"begin": DateInput(), "einde": DateInput()}

    def __init__(self, *args, door, scholen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.door = door
        self.fields["persoon"].queryset = Persoon.objects.select_related("organisatie")
        if scholen is not None:
            self.fields["school"].queryset = scholen
        self.voorganger = None

    def _post_clean(self):
        super()._post_clean()
        try:
            toekenning.controleer_niet_eigen(self.instance, door=self.door)
        except forms.ValidationError as exc:
            self._update_errors(exc)
        fouten = self.errors.get("school")
        if not fouten or not self.cleaned_data.get("voorganger_beeindigen"):
            return
        # The user asked to end the current coordinator: if that was the only objection,
        # accept the form and end the predecessor when saving.
        andere = regels.overlappende_coordinator(self.instance)
        if andere and andere.begin < self.instance.begin and len(fouten) == 1:
            if regels.eigen_persoon(andere.persoon_id, self.door):
                return
            self.voorganger = andere
            del self.errors["school"]

    def save(self, commit=True):
        if self.voorganger is not None:
            self.voorganger.einde = regels.einddatum_voorganger(self.instance.begin)
            toekenning.toewijzing_opslaan(self.voorganger, door=self.door)
        return toekenning.toewijzing_opslaan(self.instance, door=self.door)


class BeeindigForm(CrispyMixin, forms.ModelForm):
    submit_label = _("End assignment")

    class Meta:
        model = Roltoewijzing
        fields = ["einde"]
        widgets = {"einde": DateInput()}

    def __init__(self, *args, door, **kwargs):
        super().__init__(*args, **kwargs)
        self.door = door
        self.fields["einde"].required = True
        self.fields["einde"].label = _("Last day in this role")
        self.fields["einde"].help_text = _("Choosing today ends the access immediately.")

    def _update_errors(self, errors):
        # The model's checks also concern fields this form does not show (the school of an
        # assignment stored before a rule changed): those become form errors, not a 500.
        if hasattr(errors, "error_dict"):
            getoond, overig = {}, []
            for veld, fouten in errors.error_dict.items():
                if veld in self.fields:
                    getoond[veld] = fouten
                else:
                    overig.extend(fouten)
            if overig:
                getoond[NON_FIELD_ERRORS] = overig
            errors = forms.ValidationError(getoond)
        super()._update_errors(errors)

    def _post_clean(self):
        super()._post_clean()
        try:
            toekenning.controleer_niet_eigen(self.instance, door=self.door)
        except forms.ValidationError as exc:
            self.add_error(None, exc.messages[0])

    def save(self, commit=True):
        return toekenning.toewijzing_opslaan(self.instance, door=self.door, beeindigen=True)


class ImportForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("What the file contains"),
        choices=[("scholen", _("School locations")), ("personen", _("People and their roles"))],
    )
    bestand = forms.FileField(
        label=_("File"), help_text=_("CSV (comma or semicolon separated) or Excel (.xlsx).")
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        naam = bestand.name.lower()
        if not naam.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if bestand.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return bestand


JA_NEE = [("", _("all")), ("ja", _("yes")), ("nee", _("no"))]


class ToegangFilterForm(forms.Form):
    """The access review's filters; every query parameter goes through here, never by hand."""

    zoek = forms.CharField(label=_("Name or user name"), required=False, max_length=100)
    rol = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("all"))] + Rol.choices)
    actief = forms.ChoiceField(label=_("Active"), required=False, choices=JA_NEE)
    tweefactor = forms.ChoiceField(label=_("Two-factor login"), required=False, choices=JA_NEE)
    formaat = forms.ChoiceField(
        required=False, choices=[("", ""), ("csv", "CSV"), ("xlsx", "Excel")]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for naam, veld in self.fields.items():
            klasse = "form-control" if naam == "zoek" else "form-select"
            veld.widget.attrs["class"] = f"{klasse} {klasse}-sm"


class AuditFilterForm(forms.Form):
    """The audit log's filters: user, date range and kind of object."""

    gebruiker = forms.ModelChoiceField(
        label=_("User"),
        required=False,
        queryset=Gebruiker.objects.order_by("username"),
        empty_label=_("all"),
    )
    van = forms.DateField(label=_("From"), required=False, widget=DateInput())
    tot = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    soort = forms.ChoiceField(label=_("Kind of object"), required=False)

    def __init__(self, *args, soorten=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [("", _("all")), *soorten]
        for naam, veld in self.fields.items():
            klasse = "form-control" if naam in {"van", "tot"} else "form-select"
            veld.widget.attrs["class"] = f"{klasse} {klasse}-sm"

    def _binnen_venster(self, veld):
        dag = self.cleaned_data.get(veld)
        if dag and not (2000 <= dag.year <= 2100):
            raise forms.ValidationError(_("Choose a date between 2000 and 2100."))
        return dag

    def clean_van(self):
        return self._binnen_venster("van")

    def clean_tot(self):
        return self._binnen_venster("tot")

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", _("The end date cannot lie before the start date."))
        return data
