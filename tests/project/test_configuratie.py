"""Configuration from the environment, and what happens when it is wrong."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from convenant.env import env_bool, env_int


def _run(args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "PYTEST_VERSION",
            "DEBUG",
            "SECRET_KEY",
            "DATABASE_URL",
            "CELERY_BROKER_URL",
            "REDIS_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "DJANGO_SETTINGS_MODULE",
        }
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _settings_value(expression, **env):
    code = f"import convenant.settings as s; print({expression})"
    result = _run(["-c", code], **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_without_a_secret_key_stops_with_one_line():
    result = _run(["manage.py", "check"])
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "SECRET_KEY ontbreekt" in result.stderr


def test_an_unreachable_database_stops_with_one_line_and_no_password():
    result = _run(
        ["manage.py", "migrate", "--plan"],
        DEBUG="1",
        DATABASE_URL="postgres://app:geheim@127.0.0.1:1/bestaatniet",
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "Database niet bereikbaar" in result.stderr
    assert "postgres://app:***@127.0.0.1:1/bestaatniet" in result.stderr
    assert "geheim" not in result.stderr


def test_a_malformed_boolean_is_named():
    result = _run(["manage.py", "check"], DEBUG="misschien")
    assert result.returncode == 2
    assert "DEBUG='misschien'" in result.stderr


def test_debug_is_off_unless_asked_for():
    assert _settings_value("s.DEBUG", SECRET_KEY="x" * 50) == "False"
    assert _settings_value("s.SESSION_COOKIE_SECURE", SECRET_KEY="x" * 50) == "True"
    assert _settings_value("s.DEBUG", DEBUG="1") == "True"


def test_defaults_need_no_other_service():
    assert _settings_value("s.DATABASES['default']['ENGINE']", DEBUG="1") == (
        "django.db.backends.sqlite3"
    )
    assert _settings_value("s.CELERY_TASK_ALWAYS_EAGER", DEBUG="1") == "True"
    assert (
        _settings_value(
            "s.CELERY_TASK_ALWAYS_EAGER", DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/1"
        )
        == "False"
    )
    assert (
        _settings_value(
            "s.DATABASES['default']['ENGINE']",
            DEBUG="1",
            DATABASE_URL="postgres://postgres@127.0.0.1:5432/x",
        )
        == "django.db.backends.postgresql"
    )


def test_the_language_and_time_zone_are_dutch():
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert [code for code, _ in settings.LANGUAGES] == ["nl", "en"]


def test_env_helpers(monkeypatch):
    monkeypatch.setenv("X_BOOL", "ja")
    assert env_bool("X_BOOL") is True
    monkeypatch.setenv("X_BOOL", "0")
    assert env_bool("X_BOOL", True) is False
    monkeypatch.setenv("X_INT", "twaalf")
    with pytest.raises(ImproperlyConfigured, match="geen geheel getal"):
        env_int("X_INT", 1)


@pytest.mark.django_db
def test_no_migration_is_missing():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_the_deploy_checks_pass_with_production_settings():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        SECRET_KEY="p" * 30 + "Q" * 30 + "r9!" * 5,
        ALLOWED_HOSTS="veiligheid.almere.nl",
        SECURE_SSL_REDIRECT="1",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="1",
        SECURE_HSTS_PRELOAD="1",
        ADMINS="Functioneel beheer <beheer@almere.nl>",
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_postgresql_plans_for_storage_where_a_random_read_is_cheap():
    """Issue 15: with the planner's default for spinning disks a police contact's list read
    every police report of the city; the connection tells it what SSDs cost."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("alleen PostgreSQL heeft een planner met deze instelling")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
