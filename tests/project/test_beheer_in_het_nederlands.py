"""The administration (/beheer/) speaks Dutch, also where an installed package ships no Dutch
(django-axes, django-simple-history) or Django's own Dutch lags behind (convenant/vertalingen.py)."""

import gettext
import re
from pathlib import Path

import axes
import pytest
import simple_history
from django.conf import settings
from django.utils import translation

pytestmark = pytest.mark.django_db

ENGELS = [
    "Access attempts",
    "Access failures",
    "Access logs",
    "Attempt Time",
    "Locked Out",
    "Model name",
    "Add link",
    "Change or view list link",
    "After you’ve created a user",
    "Choose a date from the list below",
    "Changed by",
]


@pytest.fixture
def beheer(client, beheerder, convenant_data):
    client.force_login(beheerder)
    return client


def _tekst(response) -> str:
    html = response.content.decode()
    return re.sub(r"<script.*?</script>", "", html, flags=re.S)


@pytest.mark.parametrize(
    "url",
    [
        "/beheer/",
        "/beheer/axes/accessattempt/",
        "/beheer/axes/accessfailurelog/",
        "/beheer/axes/accesslog/",
        "/beheer/partijen/gebruiker/add/",
        "/beheer/convenant/convenant/1/history/",
    ],
)
def test_the_administration_shows_no_english(beheer, url):
    response = beheer.get(url.replace("/1/", f"/{_convenant_pk()}/"))
    assert response.status_code == 200
    html = _tekst(response)
    for engels in ENGELS:
        assert engels not in html, (url, engels)


def _convenant_pk():
    from convenant.models import Convenant

    return Convenant.objects.get().pk


def test_the_login_protection_is_named_in_dutch(beheer):
    html = _tekst(beheer.get("/beheer/"))
    assert "Inlogbeveiliging" in html
    assert "Inlogpogingen" in html
    assert "Mislukte inlogpogingen" in html
    html = _tekst(beheer.get("/beheer/axes/accessattempt/"))
    assert "Tijdstip van de poging" in html


def test_adding_a_user_is_explained_in_dutch(beheer):
    html = _tekst(beheer.get("/beheer/partijen/gebruiker/add/"))
    assert "gebruiker toevoegen" in html
    assert "Op wachtwoord gebaseerde authenticatie" in html
    assert "Nadat u een gebruiker hebt aangemaakt" in html


def test_changing_a_password_warns_in_dutch(beheer, beheerder):
    html = _tekst(beheer.get(f"/beheer/partijen/gebruiker/{beheerder.pk}/password/"))
    assert "If disabled" not in html
    assert "het huidige wachtwoord van deze gebruiker verloren" in html
    assert 'id="id_unusable_warning"' in html  # Django's script shows and hides it


def _berichten_van(pakket) -> set:
    """Every message the package translates into some language, and every _("...") in its
    code: what a new version of the package may add without a Dutch translation."""
    map_ = Path(pakket.__file__).parent
    berichten = set()
    for mo in map_.glob("locale/*/LC_MESSAGES/django.mo"):
        with mo.open("rb") as f:
            berichten |= {k for k in gettext.GNUTranslations(f)._catalog if k}
    for py in map_.rglob("*.py"):
        berichten |= set(re.findall(r'\b_\(\s*"([^"\n]+)"\s*[,)]', py.read_text()))
    return berichten


@pytest.mark.parametrize("pakket", [axes, simple_history], ids=lambda p: p.__name__)
def test_every_message_of_the_packages_has_dutch(pakket):
    # Ours or Django's: "Object" is Dutch too, so an unchanged text in our catalogue counts.
    with (settings.BASE_DIR / "locale" / "nl" / "LC_MESSAGES" / "django.mo").open("rb") as f:
        ons = gettext.GNUTranslations(f)._catalog
    with translation.override("nl"):
        engels = sorted(
            b
            for b in _berichten_van(pakket)
            if isinstance(b, str) and b not in ons and translation.gettext(b) == b
        )
    assert not engels, "Zonder Nederlands: " + " | ".join(engels)
