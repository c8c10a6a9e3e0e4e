"""`pytest` alone, without make, on a fresh checkout: the translations are compiled first."""

import gettext
import os
import shutil

from django.conf import settings

from tests.conftest import compileer_vertalingen


def _kopie_van_de_po_bestanden(doel):
    for taal in ("en", "nl"):
        map_ = doel / taal / "LC_MESSAGES"
        map_.mkdir(parents=True)
        shutil.copy(settings.BASE_DIR / "locale" / taal / "LC_MESSAGES" / "django.po", map_)
    return doel / "en" / "LC_MESSAGES" / "django.po", doel / "nl" / "LC_MESSAGES" / "django.po"


def test_missing_catalogues_are_compiled(tmp_path):
    en, nl = _kopie_van_de_po_bestanden(tmp_path)
    assert compileer_vertalingen([tmp_path]) == [en, nl]
    with nl.with_suffix(".mo").open("rb") as mo:
        assert gettext.GNUTranslations(mo).gettext("Log in") == "Inloggen"


def test_only_a_catalogue_older_than_its_source_is_compiled_again(tmp_path):
    en, nl = _kopie_van_de_po_bestanden(tmp_path)
    compileer_vertalingen([tmp_path])
    assert compileer_vertalingen([tmp_path]) == []
    mo = nl.with_suffix(".mo")
    os.utime(mo, (mo.stat().st_atime, nl.stat().st_mtime - 10))
    assert compileer_vertalingen([tmp_path]) == [nl]
