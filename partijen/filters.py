import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from partijen.models import Organisatie, Overleggebied, School, Sector


class Keuzelijst(forms.Select):
    """A select of plain (value, label) choices written in one go: Django builds a dictionary and
    renders a template for every option, some 0.1 ms each, 25 ms a page for a city's 250 school
    boards. Flat choices only (no option groups)."""

    def render(self, name, value, attrs=None, renderer=None):
        gekozen = set(self.format_value(value))
        opties = "".join(
            f'<option value="{escape(waarde)}"{" selected" if str(waarde) in gekozen else ""}>'
            f"{escape(label)}</option>"
            for waarde, label in self.choices
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe(opties),  # every value and label escaped above
        )


class SchoolFilter(django_filters.FilterSet):
    naam = django_filters.CharFilter(label=_("Name"), lookup_expr="icontains")
    overleggebied = django_filters.ModelChoiceFilter(
        label=_("Meeting area"),
        queryset=Overleggebied.objects.all(),
        empty_label=_("All areas"),
        widget=Keuzelijst,
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), choices=Sector.choices, empty_label=_("All sectors"), widget=Keuzelijst
    )
    # The boards as (id, name) pairs, not model instances: a city has hundreds (see __init__).
    bestuur = django_filters.ChoiceFilter(
        label=_("School board"), choices=[], empty_label=_("All boards"), widget=Keuzelijst
    )

    class Meta:
        model = School
        fields = ["naam", "overleggebied", "sector", "bestuur"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The boards of the schools the user sees (the list's queryset is already visible_to):
        # a coordinator chooses from one, not from every board of the city.
        self.filters["bestuur"].extra["choices"] = list(
            Organisatie.objects.filter(
                soort=Organisatie.Soort.SCHOOLBESTUUR,
                pk__in=self.queryset.order_by().values("bestuur"),
            ).values_list("pk", "naam")
        )
        for f in self.form.fields.values():
            css = "form-select" if isinstance(f.widget, forms.Select) else "form-control"
            f.widget.attrs["class"] = f"{css} form-control-sm" if css == "form-control" else css
