"""The covenant's rules about its own term. Each function is the one place its article lives."""

from datetime import date, timedelta


def _jubileum(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        # Signed on 29 February: in a year without one the anniversary is 1 March, so the
        # term still ends on the last day of February.
        return date(day.year + years, 3, 1)


def einde_looptijd(start: date, jaren: int) -> date:
    """Art. 10.3: the covenant applies for four years; this is the last day of the term.

    Signed on 14 November 2023, four years run to and including 13 November 2027, although the
    title names 2023-2026: the application shows both and computes with the dates.
    """
    return _jubileum(start, jaren) - timedelta(days=1)


def looptijd_verstreken(einde: date, vandaag: date) -> bool:
    """Art. 10.3: the term has passed once its last day is over (unless it was extended)."""
    return vandaag > einde


def inwerkingtreding(ondertekeningsdata: list[date]) -> date | None:
    """Art. 10.1: a partner's date of signing is the date the covenant takes effect for it."""
    return min(ondertekeningsdata, default=None)


def eerste_ondertekening() -> date | None:
    """Art. 10.1: the day the covenant first took effect, from the signatures loaded (None
    before any is). Named in settings.INWERKINGTREDING for partijen.tijdvenster.eerste_jaar."""
    from convenant.models import Ondertekening

    return inwerkingtreding(list(Ondertekening.objects.values_list("datum", flat=True)))


def looptijd(ondertekeningsdata: list[date], jaren: int) -> tuple[date | None, date | None]:
    """Art. 10.1 and 10.3 together: the first signing and the last day of the term."""
    begin = inwerkingtreding(ondertekeningsdata)
    return begin, einde_looptijd(begin, jaren) if begin else None
