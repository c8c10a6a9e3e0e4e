"""Which dates the application accepts: one window per kind of date, shared by every app.

A date outside it is a typing error ("0001", "9999") that would also break every page showing
it in local time (year 0 or 10000), or be stored as a date before Christ on PostgreSQL.
"""

from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

# The first year while no signature of the covenant is loaded (a fresh database before
# `laad_convenant`, a test without the covenant): Almere's was signed on 14 November 2023.
EERSTE_JAAR_ZONDER_ONDERTEKENING = 2023
# It runs until it is terminated (art. 10.2); planning further ahead than this is a typing error.
JAREN_VOORUIT = 10
# A measure or follow-up may be decided today and start shortly after (a suspension from next
# week); further ahead than this is a typing error.
MARGE_GEBEURD = timedelta(days=31)
# Nobody involved in an incident at a school was born more than a century before it.
JAREN_GEBOORTE = 100


# The widest moments Python can show in local time: a row outside them (a year-1 or year-9999
# typing error that got in before the forms refused it) would break every page that lists it.
# Lists filter on them in the database, so a date before Christ on PostgreSQL is never fetched.
LEESBAAR_VAN = datetime(1, 1, 2, tzinfo=UTC)
LEESBAAR_TOT = datetime(9999, 12, 30, tzinfo=UTC)


class Soort(StrEnum):
    GEPLAND = "gepland"  # a meeting, an action point, a response deadline
    GEBEURD = "gebeurd"  # an incident, a report, a measure, parents informed
    GEBOREN = "geboren"  # the date of birth of someone involved


def eerste_jaar() -> int:
    """Art. 10.1: the covenant takes effect on signing, so nothing it governs (a meeting, an
    action point, an incident, a year of figures) dates from before the year it was first
    signed. The signatures are the covenant's data, which partijen does not import: the
    function that reads them is named in settings.INWERKINGTREDING. Without any signature,
    EERSTE_JAAR_ZONDER_ONDERTEKENING."""
    begin = import_string(settings.INWERKINGTREDING)()
    return begin.year if begin else EERSTE_JAAR_ZONDER_ONDERTEKENING


def _jaren_verder(dag: date, jaren: int) -> date:
    try:
        return dag.replace(year=dag.year + jaren)
    except ValueError:  # 29 February
        return dag.replace(year=dag.year + jaren, day=28)


def tijdvenster(soort: Soort = Soort.GEPLAND, vandaag=None) -> tuple[date, date]:
    """Art. 10.1-10.2: the first and the last sensible day of each kind of date.

    - planned (meetings, action points, deadlines): from the covenant's first year (art. 10.1)
      to ten years ahead, as it runs until terminated (art. 10.2);
    - happened (an incident, a police report, a measure, parents informed, a meldcode step):
      from the covenant's first year until today plus a month for a measure that starts later;
    - born: at most a hundred years before today, and not after today (that a birth lies
      before the incident is checked on the incident itself).
    """
    vandaag = vandaag or timezone.localdate()
    if soort == Soort.GEBOREN:
        return _jaren_verder(vandaag, -JAREN_GEBOORTE), vandaag
    eerste_dag = date(eerste_jaar(), 1, 1)
    if soort == Soort.GEBEURD:
        return eerste_dag, vandaag + MARGE_GEBEURD
    return eerste_dag, _jaren_verder(vandaag, JAREN_VOORUIT) - timedelta(days=1)


def validator(soort: Soort = Soort.GEPLAND):
    """A field validator that refuses a date outside the window of its kind, in Dutch."""

    def valideer(waarde):
        if waarde is None:
            return
        # A typed date-time carries the current time zone already; .date() is the day as typed
        # and avoids a conversion that overflows for year 1.
        dag = waarde.date() if isinstance(waarde, datetime) else waarde
        van, tot = tijdvenster(soort)
        if not van <= dag <= tot:
            raise ValidationError(
                _("Choose a date between %(from)s and %(to)s."),
                code="buiten_tijdvenster",
                params={
                    "from": formats.date_format(van, "SHORT_DATE_FORMAT"),
                    "to": formats.date_format(tot, "SHORT_DATE_FORMAT"),
                },
            )

    return valideer


def beperk(form, standaard: Soort = Soort.GEPLAND, **soorten: Soort):
    """Every date and date-time field of `form` takes only its window: `standaard`, or the kind
    named for that field (`geboortedatum=Soort.GEBOREN`)."""
    for naam, veld in form.fields.items():
        if isinstance(veld, forms.DateField | forms.DateTimeField):
            veld.validators.append(validator(soorten.get(naam, standaard)))
