"""The meeting structure of the covenant (art. 5-7 and the "Overlegstructuur" chart)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partijen.tijdvenster import LEESBAAR_TOT, LEESBAAR_VAN
from partijen.validators import geen_html


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

    class Code(models.TextChoices):
        """The kinds convenant.yaml defines, for code that means one of them (the demo data).
        Not the field's choices: the kinds are data, and an administrator may add one."""

        BESTUURLIJK_OVERLEG = "bestuurlijk-overleg"
        KERNGROEP = "kerngroep"
        STADSDEELOVERLEG = "stadsdeeloverleg"
        PASSEND_ONDERWIJS_IN_DE_WIJK = "passend-onderwijs-in-de-wijk"
        STEDELIJKE_VOORZIENINGEN = "stedelijke-voorzieningen"
        OPERATIONEEL_OVERLEG = "operationeel-overleg"
        BELEIDSMATIG_OVERLEG = "beleidsmatig-overleg"
        CONTACT_PO_POLITIE = "contact-po-politie"

    nummer = models.PositiveSmallIntegerField(_("number"), unique=True)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    naam = models.CharField(_("name"), max_length=120, validators=[geen_html])
    artikel = models.CharField(
        _("article"),
        max_length=20,
        help_text=_("The article that sets the requirement, e.g. 6.3."),
        validators=[geen_html],
    )
    doel = models.TextField(_("purpose"), blank=True, validators=[geen_html])
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
    voorzitter = models.CharField(_("chair"), max_length=200, blank=True, validators=[geen_html])
    deelnemers = models.JSONField(_("participants"), default=list)
    rollen = models.JSONField(
        _("roles taking part"),
        default=list,
        blank=True,
        help_text=_("Account roles that take part; used to show a user their meetings."),
    )
    locatie_rouleert = models.BooleanField(_("location rotates"), default=False)
    minimum_per_school = models.BooleanField(
        _("frequency agreed per school"),
        default=False,
        help_text=_("The minimum is the frequency each school agreed (art. 5.1)."),
    )
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

    @property
    def bereikveld(self) -> str | None:
        """The field of Overleg that holds this kind's scope; None for the city (BEREIKVELD)."""
        return BEREIKVELD.get(self.reikwijdte)


# Which field of a meeting (Overleg) holds its scope, per kind of scope: the one mapping the
# forms, views, compliance and rules use. A city-wide meeting has none. A school's area and
# neighbourhood fields carry the same names (School.overleggebied, School.wijk).
BEREIKVELD = {
    Overlegvorm.Reikwijdte.SCHOOL: "school",
    Overlegvorm.Reikwijdte.GEBIED: "overleggebied",
    Overlegvorm.Reikwijdte.WIJK: "wijk",
}
BEREIKVELDEN = tuple(BEREIKVELD.values())


class OverlegQuerySet(models.QuerySet):
    def leesbaar(self):
        """The meetings whose times can be shown (see LEESBAAR_VAN); filtered in the database,
        so a date before Christ on PostgreSQL is never even fetched."""
        return self.filter(
            start__gte=LEESBAAR_VAN,
            start__lte=LEESBAAR_TOT,
            einde__gte=LEESBAAR_VAN,
            einde__lte=LEESBAAR_TOT,
        )

    def visible_to(self, user):
        """Art. 8: a meeting is seen by those who oversee its scope: the city's meetings by
        everyone in the covenant, an area's by those who see schools in it, a school's by those
        who see the school (partijen decides who sees which school)."""
        from overleggen import toegang
        from partijen.toegang import beheert_register

        if not user.is_authenticated:
            return self.none()
        if beheert_register(user):
            # The register keepers see every school, so every meeting: no list of the city's
            # 2,000 schools in the query (issue 15).
            return self.leesbaar()
        # The scopes as lists first (once per request, toegang.bereik_ids), then the meetings:
        # each branch of the OR is then served by its own index, where subqueries made
        # PostgreSQL read every meeting of the city (issue 15, as MeldingQuerySet.visible_to).
        ids = toegang.bereik_ids(user)
        stad = Overlegvorm.objects.filter(reikwijdte=Overlegvorm.Reikwijdte.STAD)
        return self.leesbaar().filter(
            models.Q(vorm_id__in=sorted(stad.values_list("pk", flat=True)))
            | models.Q(school_id__in=sorted(ids["school"]))
            | models.Q(overleggebied_id__in=sorted(ids["gebied"]))
            | models.Q(wijk_id__in=sorted(ids["wijk"]))
        )

    def komende_schooloverleggen(self):
        """The school meetings (6.1, 6.2) not yet over and not cancelled, soonest first.
        Chained after visible_to, it gives a user the meetings of their own schools."""
        return (
            self.filter(vorm__reikwijdte=Overlegvorm.Reikwijdte.SCHOOL, einde__gte=timezone.now())
            .exclude(status=Overleg.Status.GEANNULEERD)
            .order_by("start", "pk")
        )


class Overleg(models.Model):
    """One meeting of a kind the covenant requires, planned, held or cancelled."""

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("planned")
        GEHOUDEN = "gehouden", _("held")
        GEANNULEERD = "geannuleerd", _("cancelled")

    vorm = models.ForeignKey(
        Overlegvorm,
        on_delete=models.PROTECT,
        related_name="overleggen",
        verbose_name=_("kind of meeting"),
    )
    school = models.ForeignKey(
        "partijen.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="overleggen",
        verbose_name=_("school"),
    )
    overleggebied = models.ForeignKey(
        "partijen.Overleggebied",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="overleggen",
        verbose_name=_("meeting area"),
    )
    wijk = models.ForeignKey(
        "partijen.Wijk",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="overleggen",
        verbose_name=_("neighbourhood"),
    )
    start = models.DateTimeField(_("start"))
    einde = models.DateTimeField(_("end"))
    locatie = models.CharField(_("location"), max_length=200, blank=True, validators=[geen_html])
    gastschool = models.ForeignKey(
        "partijen.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gastoverleggen",
        verbose_name=_("host school"),
        help_text=_("For the area meeting the location rotates between the schools (art. 6.3)."),
    )
    voorzitter = models.CharField(_("chair"), max_length=200, blank=True, validators=[geen_html])
    agenda = models.TextField(_("agenda"), blank=True, max_length=5000, validators=[geen_html])
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.GEPLAND
    )
    deelnemers = models.ManyToManyField(
        "partijen.Persoon", blank=True, related_name="+", verbose_name=_("invited")
    )
    aanwezigen = models.ManyToManyField(
        "partijen.Persoon", blank=True, related_name="+", verbose_name=_("present")
    )
    verslag = models.TextField(
        _("short report"),
        blank=True,
        max_length=10_000,
        help_text=_("No personal data of students (art. 6.2, art. 8)."),
        validators=[geen_html],
    )
    besluiten = models.TextField(
        _("decisions"), blank=True, max_length=5000, validators=[geen_html]
    )
    boven_maximum_reden = models.CharField(
        _("reason to exceed the maximum"),
        max_length=500,
        blank=True,
        help_text=_("Art. 6.3 allows at most two area meetings a year; say why another is needed."),
        validators=[geen_html],
    )
    aangemaakt_door = models.ForeignKey(
        "partijen.Gebruiker",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("planned by"),
    )
    history = HistoricalRecords(m2m_fields=[deelnemers, aanwezigen])

    objects = OverlegQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start"]

    def __str__(self):
        return f"{self.vorm.naam} · {self.bereik or _('city')}"

    @property
    def bereik(self):
        """The school, area or neighbourhood the meeting is for; None for the city."""
        for veld in BEREIKVELDEN:
            if (waarde := getattr(self, veld)) is not None:
                return waarde
        return None

    def overgenomen_actiepunten(self):
        """The open action points of earlier meetings of the same kind and scope: they carry
        over to this one. Queried on the action points themselves, so an earlier meeting
        without any yields nothing (a join from the meetings would yield an empty row)."""
        zelfde_bereik = {
            f"overleg__{veld}_id": getattr(self, f"{veld}_id") for veld in BEREIKVELDEN
        }
        return Actiepunt.objects.filter(
            afgerond_op__isnull=True,
            overleg__vorm_id=self.vorm_id,
            overleg__start__lt=self.start,
            **zelfde_bereik,
        ).select_related("eigenaar")


class ActiepuntQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Art. 8: an action point is seen by its owner (who may not see the meeting's scope:
        a partner's person given a task) and by whoever sees its meeting."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            models.Q(eigenaar__gebruiker=user)
            | models.Q(overleg__in=Overleg.objects.visible_to(user))
        )


class Actiepunt(models.Model):
    overleg = models.ForeignKey(
        Overleg, on_delete=models.CASCADE, related_name="actiepunten", verbose_name=_("meeting")
    )
    omschrijving = models.CharField(_("action"), max_length=500, validators=[geen_html])
    eigenaar = models.ForeignKey(
        "partijen.Persoon", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    deadline = models.DateField(_("due"))
    afgerond_op = models.DateField(_("done on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ActiepuntQuerySet.as_manager()

    class Meta:
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        ordering = ["deadline", "id"]

    def __str__(self):
        return self.omschrijving


class Agendafeed(models.Model):
    """A user's personal calendar feed: a secret URL with the meetings they take part in.

    The token is the only key to the feed; resetting it makes the old URL stop working.
    """

    gebruiker = models.OneToOneField(
        "partijen.Gebruiker",
        on_delete=models.CASCADE,
        related_name="agendafeed",
        verbose_name=_("user"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    aangemaakt = models.DateTimeField(_("created on"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.gebruiker)

    @classmethod
    def voor(cls, gebruiker, *, opnieuw: bool = False):
        import secrets

        feed, nieuw = cls.objects.get_or_create(
            gebruiker=gebruiker, defaults={"token": secrets.token_urlsafe(32)}
        )
        if opnieuw and not nieuw:
            feed.token = secrets.token_urlsafe(32)
            feed.save(update_fields=["token", "aangemaakt"])
        return feed


class Nalevingsstand(models.Model):
    """Issue 15: one row, whose token changes with every change to what the compliance
    dashboard reads (meetings, their kinds, the register's schools and areas, the covenant's
    partners and term: overleggen.naleving.STAND_MODELLEN). The dashboard's rows are kept in
    the cache under this token, so they are computed once per change, not per request, and can
    never be older than the data: the token is written in the same transaction as the change,
    and a rolled-back change takes its token back with it."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("compliance state")
        verbose_name_plural = _("compliance state")

    def __str__(self):
        return self.token
