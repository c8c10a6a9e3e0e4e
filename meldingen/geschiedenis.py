"""Who changed what on an incident: its own history, its people involved and its measures.

Shown on the incident page to the people who may edit it (weergave.mag_acteren), who see the
personal data anyway. A fixed number of queries, however long the history.
"""

from datetime import timedelta
from itertools import groupby

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from meldingen.models import Betrokkene, Maatregel

SOORTEN = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
# Bookkeeping, not content: the version number and the creation moment never mean a change.
NIET_TONEN = ["versie", "aangemaakt", "geanonimiseerd_op"]
BIJ_ELKAAR = timedelta(seconds=5)


def wijzigingen_van(melding, limit: int = 50) -> list[dict]:
    """The latest changes to an incident, newest first: when, who, what and which fields."""
    result = []
    bronnen = [
        melding.history.all(),
        Betrokkene.history.filter(melding_id=melding.pk),
        Maatregel.history.filter(melding_id=melding.pk),
    ]
    records_per_bron = [
        list(b.select_related("history_user").order_by("id", "history_date", "history_id"))
        for b in bronnen
    ]
    categorieen = _categorieen_per_record(records_per_bron[0])
    for records in records_per_bron:
        for _pk, reeks in groupby(records, key=lambda r: r.id):
            vorige = None
            for opslag in _per_opslag(list(reeks)):
                soort = "+" if opslag[0].history_type == "+" else opslag[-1].history_type
                regel = _regel(opslag[-1], vorige, categorieen, soort)
                # A save that changed nothing (the form sent back as it was) is no change.
                if soort != "~" or regel["velden"]:
                    result.append(regel)
                vorige = opslag[-1]
    # Newest first; within one moment, the later record of a source first.
    volgorde = sorted(range(len(result)), key=lambda i: (result[i]["wanneer"], i), reverse=True)
    return [result[i] for i in volgorde[:limit]]


def _per_opslag(records):
    """One save of the form writes several records: the incident, then one each time its
    categories are cleared and set again, each a copy of the same fields. A record that changes
    none of the fields, by the same person moments later, belongs to the save before it."""
    groepen = []
    for record in records:
        vorige = groepen[-1][-1] if groepen else None
        if (
            vorige is not None
            and record.history_type == "~"
            and record.history_user_id == vorige.history_user_id
            and record.history_date - vorige.history_date <= BIJ_ELKAAR
            and not record.diff_against(vorige, excluded_fields=_uitgesloten(record)).changes
        ):
            groepen[-1].append(record)
        else:
            groepen.append([record])
    return groepen


def _uitgesloten(record):
    return NIET_TONEN + [f.name for f in record._history_m2m_fields]


def _categorieen_per_record(records) -> dict[int, list[str]]:
    """The category names each historical incident record held, in one query."""
    if not records:
        return {}
    tussen = apps.get_model("meldingen", "HistoricalMelding_categorieen")
    rijen = tussen.objects.filter(history_id__in=[r.history_id for r in records]).values_list(
        "history_id", "categorie__naam"
    )
    result: dict[int, list[str]] = {}
    for history_id, naam in rijen:
        result.setdefault(history_id, []).append(naam or "?")
    return {h: sorted(n) for h, n in result.items()}


def _regel(record, vorige, categorieen, soort) -> dict:
    model = record.instance_type
    velden = []
    if vorige is not None and soort == "~":
        for change in record.diff_against(vorige, excluded_fields=_uitgesloten(record)).changes:
            veld = model._meta.get_field(change.field)
            velden.append(
                {
                    "veld": veld.verbose_name,
                    "oud": _toon(veld, change.old),
                    "nieuw": _toon(veld, change.new),
                }
            )
        if model is not Betrokkene and model is not Maatregel:
            oud = categorieen.get(vorige.history_id, [])
            nieuw = categorieen.get(record.history_id, [])
            if oud != nieuw:
                velden.append(
                    {
                        "veld": model._meta.get_field("categorieen").verbose_name,
                        "oud": ", ".join(oud) or "—",
                        "nieuw": ", ".join(nieuw) or "—",
                    }
                )
    wat = [str(model._meta.verbose_name)]
    if model is Maatregel:
        wat.append(str(record.get_soort_display()))
    elif model is Betrokkene:
        wat.append(str(record.get_rol_display()))
    return {
        "wanneer": record.history_date,
        "wie": record.history_user,
        "soort": SOORTEN.get(soort, soort),
        "wat": ": ".join(wat),
        "velden": velden,
    }


def _toon(veld, waarde):
    if waarde in (None, ""):
        return "—"
    if veld.choices:
        return dict(veld.flatchoices).get(waarde, waarde)
    if isinstance(waarde, bool):
        return _("yes") if waarde else _("no")
    if hasattr(waarde, "strftime"):
        from django.utils.formats import date_format
        from django.utils.timezone import is_aware, localtime

        if hasattr(waarde, "hour"):
            return date_format(localtime(waarde) if is_aware(waarde) else waarde, "j-n-Y H:i")
        return date_format(waarde, "j-n-Y")
    # Foreign keys of an incident (school, recorded by) are not changed through the form.
    return waarde
