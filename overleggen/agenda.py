"""Calendar files for meetings (icalendar), in Europe/Amsterdam time."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event


def agenda_voor(overleggen, request) -> bytes:
    tz = ZoneInfo(settings.TIME_ZONE)
    cal = Calendar()
    cal.add("prodid", "-//Veiligheid op scholen Almere//NL")
    cal.add("version", "2.0")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for o in overleggen:
        event = Event()
        event.add("uid", f"overleg-{o.pk}@veiligheid-op-scholen")
        event.add("summary", f"{o.vorm.naam}" + (f" · {o.bereik}" if o.bereik else ""))
        event.add("dtstart", o.start.astimezone(tz))
        event.add("dtend", o.einde.astimezone(tz))
        event.add("dtstamp", o.start.astimezone(tz))
        if o.locatie:
            event.add("location", o.locatie)
        event.add("description", o.agenda or "")
        event.add("url", request.build_absolute_uri(reverse("overleggen:detail", args=[o.pk])))
        if o.status == "geannuleerd":
            event.add("status", "CANCELLED")
        cal.add_component(event)
    return cal.to_ical()
