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


def ondertekend_pdf(bestand) -> None:
    """A signed document (a letter of notice, a consent, an evaluation report) is a PDF of at
    most the attachment size; judged by its content, not its name."""
    import filetype
    from django.conf import settings

    if bestand.size > settings.BIJLAGE_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(mb)s MB."),
            params={"mb": settings.BIJLAGE_MAX_BYTES // (1024 * 1024)},
            code="groot",
        )
    positie = bestand.tell() if hasattr(bestand, "tell") else 0
    kop = bestand.read(262)
    bestand.seek(positie)
    if filetype.guess_mime(kop) != "application/pdf":
        raise ValidationError(_("Only a PDF file can be added here."), code="soort")
