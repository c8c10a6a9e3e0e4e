"""Celery: tasks go through Redis when a broker is configured, and run in-process without one."""

import pytest
from django.conf import settings

from convenant.celery import app
from convenant.tasks import gezondheidscontrole


@pytest.mark.skipif(not settings.CELERY_BROKER_URL, reason="geen broker ingesteld (make run)")
@pytest.mark.django_db(transaction=True)
def test_a_worker_runs_a_task_sent_through_redis():
    from celery.contrib.testing.worker import start_worker

    assert settings.CELERY_BROKER_URL.startswith("redis://")
    with start_worker(app, perform_ping_check=False, shutdown_timeout=10):
        result = gezondheidscontrole.apply_async(ignore_result=False)
        assert result.get(timeout=20) == {"database": True}


@pytest.mark.skipif(bool(settings.CELERY_BROKER_URL), reason="broker ingesteld (CI)")
@pytest.mark.django_db
def test_without_a_broker_tasks_run_in_process():
    assert app.conf.task_always_eager
    assert gezondheidscontrole.apply_async(ignore_result=False).get() == {"database": True}
