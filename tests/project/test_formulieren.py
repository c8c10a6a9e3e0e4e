"""Every form sets up crispy the one way (partijen.forms.CrispyMixin) and shows a date or a
date and time with the one widget for it (partijen.forms.DateInput, DateTimeInput)."""

import importlib
import inspect
from pathlib import Path

from django import forms

from partijen.forms import DateInput, DateTimeInput

ROOT = Path(__file__).resolve().parent.parent.parent
APPS = ["convenant", "meldingen", "overleggen", "partijen", "evaluatie"]
FORMULIEREN = [
    "convenant.forms",
    "convenant.forms_tweefactor",
    "meldingen.forms",
    "overleggen.forms",
    "partijen.forms",
]


def test_only_the_mixin_builds_a_crispy_helper():
    bouwers = [
        str(pad.relative_to(ROOT))
        for app in APPS
        for pad in (ROOT / app).rglob("*.py")
        if "FormHelper(" in pad.read_text()
    ]
    assert bouwers == ["partijen/forms.py"]


def _formulieren():
    for naam in FORMULIEREN:
        module = importlib.import_module(naam)
        for _naam, klasse in inspect.getmembers(module, inspect.isclass):
            if issubclass(klasse, forms.BaseForm) and klasse.__module__ == naam:
                yield klasse


def test_every_date_and_date_time_field_uses_the_one_widget():
    verkeerd = []
    gezien = set()
    for klasse in _formulieren():
        for veld_naam, veld in klasse.base_fields.items():
            if isinstance(veld, forms.DateTimeField):
                soort, widget = "datetime", DateTimeInput
            elif isinstance(veld, forms.DateField):
                soort, widget = "date", DateInput
            else:
                continue
            gezien.add(soort)
            if type(veld.widget) is not widget:
                verkeerd.append(f"{klasse.__module__}.{klasse.__name__}.{veld_naam}")
    assert gezien == {"date", "datetime"}  # the check sees both kinds
    assert verkeerd == []
