"""Validators on model fields, shared by every app (which may all use partijen)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")


def geen_html(tekst: str) -> None:
    """Free text is stored as typed and always escaped on output; markup is refused anyway so
    that nobody mistakes a pasted script for content. On every free-text field a person types
    (tests/test_geen_html.py walks the models), so every form, the admin and an import obey it.
    """
    if HTML_TAG.search(tekst or ""):
        raise ValidationError(
            _("Please do not use HTML code (such as <script>) in the text."), code="html"
        )
