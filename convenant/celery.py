"""The Celery application: reminders and scheduled evaluation rounds run here."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convenant.settings")

app = Celery("convenant")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
