import datetime

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
    password = factory.django.Password(settings.DEMO_PASSWORD)


class OverleggebiedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partijen.Overleggebied"
        django_get_or_create = ["code"]

    code = "oost-haven"
    naam = factory.LazyAttribute(lambda o: o.code.replace("-", " ").title().replace(" ", "-"))


class StadsdeelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partijen.Stadsdeel"
        django_get_or_create = ["code"]

    code = "haven"
    naam = factory.LazyAttribute(lambda o: f"Almere {o.code.title()}")
    overleggebied = factory.SubFactory(OverleggebiedFactory)


class WijkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partijen.Wijk"
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"wijk-{n}")
    naam = factory.Sequence(lambda n: f"Wijk {n}")
    stadsdeel = factory.SubFactory(StadsdeelFactory)


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partijen.School"

    naam = factory.Sequence(lambda n: f"School {n}")
    bestuur = factory.SubFactory(OrganisatieFactory)
    sector = "VO"
    stadsdeel = factory.SubFactory(StadsdeelFactory)
    overleggebied = factory.LazyAttribute(lambda s: s.stadsdeel.overleggebied)
    veiligheidsplan_vastgesteld = datetime.date(2025, 1, 1)
    veiligheidsplan_herzien_uiterlijk = datetime.date(2030, 1, 1)


class PersoonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partijen.Persoon"

    voornaam = factory.Faker("first_name", locale="nl_NL")
    achternaam = factory.Faker("last_name", locale="nl_NL")
    organisatie = factory.SubFactory(OrganisatieFactory)
    leidinggevende = True


class RoltoewijzingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partijen.Roltoewijzing"

    persoon = factory.SubFactory(PersoonFactory)
    rol = Rol.COORDINATOR_VEILIGHEID
    school = factory.SubFactory(SchoolFactory)
    begin = datetime.date(2024, 1, 1)


class MeldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meldingen.Melding"
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    tijdstip = factory.LazyFunction(
        lambda: datetime.datetime(2026, 10, 1, 10, 0, tzinfo=datetime.UTC)
    )
    plaats = "school"
    omschrijving = "Tijdens de pauze op het schoolplein."
    vastgelegd_door = factory.SubFactory(GebruikerFactory)

    @factory.post_generation
    def categorieen(self, create, codes, **kwargs):
        if create and codes:
            from meldingen.models import Categorie

            self.categorieen.set(Categorie.objects.filter(code__in=codes))
