"""Demo incidents for `make run`: a year of incidents over the demo schools, some reported to
the police, a few past their response target. Never in production."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from meldingen import diensten, regels
from meldingen.models import (
    Betrokkene,
    Categorie,
    Maatregel,
    Melding,
    Politiemelding,
    PolitieStatus,
)
from partijen.demo import DEMO_SCHOOL, _vereist_debug
from partijen.models import Gebruiker, School

OMSCHRIJVINGEN = {
    "drugs": "Bij een controle in de fietsenstalling is een zakje met wiet gevonden.",
    "wapenbezit": "Een leerling liet in de klas een mes zien.",
    "cyberpesten": "In een groepsapp worden foto's van een leerling gedeeld met kwetsende tekst.",
    "grove-pesterijen": "Een leerling wordt al weken in de pauze uitgescholden en geduwd.",
    "discriminatie": "Een leerling is uitgescholden om haar afkomst.",
    "vernieling-diefstal-diefstal": "Een telefoon is uit een jaszak in de gang gestolen.",
    "bedreiging": "Een leerling heeft een docent na een les bedreigd.",
    "fysiek-geweld-letsel": "Vechtpartij op het plein; een leerling had een bloedneus.",
    "zorgsignaal": "Een leerling komt vaak zonder ontbijt en met blauwe plekken op school.",
}
P, S, U = Melding.Plaats, PolitieStatus.Status, PolitieStatus.Uitkomst


@transaction.atomic
def maak_demo_meldingen(aantal: int = 90) -> bool:
    _vereist_debug()
    if Melding.objects.exists():
        return False
    rng = random.Random(2026)
    categorieen = {c.code: c for c in Categorie.objects.filter(code__in=OMSCHRIJVINGEN)}
    scholen = list(School.objects.exclude(sector="HBO"))
    demo_school = School.objects.get(naam=DEMO_SCHOOL)
    coordinator = Gebruiker.objects.get(username="coordinator")
    politie = Gebruiker.objects.get(username="politie")
    nu = timezone.localtime()
    for i in range(aantal):
        code = rng.choice(list(OMSCHRIJVINGEN))
        school = demo_school if i % 6 == 0 else rng.choice(scholen)
        dag = nu.date() - timedelta(days=rng.randint(1, 360))
        melding = Melding.objects.create(
            school=school,
            plaats=rng.choice([P.SCHOOL, P.SCHOOL, P.OMGEVING, P.ONLINE]),
            tijdstip=timezone.make_aware(
                datetime.combine(dag, time(rng.randint(8, 16), rng.choice([0, 15, 30])))
            ),
            omschrijving=OMSCHRIJVINGEN[code],
            vastgelegd_door=coordinator,
        )
        melding.categorieen.set([categorieen[code]])
        geboren = dag.replace(year=dag.year - rng.randint(12, 19)) - timedelta(
            days=rng.randint(0, 300)
        )
        Betrokkene.objects.create(
            melding=melding,
            rol=Betrokkene.Rol.DADER,
            soort=Betrokkene.Soort.LEERLING,
            geboortedatum=geboren,
            naam=f"Leerling {i + 1}",
        )
        if code in {"vernieling-diefstal-diefstal", "grove-pesterijen"}:
            Maatregel.objects.create(melding=melding, soort=Maatregel.Soort.GESPREK, datum=dag)
        if regels.politie_verplicht([categorieen[code]]) or i % 7 == 0:
            diensten.politiemelding_vastleggen(
                melding=melding,
                gebruiker=coordinator,
                datum=dag,
                soort=Politiemelding.Soort.MELDING,
                door="Coördinator veiligheid",
                reden_persoonsgegevens=regels.reden_voor_persoonsgegevens(
                    [categorieen[code]], False, "Overleg over aanpak"
                )
                or "",
            )
            # Older reports are completed; the most recent ones are still being worked on.
            if (nu.date() - dag).days > 30:
                for status in (S.IN_BEHANDELING, S.INTERVENTIE):
                    diensten.politiestatus_toevoegen(melding=melding, door=politie, status=status)
                uitkomst = rng.choice([U.PV_OM, U.HALT, U.GEEN_STRAFBAAR_FEIT])
                diensten.politiestatus_toevoegen(
                    melding=melding,
                    door=politie,
                    status=S.AFGEROND,
                    uitkomst=uitkomst,
                    pv_datum=dag + timedelta(days=5)
                    if regels.pv_datum_verplicht(uitkomst)
                    else None,
                )
                melding.status = Melding.Status.AFGESLOTEN
                melding.afgesloten_op = timezone.make_aware(
                    datetime.combine(dag + timedelta(days=7), time(12))
                )
                melding.save(update_fields=["status", "afgesloten_op"])
    return True
