"""A message to one user and the user's choice of how to receive each group of messages.

A `Bericht` is written once per (recipient, kind, object, moment): the unique constraint is what
makes every scan, however often it runs and however many run at once, give one message per due
item. Sending claims the row with a conditional update (`claim`), so two workers, a task
delivered twice or a digest running next to a direct send never send it twice.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from berichten.soorten import Frequentie, alle_groepen


class BerichtQuerySet(models.QuerySet):
    def van(self, gebruiker):
        """A user reads their own messages, nobody else's (art. 8)."""
        return self.filter(ontvanger=gebruiker)

    def zichtbaar(self):
        """What the notification centre lists: not the items that were done before anyone
        was told."""
        return self.exclude(email=Bericht.Email.VERVALLEN, gelezen_op__isnull=True)

    def ongelezen(self):
        return self.zichtbaar().filter(gelezen_op__isnull=True, vervallen_op__isnull=True)


class Bericht(models.Model):
    class Email(models.TextChoices):
        WACHT = "wacht", _("waiting")
        VERZONDEN = "verzonden", _("sent")
        NIET = "niet", _("not by e-mail")
        VERVALLEN = "vervallen", _("done before it was sent")
        MISLUKT = "mislukt", _("failed")

    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="berichten",
        verbose_name=_("recipient"),
    )
    soort = models.CharField(_("kind"), max_length=40)
    sleutel = models.CharField(_("object"), max_length=120)
    moment = models.CharField(_("moment"), max_length=60)
    wat = models.CharField(_("what"), max_length=500)
    artikel = models.CharField(_("article"), max_length=20, blank=True)
    url = models.CharField(_("link"), max_length=300)
    uiterlijk = models.DateField(_("due by"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("created on"), default=timezone.now, db_index=True)
    gelezen_op = models.DateTimeField(_("read on"), null=True, blank=True)
    # The item stopped being due (it was done); a message not yet e-mailed is then not sent.
    vervallen_op = models.DateTimeField(_("done on"), null=True, blank=True)
    email = models.CharField(_("e-mail"), max_length=10, choices=Email.choices, default=Email.WACHT)
    # A sending run's token and when it took the row; a claim older than
    # verzenden.CLAIM_GELDIG is that of a worker that died, and may be taken over.
    claim = models.CharField(max_length=32, blank=True)
    geclaimd_op = models.DateTimeField(null=True, blank=True)
    verzonden_op = models.DateTimeField(_("sent on"), null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(_("attempts"), default=0)
    fout = models.CharField(_("error"), max_length=300, blank=True)

    objects = BerichtQuerySet.as_manager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-aangemaakt_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ontvanger", "soort", "sleutel", "moment"], name="een_bericht_per_moment"
            )
        ]
        indexes = [
            models.Index(fields=["email", "ontvanger"], name="bericht_wacht_idx"),
            models.Index(fields=["ontvanger", "gelezen_op"], name="bericht_ongelezen_idx"),
        ]

    def __str__(self):
        return f"{self.ontvanger} · {self.soort} · {self.sleutel} · {self.moment}"


class Voorkeur(models.Model):
    """How a user receives one group of messages (berichten.soorten)."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="berichtvoorkeuren",
        verbose_name=_("user"),
    )
    groep = models.CharField(
        _("kind of message"), max_length=20, choices=[(g.code, g.label) for g in alle_groepen()]
    )
    frequentie = models.CharField(_("how"), max_length=10, choices=Frequentie.choices)

    class Meta:
        verbose_name = _("message preference")
        verbose_name_plural = _("message preferences")
        constraints = [
            models.UniqueConstraint(fields=["gebruiker", "groep"], name="een_voorkeur_per_groep")
        ]

    def __str__(self):
        return f"{self.gebruiker} · {self.groep}: {self.frequentie}"
