import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from partijen.models import Organisatie, Overleggebied, School, Sector


class SchoolFilter(django_filters.FilterSet):
    naam = django_filters.CharFilter(label=_("Name"), lookup_expr="icontains")
    overleggebied = django_filters.ModelChoiceFilter(
        label=_("Meeting area"),
        queryset=Overleggebied.objects.all(),
        empty_label=_("All areas"),
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), choices=Sector.choices, empty_label=_("All sectors")
    )
    bestuur = django_filters.ModelChoiceFilter(
        label=_("School board"),
        queryset=Organisatie.objects.filter(soort=Organisatie.Soort.SCHOOLBESTUUR),
        empty_label=_("All boards"),
    )

    class Meta:
        model = School
        fields = ["naam", "overleggebied", "sector", "bestuur"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.form.fields.values():
            css = "form-select" if isinstance(f.widget, forms.Select) else "form-control"
            f.widget.attrs["class"] = f"{css} form-control-sm" if css == "form-control" else css
