"""The counts behind the figures (art. 8), kept up to date (issue 15).

The figures page and the evaluation add up `Telling` rows instead of counting the city's
incidents of a year on every request: one row per school, year and main category, the months
as columns (a fraction of the rows one per month would take); a row without a category counts
every incident of the school, as the table per area does (an incident under two main
categories is one incident there). Rows without a school are the whole city's, the sums of
the schools' rows: every change of a school's rows adds its difference to them in the same
transaction, so the register keepers' figures read some fifteen rows a year however large the
city (issue 15: at scale 10 the schools' rows are 25,000 a year).

A school's year is counted again from its incidents, with the expressions the page counted
with, inside the transaction that changed one of them: an incident saved with its school or
time, deleted, or given other categories. A category with incidents moved under another main
category, or deleted, has the rows of the main categories concerned counted again for every
school and year. Counted again, never added to: a count cannot drift, and counting twice
changes nothing. One transaction at a time counts (`_vergrendel`), so a count always includes
what the transaction before it committed. Closing an incident, a police step or anonymising
its people (bewaren) change nothing that is counted.

Writes that send no signals (bulk_create, COPY, QuerySet.update of a school or time) must be
followed by `herbouw()`: `manage.py herbouw_tellingen`. The migration that made the table
filled it from the incidents there were.
"""

from datetime import UTC, datetime
from functools import reduce
from operator import add
from zoneinfo import ZoneInfo

from django.apps import apps as django_apps
from django.conf import settings
from django.db import connections, models, transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear
from django.utils.translation import gettext_lazy as _

from partijen.models import School

MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
# The fields of an incident that decide where it is counted; a save of other fields only
# (closing, sharing with the coordinator) counts nothing again.
TELLENDE_VELDEN = frozenset({"school", "school_id", "tijdstip"})

# The years whose bounds can be computed: within partijen.tijdvenster's readable range.
BINNEN_VAN = datetime(2, 1, 1, tzinfo=UTC)
BINNEN_TOT = datetime(9998, 12, 31, tzinfo=UTC)


class Telling(models.Model):
    """One school's incidents of one year per month, under one main category or (without a
    category) all of them; kept by this module, read only by the figures."""

    # Empty: the whole city, the sum of every school's row.
    school = models.ForeignKey(School, on_delete=models.CASCADE, null=True, related_name="+")
    jaar = models.PositiveSmallIntegerField()
    # The main category; empty: every incident of the school, whatever its categories.
    categorie = models.ForeignKey(
        "meldingen.Categorie", on_delete=models.CASCADE, null=True, related_name="+"
    )
    januari = models.PositiveIntegerField(default=0)
    februari = models.PositiveIntegerField(default=0)
    maart = models.PositiveIntegerField(default=0)
    april = models.PositiveIntegerField(default=0)
    mei = models.PositiveIntegerField(default=0)
    juni = models.PositiveIntegerField(default=0)
    juli = models.PositiveIntegerField(default=0)
    augustus = models.PositiveIntegerField(default=0)
    september = models.PositiveIntegerField(default=0)
    oktober = models.PositiveIntegerField(default=0)
    november = models.PositiveIntegerField(default=0)
    december = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("incident count")
        verbose_name_plural = _("incident counts")
        # One row per school (or city), year and category (or all): the first two are also
        # the indexes the figures and a school's recount read by.
        constraints = [
            models.UniqueConstraint(
                fields=["jaar", "school", "categorie"],
                condition=Q(school__isnull=False, categorie__isnull=False),
                name="telling_per_categorie",
            ),
            models.UniqueConstraint(
                fields=["jaar", "school"],
                condition=Q(school__isnull=False, categorie__isnull=True),
                name="telling_alle_meldingen",
            ),
            models.UniqueConstraint(
                fields=["jaar", "categorie"],
                condition=Q(school__isnull=True, categorie__isnull=False),
                name="telling_stad_per_categorie",
            ),
            models.UniqueConstraint(
                fields=["jaar"],
                condition=Q(school__isnull=True, categorie__isnull=True),
                name="telling_stad_alle_meldingen",
            ),
        ]

    def __str__(self):
        return f"{self.school_id or '-'} · {self.jaar} · {self.categorie_id or '-'}"


# --- Reading: what the figures add up ------------------------------------------------------


def hele_stad(scholen) -> bool:
    """Every school of the register: School.objects.visible_to of a register keeper filters
    nothing. Any other set is added up school by school, so a set this misses is still counted
    right."""
    return scholen.model is School and not scholen.all().query.has_filters()


def opgeteld_per_categorie(scholen, jaar: int) -> dict[int, list[int]]:
    """One query: per main category the schools' incidents in each month of the year."""
    if hele_stad(scholen):
        return {
            categorie: list(maanden)
            for categorie, *maanden in Telling.objects.filter(
                school__isnull=True, jaar=jaar, categorie__isnull=False
            ).values_list("categorie", *MAANDEN)
        }
    rijen = (
        Telling.objects.filter(school__in=scholen, jaar=jaar, categorie__isnull=False)
        .values("categorie")
        .annotate(**{f"n{i}": Sum(maand) for i, maand in enumerate(MAANDEN)})
        .order_by()
    )
    return {r["categorie"]: [r[f"n{i}"] for i in range(len(MAANDEN))] for r in rijen}


def opgeteld_per_gebied(scholen, jaar: int) -> dict[tuple[int, str], int]:
    """One query: the schools' incidents of the year per meeting area and sector (the school's
    area and sector today: a school's row, also for the whole city)."""
    rijen = Telling.objects.filter(school__isnull=False, jaar=jaar, categorie__isnull=True)
    if not hele_stad(scholen):
        rijen = rijen.filter(school__in=scholen)
    rijen = (
        rijen.values("school__overleggebied", "school__sector")
        .annotate(n=Sum(reduce(add, map(F, MAANDEN))))
        .order_by()
    )
    return {(r["school__overleggebied"], r["school__sector"]): r["n"] for r in rijen}


# --- Counting from the incidents -----------------------------------------------------------


def _tel(meldingen, hoofdcategorieen=None) -> dict[tuple, list[int]]:
    """Per (school, year, main category or None for all) the incidents in each month, in
    Amsterdam's calendar: 23:30 on 31 December counts for December. With `hoofdcategorieen`
    only the rows of those main categories."""
    amsterdam = ZoneInfo(settings.TIME_ZONE)
    meldingen = meldingen.annotate(
        jaar=ExtractYear("tijdstip", tzinfo=amsterdam),
        maand=ExtractMonth("tijdstip", tzinfo=amsterdam),
    ).order_by()
    tellingen = {}
    # An incident counts once per main category, however many of its subcategories it has.
    per_categorie = meldingen.annotate(
        hoofdcategorie=Coalesce(F("categorieen__bovenliggend"), F("categorieen"))
    )
    if hoofdcategorieen is not None:
        per_categorie = per_categorie.filter(hoofdcategorie__in=hoofdcategorieen)
    per_categorie = per_categorie.values_list("school", "jaar", "hoofdcategorie", "maand").annotate(
        n=Count("id", distinct=True)
    )
    for school, jaar, categorie, maand, n in per_categorie.iterator(chunk_size=10_000):
        if categorie is not None:  # an incident without categories counts only in "all"
            tellingen.setdefault((school, jaar, categorie), [0] * len(MAANDEN))[maand - 1] = n
    if hoofdcategorieen is None:
        alle = meldingen.values_list("school", "jaar", "maand").annotate(n=Count("id"))
        for school, jaar, maand, n in alle.iterator(chunk_size=10_000):
            tellingen.setdefault((school, jaar, None), [0] * len(MAANDEN))[maand - 1] = n
    return tellingen


def _schrijf(tellingen, rijen: dict) -> None:
    """Insert rows {(school, year, category): months}; plain rows, not model instances: the
    whole city at scale 10 is some 130,000 of them."""
    if not rijen:
        return
    verbinding = connections[tellingen.db]
    qn = verbinding.ops.quote_name
    kolommen = ", ".join(map(qn, ["school_id", "jaar", "categorie_id", *MAANDEN]))
    plaatsen = ", ".join(["%s"] * (3 + len(MAANDEN)))
    with verbinding.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {qn(tellingen.model._meta.db_table)} ({kolommen}) VALUES ({plaatsen})",
            [(*sleutel, *maanden) for sleutel, maanden in rijen.items()],
        )


def _tel_op(rijen: dict, stad: dict, teken: int = 1) -> dict[tuple, list[int]]:
    """Add schools' rows (or take them off: teken -1) to counts per (year, category)."""
    for (_school, jaar, categorie), maanden in rijen.items():
        som = stad.setdefault((jaar, categorie), [0] * len(MAANDEN))
        for i, n in enumerate(maanden):
            som[i] += teken * n
    return stad


def _stad_bij(verschil: dict) -> None:
    """Add the difference of some schools' rows to the city's rows (under `_vergrendel`)."""
    verschil = [(sleutel, maanden) for sleutel, maanden in verschil.items() if any(maanden)]
    if not verschil:
        return
    Telling.objects.bulk_create(
        [
            Telling(school=None, jaar=jaar, categorie_id=categorie)
            for (jaar, categorie), _maanden in verschil
        ],
        ignore_conflicts=True,
    )
    for (jaar, categorie), maanden in verschil:
        Telling.objects.filter(school=None, jaar=jaar, categorie=categorie).update(
            **{maand: F(maand) + n for maand, n in zip(MAANDEN, maanden, strict=True) if n}
        )


def _vergrendel(tellingen) -> None:
    """One transaction at a time writes counts, from its first count until it ends: the next
    one waits, and then counts what this one committed. One lock for all: an incident's save
    counts more than once (the incident, then its categories), and locks per school or per
    city row, taken in that order, made two such saves wait for each other (a deadlock).
    SQLite lets one transaction write at a time anyway."""
    verbinding = connections[tellingen.db]
    if verbinding.vendor == "postgresql":
        with verbinding.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('meldingen_telling'))")


def tel_opnieuw(plekken) -> None:
    """Count the years of schools given as (school id, year) again from their incidents."""
    if not plekken:
        return
    from meldingen.models import Melding

    amsterdam = ZoneInfo(settings.TIME_ZONE)
    rijen, meldingen = Q(), Q()
    for school, jaar in sorted(plekken):
        rijen |= Q(school=school, jaar=jaar)
        meldingen |= Q(
            school=school,
            tijdstip__gte=datetime(jaar, 1, 1, tzinfo=amsterdam),
            tijdstip__lt=datetime(jaar + 1, 1, 1, tzinfo=amsterdam),
        )
    tellingen = Telling.objects.filter(rijen)
    with transaction.atomic():
        _vergrendel(tellingen)
        was = {
            (school, jaar, categorie): maanden
            for school, jaar, categorie, *maanden in tellingen.values_list(
                "school", "jaar", "categorie", *MAANDEN
            )
        }
        nieuw = _tel(Melding.objects.filter(meldingen))
        tellingen.delete()
        _schrijf(tellingen, nieuw)
        _stad_bij(_tel_op(was, _tel_op(nieuw, {}), -1))


def herbouw(apps=django_apps, *, hoofdcategorieen=None) -> None:
    """Every count again from every incident: after writes that send no signals, and in the
    migration that made the table (with its historical models as `apps`). With
    `hoofdcategorieen` only the rows of those main categories: a category moved from one to
    the other changes no other row."""
    melding = apps.get_model("meldingen", "Melding")
    tellingen = apps.get_model("meldingen", "Telling").objects.all()
    meldingen = melding.objects.all()
    if hoofdcategorieen is not None:
        tellingen = tellingen.filter(categorie__in=hoofdcategorieen)
        # Only incidents with a category that is, or is under, one of them.
        meldingen = meldingen.filter(
            pk__in=melding.categorieen.through.objects.filter(
                Q(categorie__in=hoofdcategorieen) | Q(categorie__bovenliggend__in=hoofdcategorieen)
            ).values("melding")
        )
    with transaction.atomic():
        _vergrendel(tellingen)
        nieuw = _tel(meldingen, hoofdcategorieen)
        tellingen.delete()  # the city's rows with the schools'
        _schrijf(tellingen, nieuw)
        _schrijf(tellingen, {(None, *sleutel): n for sleutel, n in _tel_op(nieuw, {}).items()})


def _plekken(meldingen) -> set[tuple[int, int]]:
    """The (school, year) the incidents are counted in, as the database holds them. Not an
    incident stored out of the range the pages can show (partijen.tijdvenster, an edit must
    move it): no page shows its year, and its year's bounds cannot be computed."""
    amsterdam = ZoneInfo(settings.TIME_ZONE)
    return set(
        meldingen.filter(tijdstip__gt=BINNEN_VAN, tijdstip__lt=BINNEN_TOT)
        .annotate(jaar=ExtractYear("tijdstip", tzinfo=amsterdam))
        .values_list("school", "jaar")
        .distinct()
        .order_by()
    )


# --- Signals (connected in MeldingenConfig.ready) ------------------------------------------


def _telt_mee(update_fields) -> bool:
    return update_fields is None or bool(TELLENDE_VELDEN & set(update_fields))


def melding_voor_opslaan(sender, instance, update_fields=None, **kwargs):
    # Where it was counted before: an edit may move it to another school or year.
    if instance.pk is not None and _telt_mee(update_fields):
        instance._telling_was = _plekken(sender.objects.filter(pk=instance.pk))


def melding_opgeslagen(sender, instance, update_fields=None, **kwargs):
    if _telt_mee(update_fields):
        was = instance.__dict__.pop("_telling_was", set())
        tel_opnieuw(was | _plekken(sender.objects.filter(pk=instance.pk)))


def melding_voor_verwijderen(sender, instance, **kwargs):
    instance._telling_was = _plekken(sender.objects.filter(pk=instance.pk))


def melding_verwijderd(sender, instance, **kwargs):
    tel_opnieuw(instance.__dict__.pop("_telling_was", set()))


def categorieen_gewijzigd(sender, instance, action, reverse, pk_set, **kwargs):
    """Melding.categorieen changed, from the incident's side or (reverse) the category's."""
    from meldingen.models import Melding

    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            tel_opnieuw(_plekken(Melding.objects.filter(pk=instance.pk)))
    elif action == "pre_clear":
        instance._telling_was = _plekken(Melding.objects.filter(categorieen=instance))
    elif action == "post_clear":
        tel_opnieuw(instance.__dict__.pop("_telling_was", set()))
    elif action in ("post_add", "post_remove"):
        tel_opnieuw(_plekken(Melding.objects.filter(pk__in=pk_set)))


def categorie_voor_opslaan(sender, instance, **kwargs):
    if instance.pk is not None:
        instance._telling_bovenliggend = (
            sender.objects.filter(pk=instance.pk).values_list("bovenliggend", flat=True).first()
        )


def categorie_opgeslagen(sender, instance, **kwargs):
    # Its incidents now count under another main category (an administrator's change of the
    # category tree): the rows of both main categories again, for every school and year.
    was = instance.__dict__.pop("_telling_bovenliggend", instance.bovenliggend_id)
    if was != instance.bovenliggend_id and instance.meldingen.exists():
        herbouw(hoofdcategorieen={was or instance.pk, instance.bovenliggend_id or instance.pk})


def categorie_voor_verwijderen(sender, instance, **kwargs):
    if instance.meldingen.exists():
        instance._telling_hoofdcategorie = instance.bovenliggend_id or instance.pk


def categorie_verwijderd(sender, instance, **kwargs):
    # Its links to incidents were deleted with it, without a signal of their own.
    hoofdcategorie = instance.__dict__.pop("_telling_hoofdcategorie", None)
    if hoofdcategorie is not None:
        herbouw(hoofdcategorieen={hoofdcategorie})
