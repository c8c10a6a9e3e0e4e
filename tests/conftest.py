"""Fixtures every test module can use: the covenant data, a user per role, a real browser."""

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from partijen.models import Rol
from tests import momentopname
from tests.factories import GebruikerFactory

# Playwright's sync API runs an event loop in the test thread; Django's ORM must be allowed there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ALLE_ROLLEN = list(Rol)


def compileer_vertalingen(mappen) -> list[Path]:
    """Compile each .po under the locale folders whose .mo is missing or older; returns them."""
    verouderd = [
        po
        for map_ in mappen
        for po in sorted(Path(map_).glob("*/LC_MESSAGES/*.po"))
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if verouderd and not shutil.which("msgfmt"):
        raise pytest.UsageError(
            "msgfmt ontbreekt: voer scripts/system-deps.sh uit (of `make test`)."
        )
    for po in verouderd:
        # Written beside and then moved: a test run started meanwhile never reads half a file.
        tijdelijk = po.with_suffix(".mo.tmp")
        subprocess.run(["msgfmt", "--check-format", "-o", tijdelijk, po], check=True)
        tijdelijk.replace(po.with_suffix(".mo"))
    return verouderd


def pytest_configure(config):
    """`pytest` alone works on a fresh checkout: the translations `make` compiles are compiled
    here when missing, once, before the tests are collected (under xdist by the controller)."""
    if not hasattr(config, "workerinput") and compileer_vertalingen(settings.LOCALE_PATHS):
        from django.test.signals import setting_changed

        # A catalogue read before the files existed would stay cached without its messages.
        setting_changed.send(
            sender=type(settings), setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=True
        )


@pytest.fixture(scope="session")
def _convenant_momentopname(django_db_setup, django_db_blocker):
    from convenant.site.laden import laad_convenant

    with django_db_blocker.unblock():
        return momentopname.maak("convenant", laad_convenant)


@pytest.fixture
def convenant_data(db, _convenant_momentopname):
    """The covenant as `make run` loads it (loaded once per session, copied in per test)."""
    if not _convenant_momentopname.zet_in():
        from convenant.site.laden import laad_convenant

        laad_convenant()


@pytest.fixture(scope="session")
def _demo_momentopname(django_db_setup, django_db_blocker, _convenant_momentopname):
    from partijen.demo import maak_demo_accounts, maak_demo_gegevens

    def bouwen():
        assert _convenant_momentopname.zet_in()
        maak_demo_gegevens()
        maak_demo_accounts()

    with django_db_blocker.unblock():
        return momentopname.maak("demo", bouwen)


@pytest.fixture
def demo(db, _demo_momentopname, request):
    """The demo city of `make run` (partijen/demo.py): the covenant, a register of Almere and an
    account per role. Built once per session, copied in per test."""
    if not _demo_momentopname.zet_in():
        from partijen.demo import maak_demo_accounts, maak_demo_gegevens

        request.getfixturevalue("convenant_data")
        maak_demo_gegevens()
        maak_demo_accounts()


@pytest.fixture(scope="session")
def _demo_met_meldingen_momentopname(django_db_setup, django_db_blocker, _demo_momentopname):
    from meldingen.demo import maak_demo_meldingen

    def bouwen():
        assert _demo_momentopname.zet_in()
        maak_demo_meldingen()

    with django_db_blocker.unblock():
        return momentopname.maak("demo_met_meldingen", bouwen)


@pytest.fixture
def demo_met_meldingen(db, _demo_met_meldingen_momentopname, request):
    """The demo city with a year of incidents (meldingen/demo.py), as `make run` makes it."""
    if not _demo_met_meldingen_momentopname.zet_in():
        from meldingen.demo import maak_demo_meldingen

        request.getfixturevalue("demo")
        maak_demo_meldingen()


@pytest.fixture
def maak_gebruiker(db):
    """An account in a role, given as the register gives it: a person with an assignment of the
    role without a scope (in_rol scopes it); the administrator by the account's flag."""

    def make(rol: str, **kwargs):
        from tests.factories import PersoonFactory, RoltoewijzingFactory

        kwargs.setdefault("username", rol)
        if rol == Rol.BEHEERDER:
            kwargs.setdefault("is_beheerder", True)
            kwargs.setdefault("is_staff", True)
            kwargs.setdefault("is_superuser", True)
            return GebruikerFactory(**kwargs)
        user = GebruikerFactory(**kwargs)
        persoon = PersoonFactory(
            gebruiker=user, voornaam=user.first_name, achternaam=user.last_name
        )
        # From long ago: the account role it replaces had no dates.
        RoltoewijzingFactory(persoon=persoon, rol=rol, school=None, begin=date(2000, 1, 1))
        return user

    return make


@pytest.fixture(params=ALLE_ROLLEN, ids=[r.value for r in ALLE_ROLLEN])
def gebruiker_per_rol(request, maak_gebruiker):
    """Parametrises a test over every role: the test runs once as each of them."""
    return maak_gebruiker(request.param)


@pytest.fixture
def coordinator(maak_gebruiker):
    return maak_gebruiker(Rol.COORDINATOR_VEILIGHEID)


@pytest.fixture
def beheerder(maak_gebruiker):
    return maak_gebruiker(Rol.BEHEERDER)


@pytest.fixture
def in_rol(db):
    """Give a user's person an assignment, e.g. in_rol(user, "politie_contactpersoon", school=s)."""
    from tests.factories import PersoonFactory, RoltoewijzingFactory

    def assign(user, rol, **kwargs):
        from partijen.models import Persoon, Roltoewijzing
        from partijen.rollen import vergeet_rollen

        persoon = Persoon.objects.filter(gebruiker=user).first() or PersoonFactory(
            gebruiker=user, voornaam=user.first_name, achternaam=user.last_name
        )
        vergeet_rollen(user)
        kwargs.setdefault("school", None)
        # maak_gebruiker's assignment of this role without a scope becomes this scoped one,
        # so the user holds the role where the test says, and not also everywhere else.
        bereik = ("school", "overleggebied", "organisatie")
        zonder_bereik = Roltoewijzing.objects.filter(
            persoon=persoon, rol=rol, **dict.fromkeys(bereik)
        ).first()
        if zonder_bereik is not None and any(kwargs.get(veld) for veld in bereik):
            kwargs.setdefault("begin", RoltoewijzingFactory._meta.declarations["begin"])
            for veld, waarde in kwargs.items():
                setattr(zonder_bereik, veld, waarde)
            zonder_bereik.save()
            return zonder_bereik
        return RoltoewijzingFactory(persoon=persoon, rol=rol, **kwargs)

    return assign


# The small city used by the visibility tests of every app.
from tests.stad import gebruikers, stad  # noqa: E402, F401


@pytest.fixture(autouse=True)
def _nederlands():
    """Every test starts in the site's language. A request activates its language in the
    thread and leaves it active (Django's LocaleMiddleware), so a test that chose English would
    otherwise leave it to the tests after it."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _prive_bestanden(settings, tmp_path):
    """Uploaded files go to a temporary folder, never into the working tree."""
    settings.MEDIA_ROOT = tmp_path / "prive-bestanden"


@pytest.fixture(autouse=True)
def _force_login_passeert_de_codestap(monkeypatch):
    """`client.force_login(user)` skips the password step, and with this fixture the code step
    too: the session counts as having entered a code (convenant/tweefactor.py, one session key).
    Tests of two-factor login itself log in through the forms and do not get this shortcut."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    origineel = Client.force_login

    def force_login(self, user, backend=None):
        origineel(self, user, backend)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = "tests.force_login"
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


def totp_code(device, verschuiving=0):
    """The code an authenticator app shows now for `device`, computed by django-otp itself."""
    import time

    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + verschuiving
    return f"{totp.token():0{device.digits}d}"
