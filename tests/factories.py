import factory
from django.conf import settings

from partijen.models import Gebruiker, Organisatie, Rol


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"organisatie-{n}")
    naam = factory.Sequence(lambda n: f"Stichting Onderwijs {n}")
    soort = Organisatie.Soort.SCHOOLBESTUUR


class GebruikerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gebruiker
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    rol = Rol.COORDINATOR_VEILIGHEID
    password = factory.django.Password(settings.DEMO_PASSWORD)
