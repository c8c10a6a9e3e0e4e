"""docker-compose.yml is for production users; no Docker engine runs here, so parse it."""

import re

import yaml
from django.conf import settings

ROOT = settings.BASE_DIR


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_it_has_the_five_services_with_health_checks():
    services = _compose()["services"]
    assert set(services) == {"web", "worker", "beat", "db", "redis"}
    for name, service in services.items():
        assert "healthcheck" in service, name
        assert service["restart"] == "unless-stopped", name


def test_the_commands_run_what_this_project_has():
    services = _compose()["services"]
    assert "gunicorn convenant.wsgi:application" in services["web"]["command"]
    assert "manage.py migrate" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A convenant worker")
    assert services["beat"]["command"].startswith("celery -A convenant beat")
    assert (ROOT / "convenant" / "wsgi.py").exists()
    assert (ROOT / "convenant" / "celery.py").exists()
    assert "gunicorn" in (ROOT / "requirements.lock").read_text()


def test_the_application_services_wait_for_healthy_database_and_redis():
    services = _compose()["services"]
    for name in ("web", "worker", "beat"):
        depends = services[name]["depends_on"]
        assert depends["db"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["CELERY_BROKER_URL"].startswith("redis://redis:6379")


def test_data_lives_in_volumes():
    compose = _compose()
    assert set(compose["volumes"]) == {"postgres-data", "redis-data", "bestanden"}
    for naam in ("web", "worker"):
        assert "bestanden:/data/prive" in compose["services"][naam]["volumes"]
        assert compose["services"][naam]["environment"]["PRIVATE_MEDIA_ROOT"] == "/data/prive"
    assert any(v.startswith("postgres-data:") for v in compose["services"]["db"]["volumes"])


def test_the_web_port_is_only_published_on_localhost():
    # A TLS proxy in front is expected; the plain-http port must not face the internet.
    assert all(p.startswith("127.0.0.1:") for p in _compose()["services"]["web"]["ports"])


def test_every_variable_the_compose_file_needs_is_in_the_example_env():
    text = (ROOT / "docker-compose.yml").read_text()
    needed = set(re.findall(r"\$\{(\w+)", text))
    example = (ROOT / ".env.example").read_text()
    assert needed <= {line.split("=")[0] for line in example.splitlines() if "=" in line}


def test_the_web_command_is_one_line_so_every_gunicorn_option_applies():
    # A newline inside `sh -c` ends the command: options after it were silently dropped.
    command = _compose()["services"]["web"]["command"]
    assert "\n" not in command
    assert "--config gunicorn.conf.py" in command
    assert "--access-logfile -" in command
