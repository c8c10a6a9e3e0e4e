"""Demo data for `make run` and the browser tests: accounts for every role and a realistic
register of Almere (about 60 school locations over the three areas and all sectors, people in
every role, some schools incomplete). Never in production.
"""

import random
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from partijen.models import (
    Gebruiker,
    Organisatie,
    Overleggebied,
    Persoon,
    Rol,
    Roltoewijzing,
    School,
    Stadsdeel,
)

R = Rol
START = date(2023, 11, 14)

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

# The demo accounts' own school and area, so each role's demo shows something of its own.
DEMO_SCHOOL = "Aeres VMBO Almere Buiten"
DEMO_GEBIED = "buiten-hout"

# (sector, board code, name); the stadsdeel is spread over the city below.
SCHOLEN = (
    [
        ("PO", b, n)
        for b, n in [
            ("prisma", "OBS De Regenboog"),
            ("prisma", "OBS Het Kompas"),
            ("prisma", "OBS De Zevensprong"),
            ("prisma", "OBS De Windroos"),
            ("prisma", "OBS Het Mozaïek"),
            ("prisma", "OBS De Horizon"),
            ("prisma", "OBS De Meerpaal"),
            ("prisma", "OBS De Kameleon"),
            ("skof", "KBS De Wegwijzer"),
            ("skof", "KBS De Zonnewijzer"),
            ("skof", "KBS Het Anker"),
            ("skof", "KBS De Linde"),
            ("skof", "KBS De Fontein"),
            ("skof", "KBS De Albatros"),
            ("skof", "KBS De Notenbalk"),
            ("het-baken", "CBS De Klimop"),
            ("het-baken", "CBS Het Palet"),
            ("het-baken", "CBS De Vlinderboom"),
            ("het-baken", "CBS De Sterrenwacht"),
            ("het-baken", "CBS De Ontdekking"),
            ("het-baken", "CBS De Tamarisk"),
            ("het-baken", "CBS De Eilanden"),
            ("het-baken", "CBS Polderkind"),
            ("het-baken", "CBS De Vuurvogel"),
            ("het-baken", "CBS De Wereldwijzer"),
            ("het-baken", "CBS De Duizendpoot"),
            ("het-baken", "CBS De Boomgaard"),
            ("vrije-school", "Vrije School De Waterlelie"),
            ("vrije-school", "Vrije School Almere Haven"),
            ("vrije-school", "Vrije School Almere Poort"),
        ]
    ]
    + [
        ("SBO", b, n)
        for b, n in [
            ("stichting-almere-speciaal-onderwijs", "SBO De Optimist"),
            ("stichting-almere-speciaal-onderwijs", "SBO De Wissel"),
            ("prisma", "SBO Het Spectrum"),
        ]
    ]
    + [
        ("SO", b, n)
        for b, n in [
            ("eduvier", "SO De Bolder"),
            ("viertaal", "SO VierTaal Almere"),
            ("stichting-almere-speciaal-onderwijs", "SO De Zeppelin"),
        ]
    ]
    + [
        ("VSO", b, n)
        for b, n in [
            ("eduvier", "VSO Eduvier Almere"),
            ("eduvier", "VSO Het Kiemhuis"),
            ("viertaal", "VSO VierTaal Almere"),
        ]
    ]
    + [
        ("VO", b, n)
        for b, n in [
            ("het-baken", "Baken Park Lyceum"),
            ("het-baken", "Baken Stad College"),
            ("het-baken", "Baken Trinitas Gymnasium"),
            ("het-baken", "Baken Poort College"),
            ("het-baken", "Baken Buiten College"),
            ("het-baken", "Baken Haven College"),
            ("het-baken", "Baken Hout Lyceum"),
            ("aeres", "Aeres VMBO Almere Buiten"),
            ("aeres", "Aeres VMBO Almere Stad"),
            ("aeres", "Aeres VMBO Almere Haven"),
            ("taalcentrum-almere", "ISK Almere Stad"),
            ("taalcentrum-almere", "ISK Almere Buiten"),
        ]
    ]
    + [
        ("MBO", "aeres", n)
        for n in [
            "Aeres MBO Almere Groen",
            "Aeres MBO Almere Dier",
            "Aeres MBO Almere Voeding",
            "Aeres MBO Almere Bloem",
            "Aeres MBO Almere Poort",
            "Aeres MBO Almere Hout",
        ]
    ]
    + [
        ("HBO", b, n)
        for b, n in [
            ("windesheim-flevoland", "Windesheim Flevoland Hospitaaldreef"),
            ("windesheim-flevoland", "Windesheim Flevoland Poort"),
            ("aeres", "Aeres Hogeschool Almere"),
        ]
    ]
)
# Where the name says where a school is, it is there; the rest is spread over the city.
PLAATS_IN_NAAM = {
    "Buiten": "buiten",
    "Haven": "haven",
    "Poort": "poort",
    "Hout": "hout",
    "Stad": "stad-west",
    "Park": "stad-oost",
}
STADSDELEN = [
    "haven",
    "stad-oost",
    "stad-west",
    "poort",
    "buiten",
    "hout",
    "stad-oost",
    "buiten",
    "stad-west",
    "pampus",
    "oosterwold",
    "haven",
]

VOORNAMEN = [
    "Anouk",
    "Bas",
    "Chantal",
    "Daan",
    "Esra",
    "Fatima",
    "Gijs",
    "Hanna",
    "Iris",
    "Jeroen",
    "Kees",
    "Lotte",
    "Mohamed",
    "Nadia",
    "Olaf",
    "Priya",
    "Quinten",
    "Rachid",
    "Sanne",
    "Tim",
    "Umut",
    "Vera",
    "Willem",
    "Yara",
    "Zoë",
    "Marloes",
    "Ruben",
    "Ilse",
    "Joost",
    "Samira",
    "Thijs",
    "Noor",
]
ACHTERNAMEN = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Kok",
    "Jacobs",
    "Yilmaz",
    "El Amrani",
    "Kaya",
    "Boateng",
    "Haddou",
    "Sarmo",
    "Nijhuis",
]
WET_VEILIGHEID_OP_SCHOOL = {"PO", "SBO", "SO", "VSO", "VO"}


def _vereist_debug():
    if not settings.DEMO_ACCOUNTS_ALLOWED:
        raise ImproperlyConfigured(
            "Demo-accounts worden alleen aangemaakt met DEBUG=1, nooit in productie."
        )


class _Namen:
    def __init__(self, rng):
        self.rng = rng
        self.gebruikt = set()

    def nieuw(self):
        while True:
            naam = (self.rng.choice(VOORNAMEN), self.rng.choice(ACHTERNAMEN))
            if naam not in self.gebruikt:
                self.gebruikt.add(naam)
                return naam


def _persoon(namen, organisatie, functie, leidinggevende=False, naam=None, email=None):
    voornaam, achternaam = naam or namen.nieuw()
    domein = organisatie.code.replace("-", "")
    return Persoon.objects.create(
        voornaam=voornaam,
        achternaam=achternaam,
        functie=functie,
        organisatie=organisatie,
        leidinggevende=leidinggevende,
        email=email
        or f"{voornaam[0].lower()}.{achternaam.split()[-1].lower()}@{domein}.demo.invalid",
    )


def _account_persoon(username, namen, functie, leidinggevende=False):
    _, _, first, last, org = next(a for a in DEMO_ACCOUNTS if a[0] == username)
    return _persoon(
        namen,
        Organisatie.objects.get(code=org),
        functie,
        leidinggevende,
        naam=(first, last),
        email=f"{username}@demo.invalid",
    )


def _wijs_toe(persoon, rol, begin=START, einde=None, **bereik):
    return Roltoewijzing.objects.create(
        persoon=persoon, rol=rol, begin=begin, einde=einde, **bereik
    )


@transaction.atomic
def maak_demo_gegevens() -> bool:
    """Fill an empty register with demo schools and people. Returns False if it was not empty."""
    _vereist_debug()
    if School.objects.exists():
        return False
    rng = random.Random(2023)
    namen = _Namen(rng)
    vandaag = timezone.localdate()
    org = {o.code: o for o in Organisatie.objects.all()}
    stadsdelen = {s.code: s for s in Stadsdeel.objects.prefetch_related("wijken")}
    gebieden = {g.code: g for g in Overleggebied.objects.all()}

    scholen = []
    for i, (sector, bestuur, naam) in enumerate(SCHOLEN):
        deel = next(
            (stadsdelen[c] for w, c in PLAATS_IN_NAAM.items() if w in naam),
            stadsdelen[STADSDELEN[i % len(STADSDELEN)]],
        )
        wijken = list(deel.wijken.all())
        vastgesteld = vandaag - timedelta(days=rng.randint(60, 900))
        school = School.objects.create(
            naam=naam,
            sector=sector,
            bestuur=org[bestuur],
            stadsdeel=deel,
            overleggebied=deel.overleggebied,
            wijk=rng.choice(wijken) if sector == "PO" or rng.random() < 0.5 else None,
            brin=f"{10 + i:02d}{chr(65 + i % 26)}{chr(65 + (i * 7) % 26)}00",
            straat=rng.choice(
                [
                    "Schoolstraat",
                    "Marktweg",
                    "Kerkgracht",
                    "Operetteweg",
                    "Landdrostdreef",
                    "Randstad",
                    "Bolderweg",
                    "Evenaar",
                ]
            ),
            huisnummer=str(rng.randint(1, 250)),
            postcode=f"13{rng.randint(10, 64)} "
            f"{chr(65 + rng.randint(0, 25))}{chr(65 + rng.randint(0, 25))}",
            # DEMO DATA: fictional addresses made from the school's name, not the schools'
            # real sites; a few schools have none, as in any real register.
            website="" if i % 9 == 4 else f"https://www.{slugify(naam)}.nl",
            veiligheidsplan_vastgesteld=None if i % 20 == 7 else vastgesteld,
            # a few plans are past their review date, so the completeness view shows them
            veiligheidsplan_herzien_uiterlijk=(
                None
                if i % 20 == 7
                else vandaag - timedelta(days=30)
                if i % 17 == 5
                else vandaag + timedelta(days=rng.randint(30, 900))
            ),
        )
        if sector == "PO" and i % 9 != 2:
            # Art. 5.1: most primary schools agreed a contact frequency with the police.
            school.politiecontact_per_jaar = [2, 4, 6][i % 3]
            school.save(update_fields=["politiecontact_per_jaar"])
        scholen.append(school)

    demo_school = next(s for s in scholen if s.naam == DEMO_SCHOOL)
    for i, school in enumerate(scholen):
        board = school.bestuur
        if school == demo_school:
            coordinator = _account_persoon("coordinator", namen, "Teamleider", True)
            cpv = _account_persoon("vertrouwenspersoon", namen, "Mentor en vertrouwenspersoon")
        else:
            coordinator = _persoon(
                namen,
                board,
                rng.choice(["Directeur", "Locatiedirecteur", "Teamleider", "Adjunct-directeur"]),
                True,
            )
            cpv = _persoon(namen, board, rng.choice(["Intern begeleider", "Mentor", "Docent"]))
        if i % 13 != 4:  # a few schools have no coordinator (art. 2.1)
            if i % 11 == 3:  # and some changed coordinator: history is kept
                vorige = _persoon(namen, board, "Directeur", True)
                _wijs_toe(vorige, R.COORDINATOR_VEILIGHEID, einde=date(2024, 7, 31), school=school)
                _wijs_toe(
                    coordinator, R.COORDINATOR_VEILIGHEID, begin=date(2024, 8, 1), school=school
                )
            else:
                _wijs_toe(coordinator, R.COORDINATOR_VEILIGHEID, school=school)
        if i % 19 != 9:  # ... or no confidential contact person (art. 2.2)
            _wijs_toe(cpv, R.CONTACTPERSOON_VERTROUWENSZAKEN, school=school)
        if school.sector in WET_VEILIGHEID_OP_SCHOOL:
            _wijs_toe(cpv, R.ANTIPESTCOORDINATOR, school=school)
            _wijs_toe(cpv, R.AANSPREEKPUNT_PESTEN, school=school)
        if school.sector not in {"HBO"}:
            _wijs_toe(coordinator, R.AANDACHTSFUNCTIONARIS, school=school)

    # Police: two contact persons per area, each for half of the area's schools (art. 3.1).
    politie = org["politie"]
    for code, gebied in gebieden.items():
        agenten = [
            _account_persoon("politie", namen, "Wijkagent jeugd")
            if code == DEMO_GEBIED and n == 0
            else _persoon(namen, politie, "Wijkagent jeugd")
            for n in range(2)
        ]
        in_gebied = [s for s in scholen if s.overleggebied_id == gebied.pk]
        for n, school in enumerate(in_gebied):
            if school != demo_school and n % 9 == 8:
                continue  # a few schools wait for a police contact
            agent = agenten[0] if school == demo_school else agenten[n % 2]
            _wijs_toe(agent, R.POLITIE_CONTACTPERSOON, school=school)
        vm = (
            _account_persoon("veiligheidsmanager", namen, "Veiligheidsmanager")
            if code == DEMO_GEBIED
            else _persoon(namen, org["gemeente-almere"], "Veiligheidsmanager")
        )
        _wijs_toe(vm, R.VEILIGHEIDSMANAGER, overleggebied=gebied)

    _wijs_toe(
        _account_persoon("expert", namen, "Operationeel expert jeugd"),
        R.POLITIE_OPERATIONEEL_EXPERT,
    )
    _wijs_toe(
        _account_persoon("projectleider", namen, "Projectleider schoolveiligheid"), R.PROJECTLEIDER
    )
    for code in ["gemeente-almere", "politie", "het-baken", "aeres"]:
        _wijs_toe(
            _persoon(namen, org[code], "Communicatieadviseur"),
            R.COMMUNICATIEMEDEWERKER,
            organisatie=org[code],
        )
    for o in org.values():
        if o.soort == Organisatie.Soort.SCHOOLBESTUUR:
            bestuurder = (
                _account_persoon("bestuurder", namen, "Voorzitter college van bestuur")
                if o.code == "aeres"
                else _persoon(namen, o, "Voorzitter college van bestuur")
            )
            _wijs_toe(bestuurder, R.BESTUURDER, organisatie=o)
    return True


def maak_demo_accounts() -> list[tuple[Gebruiker, bool]]:
    """Create the demo accounts that are missing and link each to its demo person, whose role
    assignments are the account's roles (the administrator's is a property of the account).

    Existing accounts (and their passwords) stay as they are. An account whose person holds
    no current assignment of its demo role (a register filled before) gets one without a
    scope, so every demo account can act in its role.
    """
    _vereist_debug()
    organisaties = {o.code: o for o in Organisatie.objects.all()}
    result = []
    for username, rol, first, last, org in DEMO_ACCOUNTS:
        user, created = Gebruiker.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.invalid",
                "organisatie": organisaties.get(org),
                "is_beheerder": rol == Rol.BEHEERDER,
                "is_staff": rol == Rol.BEHEERDER,
                "is_superuser": rol == Rol.BEHEERDER,
            },
        )
        if created:
            user.set_password(settings.DEMO_PASSWORD)
            user.save(update_fields=["password"])
        Persoon.objects.filter(email=user.email, gebruiker__isnull=True).update(gebruiker=user)
        if rol != Rol.BEHEERDER:
            _zorg_voor_rol(user, rol, organisaties.get(org))
        result.append((user, created))
    return result


def _zorg_voor_rol(user, rol, organisatie):
    persoon = Persoon.objects.filter(gebruiker=user).first()
    vandaag = timezone.localdate()
    if persoon and Roltoewijzing.objects.actief_op(vandaag).filter(persoon=persoon, rol=rol):
        return
    if persoon is None:
        persoon = Persoon.objects.create(
            voornaam=user.first_name,
            achternaam=user.last_name,
            email=user.email,
            organisatie=organisatie or Organisatie.objects.order_by("pk").first(),
            leidinggevende=rol == Rol.COORDINATOR_VEILIGHEID,
            gebruiker=user,
        )
    _wijs_toe(persoon, rol, begin=vandaag)
