from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartijenConfig(AppConfig):
    name = "partijen"
    verbose_name = _("Parties")
