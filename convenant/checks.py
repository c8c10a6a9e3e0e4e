"""Deploy checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def foutmeldingen_bereiken_iemand(app_configs, **kwargs):
    """An error in production must reach a person, not only a log nobody reads."""
    if settings.ADMINS:
        return []
    return [
        Warning(
            "ADMINS is leeg: foutmeldingen worden alleen gelogd en naar niemand gemaild.",
            hint="Zet ADMINS in de omgeving, bijvoorbeeld ADMINS=Functioneel beheer "
            "<beheer@example.nl>, en stel EMAIL_HOST in.",
            id="convenant.W001",
        )
    ]
