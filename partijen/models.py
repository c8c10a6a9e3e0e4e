"""Who takes part in the covenant: organisations, overleg areas and the people's accounts."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Rol(models.TextChoices):
    """The roles the covenant gives people; an account acts in one of them."""

    COORDINATOR_VEILIGHEID = "coordinator_veiligheid", _("Safety coordinator")
    CONTACTPERSOON_VERTROUWENSZAKEN = (
        "contactpersoon_vertrouwenszaken",
        _("Confidential contact person"),
    )
    POLITIE_CONTACTPERSOON = "politie_contactpersoon", _("Police contact person")
    POLITIE_OPERATIONEEL_EXPERT = "politie_operationeel_expert", _("Police operational expert")
    VEILIGHEIDSMANAGER = "veiligheidsmanager", _("Safety manager")
    PROJECTLEIDER = "projectleider", _("Project leader school safety")
    BESTUURDER = "bestuurder", _("School board member")
    BEHEERDER = "beheerder", _("Administrator")


class Organisatie(models.Model):
    """An organisation the covenant names: a signing partner or one it involves (art. 1, 11.4)."""

    class Soort(models.TextChoices):
        GEMEENTE = "gemeente", _("Municipality")
        POLITIE = "politie", _("Police")
        SCHOOLBESTUUR = "schoolbestuur", _("School board")
        SAMENWERKINGSVERBAND = "samenwerkingsverband", _("Passend Onderwijs partnership")
        JUSTITIE = "justitie", _("Public Prosecution Service")
        JEUGDWERK = "jeugdwerk", _("Youth work")
        GEMEENTELIJKE_DIENST = "gemeentelijke_dienst", _("Municipal service")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    naam = models.CharField(_("name"), max_length=200)
    soort = models.CharField(_("kind"), max_length=30, choices=Soort.choices)
    omschrijving = models.TextField(_("description"), blank=True)
    te_controleren = models.BooleanField(
        _("to be checked"),
        default=False,
        help_text=_("The scanned covenant is illegible here; an administrator should verify it."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Overleggebied(models.Model):
    """One of the three areas of the meeting structure chart (art. 6.3)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("name"), max_length=100, unique=True)
    volgorde = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting area")
        verbose_name_plural = _("meeting areas")
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return self.naam


class Gebruiker(AbstractUser):
    """A person's account. The role decides the home page and the navigation."""

    rol = models.CharField(_("role"), max_length=40, choices=Rol.choices, blank=True)
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gebruikers",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username
