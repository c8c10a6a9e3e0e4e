"""The covenant's text in force on a date (art. 11.3): the signed text of each paragraph, as
amendments in force by then changed it. Text pages and the PDF read it here."""

from datetime import date

from django.db.models import Prefetch

from convenant.lidmaatschap import inwerkingtreding, leden_per_partner


def _laatste_wijziging_per_lid(convenant, datum: date) -> dict[int, tuple]:
    """Per amended paragraph: (the day it took effect, the amendment, its new text) of the
    latest amendment in force on `datum`. Three queries, whatever the number of amendments."""
    leden = leden_per_partner(convenant)
    in_werking = []
    for w in convenant.wijzigingen.prefetch_related("leden", "instemmingen"):
        dag = inwerkingtreding(w, leden)
        if dag is not None and dag <= datum:
            in_werking.append((dag, w.pk, w))
    laatste = {}
    for dag, _pk, w in sorted(in_werking, key=lambda t: t[:2]):
        for lw in w.leden.all():
            laatste[lw.lid_id] = (dag, w, lw.tekst)
    return laatste


def teksten_op(convenant, datum: date) -> dict[int, str]:
    """The text of each amended paragraph in force on `datum` (paragraph id -> text): the
    original text (Lid.tekst) unless an amendment in force by then changed it, the latest such
    amendment winning."""
    return {
        lid: tekst
        for lid, (_dag, _w, tekst) in _laatste_wijziging_per_lid(convenant, datum).items()
    }


def wijzigingsdata(convenant) -> set[date]:
    """The days an amendment took effect (a new version of the text, for the PDF)."""
    leden = leden_per_partner(convenant)
    data = (
        inwerkingtreding(w, leden) for w in convenant.wijzigingen.prefetch_related("instemmingen")
    )
    return {d for d in data if d is not None}


def artikelen_op(convenant, datum: date) -> list:
    """The articles with their paragraphs as in force on `datum`: each paragraph carries the
    text of that day and the amendment it comes from, if any (set on these objects in memory,
    never saved)."""
    from convenant.models import Lid

    gewijzigd = _laatste_wijziging_per_lid(convenant, datum)
    artikelen = list(
        convenant.artikelen.prefetch_related(
            Prefetch("leden", queryset=Lid.objects.select_related("artikel"))
        )
    )
    for artikel in artikelen:
        for lid in artikel.leden.all():
            # (day, amendment) of the text shown, for "amended from ..." on the text page.
            dag, wijziging, tekst = gewijzigd.get(lid.pk, (None, None, lid.tekst))
            lid.tekst, lid.gewijzigd_op, lid.gewijzigd_door = tekst, dag, wijziging
    return artikelen
