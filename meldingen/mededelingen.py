"""External communication about established criminal offences (art. 9.1): a draft statement is
released only after the communication officer of every involved partner approved it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meldingen.toegang import COMMUNICATIE
from partijen.models import Organisatie
from partijen.querysets import eigen_toewijzingen
from partijen.validators import geen_html


def communicatie_organisaties(user, dag=None):
    """The partners for which this user is a communication officer, as a subquery (meldingen.
    toegang decides)."""
    return eigen_toewijzingen(user, dag).filter(rol=COMMUNICATIE).values("organisatie")


class MededelingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The school's people and police contact who see the incident, and the communication
        officers of the partners involved. Never the incident's personal data (art. 8)."""
        from meldingen.models import Melding

        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(melding__in=Melding.objects.visible_to(user))
            | Q(partners__in=communicatie_organisaties(user))
        ).distinct()


class Mededeling(models.Model):
    melding = models.ForeignKey(
        "meldingen.Melding",
        on_delete=models.CASCADE,
        related_name="mededelingen",
        verbose_name=_("incident"),
    )
    tekst = models.TextField(_("statement"), max_length=5000, validators=[geen_html])
    partners = models.ManyToManyField(
        Organisatie, related_name="+", verbose_name=_("partners involved")
    )
    opgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("drafted by"),
    )
    opgesteld_op = models.DateTimeField(_("drafted on"), auto_now_add=True)
    vrijgegeven_op = models.DateTimeField(_("released on"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[partners])

    objects = MededelingQuerySet.as_manager()

    class Meta:
        verbose_name = _("external statement")
        verbose_name_plural = _("external statements")
        ordering = ["-opgesteld_op"]

    def __str__(self):
        return f"{_('Statement')} {self.pk}"


class Goedkeuring(models.Model):
    mededeling = models.ForeignKey(
        Mededeling,
        on_delete=models.CASCADE,
        related_name="goedkeuringen",
        verbose_name=_("statement"),
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("partner")
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved by"),
    )
    tijdstip = models.DateTimeField(_("approved on"), auto_now_add=True)

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        constraints = [
            models.UniqueConstraint(
                fields=["mededeling", "organisatie"], name="een_goedkeuring_per_partner"
            )
        ]

    def __str__(self):
        return f"{self.organisatie} · {self.tijdstip:%d-%m-%Y}"


def mededeling_mogelijk(melding) -> bool:
    """Art. 9.1 concerns established criminal offences: an incident the school reported to
    the police."""
    return hasattr(melding, "politiemelding")


def ontbrekende_goedkeuringen(partner_ids: set[int], goedgekeurd_ids: set[int]) -> set[int]:
    """Art. 9.1: external statements are agreed in advance between the communication officers
    of the parties involved. Released only when this set is empty."""
    return partner_ids - goedgekeurd_ids
