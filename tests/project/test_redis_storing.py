"""While Redis is down every page works: the cache degrades to none.

Redis is really unreachable here (a closed port), nothing is mocked: the cache settings are the
ones production builds from REDIS_URL, read from a fresh settings module in a subprocess.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings

pytestmark = pytest.mark.django_db

DODE_REDIS = "redis://127.0.0.1:1/0"


def _caches_in_productie(redis_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "DEBUG"}}
    env.update(SECRET_KEY="s" * 60, REDIS_URL=redis_url)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, convenant.settings as s; print(json.dumps(s.CACHES))",
        ],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def redis_plat(settings):
    settings.CACHES = _caches_in_productie(DODE_REDIS)
    return settings


def test_the_cache_of_production_is_redis_when_redis_url_is_set():
    caches = _caches_in_productie("redis://127.0.0.1:6379/0")
    assert caches["default"]["LOCATION"] == "redis://127.0.0.1:6379/0"


def test_the_cache_answers_as_empty_and_logs_while_redis_is_down(redis_plat, caplog):
    from django.core.cache import cache

    with caplog.at_level("WARNING", logger="convenant.cache"):
        assert cache.get("iets") is None
        assert cache.get("iets", "standaard") == "standaard"
        cache.set("iets", 1)
        assert cache.add("iets", 1) is False
        assert cache.get_many(["a", "b"]) == {}
        cache.delete("iets")
    assert any("Redis" in r.getMessage() for r in caplog.records)


def test_the_public_pdf_and_parents_page_work_while_redis_is_down(
    redis_plat, client, convenant_data
):
    response = client.get("/voor-ouders/convenant.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert client.get("/voor-ouders/").status_code == 200


def test_login_and_a_logged_in_page_work_while_redis_is_down(
    redis_plat, client, coordinator, convenant_data
):
    response = client.post(
        "/inloggen/",
        {"username": coordinator.username, "password": django_settings.DEMO_PASSWORD},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    # The coordinator is offered two-factor login (the session lives in the database, so the
    # offer and the choice "not now" work without Redis too).
    aanbod = client.get(response["Location"], follow=True)
    assert aanbod.redirect_chain[-1][0].startswith("/inloggen/app-instellen/")
    assert aanbod.status_code == 200
    assert client.post("/inloggen/later/").status_code == 302
    assert client.get("/").status_code == 200
    assert client.get("/meldingen/").status_code == 200
    assert client.get("/overleggen/").status_code == 200
