"""Who changed what: the history simple-history keeps, readable for the people who edit."""

from django.utils.translation import gettext_lazy as _

SOORTEN = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


def wijzigingen(obj, limit: int = 20) -> list[dict]:
    """The latest changes to obj, newest first, each with who, when and what changed.

    One query: records are diffed against their predecessor in Python, not one by one.
    """
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    result = []
    for nieuw, oud in zip(records[:limit], [*records[1:], None], strict=False):
        velden = []
        if oud is not None and nieuw.history_type == "~":
            for change in nieuw.diff_against(oud).changes:
                veld = obj._meta.get_field(change.field)
                velden.append(
                    {
                        "veld": veld.verbose_name,
                        "oud": _toon(nieuw, veld, change.old),
                        "nieuw": _toon(nieuw, veld, change.new),
                    }
                )
        result.append(
            {
                "wanneer": nieuw.history_date,
                "wie": nieuw.history_user,
                "soort": SOORTEN.get(nieuw.history_type, nieuw.history_type),
                "velden": velden,
            }
        )
    return result


def _toon(record, veld, waarde):
    if waarde in (None, ""):
        return "—"
    if veld.choices:
        return dict(veld.flatchoices).get(waarde, waarde)
    if veld.is_relation:
        return str(veld.related_model._default_manager.filter(pk=waarde).first() or waarde)
    if isinstance(waarde, bool):
        return _("yes") if waarde else _("no")
    return waarde
