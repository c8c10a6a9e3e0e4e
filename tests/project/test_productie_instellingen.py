"""Production defaults that a municipality expects: HTTPS enforced, a strong secret key, and
error reports that reach someone. Each setting is read from a fresh settings module in a
subprocess, as a deployment starts it (no DEBUG, no pytest)."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import path

from tests.project.test_configuratie import _run, _settings_value

LANGE_SLEUTEL = "p" * 30 + "Q" * 30 + "r9!" * 5


def _productie(expression, **env):
    env.setdefault("SECRET_KEY", LANGE_SLEUTEL)
    return _settings_value(expression, **env)


def test_https_is_enforced_by_default_in_production():
    assert _productie("s.SECURE_SSL_REDIRECT") == "True"
    assert _productie("s.SECURE_HSTS_SECONDS") == str(365 * 24 * 60 * 60)
    assert _productie("s.SECURE_HSTS_INCLUDE_SUBDOMAINS") == "True"


def test_https_enforcement_is_off_only_by_an_explicit_setting_or_debug():
    assert _productie("s.SECURE_SSL_REDIRECT", SECURE_SSL_REDIRECT="0") == "False"
    assert _productie("s.SECURE_HSTS_SECONDS", SECURE_HSTS_SECONDS="0") == "0"
    assert _productie("s.SECURE_SSL_REDIRECT", DEBUG="1") == "False"
    assert _productie("s.SECURE_HSTS_SECONDS", DEBUG="1") == "0"


def test_a_secret_key_shorter_than_50_characters_stops_the_start_with_one_line():
    result = _run(["manage.py", "check"], SECRET_KEY="k" * 49)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "SECRET_KEY is te kort" in result.stderr
    assert "k" * 49 not in result.stderr
    assert _run(["manage.py", "check"], SECRET_KEY="k" * 25 + "l" * 25).returncode == 0
    # Development keeps its built-in key.
    assert _run(["manage.py", "check"], DEBUG="1").returncode == 0


def test_admins_come_from_the_environment():
    assert _productie(
        "s.ADMINS", ADMINS="Functioneel beheer <beheer@almere.nl>, ict@almere.nl"
    ) == ("[('Functioneel beheer', 'beheer@almere.nl'), ('', 'ict@almere.nl')]")
    assert _productie("s.ADMINS") == "[]"
    assert _productie("s.SERVER_EMAIL", SERVER_EMAIL="fouten@almere.nl") == "fouten@almere.nl"


def test_the_deploy_check_warns_when_error_reports_reach_nobody():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        SECRET_KEY=LANGE_SLEUTEL,
        ALLOWED_HOSTS="veiligheid.almere.nl",
        SECURE_HSTS_PRELOAD="1",
    )
    assert result.returncode != 0
    assert "ADMINS" in result.stdout + result.stderr


def _env_example() -> dict:
    from django.conf import settings

    regels = (settings.BASE_DIR / ".env.example").read_text().splitlines()
    return dict(r.split("=", 1) for r in regels if "=" in r and not r.startswith("#"))


def test_the_example_environment_passes_the_deploy_checks():
    env = _env_example()
    assert len(env["SECRET_KEY"]) < 50, "the example's placeholder must not start"
    env["SECRET_KEY"] = LANGE_SLEUTEL
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **env)
    assert result.returncode == 0, result.stdout + result.stderr


def _fout(request):
    raise RuntimeError("onverwachte fout")


urlpatterns = [path("fout/", _fout)]


@pytest.mark.django_db
@override_settings(
    ROOT_URLCONF=__name__,
    ADMINS=[("Beheer", "beheer@almere.nl")],
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
)
def test_an_error_is_logged_and_mailed_before_the_500_page_says_so(client, caplog):
    client.raise_request_exception = False
    with caplog.at_level("ERROR", logger="django.request"):
        response = client.get("/fout/")
    assert response.status_code == 500
    assert "De fout is vastgelegd en gemeld aan de beheerder" in response.content.decode()
    assert any(r.levelname == "ERROR" and r.exc_info for r in caplog.records)
    assert [m.to for m in mail.outbox] == [["beheer@almere.nl"]]
    assert "onverwachte fout" in mail.outbox[0].body
