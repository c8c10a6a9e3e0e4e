"""The meeting structure of the covenant (art. 5-7 and the "Overlegstructuur" chart)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Overlegvorm(models.Model):
    """A kind of meeting the covenant requires, with its scope and how often it must be held.

    Everything here is covenant data loaded from convenant/data/convenant.yaml and editable by an
    administrator; the compliance computation reads it rather than constants in code.
    """

    class Reikwijdte(models.TextChoices):
        STAD = "stad", _("City")
        GEBIED = "gebied", _("Each meeting area")
        WIJK = "wijk", _("Each neighbourhood")
        SCHOOL = "school", _("Each school")

    class Periode(models.TextChoices):
        JAAR = "jaar", _("calendar year")
        MAAND = "maand", _("month")

    nummer = models.PositiveSmallIntegerField(_("number"), unique=True)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    naam = models.CharField(_("name"), max_length=120)
    artikel = models.CharField(
        _("article"), max_length=20, help_text=_("The article that sets the requirement, e.g. 6.3.")
    )
    doel = models.TextField(_("purpose"), blank=True)
    reikwijdte = models.CharField(_("scope"), max_length=10, choices=Reikwijdte.choices)
    sectoren = models.JSONField(
        _("sectors"),
        default=list,
        blank=True,
        help_text=_("School sectors the meeting is for; empty means all."),
    )
    periode = models.CharField(_("period"), max_length=10, choices=Periode.choices)
    minimum = models.PositiveSmallIntegerField(_("at least"), default=1)
    maximum = models.PositiveSmallIntegerField(_("at most"), null=True, blank=True)
    volgens_schema = models.PositiveSmallIntegerField(
        _("per year in the chart"),
        null=True,
        blank=True,
        help_text=_("How often the Overlegstructuur chart plans it per year."),
    )
    voorzitter = models.CharField(_("chair"), max_length=200, blank=True)
    deelnemers = models.JSONField(_("participants"), default=list)
    rollen = models.JSONField(
        _("roles taking part"),
        default=list,
        blank=True,
        help_text=_("Account roles that take part; used to show a user their meetings."),
    )
    locatie_rouleert = models.BooleanField(_("location rotates"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kind of meeting")
        verbose_name_plural = _("kinds of meeting")
        ordering = ["nummer"]

    def __str__(self):
        return f"{self.nummer}. {self.naam}"

    def clean(self):
        if self.maximum is not None and self.maximum < self.minimum:
            raise ValidationError({"maximum": _("The maximum cannot be lower than the minimum.")})

    @property
    def anker(self) -> str:
        """The id of the cited paragraph on the covenant page."""
        return "art-" + self.artikel.replace(".", "-")

    def neemt_deel(self, rol: str) -> bool:
        return rol in self.rollen
