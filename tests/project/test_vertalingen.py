"""The interface is Dutch: every message has a Dutch translation, and English is available."""

import subprocess

import pytest
from django.conf import settings

PO_NL = settings.BASE_DIR / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def test_every_message_has_a_dutch_translation():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO_NL)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr


@pytest.mark.django_db
def test_the_login_page_is_dutch_even_for_an_english_browser(client):
    html = client.get("/inloggen/", HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert "Gebruikersnaam" in html
    assert '<html lang="nl">' in html


@pytest.mark.django_db
def test_english_is_available_by_choice(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/inloggen/"})
    assert response.status_code == 302
    html = client.get("/inloggen/").content.decode()
    assert "Username" in html
    assert '<html lang="en">' in html
