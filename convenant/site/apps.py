from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The shell as an app of its own, without models: Django finds management commands
    (`maak_demo`, `laad_convenant`) and template tag libraries (`{% load toegang %}`) only in
    an installed app's `management/commands` and `templatetags`; a plain package would need its
    commands and tags registered elsewhere by hand."""

    default = True
    name = "convenant.site"
    label = "site"
