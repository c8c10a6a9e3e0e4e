"""Who takes part in the covenant: organisations, schools, people in their roles, accounts."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partijen.querysets import PersoonQuerySet, RoltoewijzingQuerySet, SchoolQuerySet

# The one role enum lives in partijen.rollen (no models there, so every module can import
# it); most code imports it from here.
from partijen.rollen import TOEWIJSBARE_ROLLEN, Rol  # noqa: F401
from partijen.validators import geen_html


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
    naam = models.CharField(_("name"), max_length=200, validators=[geen_html])
    soort = models.CharField(_("kind"), max_length=30, choices=Soort.choices)
    omschrijving = models.TextField(_("description"), blank=True, validators=[geen_html])
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
    naam = models.CharField(_("name"), max_length=100, unique=True, validators=[geen_html])
    volgorde = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting area")
        verbose_name_plural = _("meeting areas")
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return self.naam


class Gebruiker(AbstractUser):
    """A person's account. Its covenant roles are its person's current role assignments
    (`Persoon.gebruiker`, read by partijen.rollen); only the application's administrator is
    a property of the account itself."""

    # AbstractUser's names, with the check every free-text field has.
    first_name = models.CharField(
        _("first name"), max_length=150, blank=True, validators=[geen_html]
    )
    last_name = models.CharField(_("last name"), max_length=150, blank=True, validators=[geen_html])
    email = models.EmailField(_("email address"), blank=True, validators=[geen_html])

    # Not a covenant role: who runs this application (accounts, the register's keeping with
    # the projectleider, the audit log). Kept on the account so an administrator needs no
    # person in the register.
    is_beheerder = models.BooleanField(
        _("administrator"),
        default=False,
        help_text=_("Manages this application: accounts, the register and the audit log."),
    )
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


class Sector(models.TextChoices):
    PO = "PO", _("PO · primary education")
    SBO = "SBO", _("SBO · special primary education")
    SO = "SO", _("SO · special education")
    VO = "VO", _("VO · secondary education")
    VSO = "VSO", _("VSO · special secondary education")
    MBO = "MBO", _("MBO · secondary vocational education")
    HBO = "HBO", _("HBO · higher professional education")


class Stadsdeel(models.Model):
    """A district of Almere; it lies in (mostly) one meeting area, which schools inherit."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("name"), max_length=100, unique=True, validators=[geen_html])
    overleggebied = models.ForeignKey(
        Overleggebied,
        on_delete=models.PROTECT,
        related_name="stadsdelen",
        verbose_name=_("meeting area"),
    )

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Wijk(models.Model):
    """A neighbourhood: the scope of the primary schools' meeting (art. 5.1)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    naam = models.CharField(_("name"), max_length=100, validators=[geen_html])
    stadsdeel = models.ForeignKey(
        Stadsdeel, on_delete=models.PROTECT, related_name="wijken", verbose_name=_("district")
    )

    class Meta:
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class School(models.Model):
    """A school location. The covenant's duties (art. 2) fall on each location."""

    naam = models.CharField(_("name"), max_length=200, validators=[geen_html])
    brin = models.CharField(
        _("BRIN/location code"),
        max_length=8,
        blank=True,
        help_text=_("The education ministry's code of the location, e.g. 12AB00."),
        validators=[geen_html],
    )
    bestuur = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="scholen",
        verbose_name=_("school board"),
        limit_choices_to={"soort": Organisatie.Soort.SCHOOLBESTUUR},
    )
    sector = models.CharField(_("sector"), max_length=3, choices=Sector.choices)
    straat = models.CharField(_("street"), max_length=200, blank=True, validators=[geen_html])
    huisnummer = models.CharField(_("number"), max_length=20, blank=True, validators=[geen_html])
    postcode = models.CharField(_("postcode"), max_length=7, blank=True, validators=[geen_html])
    plaats = models.CharField(_("town"), max_length=100, default="Almere", validators=[geen_html])
    # Shown to parents as a link, so only web addresses: no javascript: or mailto: links.
    website = models.URLField(
        _("website"),
        blank=True,
        validators=[geen_html, URLValidator(schemes=["http", "https"])],
        help_text=_("The school's own site, shown to parents on the public page."),
    )
    stadsdeel = models.ForeignKey(
        Stadsdeel, on_delete=models.PROTECT, related_name="scholen", verbose_name=_("district")
    )
    overleggebied = models.ForeignKey(
        Overleggebied,
        on_delete=models.PROTECT,
        related_name="scholen",
        verbose_name=_("meeting area"),
    )
    wijk = models.ForeignKey(
        Wijk,
        on_delete=models.PROTECT,
        related_name="scholen",
        null=True,
        blank=True,
        verbose_name=_("neighbourhood"),
        help_text=_("Required for primary schools: their meeting is per neighbourhood (art. 5.1)."),
    )
    veiligheidsplan_vastgesteld = models.DateField(
        _("safety plan adopted on"), null=True, blank=True
    )
    veiligheidsplan_herzien_uiterlijk = models.DateField(
        _("safety plan to be reviewed by"), null=True, blank=True
    )
    politiecontact_per_jaar = models.PositiveSmallIntegerField(
        _("agreed contacts with the police per year"),
        null=True,
        blank=True,
        help_text=_(
            "Art. 5.1: primary schools agree with the police how often they keep in touch."
        ),
    )
    actief = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    objects = SchoolQuerySet.as_manager()

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    @property
    def adres(self) -> str:
        regel = " ".join(p for p in [self.straat, self.huisnummer] if p)
        return ", ".join(p for p in [regel, f"{self.postcode} {self.plaats}".strip()] if p)

    def clean(self):
        from partijen import regels

        regels.controleer_school(self)


class Persoon(models.Model):
    """A person who holds one or more roles under the covenant."""

    voornaam = models.CharField(_("first name"), max_length=100, validators=[geen_html])
    achternaam = models.CharField(_("last name"), max_length=150, validators=[geen_html])
    functie = models.CharField(_("job title"), max_length=150, blank=True, validators=[geen_html])
    email = models.EmailField(_("work e-mail"), blank=True, validators=[geen_html])
    telefoon = models.CharField(_("work phone"), max_length=30, blank=True, validators=[geen_html])
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="personen",
        verbose_name=_("organisation"),
    )
    leidinggevende = models.BooleanField(
        _("manager"),
        default=False,
        help_text=_("The safety coordinator must be a manager (art. 2.1)."),
    )
    gebruiker = models.OneToOneField(
        Gebruiker,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="persoon",
        verbose_name=_("user account"),
    )
    history = HistoricalRecords()

    objects = PersoonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["achternaam", "voornaam"]

    def __str__(self):
        return f"{self.voornaam} {self.achternaam}"


class Roltoewijzing(models.Model):
    """A person in a covenant role, for a school, an area or an organisation, from/until a date.

    Assignments are ended, never deleted, so the register shows who held a role when.
    """

    persoon = models.ForeignKey(
        Persoon, on_delete=models.PROTECT, related_name="toewijzingen", verbose_name=_("person")
    )
    rol = models.CharField(_("role"), max_length=40, choices=TOEWIJSBARE_ROLLEN)
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        related_name="toewijzingen",
        null=True,
        blank=True,
        verbose_name=_("school"),
    )
    overleggebied = models.ForeignKey(
        Overleggebied,
        on_delete=models.PROTECT,
        related_name="toewijzingen",
        null=True,
        blank=True,
        verbose_name=_("meeting area"),
    )
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="toewijzingen",
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    begin = models.DateField(_("from"))
    einde = models.DateField(_("until"), null=True, blank=True)
    # Set when the assignment is ended with today as its last day: access stops at once.
    ingetrokken_op = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = RoltoewijzingQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["-begin"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(einde__isnull=True) | models.Q(einde__gte=models.F("begin")),
                name="toewijzing_einde_na_begin",
            )
        ]

    def __str__(self):
        waar = self.school or self.overleggebied or self.organisatie or ""
        return f"{self.persoon} · {self.get_rol_display()}" + (f" · {waar}" if waar else "")

    @property
    def bereik(self):
        return self.school or self.overleggebied or self.organisatie

    def actief_op(self, dag) -> bool:
        from partijen import regels

        return regels.toewijzing_actief(self.begin, self.einde, dag, self.ingetrokken_op)

    def clean(self):
        from partijen import regels

        regels.controleer_toewijzing(self)


class Toegangswijziging(models.Model):
    """Append-only log of changes to who may read personal data (BIO 5.18): a role that opens
    personal data granted, changed or ended, and an unused account deactivated."""

    class Soort(models.TextChoices):
        TOEGEKEND = "toegekend", _("role granted")
        GEWIJZIGD = "gewijzigd", _("role changed")
        BEEINDIGD = "beeindigd", _("role ended")
        GEDEACTIVEERD = "gedeactiveerd", _("account deactivated")
        AANGEMAAKT = "aangemaakt", _("account created")

    tijdstip = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    soort = models.CharField(_("kind"), max_length=20, choices=Soort.choices)
    # None: the system itself (the nightly deactivation).
    door = models.ForeignKey(
        Gebruiker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    toewijzing = models.ForeignKey(
        Roltoewijzing,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="toegangswijzigingen",
        verbose_name=_("role assignment"),
    )
    persoon = models.ForeignKey(
        Persoon,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    gebruiker = models.ForeignKey(
        Gebruiker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    rol = models.CharField(_("role"), max_length=40, choices=TOEWIJSBARE_ROLLEN, blank=True)
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="toegangswijzigingen",
        verbose_name=_("school"),
    )
    overleggebied = models.ForeignKey(
        Overleggebied,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("meeting area"),
    )
    begin = models.DateField(_("from"), null=True, blank=True)
    einde = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("access change")
        verbose_name_plural = _("access changes")
        ordering = ["-tijdstip", "-id"]

    def __str__(self):
        return f"{self.get_soort_display()} · {self.tijdstip:%d-%m-%Y %H:%M}"

    def save(self, *args, **kwargs):
        # Append-only: a log line that can be edited proves nothing.
        if self.pk is not None:
            raise ValueError("Toegangswijziging is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Toegangswijziging is append-only")
