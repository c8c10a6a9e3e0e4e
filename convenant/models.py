"""The covenant itself: its text, its articles and paragraphs, and who signed it when."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partijen.models import Organisatie, Rol
from partijen.validators import geen_html, ondertekend_pdf


class ConvenantQuerySet(models.QuerySet):
    def actueel(self):
        """The covenant the application runs; there is one per installation."""
        return self.order_by("id").first()


class Convenant(models.Model):
    code = models.SlugField(_("code"), max_length=80, unique=True)
    titel = models.CharField(_("title"), max_length=200, validators=[geen_html])
    ondertitel = models.CharField(_("subtitle"), max_length=300, blank=True, validators=[geen_html])
    titelperiode = models.CharField(
        _("period in the title"),
        max_length=20,
        blank=True,
        help_text=_("The period the title names, e.g. 2023-2026; the term itself is computed."),
        validators=[geen_html],
    )
    plaats = models.CharField(_("place of signing"), max_length=100, validators=[geen_html])
    motto = models.CharField(_("motto"), max_length=200, blank=True, validators=[geen_html])
    inleiding = models.TextField(_("introduction"), validators=[geen_html])
    communicatieparagraaf = models.TextField(
        _("joint communication paragraph"),
        blank=True,
        help_text=_("Art. 9.2: agreed text on the cooperation, shared with parents."),
        validators=[geen_html],
    )
    looptijd_jaren = models.PositiveSmallIntegerField(_("term in years"), default=4)
    verlenging_jaren = models.PositiveSmallIntegerField(_("extension in years"), default=1)
    opzegtermijn_maanden = models.PositiveSmallIntegerField(_("notice period in months"), default=6)
    history = HistoricalRecords()

    objects = ConvenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("covenant")
        verbose_name_plural = _("covenants")

    def __str__(self):
        return self.titel

    def inleiding_alineas(self) -> list[str]:
        return [p.strip() for p in self.inleiding.split("\n\n") if p.strip()]

    def communicatieparagraaf_alineas(self) -> list[str]:
        return [p.strip() for p in self.communicatieparagraaf.split("\n\n") if p.strip()]

    def looptijd(self, op=None):
        """Art. 10.1 and 10.3: the first signing and the last day of the term, with the
        extensions decided by `op` (all of them by default)."""
        from convenant import regels

        verlengingen = self.verlengingen.all()
        if op is not None:
            verlengingen = verlengingen.filter(besloten_op__lte=op)
        return regels.looptijd(
            list(self.ondertekeningen.values_list("datum", flat=True)),
            self.looptijd_jaren,
            verlengingen.count() * self.verlenging_jaren,
        )

    def akkoorden_op_paragraaf(self) -> dict[str, str]:
        """Each party's latest agreement to the communication paragraph: party -> the text."""
        return dict(
            self.communicatieakkoorden.order_by("datum", "id").values_list("partij", "tekst")
        )

    def communicatieparagraaf_vastgesteld(self) -> bool:
        """Art. 9.2, see regels.communicatieparagraaf_vastgesteld."""
        from convenant import regels

        return regels.communicatieparagraaf_vastgesteld(
            self.communicatieparagraaf,
            self.akkoorden_op_paragraaf(),
            Communicatieakkoord.Partij.values,
        )


class Artikel(models.Model):
    convenant = models.ForeignKey(
        Convenant,
        on_delete=models.CASCADE,
        related_name="artikelen",
        verbose_name=_("covenant"),
    )
    nummer = models.PositiveSmallIntegerField(_("number"))
    titel = models.CharField(_("title"), max_length=200, validators=[geen_html])
    hoofdstuk = models.CharField(_("chapter"), max_length=200, blank=True, validators=[geen_html])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["convenant", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["convenant", "nummer"], name="artikel_uniek_nummer")
        ]

    def __str__(self):
        return f"Artikel {self.nummer}. {self.titel}"


class Lid(models.Model):
    """A numbered paragraph of an article; the unit the application cites ("art. 2.5")."""

    artikel = models.ForeignKey(
        Artikel, on_delete=models.CASCADE, related_name="leden", verbose_name=_("article")
    )
    nummer = models.PositiveSmallIntegerField(
        _("number"),
        null=True,
        blank=True,
        help_text=_("Empty for an article that has a single, unnumbered paragraph."),
    )
    tekst = models.TextField(_("text"), validators=[geen_html])
    toelichting = models.TextField(
        _("editorial note"),
        blank=True,
        help_text=_("Our note on the signed text, e.g. a cross-reference that is out of date."),
        validators=[geen_html],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["artikel__nummer", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["artikel", "nummer"], name="lid_uniek_nummer")
        ]

    def __str__(self):
        return f"art. {self.verwijzing}"

    @property
    def verwijzing(self) -> str:
        """How the covenant cites this paragraph: "2.5", or "4" for a single paragraph."""
        if self.nummer is None:
            return str(self.artikel.nummer)
        return f"{self.artikel.nummer}.{self.nummer}"


class Ondertekening(models.Model):
    """One signature under the covenant; its date is the partner's entry into force (art. 10.1)."""

    convenant = models.ForeignKey(
        Convenant,
        on_delete=models.CASCADE,
        related_name="ondertekeningen",
        verbose_name=_("covenant"),
    )
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="ondertekeningen",
        verbose_name=_("organisation"),
    )
    ondertekenaar = models.CharField(
        _("signatory"), max_length=200, blank=True, validators=[geen_html]
    )
    functie = models.CharField(_("position"), max_length=200, blank=True, validators=[geen_html])
    datum = models.DateField(_("date of signing"))
    toetreding = models.BooleanField(
        _("accession"),
        default=False,
        help_text=_("Signed later as an additional partner; this does not amend the covenant."),
    )
    te_controleren = models.BooleanField(_("to be checked"), default=False)
    toelichting = models.TextField(_("note"), blank=True, validators=[geen_html])
    besluit_betrekken_op = models.DateField(
        _("decision to involve it"),
        null=True,
        blank=True,
        help_text=_(
            "Art. 11.4: the partners' decision to involve an organisation outside primary "
            "education (a primary-education partner accedes without one, art. 11.3)."
        ),
    )
    document = models.FileField(
        _("signed accession"),
        upload_to="convenant/toetreding/",
        blank=True,
        validators=[ondertekend_pdf],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["datum", "organisatie__naam", "id"]

    def __str__(self):
        return f"{self.organisatie} ({self.datum:%d-%m-%Y})"

    @property
    def naam_voor_publicatie(self) -> str:
        """The signatory's name as the public reads it: a name guessed from an illegible scan
        stays unprinted until the register keeper has checked it and cleared te_controleren."""
        return "" if self.te_controleren else self.ondertekenaar


class Rolbeschrijving(models.Model):
    """What the covenant asks of one role, with the paragraphs that say so."""

    convenant = models.ForeignKey(
        Convenant,
        on_delete=models.CASCADE,
        related_name="rolbeschrijvingen",
        verbose_name=_("covenant"),
    )
    rol = models.CharField(_("role"), max_length=40, choices=Rol.choices)
    omschrijving = models.TextField(_("description"), validators=[geen_html])
    leden = models.ManyToManyField(Lid, blank=True, verbose_name=_("paragraphs"))
    history = HistoricalRecords(m2m_fields=[leden])

    class Meta:
        verbose_name = _("role description")
        verbose_name_plural = _("role descriptions")
        constraints = [
            models.UniqueConstraint(fields=["convenant", "rol"], name="rolbeschrijving_uniek")
        ]

    def __str__(self):
        return self.get_rol_display()


class Bijlageoverleg(models.Model):
    """One meeting of the signed annex "Overlegstructuur", in the annex's own words.

    The PDF reproduces the annex as signed (five meetings, "2 maal per jaar"); the kinds of
    meeting the application plans and counts (overleggen.Overlegvorm, with the articles'
    minimums) are its working model of articles 5-7 and may differ from the annex.
    """

    convenant = models.ForeignKey(
        Convenant,
        on_delete=models.CASCADE,
        related_name="bijlageoverleggen",
        verbose_name=_("covenant"),
    )
    nummer = models.PositiveSmallIntegerField(_("number"))
    naam = models.CharField(_("name"), max_length=200, validators=[geen_html])
    deelnemers = models.TextField(
        _("participants"), help_text=_("One per line, as signed."), validators=[geen_html]
    )
    frequentie = models.CharField(
        _("frequency"),
        max_length=100,
        help_text=_('As signed, e.g. "2 maal per jaar".'),
        validators=[geen_html],
    )
    gebieden = models.CharField(
        _("areas"),
        max_length=200,
        blank=True,
        help_text=_("The areas the annex names for this meeting, if any."),
        validators=[geen_html],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting in the signed annex")
        verbose_name_plural = _("meetings in the signed annex")
        ordering = ["convenant", "nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["convenant", "nummer"], name="bijlageoverleg_uniek_nummer"
            )
        ]

    def __str__(self):
        return f"{self.nummer}. {self.naam}"

    def deelnemers_regels(self) -> list[str]:
        return [r.strip() for r in self.deelnemers.splitlines() if r.strip()]


class Aanvulling(models.Model):
    """An addendum signed later (art. 11.3: adding partners does not amend the covenant), in
    its own words. The partners who signed it are the accessions of its date."""

    convenant = models.ForeignKey(
        Convenant,
        on_delete=models.CASCADE,
        related_name="aanvullingen",
        verbose_name=_("covenant"),
    )
    datum = models.DateField(_("date of signing"))
    aanhef = models.CharField(
        _("opening"),
        max_length=300,
        help_text=_("The line above the signatures, as signed."),
        validators=[geen_html],
    )
    tekst = models.TextField(
        _("text"), help_text=_("The text below the signatures, as signed."), validators=[geen_html]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("addendum")
        verbose_name_plural = _("addenda")
        ordering = ["convenant", "datum"]
        constraints = [
            models.UniqueConstraint(fields=["convenant", "datum"], name="aanvulling_uniek_datum")
        ]

    def __str__(self):
        return f"{self.convenant} ({self.datum:%d-%m-%Y})"

    def tekst_alineas(self) -> list[str]:
        return [p.strip() for p in self.tekst.split("\n\n") if p.strip()]


def _besluit_pad(instance, filename):
    # Signed documents of the covenant's life are private files, like incident attachments.
    return f"convenant/{type(instance).__name__.lower()}/{filename}"


class Vastlegging(models.Model):
    """Who recorded a decision of the covenant's life, and when (shown on its timeline)."""

    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    vastgelegd_op = models.DateTimeField(_("recorded on"), auto_now_add=True)

    class Meta:
        abstract = True


class Opzegging(Vastlegging):
    """Art. 10.2: a partner's notice. It stays a partner for six months (regels.
    einde_na_opzegging), or until every other partner has consented to its leaving at once.
    Nothing is deleted: the partner stays in the texts of every date it was a partner."""

    convenant = models.ForeignKey(
        Convenant, on_delete=models.CASCADE, related_name="opzeggingen", verbose_name=_("covenant")
    )
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="opzeggingen",
        verbose_name=_("partner"),
    )
    datum = models.DateField(_("date of notice"))
    direct_gevraagd = models.BooleanField(
        _("asks to leave at once"),
        default=False,
        help_text=_("Art. 10.2: possible only when every other partner consents in writing."),
    )
    document = models.FileField(
        _("letter of notice"), upload_to=_besluit_pad, blank=True, validators=[ondertekend_pdf]
    )
    toelichting = models.TextField(_("note"), blank=True, validators=[geen_html])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["datum", "id"]
        constraints = [
            # A partner leaves once; a notice withdrawn is a change of this record (history).
            models.UniqueConstraint(
                fields=["convenant", "organisatie"], name="een_opzegging_per_partner"
            )
        ]

    def __str__(self):
        return f"{self.organisatie} ({self.datum:%d-%m-%Y})"


class Wijziging(Vastlegging):
    """Art. 11.3: a proposal to amend the covenant: the changed text of one or more paragraphs.
    It takes effect on its date only once every partner has consented in writing
    (lidmaatschap.inwerkingtreding); until then the old text stays in force."""

    convenant = models.ForeignKey(
        Convenant, on_delete=models.CASCADE, related_name="wijzigingen", verbose_name=_("covenant")
    )
    omschrijving = models.CharField(_("what it changes"), max_length=200, validators=[geen_html])
    voorgesteld_op = models.DateField(_("date of the proposal"))
    ingangsdatum = models.DateField(
        _("takes effect on"),
        help_text=_("The day it takes effect, once every partner has consented."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["voorgesteld_op", "id"]

    def __str__(self):
        return self.omschrijving


class Lidwijziging(models.Model):
    """One paragraph's new text in an amendment."""

    wijziging = models.ForeignKey(
        Wijziging, on_delete=models.CASCADE, related_name="leden", verbose_name=_("amendment")
    )
    lid = models.ForeignKey(
        Lid, on_delete=models.PROTECT, related_name="wijzigingen", verbose_name=_("paragraph")
    )
    tekst = models.TextField(_("new text"), validators=[geen_html])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("changed paragraph")
        verbose_name_plural = _("changed paragraphs")
        constraints = [
            models.UniqueConstraint(fields=["wijziging", "lid"], name="een_tekst_per_lid")
        ]

    def __str__(self):
        return f"{self.wijziging} · {self.lid}"


class Instemming(Vastlegging):
    """A partner's written consent, to another partner leaving at once (art. 10.2) or to an
    amendment (art. 11.3): who gave it for the partner, on which day, and the signed document."""

    opzegging = models.ForeignKey(
        Opzegging,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="instemmingen",
        verbose_name=_("notice"),
    )
    wijziging = models.ForeignKey(
        Wijziging,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="instemmingen",
        verbose_name=_("amendment"),
    )
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="instemmingen",
        verbose_name=_("partner"),
    )
    datum = models.DateField(_("date of consent"))
    namens = models.CharField(
        _("consented by"),
        max_length=200,
        validators=[geen_html],
        help_text=_("Who signed the consent for the partner, and in which position."),
    )
    document = models.FileField(
        _("signed consent"), upload_to=_besluit_pad, blank=True, validators=[ondertekend_pdf]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["datum", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["opzegging", "organisatie"], name="een_instemming_per_partner"
            ),
            models.UniqueConstraint(
                fields=["wijziging", "organisatie"], name="een_instemming_per_partner_wijziging"
            ),
            # A consent is to one thing: a notice or an amendment.
            models.CheckConstraint(
                condition=models.Q(opzegging__isnull=False, wijziging__isnull=True)
                | models.Q(opzegging__isnull=True, wijziging__isnull=False),
                name="instemming_op_een_besluit",
            ),
        ]

    def __str__(self):
        return f"{self.organisatie} ({self.datum:%d-%m-%Y})"


class Verlenging(Vastlegging):
    """Art. 10.3: the partners' decision to extend the covenant by one year, on the basis of an
    evaluation: a round held in the application (evaluatie), or one held outside it, named by
    its date and its report.

    The round is named by the model's label, not imported: the covenant's domain imports no
    app that reads it (tests/project/test_afhankelijkheden.py); the form offers the rounds
    through this field."""

    convenant = models.ForeignKey(
        Convenant, on_delete=models.CASCADE, related_name="verlengingen", verbose_name=_("covenant")
    )
    besloten_op = models.DateField(_("date of the decision"))
    evaluatieronde = models.ForeignKey(
        "evaluatie.Evaluatieronde",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verlengingen",
        verbose_name=_("evaluation round"),
        help_text=_("The round in this application the decision rests on."),
    )
    evaluatie_datum = models.DateField(_("date of the evaluation"), null=True, blank=True)
    evaluatie_document = models.FileField(
        _("evaluation report"), upload_to=_besluit_pad, blank=True, validators=[ondertekend_pdf]
    )
    toelichting = models.TextField(_("note"), blank=True, validators=[geen_html])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["besloten_op", "id"]

    def __str__(self):
        return f"{_('Extension')} {self.besloten_op:%d-%m-%Y}"

    def clean(self):
        from convenant import regels

        super().clean()
        einde = None
        if self.convenant_id:
            # The term as it stood before this decision.
            c = self.convenant
            eerdere = c.verlengingen.exclude(pk=self.pk).count()
            _begin, einde = regels.looptijd(
                list(c.ondertekeningen.values_list("datum", flat=True)),
                c.looptijd_jaren,
                eerdere * c.verlenging_jaren,
            )
        if self.evaluatieronde_id:
            ronde = self.evaluatieronde
            datum, document = ronde.afgerond_op(), str(ronde)
            if datum is None:
                raise ValidationError(
                    {
                        "evaluatieronde": _(
                            "This evaluation round is still running: an extension rests on "
                            "its outcome."
                        )
                    }
                )
        else:
            datum, document = self.evaluatie_datum, self.evaluatie_document
        bezwaren = regels.verlenging_bezwaren(datum, document, self.besloten_op, einde)
        if bezwaren:
            raise ValidationError(bezwaren)


class Communicatieakkoord(Vastlegging):
    """Art. 9.2: one of the three parties that draft the communication paragraph together agreed
    to this text of it. The paragraph is a concept until all three agreed to the text as it
    stands (regels.communicatieparagraaf_vastgesteld); a later change needs them again."""

    class Partij(models.TextChoices):
        GEMEENTE = "gemeente", _("municipality")
        ONDERWIJS = "onderwijs", _("education")
        POLITIE = "politie", _("police")

    convenant = models.ForeignKey(
        Convenant,
        on_delete=models.CASCADE,
        related_name="communicatieakkoorden",
        verbose_name=_("covenant"),
    )
    partij = models.CharField(_("party"), max_length=20, choices=Partij.choices)
    tekst = models.TextField(_("agreed text"), validators=[geen_html])
    datum = models.DateField(_("date of agreement"))
    namens = models.CharField(
        _("agreed by"),
        max_length=200,
        validators=[geen_html],
        help_text=_("Who agreed for the party, and in which position."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agreement to the communication paragraph")
        verbose_name_plural = _("agreements to the communication paragraph")
        ordering = ["datum", "id"]

    def __str__(self):
        return f"{self.get_partij_display()} ({self.datum:%d-%m-%Y})"


class TekstcorrectieQuerySet(models.QuerySet):
    def van(self, convenant):
        """The corrections of one covenant's text, with what their list shows (one query)."""
        return self.filter(lid__artikel__convenant=convenant).select_related(
            "lid__artikel", "vastgelegd_door"
        )


class Tekstcorrectie(Vastlegging):
    """A reading error in the application's copy of the signed text (loaded from a scan),
    corrected to what the signed document says. It is no amendment (art. 11.3): it changes no
    version of the covenant, only the copy of the text as signed, and it is kept with its reason.
    regels.correctie_bezwaren keeps a change of meaning out of it."""

    lid = models.ForeignKey(
        Lid, on_delete=models.PROTECT, related_name="correcties", verbose_name=_("paragraph")
    )
    # Copied from the paragraph, which refuses HTML itself; the validator keeps it that way.
    oude_tekst = models.TextField(_("text before the correction"), validators=[geen_html])
    nieuwe_tekst = models.TextField(_("corrected text"), validators=[geen_html])
    reden = models.TextField(
        _("reason"),
        help_text=_(
            "What the signed document says, and where: e.g. “signed PDF, page 4: "
            "‘convenantpartners’, the scan read ‘convenantpartncrs’”."
        ),
        validators=[geen_html],
    )
    history = HistoricalRecords()

    objects = TekstcorrectieQuerySet.as_manager()

    class Meta:
        verbose_name = _("correction of the copied text")
        verbose_name_plural = _("corrections of the copied text")
        ordering = ["-vastgelegd_op", "-id"]

    def __str__(self):
        return f"{self.lid} ({self.vastgelegd_op:%d-%m-%Y})"
