from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BerichtenConfig(AppConfig):
    """Messages (issue 14): what is due for each user, in a notification centre and by e-mail,
    sent exactly once through Celery."""

    name = "berichten"
    verbose_name = _("Messages")
    default_auto_field = "django.db.models.BigAutoField"
