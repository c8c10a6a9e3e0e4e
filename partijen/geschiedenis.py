"""Who changed what: the history simple-history keeps, readable for the people who edit."""

from itertools import groupby

from django.utils.translation import gettext_lazy as _

SOORTEN = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


def wijzigingen(*bronnen, limit: int = 30) -> list[dict]:
    """The latest changes, newest first, each with who, when, what object and what changed.

    Each source is a historical queryset (obj.history.all(), or the history of related
    objects). A record is diffed against the previous record of the same object in Python, so
    this costs one query per source however long the history is.
    """
    result = []
    for bron in bronnen:
        records = list(
            bron.select_related("history_user").order_by("id", "history_date", "history_id")
        )
        for _pk, reeks in groupby(records, key=lambda r: r.id):
            vorige = None
            for record in reeks:
                result.append(_regel(record, vorige))
                vorige = record
    result.sort(key=lambda w: w["wanneer"], reverse=True)
    return result[:limit]


def _regel(record, vorige) -> dict:
    model = record.instance_type
    velden = []
    if vorige is not None and record.history_type == "~":
        for change in record.diff_against(vorige).changes:
            veld = model._meta.get_field(change.field)
            velden.append(
                {
                    "veld": veld.verbose_name,
                    "oud": _toon(veld, change.old),
                    "nieuw": _toon(veld, change.new),
                }
            )
    return {
        "wanneer": record.history_date,
        "wie": record.history_user,
        "soort": SOORTEN.get(record.history_type, record.history_type),
        # The role, not str(object): that would cost a query per record.
        "wat": ": ".join(
            str(x)
            for x in (model._meta.verbose_name, getattr(record, "get_rol_display", lambda: "")())
            if x
        ),
        "velden": velden,
    }


def _toon(veld, waarde):
    if waarde in (None, ""):
        return "—"
    if veld.choices:
        return dict(veld.flatchoices).get(waarde, waarde)
    if veld.is_relation:
        return str(veld.related_model._default_manager.filter(pk=waarde).first() or waarde)
    if isinstance(waarde, bool):
        return _("yes") if waarde else _("no")
    return waarde
