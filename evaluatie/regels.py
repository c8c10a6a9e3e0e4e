"""The evaluation's rules (art. 10.3, 11.1): who is asked, which questions, and when the yearly
round opens. Each function is the one place its rule lives."""

from datetime import date, timedelta


def vragen_op(vragen, dag: date) -> list:
    """Art. 11.1, per covenant version: of the active questions (`vragen`, any iterable of
    Vraag), per article or paragraph the latest one in force on `dag` (`vanaf` empty: from the
    signing). A version that takes effect later asks its own question from that day."""
    gekozen = {}
    for vraag in vragen:
        if not vraag.actief or (vraag.vanaf and vraag.vanaf > dag):
            continue
        sleutel = (vraag.artikel_id, vraag.lid_id)
        huidig = gekozen.get(sleutel)
        if huidig is None or (vraag.vanaf or date.min) >= (huidig.vanaf or date.min):
            gekozen[sleutel] = vraag
    return list(gekozen.values())


def jaarronde(jaar: int, opent: tuple[int, int]) -> tuple[date, date, date]:
    """Art. 7.2 and 11.1: once a year the partners evaluate how the covenant was carried out.
    The yearly round opened in `jaar` covers the calendar year before and opens on the
    configured day (`opent`: month, day). Returns (opening day, period start, period end)."""
    return date(jaar, *opent), date(jaar - 1, 1, 1), date(jaar - 1, 12, 31)


def sluitdatum(geopend: date, termijn_dagen: int) -> date:
    """The day a round closes: the partners have `termijn_dagen` to answer."""
    return geopend + timedelta(days=termijn_dagen)


def ronde_bezwaren(periode_begin: date, periode_einde: date, geopend_op: date, sluit: date):
    """A round looks back on a period that has begun, and partners need time to answer."""
    from django.utils.translation import gettext as _

    bezwaren = {}
    if periode_begin and periode_einde and periode_einde < periode_begin:
        bezwaren["periode_einde"] = _("The period cannot end before it begins.")
    if periode_begin and geopend_op and periode_begin > geopend_op:
        bezwaren["periode_begin"] = _("A round evaluates a period that has begun.")
    if sluit and geopend_op and sluit < geopend_op + timedelta(days=7):
        bezwaren["sluitdatum"] = _("Give the partners at least a week to answer.")
    return bezwaren
