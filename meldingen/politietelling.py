"""The counts behind the evaluation's police figures (art. 2.4-2.6, 3.2, 11.1), kept up to date
(issue 15).

The evaluation report counted the city's incidents of its period with their reports to the
police on every request: at scale 10 a year is 100,000 incidents joined with 229,000 reports,
180 ms of a 290 ms page. It now adds up `Politietelling` rows: per local day (Europe/Amsterdam,
as the report's period is read) the incidents with the same answer to what the report asks
(reported or not, the report's final day, the police step it had reached at the end of that
day): some 6,000 rows a year at scale 10, where the year had 100,000 incidents.

As `meldingen.telling`: a day is counted again from its incidents, never added to, inside the
transaction that changed one of them: an incident saved with another time, or deleted; its
report saved or deleted; a police step that changed the step on the final day
(PolitieStatus.save). One transaction at a time counts (telling._vergrendel). Writes that send
no signals (bulk_create, COPY, QuerySet.update) must be followed by `herbouw()`
(`manage.py herbouw_tellingen` does both counts); the migration that made the table filled it.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.apps import apps as django_apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meldingen.telling import BINNEN_TOT, BINNEN_VAN, _vergrendel


class Politietelling(models.Model):
    """The incidents of one local day with the same report answer; kept by this module, read
    only by the evaluation (evaluatie.feiten)."""

    dag = models.DateField()
    gemeld = models.BooleanField()  # reported to the police (a Politiemelding)
    # As on the report (Politiemelding); empty when the incident was not reported.
    reactie_uiterlijk = models.DateField(null=True)
    stap_op_de_dag = models.CharField(max_length=24, blank=True)
    aantal = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("police count")
        verbose_name_plural = _("police counts")
        indexes = [models.Index(fields=["dag"], name="politietelling_dag_idx")]

    def __str__(self):
        return f"{self.dag} · {self.aantal}"


def _tel(meldingen) -> list[tuple]:
    """(day, reported, final day, step on it, number) of the incidents, in Amsterdam's
    calendar: 23:30 on 31 December counts for 31 December."""
    amsterdam = ZoneInfo(settings.TIME_ZONE)
    return list(
        meldingen.annotate(
            dag=TruncDate("tijdstip", tzinfo=amsterdam),
            gemeld=ExpressionWrapper(Q(politiemelding__isnull=False), BooleanField()),
            stap=Coalesce("politiemelding__stap_op_de_dag", Value("")),
        )
        .values_list("dag", "gemeld", "politiemelding__reactie_uiterlijk", "stap")
        .annotate(n=Count("id"))
        .order_by()
    )


def _schrijf(tellingen, rijen) -> None:
    tellingen.model.objects.bulk_create(
        [
            tellingen.model(
                dag=dag, gemeld=gemeld, reactie_uiterlijk=uiterlijk, stap_op_de_dag=stap, aantal=n
            )
            for dag, gemeld, uiterlijk, stap, n in rijen
        ],
        batch_size=5_000,
    )


def _moment(dag: date) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time.min), ZoneInfo(settings.TIME_ZONE))


def tel_dagen_opnieuw(dagen) -> None:
    """Count these local days again from their incidents."""
    if not dagen:
        return
    from meldingen.models import Melding

    binnen = Q()
    for dag in sorted(dagen):
        binnen |= Q(tijdstip__gte=_moment(dag), tijdstip__lt=_moment(dag + timedelta(days=1)))
    tellingen = Politietelling.objects.filter(dag__in=sorted(dagen))
    with transaction.atomic():
        _vergrendel(tellingen)
        tellingen.delete()
        _schrijf(tellingen, _tel(Melding.objects.filter(binnen)))


def herbouw(apps=django_apps) -> None:
    """Every day again from every incident: after writes that send no signals, and in the
    migration that made the table (with its historical models as `apps`)."""
    melding = apps.get_model("meldingen", "Melding")
    tellingen = apps.get_model("meldingen", "Politietelling").objects.all()
    with transaction.atomic():
        _vergrendel(tellingen)
        tellingen.delete()
        _schrijf(tellingen, _tel(melding.objects.all()))


def _dagen(meldingen) -> set[date]:
    """The local days the incidents are counted on, as the database holds them (not an
    incident stored out of the range the pages can show: see telling._plekken)."""
    amsterdam = ZoneInfo(settings.TIME_ZONE)
    return set(
        meldingen.filter(tijdstip__gt=BINNEN_VAN, tijdstip__lt=BINNEN_TOT)
        .annotate(dag=TruncDate("tijdstip", tzinfo=amsterdam))
        .values_list("dag", flat=True)
        .distinct()
        .order_by()
    )


def tel_melding_opnieuw(melding_id) -> None:
    """The day of one incident again (its report or its step on the final day changed)."""
    from meldingen.models import Melding

    tel_dagen_opnieuw(_dagen(Melding.objects.filter(pk=melding_id)))


# --- Signals (connected in MeldingenConfig.ready) ------------------------------------------


def melding_voor_opslaan(sender, instance, update_fields=None, **kwargs):
    # The day it was counted on before: an edit may move it to another day.
    if instance.pk is not None and (update_fields is None or "tijdstip" in update_fields):
        instance._politietelling_was = _dagen(sender.objects.filter(pk=instance.pk))


def melding_opgeslagen(sender, instance, created=False, update_fields=None, **kwargs):
    if update_fields is None or "tijdstip" in update_fields:
        was = instance.__dict__.pop("_politietelling_was", set())
        nu = _dagen(sender.objects.filter(pk=instance.pk))
        # Only a new incident or one moved to another day changes a count: an edit of its
        # description is saved without counting its day again.
        if created or nu != was:
            tel_dagen_opnieuw(was | nu)


def melding_voor_verwijderen(sender, instance, **kwargs):
    instance._politietelling_was = _dagen(sender.objects.filter(pk=instance.pk))


def melding_verwijderd(sender, instance, **kwargs):
    tel_dagen_opnieuw(instance.__dict__.pop("_politietelling_was", set()))


def politiemelding_gewijzigd(sender, instance, **kwargs):
    """A report saved (its final day may have changed) or deleted: its incident's day."""
    tel_melding_opnieuw(instance.melding_id)
