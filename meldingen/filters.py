import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meldingen import regels
from meldingen.models import Categorie, Melding, Politiemelding, PolitieStatus
from partijen.models import School
from partijen.rollen import rollen_per_school


class MeldingFilter(django_filters.FilterSet):
    van = django_filters.DateFilter(
        label=_("From"),
        field_name="tijdstip",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    tot = django_filters.DateFilter(
        label=_("Up to and including"),
        field_name="tijdstip",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    school = django_filters.ModelChoiceFilter(
        label=_("School"), queryset=School.objects.none(), empty_label=_("All schools")
    )
    categorie = django_filters.ModelChoiceFilter(
        label=_("Category"),
        field_name="categorieen",
        queryset=Categorie.objects.filter(bovenliggend__isnull=True),
        empty_label=_("All categories"),
        method="filter_categorie",
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Melding.Status.choices, empty_label=_("All")
    )
    te_laat = django_filters.BooleanFilter(
        label=_("Past the police response target"),
        field_name="te_laat",
        widget=forms.Select(choices=[("", _("All")), ("true", _("yes")), ("false", _("no"))]),
    )
    politie_verplicht = django_filters.BooleanFilter(
        label=_("Police report required"),
        method="filter_politie_verplicht",
        widget=forms.Select(choices=[("", _("All")), ("true", _("yes")), ("false", _("no"))]),
    )
    sorteer = django_filters.OrderingFilter(
        label=_("Sort"),
        fields=(("tijdstip", "tijdstip"), ("school__naam", "school")),
        field_labels={"tijdstip": _("Date"), "school__naam": _("School")},
        empty_label=_("Most urgent and newest first"),
    )
    zoek = django_filters.CharFilter(
        label=_("Search in descriptions"), field_name="omschrijving", lookup_expr="icontains"
    )
    # Art. 3.1-3.2: the police contact finds a report back by the police's own reference, typed
    # whole or in part (case and surrounding spaces do not matter). It searches only the
    # queryset it is given, so only what the user may see.
    politiekenmerk = django_filters.CharFilter(
        label=_("Police reference"),
        field_name="politiemelding__referentie",
        lookup_expr="icontains",
        max_length=Politiemelding._meta.get_field("referentie").max_length,
    )
    politiestatus = django_filters.ChoiceFilter(
        label=_("Police status"),
        field_name="politiestatus",  # Melding.politiestatus: the current step
        choices=PolitieStatus.Status.choices,
        empty_label=_("All"),
    )

    class Meta:
        model = Melding
        fields = [
            "van",
            "tot",
            "school",
            "categorie",
            "status",
            "te_laat",
            "politie_verplicht",
            "sorteer",
            "zoek",
            "politiekenmerk",
            "politiestatus",
        ]

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["school"].queryset = School.objects.filter(
            pk__in=rollen_per_school(request.user)
        )
        for f in self.form.fields.values():
            f.widget.attrs["class"] = (
                "form-select" if isinstance(f.widget, forms.Select) else "form-control"
            )

    def filter_categorie(self, queryset, name, value):
        # A subquery, not a join with .distinct(): the page count would otherwise be a
        # SELECT DISTINCT over every column of every matching incident (issue 15).
        gekozen = Melding.categorieen.through.objects.filter(
            Q(categorie=value) | Q(categorie__bovenliggend=value)
        ).values("melding_id")
        return queryset.filter(pk__in=gekozen)

    def filter_politie_verplicht(self, queryset, name, value):
        ids = Melding.objects.filter(regels.politie_verplicht_q()).values("pk")
        return queryset.filter(pk__in=ids) if value else queryset.exclude(pk__in=ids)
