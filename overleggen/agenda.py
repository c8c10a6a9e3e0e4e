"""Calendar files for meetings (icalendar), in Europe/Amsterdam time."""

from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

from overleggen.models import Overleg

CONTENT_TYPE = "text/calendar; charset=utf-8"
# What agenda_voor reads of each meeting besides its participants (prefetched).
SELECT_RELATED = ("vorm", "school", "overleggebied", "wijk", "aangemaakt_door__persoon")


def _adres(email, naam):
    adres = vCalAddress(f"mailto:{email}")
    adres.params["CN"] = naam
    return adres


def _organisator(gebruiker):
    """The person who planned the meeting, reached at their work address if the register has
    one, else at their account's address."""
    persoon = getattr(gebruiker, "persoon", None)
    email = (persoon.email if persoon else "") or gebruiker.email
    return _adres(email, str(gebruiker)) if email else None


def agenda_voor(overleggen, absoluut, *, deelnemers: bool = True) -> bytes:
    """The meetings as one calendar; `absoluut` makes a path an address (the request's
    build_absolute_uri, or the site's address in an e-mail). Expects `aangemaakt_door` (with
    its person) selected and, with `deelnemers`, the participants prefetched, so the query
    count does not grow with the meetings. Without `deelnemers` no participant is named (the
    subscribed feed, see overleggen.views.feed)."""
    tz = ZoneInfo(settings.TIME_ZONE)
    gemaakt = timezone.now().astimezone(UTC)
    cal = Calendar()
    cal.add("prodid", "-//Veiligheid op scholen Almere//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    overleggen = list(overleggen)
    for o in overleggen:
        event = Event()
        # The UID only depends on the meeting, so a new download or feed refresh updates the
        # event in the calendar instead of adding a second one.
        event.add("uid", f"overleg-{o.pk}@veiligheid-op-scholen")
        event.add("dtstamp", gemaakt)
        event.add("summary", f"{o.vorm.naam}" + (f" · {o.bereik}" if o.bereik else ""))
        event.add("dtstart", o.start.astimezone(tz))
        event.add("dtend", o.einde.astimezone(tz))
        if o.locatie:
            event.add("location", o.locatie)
        event.add("description", o.agenda or "")
        event.add("url", absoluut(reverse("overleggen:detail", args=[o.pk])))
        organisator = _organisator(o.aangemaakt_door)
        if organisator is not None:
            event.add("organizer", organisator)
        for p in o.deelnemers.all() if deelnemers else ():
            if p.email:
                deelnemer = _adres(p.email, str(p))
                deelnemer.params.update({"CUTYPE": "INDIVIDUAL", "ROLE": "REQ-PARTICIPANT"})
                event.add("attendee", deelnemer)
        if o.status == Overleg.Status.GEANNULEERD:
            event.add("status", "CANCELLED")
        cal.add_component(event)
    if overleggen:
        # Outlook does not know the IANA name "Europe/Amsterdam": without a VTIMEZONE it shows
        # the meeting an hour off on one side of a daylight-saving change. The definition only
        # needs to cover the meetings in the file.
        cal.add_missing_timezones(
            first_date=min(o.start for o in overleggen).date() - timedelta(days=366),
            last_date=max(o.einde for o in overleggen).date() + timedelta(days=366),
        )
    return cal.to_ical()


def als_antwoord(overleggen, request, *, deelnemers: bool = True) -> HttpResponse:
    return HttpResponse(
        agenda_voor(overleggen, request.build_absolute_uri, deelnemers=deelnemers),
        content_type=CONTENT_TYPE,
    )


def bijlage(sleutel: str):
    """The calendar file of an invitation's meeting ("overleg:<pk>"), for its e-mail."""
    pk = int(sleutel.partition(":")[2])
    overleggen = list(
        Overleg.objects.filter(pk=pk).select_related(*SELECT_RELATED).prefetch_related("deelnemers")
    )
    if not overleggen:
        return None
    inhoud = agenda_voor(overleggen, lambda pad: settings.SITE_URL.rstrip("/") + pad)
    return ("uitnodiging.ics", inhoud, "text/calendar; method=PUBLISH")
