from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ConvenantConfig(AppConfig):
    default = True
    name = "convenant"
    verbose_name = _("Covenant")

    def ready(self):
        from convenant import (
            checks,  # noqa: F401 (registers the deploy checks)
            idlijsten,
        )

        idlijsten.registreer()


class BeheerAdminConfig(admin_apps.AdminConfig):
    """The admin with our own site class (convenant.beheer), kept out of non-admins' sight."""

    default = False
    default_site = "convenant.beheer.BeheerSite"


class InlogbeveiligingConfig(AxesAppConfig):
    """django-axes under a name the administrator understands; the models keep their app label."""

    default = False
    verbose_name = _("Login protection")
