"""Incidents logged by schools and what the covenant makes the school and the police do.

The duties themselves live in meldingen/regels.py; the categories that trigger them are data
(meldingen/data/categorieen.yaml), so an administrator can extend them without code.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meldingen.leeslog import Leeslog
from meldingen.querysets import MeldingQuerySet
from partijen.models import School
from partijen.validators import geen_html


class Categorie(models.Model):
    class Politie(models.TextChoices):
        VERPLICHT = "verplicht", _("always report to the police")
        OPTIONEEL = "optioneel", _("may report to the police, also anonymously")
        GEEN = "geen", _("no police duty")

    code = models.SlugField(_("code"), max_length=80, unique=True)
    naam = models.CharField(_("name"), max_length=120, validators=[geen_html])
    bovenliggend = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subcategorieen",
        verbose_name=_("parent category"),
    )
    landelijk = models.BooleanField(_("national category"), default=False)
    politie = models.CharField(
        _("police"), max_length=10, choices=Politie.choices, default=Politie.GEEN
    )
    artikel = models.CharField(_("article"), max_length=10, blank=True, validators=[geen_html])
    meldcode = models.BooleanField(
        _("reporting code route"),
        default=False,
        help_text=_(
            "Follows the reporting code for domestic violence and child abuse (art. 2.11)."
        ),
    )
    reactietermijn = models.PositiveSmallIntegerField(
        _("police response target (working days)"), null=True, blank=True
    )
    volgorde = models.PositiveSmallIntegerField(_("order"), default=0)
    actief = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("incident category")
        verbose_name_plural = _("incident categories")
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return f"{self.bovenliggend.naam}: {self.naam}" if self.bovenliggend_id else self.naam

    @property
    def hoofdcategorie(self):
        """Duties are set on the main category; a subcategory refines it and may only make a
        duty stricter (regels._politiebron: theft under "Vernieling of diefstal" is art. 2.4)."""
        return self.bovenliggend or self


class Melding(models.Model):
    class Plaats(models.TextChoices):
        SCHOOL = "school", _("in the school")
        OMGEVING = "omgeving", _("in the school's direct surroundings")
        ONLINE = "online", _("online")
        EXCURSIE = "excursie", _("on an excursion or school trip")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        AFGESLOTEN = "afgesloten", _("closed")

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="meldingen", verbose_name=_("school")
    )
    tijdstip = models.DateTimeField(_("when"))
    plaats = models.CharField(_("where"), max_length=10, choices=Plaats.choices)
    categorieen = models.ManyToManyField(
        Categorie, related_name="meldingen", verbose_name=_("categories")
    )
    omschrijving = models.TextField(_("description"), max_length=10_000, validators=[geen_html])
    vertrouwelijk = models.BooleanField(
        _("confidential report"),
        default=False,
        help_text=_("Made to a confidential contact person: only they see it (art. 2.2)."),
    )
    gedeeld_met_coordinator = models.DateTimeField(
        _("shared with the safety coordinator on"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    afgesloten_op = models.DateTimeField(_("closed on"), null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    aangemaakt = models.DateTimeField(_("recorded on"), auto_now_add=True)
    # Raised on every save through the edit form, close and reopen: a form sent with an older
    # number was filled in on stale data and must not overwrite the newer one.
    versie = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Issue 15: the current police step (art. 3.2), kept by PolitieStatus.save(), so lists,
    # filters, counts and exports read a column instead of a subquery per row (which
    # PostgreSQL repeated for every expression that used it). Steps stay the record; this is
    # a copy of the last one, outside the incident's own history.
    politiestatus = models.CharField(_("police status"), max_length=24, blank=True, editable=False)
    history = HistoricalRecords(m2m_fields=[categorieen], excluded_fields=["politiestatus"])

    objects = MeldingQuerySet.as_manager()

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-tijdstip"]
        indexes = [
            # Issue 15: a list is a school's (or a few schools') incidents, newest first; the
            # figures and the retention run select by time across the city.
            models.Index(fields=["school", "-tijdstip"], name="melding_school_tijdstip_idx"),
            models.Index(fields=["-tijdstip"], name="melding_tijdstip_idx"),
            # The reports the police is still working on (art. 3.2: new, overdue, escalated):
            # a few hundred of the city's incidents, found without reading the others.
            models.Index(
                fields=["school", "politiestatus"],
                condition=models.Q(politiestatus__in=["gemeld", "in_behandeling"]),
                name="melding_politie_loopt_idx",
            ),
        ]

    def __str__(self):
        return f"{_('Incident')} {self.pk} · {self.school}"

    def save(self, *args, **kwargs):
        # The current police step is written only by PolitieStatus.save(): a form that read the
        # incident before a police step was added must not write the old step back.
        if kwargs.get("update_fields") is None and not self._state.adding:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "politiestatus"
            ]
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        """For the templates, which compare no status strings themselves."""
        return self.status == self.Status.OPEN

    @property
    def politiestatus_label(self) -> str:
        """The current police step, by its name."""
        return dict(PolitieStatus.Status.choices).get(self.politiestatus, "")


class Betrokkene(models.Model):
    """A person involved in an incident. Personal data: anonymised after the retention period."""

    class Rol(models.TextChoices):
        DADER = "dader", _("perpetrator")
        SLACHTOFFER = "slachtoffer", _("victim")
        GETUIGE = "getuige", _("witness")
        MELDER = "melder", _("reporter")

    class Soort(models.TextChoices):
        LEERLING = "leerling", _("student")
        MEDEWERKER = "medewerker", _("staff member")
        OUDER = "ouder", _("parent")
        DERDE = "derde", _("third party")

    melding = models.ForeignKey(
        Melding, on_delete=models.CASCADE, related_name="betrokkenen", verbose_name=_("incident")
    )
    rol = models.CharField(_("role"), max_length=12, choices=Rol.choices)
    soort = models.CharField(_("kind"), max_length=12, choices=Soort.choices)
    naam = models.CharField(_("name"), max_length=200, blank=True, validators=[geen_html])
    geboortedatum = models.DateField(_("date of birth"), null=True, blank=True)
    leeftijd = models.PositiveSmallIntegerField(
        _("age"),
        null=True,
        blank=True,
        help_text=_("When the date of birth is not known: the age on the day of the incident."),
    )
    ouders_geinformeerd_op = models.DateField(_("parents informed on"), null=True, blank=True)
    geanonimiseerd_op = models.DateTimeField(_("anonymised on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person involved")
        verbose_name_plural = _("people involved")

    def __str__(self):
        # Never the name: this string ends up in logs and history lists.
        return f"{self.get_rol_display()} ({self.get_soort_display()})"


class Maatregel(models.Model):
    class Soort(models.TextChoices):
        GESPREK = "gesprek", _("conversation")
        TIME_OUT = "time_out", _("time-out")
        SCHORSING = "schorsing", _("suspension")
        VERWIJDERING = "verwijdering", _("removal from school")
        KLUISJE = "kluisje", _("locker opened")
        VERWIJZING = "verwijzing", _("referral")

    melding = models.ForeignKey(
        Melding, on_delete=models.CASCADE, related_name="maatregelen", verbose_name=_("incident")
    )
    soort = models.CharField(_("kind"), max_length=12, choices=Soort.choices)
    datum = models.DateField(_("date"))
    dagen = models.PositiveSmallIntegerField(_("days"), null=True, blank=True)
    inspectie_geinformeerd_op = models.DateField(
        _("Inspectorate informed on"), null=True, blank=True
    )
    toelichting = models.CharField(_("note"), max_length=500, blank=True, validators=[geen_html])
    # Art. 2.7: opening a locker is recorded with why and on whose decision.
    reden = models.CharField(_("reason"), max_length=500, blank=True, validators=[geen_html])
    besloten_door = models.CharField(
        _("decided by"),
        max_length=200,
        blank=True,
        help_text=_("Name and position, e.g. J. de Wit, team leader."),
        validators=[geen_html],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["datum"]

    def __str__(self):
        return f"{self.get_soort_display()} ({self.datum:%d-%m-%Y})"


class Heropening(models.Model):
    """A closed incident opened again, with the reason: closing is final unless someone with
    the right to edit the incident says why it is not."""

    melding = models.ForeignKey(
        Melding, on_delete=models.CASCADE, related_name="heropeningen", verbose_name=_("incident")
    )
    reden = models.TextField(_("reason"), max_length=1000, validators=[geen_html])
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    tijdstip = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("reopening")
        verbose_name_plural = _("reopenings")
        ordering = ["tijdstip", "id"]

    def __str__(self):
        return f"{self.melding_id} · {self.tijdstip:%d-%m-%Y %H:%M}"


class Politiemelding(models.Model):
    """The school's report to the police (art. 2.4, 2.5, 2.10 and, optionally, 2.6)."""

    class Soort(models.TextChoices):
        MELDING = "melding", _("report")
        AANGIFTE = "aangifte", _("formal complaint (aangifte)")

    melding = models.OneToOneField(
        Melding, on_delete=models.CASCADE, related_name="politiemelding", verbose_name=_("incident")
    )
    datum = models.DateField(_("date"))
    soort = models.CharField(_("kind"), max_length=10, choices=Soort.choices)
    door = models.CharField(_("reported by"), max_length=200, validators=[geen_html])
    referentie = models.CharField(
        _("police reference"), max_length=60, blank=True, validators=[geen_html]
    )
    anoniem = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("The police sees the facts without any personal data (art. 2.6)."),
    )
    reden_persoonsgegevens = models.CharField(
        _("why the police needs the personal data"),
        max_length=500,
        blank=True,
        help_text=_("Art. 8: personal data is shared only when strictly necessary."),
        validators=[geen_html],
    )
    # Fixed when the report is recorded (regels.uiterste_reactiedatum), so that lists can
    # filter and sort on it in the database.
    reactie_uiterlijk = models.DateField(_("police response due by"), null=True, blank=True)
    # Art. 3.2: the police step the report had reached at the end of its final day, what the
    # evaluation counts as answered in time or late. Kept by PolitieStatus.save() (steps are
    # appended as they happen, so a step of a later day never changes it); a copy, like
    # Melding.politiestatus, so the report counts a year of the city without looking up each
    # incident's steps (issue 15).
    stap_op_de_dag = models.CharField(
        _("police step on the final day"), max_length=24, default="gemeld", editable=False
    )
    history = HistoricalRecords(excluded_fields=["stap_op_de_dag"])

    class Meta:
        verbose_name = _("police report")
        verbose_name_plural = _("police reports")

    def __str__(self):
        return f"{self.get_soort_display()} {self.datum:%d-%m-%Y} {self.referentie}".strip()


class Inzage(Leeslog):
    """Who looked at an incident's personal data, and when (AVG art. 10; BIO logging)."""

    melding = models.ForeignKey(
        Melding, on_delete=models.CASCADE, related_name="inzages", verbose_name=_("incident")
    )

    class Meta(Leeslog.Meta):
        verbose_name = _("access to personal data")
        verbose_name_plural = _("accesses to personal data")

    def __str__(self):
        return f"{self.gebruiker} · {self.melding_id} · {self.tijdstip:%d-%m-%Y %H:%M}"


class PolitieStatus(models.Model):
    """One step in the police follow-up of a reported incident (art. 3.2-3.4).

    Steps are appended, never edited: the list of rows is the history.
    """

    class Status(models.TextChoices):
        GEMELD = "gemeld", _("reported")
        IN_BEHANDELING = "in_behandeling", _("being handled")
        INTERVENTIE = "interventie_uitgevoerd", _("intervention carried out")
        AFGEROND = "afgerond", _("completed")

    class Uitkomst(models.TextChoices):
        PV_OM = (
            "pv_om",
            _("official report (proces-verbaal) sent to the Public Prosecution Service"),
        )
        HALT = "halt", _("referred to Halt")
        GEEN_STRAFBAAR_FEIT = "geen_strafbaar_feit", _("no criminal offence")
        OVERGEDRAGEN = "overgedragen", _("handed over")

    melding = models.ForeignKey(
        Melding,
        on_delete=models.CASCADE,
        related_name="politiestatussen",
        verbose_name=_("incident"),
    )
    status = models.CharField(_("status"), max_length=24, choices=Status.choices)
    uitkomst = models.CharField(_("outcome"), max_length=24, choices=Uitkomst.choices, blank=True)
    pv_datum = models.DateField(_("official report sent on"), null=True, blank=True)
    notitie = models.TextField(_("note"), blank=True, max_length=2000, validators=[geen_html])
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    tijdstip = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("police status")
        verbose_name_plural = _("police statuses")
        ordering = ["tijdstip", "id"]
        indexes = [
            # Issue 15: the current step of a report (MeldingQuerySet.met_politiestatus) is the
            # first row of this index per incident, not a sort of its steps.
            models.Index(fields=["melding", "-tijdstip", "-id"], name="politiestatus_laatste_idx"),
        ]

    def __str__(self):
        return self.get_status_display()

    def save(self, *args, **kwargs):
        # Steps are appended, never edited: the step saved now is the incident's current one
        # (Melding.politiestatus, issue 15). An update, not Melding.save(): no history record
        # of the incident for a step that has its own.
        super().save(*args, **kwargs)
        Melding.objects.filter(pk=self.melding_id).update(politiestatus=self.status)
        # ... and, taken on or before the report's final day, the step it had by then.
        if Politiemelding.objects.filter(
            melding_id=self.melding_id,
            reactie_uiterlijk__gte=timezone.localdate(self.tijdstip),
        ).update(stap_op_de_dag=self.status):
            # An update sends no signal: the evaluation's count of its day, here.
            from meldingen import politietelling

            politietelling.tel_melding_opnieuw(self.melding_id)

    def clean(self):
        """Art. 3.2, 3.4: a step follows the report's current step as the transition table
        allows (regels.volgende_statussen). Checked here, so every path that appends a step
        obeys it: the police's form, meldingen.diensten and the Django admin alike."""
        from meldingen import regels

        super().clean()
        if self.melding_id is None or self.pk is not None:
            return  # a form checks before the incident is set; steps are never edited
        huidig = (
            self.melding.politiestatussen.order_by("-tijdstip", "-id")
            .values_list("status", flat=True)
            .first()
        )
        if self.status not in regels.volgende_statussen(huidig):
            raise ValidationError(
                _("This step cannot follow the current one; the page shows the steps that can."),
                code="overgang",
            )


class Politienotitie(models.Model):
    """Advice to the school (art. 3.3) or follow-up with the student and parents (art. 3.5)."""

    class Soort(models.TextChoices):
        ADVIES = "advies", _("advice to the school (art. 3.3)")
        VERVOLG = "vervolg", _("follow-up with the student (art. 3.5)")

    melding = models.ForeignKey(
        Melding,
        on_delete=models.CASCADE,
        related_name="politienotities",
        verbose_name=_("incident"),
    )
    soort = models.CharField(_("kind"), max_length=10, choices=Soort.choices)
    tekst = models.TextField(_("note"), max_length=2000, validators=[geen_html])
    met_ouders = models.BooleanField(
        _("discussed with the parents"),
        default=False,
        help_text=_("Only for students under 18 (art. 3.5)."),
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    tijdstip = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("police note")
        verbose_name_plural = _("police notes")
        ordering = ["tijdstip", "id"]

    def __str__(self):
        return self.get_soort_display()


# The attachments accepted, by their detected content, and the extension their name gets.
BIJLAGE_EXTENSIES = {"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}


def naam_volgens_soort(naam: str, soort: str) -> str:
    """The name an attachment is kept and offered under ends in the extension of its detected
    type: a PNG with HTML behind its header, sent as "poly.html", becomes "poly.png", so no
    browser or file manager opens it as a web page."""
    extensie = BIJLAGE_EXTENSIES.get(soort, ".bin")
    stam, punt, oud = naam.rpartition(".")
    if not punt:
        stam = oud
    elif f".{oud.lower()}" == extensie or (extensie == ".jpg" and oud.lower() == "jpeg"):
        return naam
    return f"{stam or 'bijlage'}{extensie}"


def _bijlage_pad(bijlage, bestandsnaam):
    # A random name: the original name is kept in the database, never in the file system. The
    # extension follows the detected type, never the name the uploader chose.
    import uuid

    extensie = BIJLAGE_EXTENSIES.get(bijlage.soort, ".bin")
    return f"meldingen/{bijlage.melding_id}/{uuid.uuid4().hex}{extensie}"


class Bijlage(models.Model):
    """A photo or PDF with an incident. Stored in MEDIA_ROOT, which is never served directly:
    only the bijlage view, which applies the incident's visibility, hands it out."""

    melding = models.ForeignKey(
        Melding, on_delete=models.CASCADE, related_name="bijlagen", verbose_name=_("incident")
    )
    bestand = models.FileField(_("file"), upload_to=_bijlage_pad, max_length=200)
    naam = models.CharField(_("file name"), max_length=200)
    soort = models.CharField(_("content type"), max_length=60)
    grootte = models.PositiveIntegerField(_("size in bytes"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    tijdstip = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["tijdstip", "id"]

    def __str__(self):
        return self.naam

    @property
    def downloadnaam(self) -> str:
        # Attachments stored before the name followed the type are offered correctly too.
        return naam_volgens_soort(self.naam, self.soort)


# The meldcode record lives in its own module; importing it here registers its models (so do
# the statements and the counts behind the figures).
from meldingen.mededelingen import Goedkeuring, Mededeling  # noqa: E402, F401
from meldingen.meldcode import MeldcodeDossier, MeldcodeInzage, MeldcodeStap  # noqa: E402, F401
from meldingen.politietelling import Politietelling  # noqa: E402, F401
from meldingen.telling import Telling  # noqa: E402, F401
