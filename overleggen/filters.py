"""The filters of the meeting list and the compliance dashboard (GET), through django-filter.

An invalid value never gives a 500: django-filter leaves a field that does not validate out of
the filtering, so that part is shown unfiltered; the dashboard's form also says why.
"""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from overleggen.models import BEREIKVELDEN, Overleg, Overlegvorm
from overleggen.naleving import Nalevingsstatus
from partijen import invoer
from partijen.models import Overleggebied, School, Sector
from partijen.tijdvenster import eerste_jaar


class IdFilter(django_filters.Filter):
    """A database id (partijen.invoer.IdVeld): anything else is no filter."""

    field_class = invoer.IdVeld


class JaarFilter(django_filters.Filter):
    """A year within the covenant's window (partijen.invoer.JaarVeld)."""

    field_class = invoer.JaarVeld


class OverlegFilter(django_filters.FilterSet):
    """The meeting list, by kind, scope and year (the dashboard's "Meetings" links). It filters
    a queryset the caller has limited to what the user sees (Overleg.objects.visible_to)."""

    vorm = IdFilter(field_name="vorm_id")
    school = IdFilter(field_name="school_id")
    overleggebied = IdFilter(field_name="overleggebied_id")
    wijk = IdFilter(field_name="wijk_id")
    jaar = JaarFilter(field_name="start", lookup_expr="year")

    class Meta:
        model = Overleg
        fields = ["vorm", *BEREIKVELDEN, "jaar"]


class _NalevingForm(forms.Form):
    """The dashboard's form as its page lays it out: ids without a prefix, and a select that
    did not validate marked as such."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        for naam in ("jaar", "gebied", "sector", "vorm"):
            klasse = "form-select is-invalid" if self.errors.get(naam) else "form-select"
            self.fields[naam].widget.attrs["class"] = klasse


class NalevingFilter(django_filters.FilterSet):
    """The compliance dashboard's filter over the schools the user sees: the area and the
    sector choose schools; the year, the kind and the statuses choose the dashboard's rows
    (`keuze`)."""

    jaar = django_filters.TypedChoiceFilter(label=_("Year"), coerce=int, method="kiest_rijen")
    gebied = django_filters.ModelChoiceFilter(
        label=_("Area"),
        field_name="overleggebied",
        queryset=Overleggebied.objects.none(),
        empty_label=_("All areas"),
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), choices=Sector.choices, empty_label=_("All sectors")
    )
    vorm = django_filters.ModelChoiceFilter(
        label=_("Kind of meeting"),
        queryset=Overlegvorm.objects.none(),
        empty_label=_("All kinds"),
        method="kiest_rijen",
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=Nalevingsstatus.choices,
        widget=forms.CheckboxSelectMultiple,
        method="kiest_rijen",
    )

    class Meta:
        model = School
        fields = ["jaar", "gebied", "sector", "vorm", "status"]
        form = _NalevingForm

    def __init__(self, data, *, queryset, gebieden, vormen):
        super().__init__(data, queryset=queryset)
        jaar = timezone.localdate().year
        self.filters["jaar"].extra["choices"] = [(j, j) for j in range(eerste_jaar(), jaar + 2)]
        self.filters["gebied"].queryset = gebieden
        self.filters["vorm"].queryset = vormen

    def kiest_rijen(self, queryset, name, value):
        # Not a condition on the schools: the dashboard reads it from `keuze`.
        return queryset

    def keuze(self) -> dict:
        """The valid choices, with this year for a missing or invalid year."""
        self.form.is_valid()
        keuze = dict(self.form.cleaned_data)
        keuze["jaar"] = keuze.get("jaar") or timezone.localdate().year
        return keuze
