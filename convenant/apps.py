from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ConvenantConfig(AppConfig):
    default = True
    name = "convenant"
    verbose_name = _("Covenant")


class BeheerAdminConfig(admin_apps.AdminConfig):
    """The admin with our own site class (convenant.beheer), kept out of non-admins' sight."""

    default = False
    default_site = "convenant.beheer.BeheerSite"
