from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from meldingen import regels
from meldingen.mededelingen import Mededeling
from meldingen.meldcode import MeldcodeDossier, MeldcodeStap, stap_mogelijk
from meldingen.models import (
    BIJLAGE_EXTENSIES,
    Betrokkene,
    Categorie,
    Maatregel,
    Melding,
    Politiemelding,
    Politienotitie,
    PolitieStatus,
)
from partijen import tijdvenster
from partijen.forms import CrispyFieldsMixin, DateInput, DateTimeInput
from partijen.models import Organisatie
from partijen.validators import geen_html

MAX_TEKST = 10_000


class Tijdvenster:
    """Every date of an incident form only within its window (partijen.tijdvenster): what
    happened from the covenant's start until today, a birth date within a century."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tijdvenster.beperk(self, tijdvenster.Soort.GEBEURD, geboortedatum=tijdvenster.Soort.GEBOREN)


class CategorieKeuze(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.naam


class MeldingForm(Tijdvenster, CrispyFieldsMixin, forms.ModelForm):
    categorieen = CategorieKeuze(
        label=_("What happened"),
        queryset=Categorie.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one category.")},
    )

    class Meta:
        model = Melding
        fields = ["school", "tijdstip", "plaats", "categorieen", "omschrijving", "vertrouwelijk"]
        widgets = {
            "tijdstip": DateTimeInput(),
            "plaats": forms.RadioSelect,
            "omschrijving": forms.Textarea(attrs={"rows": 5, "maxlength": MAX_TEKST}),
        }

    def __init__(self, *args, scholen, mag_vertrouwelijk, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = scholen
        self.fields["school"].empty_label = None
        self.fields["categorieen"].queryset = (
            Categorie.objects.filter(actief=True)
            .select_related("bovenliggend")
            .order_by("volgorde")
        )
        self.fields["omschrijving"].help_text = _(
            "What happened, without names: people involved are recorded below (art. 8)."
        )
        self.fields["plaats"].choices = Melding.Plaats.choices  # no empty radio button
        if not mag_vertrouwelijk:
            del self.fields["vertrouwelijk"]

    def categorie_groepen(self):
        """The category checkboxes grouped: each main category with its subcategories."""
        groepen = []
        for keuze in self["categorieen"]:
            if keuze.data["value"].instance.bovenliggend_id and groepen:
                groepen[-1][1].append(keuze)
            else:
                groepen.append((keuze, []))
        return groepen

    def clean_tijdstip(self):
        tijdstip = self.cleaned_data["tijdstip"]
        # A few minutes of slack for a clock that runs fast; an incident is never in the future.
        if tijdstip > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(_("An incident cannot take place in the future."))
        return tijdstip


class MeldingWijzigenForm(MeldingForm):
    """The same form for a recorded incident. The school and confidentiality stay as they are:
    a confidential report reaches the coordinator only by its own recorded decision (art. 2.2).
    """

    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, instance, **kwargs):
        from partijen.models import School

        super().__init__(
            *args,
            instance=instance,
            scholen=School.objects.none(),
            mag_vertrouwelijk=False,
            **kwargs,
        )
        del self.fields["school"]
        self.fields["versie"].initial = instance.versie

    def clean(self):
        data = super().clean()
        if data.get("versie") is not None and data["versie"] != self.instance.versie:
            self.add_error(None, gewijzigd_bericht(self.instance))
        return data


def gewijzigd_bericht(melding) -> str:
    """The refusal of a form filled in on data someone has changed since (or sent twice)."""
    laatste = melding.history.select_related("history_user").first()
    return _(
        "This incident was changed in the meantime (%(when)s by %(who)s). Your changes have "
        "not been saved: compare them with the incident page and save again to keep them."
    ) % {
        "when": date_format(timezone.localtime(laatste.history_date), "j F Y H:i")
        if laatste
        else "",
        "who": (laatste.history_user if laatste and laatste.history_user else _("someone")),
    }


class HeropenenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reason for reopening"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 1000}),
        error_messages={"required": _("Give the reason for reopening the incident.")},
        validators=[geen_html],
    )


class BetrokkeneForm(Tijdvenster, forms.ModelForm):
    class Meta:
        model = Betrokkene
        fields = ["rol", "soort", "naam", "geboortedatum", "leeftijd"]
        widgets = {"geboortedatum": DateInput()}

    def __init__(self, *args, dag=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.dag = dag

    def clean(self):
        data = super().clean()
        geboren = data.get("geboortedatum")
        if geboren and self.dag and geboren > self.dag:
            self.add_error(
                "geboortedatum", _("The date of birth lies after the date of the incident.")
            )
        if data.get("leeftijd") is not None and data["leeftijd"] > 120:
            self.add_error("leeftijd", _("Enter an age in years."))
        return data


class MaatregelForm(Tijdvenster, forms.ModelForm):
    class Meta:
        model = Maatregel
        fields = [
            "soort",
            "datum",
            "dagen",
            "inspectie_geinformeerd_op",
            "toelichting",
            "reden",
            "besloten_door",
        ]
        widgets = {"datum": DateInput(), "inspectie_geinformeerd_op": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only an opened locker (art. 2.7) needs these two; the labels say so.
        self.fields["reden"].label = _("Locker: reason")
        self.fields["besloten_door"].label = _("Locker: decided by")

    def clean(self):
        data = super().clean()
        soort = data.get("soort")
        if soort == Maatregel.Soort.SCHORSING and not data.get("dagen"):
            self.add_error("dagen", _("Enter the number of days of the suspension."))
        if (
            soort
            and regels.inspectie_informeren(soort, data.get("dagen"))
            and not data.get("inspectie_geinformeerd_op")
        ):
            self.add_error(
                "inspectie_geinformeerd_op",
                _(
                    "A suspension of more than one day or a removal is reported to the "
                    "Inspectorate: enter the date it was informed."
                ),
            )
        if soort and regels.kluisje_geopend(soort):
            if not data.get("reden", "").strip():
                self.add_error("reden", _("Record why the locker was opened (art. 2.7)."))
            if not data.get("besloten_door", "").strip():
                self.add_error(
                    "besloten_door", _("Record who decided to open the locker (art. 2.7).")
                )
        return data


class _Formset(forms.BaseInlineFormSet):
    def __init__(self, *args, dag=None, **kwargs):
        self.dag = dag
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if issubclass(self.form, BetrokkeneForm):
            kwargs["dag"] = self.dag
        return kwargs


BetrokkenenFormSet = forms.inlineformset_factory(
    Melding,
    Betrokkene,
    form=BetrokkeneForm,
    formset=_Formset,
    extra=2,
    can_delete=False,
    max_num=30,
    # A posted form count above this builds no more forms (Django's default allows 1030).
    absolute_max=30,
)
MaatregelenFormSet = forms.inlineformset_factory(
    Melding,
    Maatregel,
    form=MaatregelForm,
    formset=_Formset,
    extra=1,
    can_delete=False,
    max_num=20,
    absolute_max=20,
)


class PolitiemeldingForm(Tijdvenster, CrispyFieldsMixin, forms.ModelForm):
    class Meta:
        model = Politiemelding
        fields = ["datum", "soort", "door", "referentie", "anoniem", "reden_persoonsgegevens"]
        widgets = {"datum": DateInput()}

    def __init__(self, *args, verplicht: bool, melding, **kwargs):
        super().__init__(*args, **kwargs)
        self.melding = melding
        # The school records the report with the police's own reference (issue: date, kind,
        # by whom, reference), so both can find it back.
        self.fields["referentie"].required = True
        if verplicht:
            # Art. 2.6 allows an anonymous report; a compulsory report carries the facts, and
            # its article is the reason the personal data goes along.
            del self.fields["anoniem"]
            del self.fields["reden_persoonsgegevens"]

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise forms.ValidationError(_("The report cannot be dated in the future."))
        if datum < timezone.localtime(self.melding.tijdstip).date():
            raise forms.ValidationError(_("The report cannot be dated before the incident."))
        return datum

    def clean(self):
        data = super().clean()
        reden = regels.reden_voor_persoonsgegevens(
            self.melding.categorieen.all(),
            data.get("anoniem", False),
            data.get("reden_persoonsgegevens", ""),
        )
        if reden is None:
            self.add_error(
                "reden_persoonsgegevens",
                _("Say why the police needs the personal data, or report anonymously (art. 8)."),
            )
        else:
            # Also for a compulsory report, whose form has no such field: the service stores
            # what the form decided.
            data["reden_persoonsgegevens"] = reden
        return data


class OudersForm(Tijdvenster, forms.Form):
    datum = forms.DateField(label=_("Parents informed on"), widget=DateInput())

    def __init__(self, *args, betrokkene, **kwargs):
        super().__init__(*args, **kwargs)
        self.betrokkene = betrokkene

    def clean(self):
        b = self.betrokkene
        dag = timezone.localtime(b.melding.tijdstip).date()
        if not regels.ouders_informeren_toegestaan(b.soort, dag, b.geboortedatum, b.leeftijd):
            raise forms.ValidationError(
                _(
                    "Parents are informed only about students under 18 on the day of the incident "
                    "(introduction and art. 3.5)."
                )
            )
        datum = self.cleaned_data.get("datum")
        if datum and datum > timezone.localdate():
            self.add_error("datum", _("This date lies in the future."))
        elif datum and not regels.ouders_informeren_toegestaan(
            b.soort, dag, b.geboortedatum, b.leeftijd, op=datum
        ):
            self.add_error(
                "datum",
                _(
                    "On this date the student was 18 or older (or may have been): parents are "
                    "not informed about an adult student (art. 3.5)."
                ),
            )
        return self.cleaned_data


class PolitieStatusForm(Tijdvenster, CrispyFieldsMixin, forms.ModelForm):
    """One step of the police follow-up (art. 3.2, 3.4). The page shows a form per step that may
    follow (`per_stap`), each with only the fields that step records (regels.velden_voor_stap),
    so it works without JavaScript. A field posted with a step it does not belong to is not part
    of the form, so it is ignored."""

    class Meta:
        model = PolitieStatus
        fields = ["status", "uitkomst", "pv_datum", "notitie"]
        widgets = {
            "status": forms.HiddenInput,
            "pv_datum": DateInput(),
            "notitie": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, data=None, *args, huidig: str, stap: str | None = None, **kwargs):
        if stap is None:
            stap = data.get("status", "") if data is not None else ""
        stap = stap if stap in PolitieStatus.Status.values else ""
        # Several step forms share a page: their ids differ, their field names do not.
        kwargs.setdefault("auto_id", f"id_{stap or 'stap'}_%s")
        super().__init__(data, *args, initial={"status": stap}, **kwargs)
        self.huidig, self.stap = huidig, stap
        self.label = PolitieStatus.Status(stap).label if stap else ""
        for naam in ("uitkomst", "pv_datum", "notitie"):
            if naam not in regels.velden_voor_stap(stap):
                del self.fields[naam]

    @classmethod
    def per_stap(cls, huidig: str, gebonden=None) -> list:
        """A form for each step that may follow the current one; a posted form with errors
        takes its step's place, so what was typed stays."""
        volgende = regels.volgende_statussen(huidig)
        return [
            gebonden
            if gebonden is not None and gebonden.stap == stap
            else cls(huidig=huidig, stap=stap)
            for stap in PolitieStatus.Status.values
            if stap in volgende
        ]

    @property
    def stap_mogelijk(self) -> bool:
        return self.stap in regels.volgende_statussen(self.huidig)

    def clean(self):
        data = super().clean()
        if not self.stap_mogelijk:
            raise forms.ValidationError(
                _("This step cannot follow the current one; the page shows the steps that can.")
            )
        uitkomst = data.get("uitkomst", "")
        if regels.uitkomst_verplicht(self.stap) and not uitkomst:
            self.add_error("uitkomst", _("Say how the report was completed."))
        pv_datum = data.get("pv_datum")
        if "pv_datum" in self.fields:
            if regels.pv_datum_verplicht(uitkomst) and not pv_datum:
                self.add_error(
                    "pv_datum",
                    _(
                        "Enter the date the official report went to the "
                        "Public Prosecution Service (art. 3.2)."
                    ),
                )
            elif pv_datum and uitkomst and not regels.pv_datum_verplicht(uitkomst):
                self.add_error(
                    "pv_datum",
                    _("Only an official report to the Public Prosecution Service has a date sent."),
                )
            elif pv_datum and pv_datum > timezone.localdate():
                self.add_error("pv_datum", _("This date lies in the future."))
        return data


class PolitienotitieForm(CrispyFieldsMixin, forms.ModelForm):
    class Meta:
        model = Politienotitie
        fields = ["soort", "tekst", "met_ouders"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, minderjarige_leerling: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.minderjarige_leerling = minderjarige_leerling
        if not minderjarige_leerling:
            # Art. 3.5: parents of adult students are not informed; the option is absent.
            del self.fields["met_ouders"]


class MeldcodeDossierForm(CrispyFieldsMixin, forms.ModelForm):
    class Meta:
        model = MeldcodeDossier
        fields = ["school", "leerling"]

    def __init__(self, *args, scholen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = scholen
        self.fields["school"].empty_label = None
        self.fields["leerling"].help_text = _("Name or the school's student number.")


class MeldcodeStapForm(Tijdvenster, CrispyFieldsMixin, forms.ModelForm):
    class Meta:
        model = MeldcodeStap
        fields = [
            "stap",
            "datum",
            "eigen_waarnemingen",
            "van_anderen",
            "notitie",
            "veilig_thuis_geraadpleegd",
            "politie_geraadpleegd",
            "beslissing",
        ]
        widgets = {
            "datum": DateInput(),
            "eigen_waarnemingen": forms.Textarea(attrs={"rows": 3}),
            "van_anderen": forms.Textarea(attrs={"rows": 2}),
            "notitie": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, gedaan: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.gedaan = gedaan

    def clean(self):
        data = super().clean()
        stap = data.get("stap")
        if stap and not stap_mogelijk(stap, self.gedaan):
            self.add_error(
                "stap",
                _("Record step %(previous)s first: the reporting code is followed step by step.")
                % {"previous": stap - 1},
            )
        if stap == MeldcodeStap.Stap.SIGNALEN and not data.get("eigen_waarnemingen"):
            self.add_error("eigen_waarnemingen", _("Describe what you observed yourself."))
        if stap == MeldcodeStap.Stap.BESLISSEN and not data.get("beslissing"):
            self.add_error("beslissing", _("Record the decision."))
        if stap != MeldcodeStap.Stap.BESLISSEN and data.get("beslissing"):
            self.add_error("beslissing", _("The decision belongs to step 5."))
        if data.get("datum") and data["datum"] > timezone.localdate():
            self.add_error("datum", _("This date lies in the future."))
        return data


TOEGESTANE_BIJLAGEN = BIJLAGE_EXTENSIES


class BijlageForm(forms.Form):
    bestand = forms.FileField(
        label=_("Photo or PDF"), help_text=_("JPEG, PNG or PDF, at most 5 MB.")
    )

    def clean_bestand(self):
        import filetype

        bestand = self.cleaned_data["bestand"]
        if bestand.size > settings.BIJLAGE_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.")
                % {"mb": settings.BIJLAGE_MAX_BYTES // (1024 * 1024)}
            )
        # Judge the content, not the name: a renamed program stays a program.
        kop = bestand.read(262)
        bestand.seek(0)
        soort = filetype.guess_mime(kop)
        if soort not in TOEGESTANE_BIJLAGEN:
            raise forms.ValidationError(
                _("Only photos (JPEG, PNG) and PDF files can be attached; this file is neither.")
            )
        self.soort = soort
        return bestand


class MededelingForm(CrispyFieldsMixin, forms.ModelForm):
    class Meta:
        model = Mededeling
        fields = ["tekst", "partners"]
        widgets = {
            "tekst": forms.Textarea(attrs={"rows": 6}),
            "partners": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = (
            Organisatie.objects.filter(ondertekeningen__isnull=False).distinct().order_by("naam")
        )
        self.fields["tekst"].help_text = _(
            "No names or other personal data: this text is meant for the outside world."
        )
