"""The meldcode huiselijk geweld en kindermishandeling (art. 2.11) as a separate, restricted
record: only the school's aandachtsfunctionaris and coordinator see it; never the police or
the municipality.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meldingen.leeslog import Leeslog
from meldingen.toegang import MELDCODE_ROLLEN
from partijen.models import School
from partijen.querysets import eigen_toewijzingen
from partijen.validators import geen_html


def meldcode_scholen(user, dag=None):
    """The schools whose records the user keeps, as a subquery (meldingen.toegang decides)."""
    return eigen_toewijzingen(user, dag).filter(rol__in=MELDCODE_ROLLEN).values("school")


class MeldcodeQuerySet(models.QuerySet):
    def visible_to(self, user, dag=None):
        """Art. 2.11 and art. 8: the school's aandachtsfunctionaris and coordinator only."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(school__in=meldcode_scholen(user, dag)))


class MeldcodeDossier(models.Model):
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    melding = models.ForeignKey(
        "meldingen.Melding",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meldcodedossiers",
        verbose_name=_("incident"),
    )
    leerling = models.CharField(_("student"), max_length=200, validators=[geen_html])
    geopend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opened by"),
    )
    geopend_op = models.DateTimeField(_("opened on"), auto_now_add=True)
    afgesloten_op = models.DateTimeField(_("closed on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = MeldcodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting code record")
        verbose_name_plural = _("reporting code records")
        ordering = ["-geopend_op"]
        indexes = [
            # Issue 15: the evaluation counts the records opened in its period.
            models.Index(fields=["geopend_op"], name="meldcodedossier_geopend_idx"),
        ]

    def __str__(self):
        return f"{_('Reporting code record')} {self.pk}"


class MeldcodeStap(models.Model):
    class Stap(models.IntegerChoices):
        SIGNALEN = 1, _("1. Map the signals")
        CONSULTATIE = 2, _("2. Consult a colleague (and if needed Veilig Thuis)")
        GESPREK = 3, _("3. Talk with the student and/or parents")
        WEGEN = 4, _("4. Weigh the violence or abuse (assessment framework)")
        BESLISSEN = 5, _("5. Decide: organise help and/or report to Veilig Thuis")

    class Beslissing(models.TextChoices):
        HULP = "hulp", _("organise help")
        MELDEN = "melden", _("report to Veilig Thuis")
        HULP_EN_MELDEN = "hulp_en_melden", _("report to Veilig Thuis and organise help")
        ONGEGROND = "ongegrond", _("the suspicion is unfounded")

    dossier = models.ForeignKey(
        MeldcodeDossier, on_delete=models.CASCADE, related_name="stappen", verbose_name=_("record")
    )
    stap = models.PositiveSmallIntegerField(_("step"), choices=Stap.choices)
    datum = models.DateField(_("date"))
    eigen_waarnemingen = models.TextField(
        _("own observations"), blank=True, max_length=5000, validators=[geen_html]
    )
    van_anderen = models.TextField(
        _("what others say"),
        blank=True,
        max_length=5000,
        help_text=_("Kept apart from your own observations."),
        validators=[geen_html],
    )
    notitie = models.TextField(_("notes"), blank=True, max_length=5000, validators=[geen_html])
    veilig_thuis_geraadpleegd = models.BooleanField(
        _("Veilig Thuis consulted (anonymously)"), default=False
    )
    politie_geraadpleegd = models.BooleanField(
        _("police contact consulted anonymously (art. 2.11)"), default=False
    )
    beslissing = models.CharField(
        _("decision"), max_length=20, choices=Beslissing.choices, blank=True
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    vastgelegd_op = models.DateTimeField(_("recorded on"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting code step")
        verbose_name_plural = _("reporting code steps")
        ordering = ["stap", "datum", "id"]
        indexes = [
            # Issue 15: the evaluation counts the decisions (step 5) taken in its period, a
            # few in a hundred steps.
            models.Index(
                fields=["datum"],
                condition=models.Q(stap=5) & ~models.Q(beslissing=""),
                name="meldcodestap_beslissing_idx",
            ),
        ]

    def __str__(self):
        return self.get_stap_display()


class MeldcodeInzage(Leeslog):
    """Who opened a meldcode record, and when: it holds special personal data (AVG art. 9)."""

    dossier = models.ForeignKey(
        MeldcodeDossier, on_delete=models.CASCADE, related_name="inzages", verbose_name=_("record")
    )

    class Meta(Leeslog.Meta):
        verbose_name = _("access to a reporting code record")
        verbose_name_plural = _("accesses to reporting code records")

    def __str__(self):
        return f"{self.gebruiker} · {self.dossier_id} · {self.tijdstip:%d-%m-%Y %H:%M}"


def stap_mogelijk(stap: int, gedaan: set[int]) -> bool:
    """Meldcode: the five steps are taken in order; a step can be recorded (again) once the
    step before it has been recorded. Step 1 can always be recorded."""
    return stap == MeldcodeStap.Stap.SIGNALEN or (stap - 1) in gedaan
