"""Demo accounts, one per role, for development and the browser tests. Never in production."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from partijen.models import Gebruiker, Organisatie, Rol

# username, role, first name, last name, organisation code
DEMO_ACCOUNTS = [
    ("coordinator", Rol.COORDINATOR_VEILIGHEID, "Carla", "de Coördinator", "aeres"),
    ("vertrouwenspersoon", Rol.CONTACTPERSOON_VERTROUWENSZAKEN, "Vera", "Vertrouwen", "aeres"),
    ("politie", Rol.POLITIE_CONTACTPERSOON, "Peter", "Politie", "politie"),
    ("expert", Rol.POLITIE_OPERATIONEEL_EXPERT, "Esther", "Expert", "politie"),
    ("veiligheidsmanager", Rol.VEILIGHEIDSMANAGER, "Vincent", "Veiligheid", "gemeente-almere"),
    ("projectleider", Rol.PROJECTLEIDER, "Pauline", "Projectleider", "gemeente-almere"),
    ("bestuurder", Rol.BESTUURDER, "Bram", "Bestuurder", "aeres"),
    ("beheerder", Rol.BEHEERDER, "Bea", "Beheerder", "gemeente-almere"),
]


def maak_demo_accounts() -> list[tuple[Gebruiker, bool]]:
    """Create the demo accounts that are missing; existing ones (and their passwords) stay."""
    if not settings.DEMO_ACCOUNTS_ALLOWED:
        raise ImproperlyConfigured(
            "Demo-accounts worden alleen aangemaakt met DEBUG=1, nooit in productie."
        )
    organisaties = {o.code: o for o in Organisatie.objects.all()}
    result = []
    for username, rol, first, last, org in DEMO_ACCOUNTS:
        user, created = Gebruiker.objects.get_or_create(
            username=username,
            defaults={
                "rol": rol,
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.invalid",
                "organisatie": organisaties.get(org),
                "is_staff": rol == Rol.BEHEERDER,
                "is_superuser": rol == Rol.BEHEERDER,
            },
        )
        if created:
            user.set_password(settings.DEMO_PASSWORD)
            user.save(update_fields=["password"])
        result.append((user, created))
    return result
