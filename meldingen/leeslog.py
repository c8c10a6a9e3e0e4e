"""The read log: who looked at personal data, and when (AVG art. 10; BIO logging). Reads are
logged, not only writes; each record with personal data has a log of its own on this base."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Leeslog(models.Model):
    """One read by one user, appended and never changed; what was read is the subclass's
    foreign key."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    tijdstip = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-tijdstip"]
