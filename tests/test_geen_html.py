"""No HTML in free text: one model-field validator (partijen.validators.geen_html) on every field
a person types in the incidents, the meetings and the register, so every form obeys it."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from partijen.validators import geen_html

APPS = ("convenant", "meldingen", "overleggen", "partijen")
# Text fields nobody types freely: set by the application itself, or held to a closed set of
# characters by a validator of their own. SlugFields (codes) are of the second kind too.
NIET_GETYPT = {
    "partijen.Gebruiker.password": "a hash",
    "partijen.Gebruiker.username": "letters, digits and @.+-_ only (UnicodeUsernameValidator)",
    "meldingen.Bijlage.naam": "the uploaded file's name after get_valid_filename",
    "meldingen.Bijlage.soort": "the content type detected from the file",
    "overleggen.Agendafeed.token": "generated",
    "overleggen.Nalevingsstand.token": "generated",
    "meldingen.Melding.politiestatus": "the current police step, copied by PolitieStatus.save()",
    "meldingen.Politiemelding.stap_op_de_dag": "the police step on the final day, kept by PolitieStatus.save()",
    "meldingen.Politietelling.stap_op_de_dag": "a copy of that step, kept by meldingen.politietelling",
}


def _vrije_tekstvelden():
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            if hasattr(model, "instance_type"):
                continue  # a history table copies its model's fields
            for veld in model._meta.get_fields():
                if (
                    isinstance(veld, models.CharField | models.TextField)
                    and not isinstance(veld, models.SlugField)
                    and not veld.choices
                ):
                    yield f"{model._meta.label}.{veld.name}", veld


def test_every_free_text_field_refuses_html():
    velden = dict(_vrije_tekstvelden())
    assert set(NIET_GETYPT) <= set(velden)  # the exceptions still exist
    zonder = [
        naam
        for naam, veld in velden.items()
        if naam not in NIET_GETYPT and geen_html not in veld.validators
    ]
    assert zonder == []
    assert len(velden) - len(NIET_GETYPT) > 40  # the walk found the models


@pytest.mark.parametrize(
    ("tekst", "geweigerd"),
    [
        ("<script>alert(1)</script>", True),
        ("< img src=x onerror=alert(1)>", True),
        ("</b>", True),
        ("<!-- -->", True),
        ("Minder dan <5 leerlingen, 3 < 4", False),
        ("Pijl -> en <> leeg", False),
    ],
)
def test_what_counts_as_html(tekst, geweigerd):
    from django.core.exceptions import ValidationError

    if geweigerd:
        with pytest.raises(ValidationError):
            geen_html(tekst)
    else:
        geen_html(tekst)


@pytest.mark.django_db
def test_a_meeting_report_with_a_script_gets_a_dutch_field_error(convenant_data, stad, gebruikers):
    from overleggen.forms import VerslagForm
    from overleggen.models import Overleg, Overlegvorm
    from partijen.models import Persoon

    ams = ZoneInfo("Europe/Amsterdam")
    overleg = Overleg.objects.create(
        vorm=Overlegvorm.objects.get(code="beleidsmatig-overleg"),
        school=stad.a1,
        start=datetime(2026, 12, 3, 14, 0, tzinfo=ams),
        einde=datetime(2026, 12, 3, 15, 0, tzinfo=ams),
        aangemaakt_door=gebruikers["veiligheidsmanager"],
    )
    form = VerslagForm(
        {
            "status": Overleg.Status.GEHOUDEN,
            "verslag": "Besproken: <script>alert(1)</script>",
            "besluiten": "Geen.",
        },
        instance=overleg,
        personen=Persoon.objects.none(),
    )
    with translation.override("nl"):  # the interface language
        assert not form.is_valid()
        assert form.errors["verslag"] == ["Gebruik geen HTML-code (zoals <script>) in de tekst."]
    assert "besluiten" not in form.errors
