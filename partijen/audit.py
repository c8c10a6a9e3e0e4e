"""The audit log: writes (django-simple-history) and reads of personal data in one list.

Each source is one table; the list is a UNION of them ordered by time, so a page costs the
same number of queries however long the log is. A line says who, when, which kind of object
and its id, and for a change the names of the fields that changed: never a value, so no
password, token or description of an incident can end up on the page.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import CharField, F, IntegerField, OuterRef, Subquery, Value
from django.utils.translation import gettext_lazy as _

from partijen.models import Gebruiker

SOORTEN = {"+": _("created"), "~": _("changed"), "-": _("deleted"), "inzage": _("read")}
# Bookkeeping columns of a historical record; they are not fields of the object itself.
HISTORIEVELDEN = {"history_id", "history_date", "history_change_reason", "history_type"}
HISTORIEVELDEN |= {"history_user", "history_user_id", "history_relation"}


@dataclass(frozen=True)
class Bron:
    code: str
    label: str
    model: type
    tijd: str
    wie: str
    obj: str
    rij: str
    soort: str | None  # a column, or None for a read
    object_label: str


def bronnen() -> list[Bron]:
    """Every historical model (writes) and the access logs of incidents and meldcode (reads)."""
    lijst = []
    for model in apps.get_models():
        # The m2m history tables (a Melding's categories) have no date of their own.
        if not hasattr(model, "instance_type") or not any(
            f.name == "history_date" for f in model._meta.fields
        ):
            continue
        origineel = model.instance_type
        lijst.append(
            Bron(
                code=f"w:{origineel._meta.label_lower}",
                label=str(origineel._meta.verbose_name),
                model=model,
                tijd="history_date",
                wie="history_user_id",
                obj="id",
                rij="history_id",
                soort="history_type",
                object_label=str(origineel._meta.verbose_name),
            )
        )
    # Read them through their models; meldingen depends on partijen, not the other way round.
    for app_label, naam, obj, label in (
        ("meldingen", "Inzage", "melding_id", _("incident")),
        ("meldingen", "MeldcodeInzage", "dossier_id", _("reporting code record")),
    ):
        try:
            model = apps.get_model(app_label, naam)
        except LookupError:
            continue
        lijst.append(
            Bron(
                code=f"r:{model._meta.label_lower}",
                label=str(model._meta.verbose_name),
                model=model,
                tijd="tijdstip",
                wie="gebruiker_id",
                obj=obj,
                rij="id",
                soort=None,
                object_label=str(label),
            )
        )
    return sorted(lijst, key=lambda b: b.label.lower())


def _regels(bron: Bron, *, gebruiker=None, van=None, tot=None):
    qs = bron.model._default_manager.all()
    if gebruiker is not None:
        qs = qs.filter(**{bron.wie: gebruiker.pk})
    if van is not None:
        qs = qs.filter(**{f"{bron.tijd}__gte": van})
    if tot is not None:
        qs = qs.filter(**{f"{bron.tijd}__lt": tot})
    return qs.order_by().values(
        a_tijd=F(bron.tijd),
        a_wie=F(bron.wie),
        a_obj=F(bron.obj),
        a_rij=F(bron.rij),
        a_soort=F(bron.soort) if bron.soort else Value("inzage", output_field=CharField()),
        a_bron=Value(bron.code, output_field=CharField()),
    )


def logregels(*, gebruiker=None, van=None, tot=None, soort=None):
    """The log, newest first, as one UNION queryset of dicts (sliced by the paginator)."""
    gekozen = [b for b in bronnen() if soort in (None, "", b.code)]
    delen = [_regels(b, gebruiker=gebruiker, van=van, tot=tot) for b in gekozen]
    if not delen:
        return Gebruiker.objects.none().values()
    eerste, *rest = delen
    return eerste.union(*rest, all=True).order_by("-a_tijd", "-a_rij")


def aanvullen(regels: list[dict]) -> list[dict]:
    """Who, what kind of object and which fields changed, for one page of the log: one query
    for the users and two per source on the page (the records and their predecessors)."""
    per_code = {b.code: b for b in bronnen()}
    gebruikers = Gebruiker.objects.in_bulk({r["a_wie"] for r in regels if r["a_wie"]})
    velden: dict[tuple[str, int], list[str]] = {}
    for code in {r["a_bron"] for r in regels if r["a_soort"] == "~"}:
        bron = per_code[code]
        ids = [r["a_rij"] for r in regels if r["a_bron"] == code and r["a_soort"] == "~"]
        velden.update(_gewijzigde_velden(bron, ids))
    uit = []
    for r in regels:
        bron = per_code.get(r["a_bron"])
        uit.append(
            {
                "tijdstip": r["a_tijd"],
                "wie": gebruikers.get(r["a_wie"]),
                "soort": SOORTEN.get(r["a_soort"], r["a_soort"]),
                "lezen": r["a_soort"] == "inzage",
                "object": bron.object_label if bron else r["a_bron"],
                "object_id": r["a_obj"],
                "velden": velden.get((r["a_bron"], r["a_rij"]), []),
            }
        )
    return uit


def _gewijzigde_velden(bron: Bron, ids: list[int]) -> dict[tuple[str, int], list[str]]:
    model = bron.model
    vorige = Subquery(
        # By history_id, not date: two saves within one clock tick still have an order.
        model._default_manager.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
        .order_by("-history_id")
        .values("history_id")[:1],
        output_field=IntegerField(),
    )
    records = list(model._default_manager.filter(history_id__in=ids).annotate(vorige_id=vorige))
    voorgangers = model._default_manager.in_bulk([r.vorige_id for r in records if r.vorige_id])
    origineel = model.instance_type
    namen = {
        f.attname: str(f.verbose_name)
        for f in origineel._meta.concrete_fields
        if f.attname not in HISTORIEVELDEN
    }
    uit = {}
    for record in records:
        oud = voorgangers.get(record.vorige_id)
        if oud is None:
            continue
        uit[(bron.code, record.history_id)] = [
            label
            for attname, label in namen.items()
            if hasattr(record, attname) and getattr(record, attname) != getattr(oud, attname)
        ]
    return uit
