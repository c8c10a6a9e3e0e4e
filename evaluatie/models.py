"""Evaluation rounds (art. 4, 7.2, 10.3, 11.1-11.2): the partners judge the covenant article by
article, the application gathers the facts of the round's period (evaluatie.feiten), and the
round ends in findings, improvement actions and a report."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from convenant.models import Artikel, Convenant, Lid, Vastlegging
from partijen.models import Organisatie, Persoon
from partijen.validators import geen_html


class Vraag(models.Model):
    """A question of the questionnaire, as data: about an article, or about one paragraph of it
    that imposes a duty. A new covenant version (an amendment, art. 11.3) gets its questions by
    a new row with a later `vanaf`; a round asks the questions in force on its date."""

    convenant = models.ForeignKey(
        Convenant, on_delete=models.CASCADE, related_name="vragen", verbose_name=_("covenant")
    )
    artikel = models.ForeignKey(
        Artikel, on_delete=models.PROTECT, related_name="+", verbose_name=_("article")
    )
    lid = models.ForeignKey(
        Lid,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("paragraph"),
        help_text=_("Empty for a question about the article as a whole."),
    )
    tekst = models.CharField(_("question"), max_length=500, validators=[geen_html])
    vanaf = models.DateField(
        _("asked from"),
        null=True,
        blank=True,
        help_text=_("The covenant version from which it is asked; empty: from the signing."),
    )
    actief = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["artikel__nummer", F("lid__nummer").asc(nulls_first=True), "vanaf", "id"]

    def __str__(self):
        return self.tekst


class RondeQuerySet(models.QuerySet):
    def open_op(self, dag):
        return self.filter(geopend_op__lte=dag, sluitdatum__gte=dag)


class Evaluatieronde(Vastlegging):
    """One round: yearly, interim, or the evaluation an extension decision rests on (10.3)."""

    class Soort(models.TextChoices):
        JAARLIJKS = "jaarlijks", _("yearly evaluation")
        TUSSENTIJDS = "tussentijds", _("interim evaluation")
        VERLENGING = "verlenging", _("evaluation for an extension decision (art. 10.3)")

    convenant = models.ForeignKey(
        Convenant,
        on_delete=models.CASCADE,
        related_name="evaluatierondes",
        verbose_name=_("covenant"),
    )
    soort = models.CharField(_("kind"), max_length=20, choices=Soort.choices)
    periode_begin = models.DateField(_("period from"))
    periode_einde = models.DateField(_("period up to and including"))
    geopend_op = models.DateField(
        _("opened on"),
        help_text=_("The partners on this day answer the questionnaire."),
    )
    sluitdatum = models.DateField(_("closing date"))
    history = HistoricalRecords()

    objects = RondeQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        ordering = ["-geopend_op", "-id"]
        constraints = [
            # One round of a kind per period: beat opening the yearly round twice opens one.
            models.UniqueConstraint(
                fields=["convenant", "soort", "periode_begin"], name="een_ronde_per_periode"
            ),
            models.CheckConstraint(
                condition=Q(periode_einde__gte=F("periode_begin")), name="ronde_periode_loopt"
            ),
            models.CheckConstraint(
                condition=Q(sluitdatum__gte=F("geopend_op")), name="ronde_sluit_na_opening"
            ),
        ]

    def __str__(self):
        return _("%(soort)s %(begin)s – %(einde)s") % {
            "soort": self.get_soort_display().capitalize(),
            "begin": self.periode_begin.strftime("%d-%m-%Y"),
            "einde": self.periode_einde.strftime("%d-%m-%Y"),
        }

    def is_open(self, dag) -> bool:
        return self.geopend_op <= dag <= self.sluitdatum

    def afgerond_op(self):
        """The day the round's outcome is there (an extension may rest on it, art. 10.3): the
        day the last partner submitted, or the day after it closed; None while it runs."""
        from django.utils import timezone

        ingediend = list(self.vragenlijsten.values_list("ingediend_op", flat=True))
        if ingediend and all(ingediend):
            return max(timezone.localtime(d).date() for d in ingediend)
        if self.sluitdatum < timezone.localdate():
            return self.sluitdatum
        return None


class Rondevraag(models.Model):
    """A question as the round asked it: its text is kept, so later edits to the questions do
    not change what partners answered."""

    ronde = models.ForeignKey(
        Evaluatieronde, on_delete=models.CASCADE, related_name="vragen", verbose_name=_("round")
    )
    vraag = models.ForeignKey(Vraag, on_delete=models.PROTECT, related_name="+")
    artikel = models.ForeignKey(Artikel, on_delete=models.PROTECT, related_name="+")
    lid = models.ForeignKey(Lid, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    tekst = models.CharField(_("question"), max_length=500)
    volgorde = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("question of a round")
        verbose_name_plural = _("questions of a round")
        ordering = ["ronde", "volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["ronde", "vraag"], name="een_rondevraag_per_vraag")
        ]

    def __str__(self):
        return self.tekst

    @property
    def verwijzing(self) -> str:
        return self.lid.verwijzing if self.lid_id else str(self.artikel.nummer)


class Vragenlijst(models.Model):
    """One partner's questionnaire in a round: saved as often as needed, submitted once."""

    ronde = models.ForeignKey(
        Evaluatieronde,
        on_delete=models.CASCADE,
        related_name="vragenlijsten",
        verbose_name=_("round"),
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("partner")
    )
    bewaard_op = models.DateTimeField(_("last saved"), auto_now=True)
    ingediend_op = models.DateTimeField(_("submitted on"), null=True, blank=True)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [
            models.UniqueConstraint(
                fields=["ronde", "organisatie"], name="een_vragenlijst_per_partner"
            )
        ]

    def __str__(self):
        return f"{self.ronde} · {self.organisatie}"


class Oordeel(models.TextChoices):
    """ "Werkt in de praktijk?" on a short scale."""

    GOED = "goed", _("works well")
    DEELS = "deels", _("works partly")
    NIET = "niet", _("does not work")
    ONBEKEND = "onbekend", _("cannot judge")


class Antwoord(models.Model):
    vragenlijst = models.ForeignKey(
        Vragenlijst, on_delete=models.CASCADE, related_name="antwoorden"
    )
    vraag = models.ForeignKey(Rondevraag, on_delete=models.PROTECT, related_name="antwoorden")
    oordeel = models.CharField(_("works in practice?"), max_length=10, choices=Oordeel.choices)
    toelichting = models.TextField(
        _("comment"), blank=True, max_length=2000, validators=[geen_html]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["vragenlijst", "vraag"], name="een_antwoord_per_vraag")
        ]

    def __str__(self):
        return f"{self.vraag} · {self.get_oordeel_display()}"


class Bevinding(Vastlegging):
    """The projectleider's finding on an article in a round (11.2)."""

    ronde = models.ForeignKey(Evaluatieronde, on_delete=models.CASCADE, related_name="bevindingen")
    artikel = models.ForeignKey(
        Artikel, on_delete=models.PROTECT, related_name="+", verbose_name=_("article")
    )
    tekst = models.TextField(_("finding"), max_length=4000, validators=[geen_html])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["artikel__nummer", "id"]


class Verbeteractie(Vastlegging):
    """Art. 11.2: an improvement of the covenant's conditions, with an owner (a partner or a
    person), a due date and a status; open ones carry into the next round."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        BEZIG = "bezig", _("in progress")
        AFGEROND = "afgerond", _("done")
        VERVALLEN = "vervallen", _("dropped")

    ronde = models.ForeignKey(
        Evaluatieronde, on_delete=models.CASCADE, related_name="verbeteracties"
    )
    artikel = models.ForeignKey(
        Artikel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("article"),
    )
    omschrijving = models.CharField(_("action"), max_length=300, validators=[geen_html])
    eigenaar_organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner (partner)"),
    )
    eigenaar_persoon = models.ForeignKey(
        Persoon,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verbeteracties",
        verbose_name=_("owner (person)"),
    )
    deadline = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("improvement action")
        verbose_name_plural = _("improvement actions")
        ordering = ["deadline", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eigenaar_organisatie__isnull=False) | Q(eigenaar_persoon__isnull=False),
                name="verbeteractie_heeft_eigenaar",
            )
        ]

    def __str__(self):
        return self.omschrijving

    OPEN_STATUSSEN = (Status.OPEN, Status.BEZIG)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSSEN

    @property
    def eigenaar(self):
        return self.eigenaar_persoon or self.eigenaar_organisatie
