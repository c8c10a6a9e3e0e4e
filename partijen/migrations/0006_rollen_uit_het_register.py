"""An account's roles come from its person's role assignments; only the administrator stays a
property of the account (`is_beheerder`).

Every existing account keeps what it could do: an account whose `rol` was beheerder becomes
an administrator; an account with another `rol` and no current assignment of that role gets a
person (when it has none) and an assignment of that role without a scope, from today. Those
people and assignments are written to the history tables (the register's history and audit
log show them) and, for roles that open personal data, to the access log, "by the system".
An organisation is needed for a new person: the account's own, else one of the role's kind
(police, municipality), else "Nog te bepalen", marked to be checked by an administrator.
"""

from django.db import migrations, models
from django.utils import timezone

# As partijen.regels.opent_persoonsgegevens at the time of this migration.
OPENT_PERSOONSGEGEVENS = {
    "coordinator_veiligheid",
    "contactpersoon_vertrouwenszaken",
    "aandachtsfunctionaris",
    "politie_contactpersoon",
    "politie_operationeel_expert",
}
SOORT_VAN_ROL = {
    "politie_contactpersoon": "politie",
    "politie_operationeel_expert": "politie",
    "veiligheidsmanager": "gemeente",
    "projectleider": "gemeente",
}


def _geschiedenis(apps, model_naam, obj, nu):
    """A "created" row in the history table of `obj`, as django-simple-history writes one."""
    Historisch = apps.get_model("partijen", f"Historical{model_naam}")
    velden = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    Historisch.objects.create(
        **velden,
        history_date=nu,
        history_type="+",
        history_change_reason="Rol van het account overgenomen in het register",
    )


def _organisatie(apps, gebruiker, rol, nu):
    Organisatie = apps.get_model("partijen", "Organisatie")
    if gebruiker.organisatie_id:
        return gebruiker.organisatie
    soort = SOORT_VAN_ROL.get(rol)
    gevonden = Organisatie.objects.filter(soort=soort).order_by("pk").first() if soort else None
    if gevonden:
        return gevonden
    organisatie, nieuw = Organisatie.objects.get_or_create(
        code="nog-te-bepalen",
        defaults={
            "naam": "Nog te bepalen",
            "soort": "gemeentelijke_dienst",
            "te_controleren": True,
            "omschrijving": "Aangemaakt bij het overzetten van accountrollen naar het register: "
            "koppel de personen aan hun eigen organisatie.",
        },
    )
    if nieuw:
        _geschiedenis(apps, "Organisatie", organisatie, nu)
    return organisatie


def rollen_naar_het_register(apps, schema_editor):
    Gebruiker = apps.get_model("partijen", "Gebruiker")
    Persoon = apps.get_model("partijen", "Persoon")
    Roltoewijzing = apps.get_model("partijen", "Roltoewijzing")
    Toegangswijziging = apps.get_model("partijen", "Toegangswijziging")
    nu = timezone.now()
    vandaag = timezone.localdate(nu)
    actief = (
        models.Q(begin__lte=vandaag)
        & (models.Q(einde__isnull=True) | models.Q(einde__gte=vandaag))
        & (models.Q(ingetrokken_op__isnull=True) | models.Q(ingetrokken_op__date__gt=vandaag))
    )
    for gebruiker in Gebruiker.objects.exclude(rol="").order_by("pk"):
        if gebruiker.rol == "beheerder":
            gebruiker.is_beheerder = True
            gebruiker.save(update_fields=["is_beheerder"])
            continue
        persoon = Persoon.objects.filter(gebruiker=gebruiker).first()
        if persoon and Roltoewijzing.objects.filter(actief, persoon=persoon, rol=gebruiker.rol):
            continue
        if persoon is None:
            persoon = Persoon.objects.create(
                voornaam=gebruiker.first_name or gebruiker.username,
                achternaam=gebruiker.last_name or "-",
                email=gebruiker.email,
                organisatie=_organisatie(apps, gebruiker, gebruiker.rol, nu),
                # Art. 2.1: a coordinator is a manager; the account acted as one already.
                leidinggevende=gebruiker.rol == "coordinator_veiligheid",
                gebruiker=gebruiker,
            )
            _geschiedenis(apps, "Persoon", persoon, nu)
        toewijzing = Roltoewijzing.objects.create(persoon=persoon, rol=gebruiker.rol, begin=vandaag)
        _geschiedenis(apps, "Roltoewijzing", toewijzing, nu)
        if gebruiker.rol in OPENT_PERSOONSGEGEVENS:
            Toegangswijziging.objects.create(
                tijdstip=nu,
                soort="toegekend",
                door=None,
                toewijzing=toewijzing,
                persoon=persoon,
                gebruiker=gebruiker,
                rol=gebruiker.rol,
                begin=vandaag,
            )


def beheerders_terug(apps, schema_editor):
    # Going back only restores the administrators: the other roles stay in the register,
    # where the old code also read them for visibility.
    Gebruiker = apps.get_model("partijen", "Gebruiker")
    Gebruiker.objects.filter(is_beheerder=True).update(rol="beheerder")


class Migration(migrations.Migration):
    dependencies = [
        ("partijen", "0005_toegangswijziging_en_intrekken"),
    ]

    operations = [
        migrations.AddField(
            model_name="gebruiker",
            name="is_beheerder",
            field=models.BooleanField(
                default=False,
                help_text="Manages this application: accounts, the register and the audit log.",
                verbose_name="administrator",
            ),
        ),
        # The column goes in the next migration: PostgreSQL refuses to alter a table with
        # rows changed earlier in the same transaction ("pending trigger events").
        migrations.RunPython(rollen_naar_het_register, beheerders_terug),
    ]
