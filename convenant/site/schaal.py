"""A city at scale for the benchmark (issue 15): `manage.py vul_stad --schaal S --zaad N`.

Scale 1 is Almere today: 200 school locations (a board per 8, new boards signing the covenant
on its first day), their people in the covenant's roles, 50,000 incidents over the last five
years (people involved, measures, police reports with their steps and notes, meldcode records)
and 3,000 meetings of the kinds in Overlegvorm with participants, reports and action points.
Scale 10 is ten times that. Every coordinator, confidential contact person and police contact
(one per ten schools of an area) has an account, as the incidents need someone who recorded
them; all share one hash of settings.DEMO_PASSWORD. Everything is drawn from
random.Random(zaad) with today as the only anchor: every moment lies before today's midnight
(meetings planned ahead after it), so the same seed on the same register gives the same city
on the same day.

The rows are what the services would have written (meldingen.diensten, overleggen.diensten),
without their save() or full_clean(): police steps follow regels.OVERGANGEN, an incident the
police must know of is closed only with its police report, the response date is
regels.uiterste_reactiedatum of the category set's regels.reactietermijn (once per set and
day), parents are informed only of minors, the people of incidents closed longer ago than the
retention period are anonymised as meldingen.bewaren's nightly run would have done, meetings'
participants are overleggen.regels.voorgestelde_deelnemers. Written in batches: with COPY on
PostgreSQL (ids taken from the sequences first), with bulk_create elsewhere. Both bypass
django-simple-history, so the history the application would have left is written too, with
its own moments: an incident created, shared (art. 2.2) and closed, with its categories; a
person involved, a measure, a police report, a meldcode record and step created; a meeting
planned and its report recorded, with its participants; the register's rows created. A
creation record carries a row's final state where the application would have recorded a
later change (parents informed; an anonymisation writes no history anyway). Not written: read
logs (Inzage), the log of access grants (Toegangswijziging), messages (berichten),
reopenings, attachments and statements (art. 9.1).

Incidents and meetings before the covenant's first year lie outside the forms' date window
(partijen.tijdvenster): their pages show them, an edit must move their date.
"""

import math
import random
from bisect import bisect
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from time import monotonic

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.utils import timezone, translation
from django.utils.text import slugify

from convenant.models import Convenant, Ondertekening
from convenant.regels import eerste_ondertekening
from meldingen import politietelling, regels, telling
from meldingen.meldcode import MeldcodeDossier, MeldcodeStap
from meldingen.models import (
    Betrokkene,
    Categorie,
    Maatregel,
    Melding,
    Politiemelding,
    Politienotitie,
    PolitieStatus,
)
from overleggen import naleving
from overleggen import regels as overlegregels
from overleggen.models import Actiepunt, Overleg, Overlegvorm
from partijen.demo import ACHTERNAMEN, VOORNAMEN, WET_VEILIGHEID_OP_SCHOOL, _vereist_debug
from partijen.models import (
    Gebruiker,
    Organisatie,
    Overleggebied,
    Persoon,
    Rol,
    Roltoewijzing,
    School,
    Sector,
    Wijk,
)

BATCH = 5000
JAREN = 5
PER_SCHAAL = {"scholen": 200, "meldingen": 50_000, "overleggen": 3_000}
SCHOLEN_PER_BESTUUR = 8
SCHOLEN_PER_AGENT = 10

# Twenty locations in Almere's proportions, ordered so that even two locations differ.
SECTOREN = ["VO", "PO", "MBO", "PO", "SO", "PO", "VO", "PO", "PO", "SBO"]
SECTOREN += ["PO", "VO", "PO", "MBO", "PO", "VSO", "PO", "PO", "HBO", "PO"]
VOORVOEGSEL = {"PO": "Basisschool", "SBO": "SBO", "SO": "SO", "VO": "College", "VSO": "VSO"}
VOORVOEGSEL |= {"MBO": "MBO College", "HBO": "Hogeschool"}
SCHOOLNAMEN = "De Linde|Het Anker|De Wissel|Het Palet|De Meander|Polderlicht|De Vaart|Het Baken"
SCHOOLNAMEN = SCHOOLNAMEN.split("|") + ["De Regenboog", "Het Kompas", "De Horizon", "Flevo"]
# Incidents per location, relative to a primary school; the students' ages per sector.
INCIDENTEN_PER_SECTOR = {"PO": 1, "SBO": 2, "SO": 2, "VO": 5, "VSO": 3, "MBO": 4, "HBO": 1}
LEEFTIJDEN = {"PO": (4, 12), "SBO": (6, 13), "SO": (4, 18), "VO": (12, 18), "VSO": (12, 20)}
LEEFTIJDEN |= {"MBO": (16, 23), "HBO": (17, 30)}

# The mix of main categories per 100 incidents; a category an administrator added counts 1.
CATEGORIEMIX = {
    "grove-pesterijen": 16,
    "fysiek-geweld-letsel": 14,
    "vernieling-diefstal": 12,
    "cyberpesten": 10,
    "bedreiging": 10,
    "zorgsignaal": 8,
    "discriminatie": 7,
    "drugs": 7,
    "wapenbezit": 4,
    "seksuele-intimidatie": 4,
    "fysiek-geweld-wapens": 2,
    "misdrijf": 2,
    "seksueel-misbruik": 1,
    "verboden-middelen": 1,
    "dreiging-school": 1,
}
OMSCHRIJVINGEN = {
    "grove-pesterijen": "Een leerling wordt al weken in de pauze uitgescholden en geduwd.",
    "fysiek-geweld-letsel": "Vechtpartij op het plein; een leerling had een bloedneus.",
    "vernieling-diefstal": "Een telefoon is uit een jaszak in de gang gestolen.",
    "cyberpesten": "In een groepsapp worden foto's van een leerling gedeeld met kwetsende tekst.",
    "bedreiging": "Een leerling heeft een docent na een les bedreigd.",
    "zorgsignaal": "Een leerling komt vaak zonder ontbijt en met blauwe plekken op school.",
    "discriminatie": "Een leerling is uitgescholden om haar afkomst.",
    "drugs": "Bij een controle in de fietsenstalling is een zakje met wiet gevonden.",
    "wapenbezit": "Een leerling liet in de klas een mes zien.",
    "seksuele-intimidatie": "Een leerling wordt op de gang steeds nageroepen en aangeraakt.",
    "fysiek-geweld-wapens": "Bij een ruzie voor de school is een leerling met een stok geslagen.",
    "misdrijf": "Bij de ingang van de school is een scooter in brand gestoken.",
    "seksueel-misbruik": "Een leerling vertelt over grensoverschrijdend gedrag van een volwassene.",
    "verboden-middelen": "Een leerling verkocht lachgas op het schoolplein.",
    "dreiging-school": "Op sociale media is gedreigd met geweld tegen de school.",
}
ZWAAR = {"fysiek-geweld-letsel", "fysiek-geweld-wapens", "wapenbezit", "drugs", "bedreiging"}
KLUISJE_BIJ = {"drugs", "wapenbezit", "verboden-middelen", "vernieling-diefstal"}

P, S, U = Melding.Plaats, PolitieStatus.Status, PolitieStatus.Uitkomst
AFGESLOTEN = Melding.Status.AFGESLOTEN
AANGIFTE, MELDING = Politiemelding.Soort.AANGIFTE, Politiemelding.Soort.MELDING
B, M = Betrokkene, Maatregel.Soort
# The police's paths after "reported" (regels.OVERGANGEN), and how often each is taken.
PADEN = [
    ((S.IN_BEHANDELING, S.INTERVENTIE, S.AFGEROND), 52),
    ((S.IN_BEHANDELING, S.AFGEROND), 20),
    ((S.AFGEROND,), 13),
    ((S.IN_BEHANDELING, S.INTERVENTIE), 10),
    ((S.IN_BEHANDELING,), 3),
    ((), 2),
]
MAATREGELEN = [(M.GESPREK, 45), (M.TIME_OUT, 15), (M.SCHORSING, 18), (M.VERWIJDERING, 2)]
MAATREGELEN += [(M.KLUISJE, 5), (M.VERWIJZING, 15)]
VERSLAG = "Besproken: incidenten van de afgelopen periode, trends en de afspraken van vorige keer."
ACTIES = ["Voorlichting plannen", "Afspraken delen met de teams", "Cijfers aanvullen"]
ACTIES += ["Contact leggen met Leerplicht", "Rondgang rond de school organiseren"]


@dataclass
class Locatie:
    """A generated school with the people the generator needs of it."""

    school: School
    coordinator: Persoon
    vertrouwenspersoon: Persoon
    politie: Persoon | None = None


@dataclass(frozen=True)
class Keuze:
    """A set of categories with what the rules say of it, computed once per set."""

    ids: tuple[int, ...]
    code: str
    verplicht: bool
    optioneel: bool
    meldcode: bool
    termijn: int
    reden: tuple[str, str]  # art. 8: the reason recorded, (named, anonymous)


class AlGevuld(Exception):
    """The city of this seed is in the database already (its accounts exist)."""


@contextmanager
def _eigen_tijden():
    """bulk_create sets auto_now_add fields to now; the generated rows have their own past."""
    velden = [
        m._meta.get_field(f)
        for m, f in [
            (Melding, "aangemaakt"),
            (PolitieStatus, "tijdstip"),
            (Politienotitie, "tijdstip"),
            (MeldcodeDossier, "geopend_op"),
            (MeldcodeStap, "vastgelegd_op"),
        ]
    ]
    for veld in velden:
        veld.auto_now_add = False
    try:
        yield
    finally:
        for veld in velden:
            veld.auto_now_add = True


_HISTORIE: dict = {}  # model -> its historical model (the history descriptor is costly)


class Rij:
    """A row of a model that nothing reads back as an object (history, many-to-many links):
    a model instance's __init__ would be the largest cost of the whole generator."""

    __slots__ = ("model", "__dict__")

    def __init__(self, model, **velden):
        self.model = model
        self.__dict__.update(velden)


def _historisch(obj, moment, door_id, soort="+", **velden):
    """The record django-simple-history would have written for obj at that moment."""
    model = _HISTORIE.get(type(obj)) or _HISTORIE.setdefault(type(obj), type(obj).history.model)
    waarden = {f.attname: getattr(obj, f.attname) for f in model.tracked_fields}
    waarden.update(velden)
    return Rij(model, history_date=moment, history_user_id=door_id, history_type=soort, **waarden)


def _kopieer(model, rijen):
    """bulk_create as COPY: the ids taken from the table's sequence first, so that the rows
    after it (children, history) can point at them. bulk_create spends most of its time
    preparing every field of every row for SQL; these values are plain already, and the
    database still checks every constraint."""
    if not rijen:
        return
    meta, qn = model._meta, connection.ops.quote_name
    velden = meta.concrete_fields
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(rijen)],
        )
        for obj, (pk,) in zip(rijen, cursor.fetchall(), strict=True):
            setattr(obj, meta.pk.attname, pk)
            if isinstance(obj, Model):
                obj._state.adding, obj._state.db = False, connection.alias
        kolommen = ", ".join(qn(f.column) for f in velden)
        with cursor.cursor.copy(f"COPY {qn(meta.db_table)} ({kolommen}) FROM STDIN") as copy:
            for obj in rijen:
                if isinstance(obj, Model):  # the ids of parents saved since it was made
                    obj._prepare_related_fields_for_save(operation_name="bulk_create")
                copy.write_row([_waarde(getattr(obj, f.attname, None)) for f in velden])


def _waarde(waarde):
    return waarde.name if isinstance(waarde, FieldFile) else waarde


class Stad:
    """The generator: `vul()` writes the register, the incidents and the meetings, each part
    timed; `gemaakt` counts the rows per model, `locaties` holds the schools and their people."""

    def __init__(self, schaal: float, zaad: int, *, geschiedenis=True, melden=print):
        self.rng = random.Random(zaad)
        self.prefix = f"stad{zaad}"
        self.geschiedenis = geschiedenis
        self.melden = melden
        self.aantal = {k: max(1, round(v * schaal)) for k, v in PER_SCHAAL.items()}
        self.vandaag = timezone.localdate()
        self.tz = timezone.get_current_timezone()
        self.nu = datetime.combine(self.vandaag, time(0), tzinfo=self.tz)
        self.begin = self.vandaag - timedelta(days=JAREN * 365)
        self.start = eerste_ondertekening() or date(2023, 11, 14)
        self.gemaakt: dict[str, int] = {}
        self.accounts: dict[str, list[str]] = {}
        self._uiterlijk: dict = {}

    def _moment(self, dag, van=8, tot=16):
        return datetime.combine(
            dag, time(self.rng.randint(van, tot), self.rng.randrange(0, 60, 5)), tzinfo=self.tz
        )

    def _schrijf(self, model, rijen):
        if connection.vendor == "postgresql":
            for begin in range(0, len(rijen), BATCH):
                _kopieer(model, rijen[begin : begin + BATCH])
        else:  # SQLite: a fresh checkout's database
            objs = [r if isinstance(r, Model) else model(**r.__dict__) for r in rijen]
            model.objects.bulk_create(objs, batch_size=BATCH)
            for r, obj in zip(rijen, objs, strict=True):
                setattr(r, model._meta.pk.attname, obj.pk)
        if rijen:
            naam = model._meta.label
            self.gemaakt[naam] = self.gemaakt.get(naam, 0) + len(rijen)
            if model in naleving.stand_modellen():
                naleving.verhoog_stand()  # bulk writes send no signals
        return rijen

    def _historie(self, rijen):
        """Write historical records (none when the history is switched off); returns them."""
        if not self.geschiedenis or not rijen:
            return []
        return self._schrijf(rijen[0].model, rijen)

    def _koppel(self, model, veld, per_object):
        """Bulk-write the rows of a many-to-many field: per object (saved) the target ids.
        Returns the through rows per object, which its history copies."""
        tussen = getattr(model, veld).through
        doel = model._meta.get_field(veld).related_model
        eigen, doel = (f"{m._meta.model_name}_id" for m in (model, doel))
        rijen = [[Rij(tussen, **{eigen: o.pk, doel: d}) for d in ids] for o, ids in per_object]
        self._schrijf(tussen, [r for groep in rijen for r in groep])
        return rijen

    def _m2m_historie(self, model, veld, records, per_record):
        """simple-history keeps the many-to-many rows as they were with each record."""
        historisch = apps.get_model(model._meta.app_label, f"Historical{model.__name__}_{veld}")
        kolommen = [f.attname for f in getattr(model, veld).through._meta.concrete_fields]
        self._schrijf(
            historisch,
            [
                Rij(historisch, history_id=r.history_id, **{k: getattr(t, k) for k in kolommen})
                for r, rijen in zip(records, per_record, strict=True)
                for t in rijen
            ],
        )

    def vul(self):
        _vereist_debug()
        if Gebruiker.objects.filter(username__startswith=f"{self.prefix}-").exists():
            raise AlGevuld(self.prefix)
        with transaction.atomic(), _eigen_tijden(), translation.override(settings.LANGUAGE_CODE):
            for deel, stap in [
                ("register", self.vul_register),
                ("meldingen", self.vul_meldingen),
                ("overleggen", self.vul_overleggen),
            ]:
                begin = monotonic()
                stap()
                self.melden(f"{deel}: klaar in {monotonic() - begin:.1f} s")
            # COPY sends no signals: the figures' and the evaluation's counts from the rows.
            begin = monotonic()
            telling.herbouw()
            politietelling.herbouw()
            self.melden(f"tellingen: klaar in {monotonic() - begin:.1f} s")
        return self

    # -- the register: boards, schools, people in their roles, accounts ---------------------

    def _persoon(self, organisatie, functie, account=None, leidinggevende=False):
        voornaam, achternaam = self.rng.choice(VOORNAMEN), self.rng.choice(ACHTERNAMEN)
        persoon = Persoon(
            voornaam=voornaam,
            achternaam=achternaam,
            functie=functie,
            organisatie=organisatie,
            leidinggevende=leidinggevende,
        )
        if account:
            username = f"{self.prefix}-{account}"
            persoon.email = f"{username}@{self.prefix}.demo.invalid"
            persoon.gebruiker = Gebruiker(
                username=username,
                first_name=voornaam,
                last_name=achternaam,
                email=persoon.email,
                organisatie=organisatie,
                password=self.wachtwoord,
                date_joined=datetime.combine(self.start, time(9), tzinfo=self.tz),
                last_login=self.nu - timedelta(minutes=self.rng.randint(60, 30 * 24 * 60)),
            )
            self.accounts.setdefault(account.rsplit("-", 1)[0], []).append(username)
        self.personen.append(persoon)
        return persoon

    def _wijs_toe(self, persoon, rol, begin=None, einde=None, **bereik):
        self.toewijzingen.append(
            Roltoewijzing(
                persoon=persoon, rol=rol, begin=begin or self.start, einde=einde, **bereik
            )
        )

    def vul_register(self):
        rng, n = self.rng, self.aantal["scholen"]
        # One hash for every account: the demo password, with a salt fixed by the seed.
        self.wachtwoord = make_password(settings.DEMO_PASSWORD, salt=f"{self.prefix}vulstad" * 3)
        self.personen, self.toewijzingen = [], []
        politie = Organisatie.objects.get(soort=Organisatie.Soort.POLITIE, code="politie")
        besturen = list(
            Organisatie.objects.filter(soort=Organisatie.Soort.SCHOOLBESTUUR).order_by("pk")
        )
        nieuw = [
            Organisatie(
                code=f"{self.prefix}-bestuur-{k:03d}",
                naam=f"Stichting {rng.choice(SCHOOLNAMEN)} {k}",
                soort=Organisatie.Soort.SCHOOLBESTUUR,
            )
            for k in range(1, max(0, math.ceil(n / SCHOLEN_PER_BESTUUR) - len(besturen)) + 1)
        ]
        besturen += self._schrijf(Organisatie, nieuw)
        convenant = Convenant.objects.actueel()
        ondertekend = self._schrijf(
            Ondertekening,
            [
                Ondertekening(
                    convenant=convenant,
                    organisatie=o,
                    datum=self.start,
                    functie="Voorzitter college van bestuur",
                )
                for o in nieuw
            ],
        )
        wijken = list(Wijk.objects.select_related("stadsdeel").order_by("pk"))
        rng.shuffle(wijken)
        scholen = []
        for i in range(n):
            sector, wijk = SECTOREN[i % len(SECTOREN)], wijken[i % len(wijken)]
            naam = f"{VOORVOEGSEL[sector]} {rng.choice(SCHOOLNAMEN)} {i + 1}"
            vastgesteld = self.vandaag - timedelta(days=rng.randint(60, 900))
            scholen.append(
                School(
                    naam=naam,
                    brin=f"S{i + 1:05d}",
                    sector=sector,
                    bestuur=besturen[(i // SCHOLEN_PER_BESTUUR) % len(besturen)],
                    stadsdeel=wijk.stadsdeel,
                    overleggebied_id=wijk.stadsdeel.overleggebied_id,
                    wijk=wijk if sector == Sector.PO or rng.random() < 0.5 else None,
                    straat=rng.choice(["Schoolstraat", "Marktweg", "Kerkgracht", "Randstad"]),
                    huisnummer=str(rng.randint(1, 250)),
                    postcode=f"13{rng.randint(10, 64)} {rng.choice('ABCDEFGHJKLMNPRSTVWXZ') * 2}",
                    website="" if i % 9 == 4 else f"https://www.{slugify(naam)}.nl",
                    veiligheidsplan_vastgesteld=None if i % 20 == 7 else vastgesteld,
                    veiligheidsplan_herzien_uiterlijk=None
                    if i % 20 == 7
                    else self.vandaag + timedelta(days=rng.randint(-60, 900)),
                    politiecontact_per_jaar=[2, 4, 6][i % 3]
                    if sector == Sector.PO and i % 9 != 2
                    else None,
                )
            )
        self._schrijf(School, scholen)
        wissel = date(2024, 8, 1)
        self.locaties = []
        for i, school in enumerate(scholen):
            nr, bestuur = f"{i + 1:04d}", school.bestuur
            functie = rng.choice(["Directeur", "Locatiedirecteur", "Teamleider"])
            loc = Locatie(
                school,
                self._persoon(bestuur, functie, f"coordinator-{nr}", leidinggevende=True),
                self._persoon(bestuur, "Intern begeleider", f"vertrouwenspersoon-{nr}"),
            )
            if i % 11 == 3 and self.start < wissel:  # the coordinator changed: history is kept
                vorige = self._persoon(bestuur, "Directeur", leidinggevende=True)
                einde = wissel - timedelta(days=1)
                self._wijs_toe(vorige, Rol.COORDINATOR_VEILIGHEID, school=school, einde=einde)
                self._wijs_toe(loc.coordinator, Rol.COORDINATOR_VEILIGHEID, wissel, school=school)
            else:
                self._wijs_toe(loc.coordinator, Rol.COORDINATOR_VEILIGHEID, school=school)
            if school.sector != Sector.HBO:
                self._wijs_toe(loc.coordinator, Rol.AANDACHTSFUNCTIONARIS, school=school)
            self._wijs_toe(
                loc.vertrouwenspersoon, Rol.CONTACTPERSOON_VERTROUWENSZAKEN, school=school
            )
            if school.sector in WET_VEILIGHEID_OP_SCHOOL:
                self._wijs_toe(loc.vertrouwenspersoon, Rol.ANTIPESTCOORDINATOR, school=school)
                self._wijs_toe(loc.vertrouwenspersoon, Rol.AANSPREEKPUNT_PESTEN, school=school)
            self.locaties.append(loc)
        # Art. 3.1: one police contact per ten schools of an area.
        per_gebied = sorted(self.locaties, key=lambda loc: loc.school.overleggebied_id)
        agent = None
        for k, loc in enumerate(per_gebied):
            vorige = per_gebied[k - 1].school.overleggebied_id if k else None
            if k % SCHOLEN_PER_AGENT == 0 or loc.school.overleggebied_id != vorige:
                nr = f"{len(self.accounts.get('politie', [])) + 1:03d}"
                agent = self._persoon(politie, "Wijkagent jeugd", f"politie-{nr}")
            loc.politie = agent
            self._wijs_toe(agent, Rol.POLITIE_CONTACTPERSOON, school=loc.school)
        for bestuur in nieuw:
            bestuurder = self._persoon(bestuur, "Voorzitter college van bestuur")
            self._wijs_toe(bestuurder, Rol.BESTUURDER, organisatie=bestuur)
        self._schrijf(Gebruiker, [p.gebruiker for p in self.personen if p.gebruiker])
        self._schrijf(Persoon, self.personen)
        self._schrijf(Roltoewijzing, self.toewijzingen)
        ingeschreven = datetime.combine(self.start, time(10), tzinfo=self.tz)
        for rijen in (nieuw, ondertekend, scholen, self.personen, self.toewijzingen):
            self._historie([_historisch(r, ingeschreven, None) for r in rijen])
        # Who plans the city's and the areas' meetings: the demo's projectleider if there is one.
        self.planner = (
            Gebruiker.objects.filter(username="projectleider").values_list("pk", flat=True).first()
            or self.locaties[0].coordinator.gebruiker_id
        )
        self.melden(f"register: {n} scholen, {len(self.personen)} personen")

    # -- incidents ---------------------------------------------------------------------------

    def vul_meldingen(self):
        categorieen = list(
            Categorie.objects.filter(actief=True).select_related("bovenliggend").order_by("pk")
        )
        self.hoofd = [c for c in categorieen if c.bovenliggend_id is None]
        self.hoofd_gewicht = [CATEGORIEMIX.get(c.code, 1) for c in self.hoofd]
        self.subs: dict[int, list] = {}
        for c in categorieen:
            if c.bovenliggend_id:
                self.subs.setdefault(c.bovenliggend_id, []).append(c)
        self.keuzes: dict = {}
        gewichten = [INCIDENTEN_PER_SECTOR.get(loc.school.sector, 1) for loc in self.locaties]
        self.cum = list(accumulate(gewichten))
        totaal = self.aantal["meldingen"]
        for gedaan in range(0, totaal, BATCH):
            self._meldingen_blok(min(BATCH, totaal - gedaan))
            if (gedaan // BATCH) % 10 == 9 or gedaan + BATCH >= totaal:
                self.melden(f"meldingen: {min(gedaan + BATCH, totaal)} van {totaal}")

    def _keuze(self) -> Keuze:
        rng = self.rng
        hoofd = rng.choices(self.hoofd, weights=self.hoofd_gewicht)[0]
        gekozen = [hoofd]
        if self.subs.get(hoofd.pk) and rng.random() < 0.6:
            gekozen = [rng.choice(self.subs[hoofd.pk])]
        if rng.random() < 0.12:
            tweede = rng.choices(self.hoofd, weights=self.hoofd_gewicht)[0]
            if tweede.pk != hoofd.pk:
                gekozen.append(tweede)
        ids = tuple(c.pk for c in gekozen)
        if ids not in self.keuzes:
            self.keuzes[ids] = Keuze(
                ids=ids,
                code=hoofd.code,
                verplicht=bool(regels.politie_verplicht(gekozen)),
                optioneel=bool(regels.politie_optioneel(gekozen)),
                meldcode=regels.meldcode_route(gekozen),
                termijn=regels.reactietermijn(gekozen),
                reden=tuple(
                    regels.reden_voor_persoonsgegevens(gekozen, anoniem, "Nodig voor de aanpak")
                    or ""
                    for anoniem in (False, True)
                ),
            )
        return self.keuzes[ids]

    def _meldingen_blok(self, aantal):
        nieuw = [self._melding() for _ in range(aantal)]
        meldingen = self._schrijf(Melding, [n["melding"] for n in nieuw])
        koppels = self._koppel(
            Melding, "categorieen", [(m, n["ids"]) for m, n in zip(meldingen, nieuw, strict=True)]
        )
        soorten = [Betrokkene, Maatregel, Politiemelding, PolitieStatus, Politienotitie]
        soorten += [MeldcodeDossier, MeldcodeStap]
        rijen = {model: [r for n in nieuw for r in n[model]] for model in soorten}
        for model in soorten:
            self._schrijf(model, rijen[model])
        if not self.geschiedenis:
            return
        records, per_record = [], []
        for m, n, koppel in zip(meldingen, nieuw, koppels, strict=True):
            for moment, door, soort, velden in n["historie"]:
                records.append(_historisch(m, moment, door, soort, **velden))
                per_record.append(koppel)
        self._m2m_historie(Melding, "categorieen", self._historie(records), per_record)
        for model in (Betrokkene, Maatregel, Politiemelding, MeldcodeDossier, MeldcodeStap):
            self._historie([_historisch(r, *r._historie) for r in rijen[model]])
        self._historie(
            [
                _historisch(d, d.afgesloten_op, d.geopend_door_id, "~")
                for d in rijen[MeldcodeDossier]
                if d.afgesloten_op
            ]
        )

    def _melding(self) -> dict:
        rng = self.rng
        loc = self.locaties[min(bisect(self.cum, rng.random() * self.cum[-1]), len(self.cum) - 1)]
        dag = self.vandaag - timedelta(days=rng.randint(1, JAREN * 365))
        if dag.weekday() >= 5 and rng.random() < 0.85:
            dag -= timedelta(days=dag.weekday() - 4)  # school days: back to the Friday
        tijdstip = self._moment(dag)
        keuze = self._keuze()
        vertrouwelijk = rng.random() < 0.05
        melder = loc.vertrouwenspersoon if vertrouwelijk else loc.coordinator
        aangemaakt = min(
            tijdstip + timedelta(minutes=rng.randint(10, 600)), self.nu - timedelta(minutes=5)
        )
        plaats = (
            P.ONLINE if keuze.code == "cyberpesten" else rng.choices(list(P), (60, 20, 12, 8))[0]
        )
        melding = Melding(
            school_id=loc.school.pk,
            tijdstip=tijdstip,
            plaats=plaats,
            omschrijving=OMSCHRIJVINGEN.get(keuze.code, "Incident op school."),
            vertrouwelijk=vertrouwelijk,
            vastgelegd_door_id=melder.gebruiker_id,
            aangemaakt=aangemaakt,
        )
        open_ = {"status": Melding.Status.OPEN, "afgesloten_op": None, "versie": 1}
        historie = [
            (aangemaakt, melder.gebruiker_id, "+", {**open_, "gedeeld_met_coordinator": None})
        ]
        laatste = aangemaakt
        if vertrouwelijk and rng.random() < 0.4:  # art. 2.2: shared with the coordinator
            gedeeld = aangemaakt + timedelta(hours=rng.randint(2, 240))
            if gedeeld < self.nu:
                melding.gedeeld_met_coordinator = laatste = gedeeld
                historie.append((gedeeld, melder.gebruiker_id, "~", open_))
        uit = {"melding": melding, "ids": keuze.ids, "historie": historie}
        uit[Betrokkene] = self._betrokkenen(melding, loc, dag, keuze, aangemaakt, melder)
        uit[Maatregel] = self._maatregelen(melding, dag, keuze, aangemaakt, melder)
        for m in uit[Maatregel]:
            laatste = max(laatste, m._historie[0])
        kans = 0.0
        if keuze.verplicht:
            kans = 0.99 if (self.vandaag - dag).days > 90 else 0.8
        elif keuze.optioneel:
            kans = 0.15
        stappen, notities, pm = [], [], None
        if rng.random() < kans:
            pm, stappen, notities = self._politie(melding, loc, keuze, dag, aangemaakt, melder)
            laatste = max(laatste, stappen[-1].tijdstip)
            melding.politiestatus = stappen[-1].status  # as PolitieStatus.save() keeps it
        uit[Politiemelding] = [pm] if pm else []
        uit[PolitieStatus], uit[Politienotitie] = stappen, notities
        uit[MeldcodeDossier], uit[MeldcodeStap] = [], []
        if keuze.meldcode and rng.random() < 0.7:
            self._meldcode(uit, melding, loc, dag, aangemaakt)
        # Art. 2.4, 2.5, 2.10: closed only with the police report; here after the police's end.
        stap = stappen[-1].status if stappen else None
        kan = (pm or not keuze.verplicht) and (
            stap in (None, S.AFGEROND) or (stap == S.INTERVENTIE and rng.random() < 0.3)
        )
        oud = (self.vandaag - dag).days
        if kan and rng.random() < (0.92 if oud > 90 else 0.6 if oud > 21 else 0.2):
            dicht = laatste + timedelta(hours=rng.randint(1, 14 * 24))
            if dicht < self.nu:
                melding.status, melding.afgesloten_op, melding.versie = AFGESLOTEN, dicht, 2
                sluiter = (
                    melder
                    if vertrouwelijk and not melding.gedeeld_met_coordinator
                    else loc.coordinator
                )
                historie.append((dicht, sluiter.gebruiker_id, "~", {}))
                self._bewaren(melding, uit[Betrokkene], dag)
        return uit

    def _bewaren(self, melding, betrokkenen, dag):
        """As meldingen.bewaren's nightly run: anonymised after the retention period."""
        verlopen = melding.afgesloten_op + timedelta(days=settings.BEWAARTERMIJN_DAGEN)
        nacht = datetime.combine(verlopen.date() + timedelta(days=1), time(3), tzinfo=self.tz)
        if nacht >= self.nu:
            return
        for b in betrokkenen:
            if b.geboortedatum and b.leeftijd is None:
                b.leeftijd = regels.leeftijd_op(b.geboortedatum, dag)
            b.naam, b.geboortedatum, b.geanonimiseerd_op = "", None, nacht

    def _betrokkenen(self, melding, loc, dag, keuze, aangemaakt, melder):
        rng, rijen = self.rng, []
        eerste = B.Rol.SLACHTOFFER if keuze.meldcode else B.Rol.DADER
        rollen = [eerste, B.Rol.SLACHTOFFER if eerste == B.Rol.DADER else B.Rol.MELDER]
        rollen.append(rng.choice([B.Rol.GETUIGE, B.Rol.MELDER]))
        for rol in rollen[: rng.choices((0, 1, 2, 3), (10, 35, 35, 20))[0]]:
            soort = rng.choices(list(B.Soort), (85, 8, 4, 3))[0]
            van, tot = {
                B.Soort.LEERLING: LEEFTIJDEN[loc.school.sector],
                B.Soort.MEDEWERKER: (22, 64),
            }.get(soort, (16, 70))
            jaren = rng.randint(van, tot)
            geboren = dag - timedelta(days=jaren * 365 + jaren // 4 + rng.randint(0, 364))
            bekend = rng.random()
            geboortedatum = geboren if soort == B.Soort.LEERLING and bekend < 0.8 else None
            leeftijd = (
                regels.leeftijd_op(geboren, dag) if not geboortedatum and bekend < 0.9 else None
            )
            ouders = None
            if soort == B.Soort.LEERLING and rng.random() < 0.6:
                op = min(dag + timedelta(days=rng.randint(0, 3)), self.vandaag - timedelta(days=1))
                if regels.ouders_informeren_toegestaan(soort, dag, geboortedatum, leeftijd, op=op):
                    ouders = op
            b = Betrokkene(
                melding=melding,
                rol=rol,
                soort=soort,
                naam=f"{rng.choice(VOORNAMEN)} {rng.choice(ACHTERNAMEN)}",
                geboortedatum=geboortedatum,
                leeftijd=leeftijd,
                ouders_geinformeerd_op=ouders,
            )
            b._historie = (aangemaakt + timedelta(seconds=len(rijen) + 1), melder.gebruiker_id)
            rijen.append(b)
        return rijen

    def _maatregelen(self, melding, dag, keuze, aangemaakt, melder):
        rng = self.rng
        if rng.random() >= (0.5 if keuze.code in ZWAAR else 0.25):
            return []
        soort = rng.choices(*zip(*MAATREGELEN, strict=True))[0]
        if soort == M.KLUISJE and keuze.code not in KLUISJE_BIJ:
            soort = M.GESPREK
        datum = min(dag + timedelta(days=rng.randint(0, 5)), self.vandaag - timedelta(days=1))
        dagen = rng.randint(1, 5) if soort == M.SCHORSING else None
        inspectie = None
        if regels.inspectie_informeren(soort, dagen) and rng.random() < 0.9:
            inspectie = min(
                datum + timedelta(days=rng.randint(0, 2)), self.vandaag - timedelta(days=1)
            )
        kluisje = regels.kluisje_geopend(soort)
        m = Maatregel(
            melding=melding,
            soort=soort,
            datum=datum,
            dagen=dagen,
            inspectie_geinformeerd_op=inspectie,
            reden="Vermoeden van verboden voorwerpen in het kluisje." if kluisje else "",
            besloten_door="Teamleider" if kluisje else "",
        )
        m._historie = (
            max(aangemaakt, min(self._moment(datum, 9, 17), self.nu - timedelta(minutes=1))),
            melder.gebruiker_id,
        )
        return [m]

    def _reactiedatum(self, datum, termijn):
        if (datum, termijn) not in self._uiterlijk:
            self._uiterlijk[datum, termijn] = regels.uiterste_reactiedatum(datum, termijn)
        return self._uiterlijk[datum, termijn]

    def _politie(self, melding, loc, keuze, dag, aangemaakt, melder):
        """The school's report with its first step (diensten.politiemelding_vastleggen), then
        the police's steps as far as they have come before today (art. 3.2, 3.4)."""
        rng = self.rng
        datum = dag + timedelta(days=1) if rng.random() < 0.3 else dag
        datum = min(datum, self.vandaag - timedelta(days=1))
        gemeld = aangemaakt + timedelta(minutes=rng.randint(5, 240))
        if datum > dag:
            gemeld = max(self._moment(datum), aangemaakt + timedelta(minutes=5))
        gemeld = min(gemeld, self.nu - timedelta(minutes=1))
        anoniem = keuze.optioneel and not keuze.verplicht and rng.random() < 0.4
        uiterlijk = self._reactiedatum(datum, keuze.termijn)
        pm = Politiemelding(
            melding=melding,
            datum=datum,
            soort=AANGIFTE if keuze.verplicht and rng.random() < 0.25 else MELDING,
            door=f"{melder.voornaam} {melder.achternaam}",
            referentie=f"PL0900-{datum.year}{rng.randint(0, 999999):06d}"
            if rng.random() < 0.7
            else "",
            anoniem=anoniem,
            reden_persoonsgegevens=keuze.reden[anoniem],
            reactie_uiterlijk=uiterlijk,
        )
        pm._historie = (gemeld, melder.gebruiker_id)
        stappen = [
            PolitieStatus(
                melding=melding, status=S.GEMELD, door_id=melder.gebruiker_id, tijdstip=gemeld
            )
        ]
        agent, vorige = loc.politie.gebruiker_id, gemeld
        pad = rng.choices(*zip(*PADEN, strict=True))[0]
        if pad[-1:] in ((), (S.IN_BEHANDELING,)) and (self.vandaag - datum).days > 120:
            pad = PADEN[0][0]  # what stalls is recent: older reports were completed since
        for status in pad:
            if status == S.IN_BEHANDELING:
                moment = vorige + timedelta(hours=rng.randint(1, 48))
            elif status == S.INTERVENTIE:
                op_tijd = rng.random() < 0.85
                dag_ = (
                    uiterlijk - timedelta(days=rng.randint(0, keuze.termijn))
                    if op_tijd
                    else uiterlijk + timedelta(days=rng.randint(1, 10))
                )
                moment = self._moment(dag_)
            else:
                moment = vorige + timedelta(days=rng.randint(1, 30))
            moment = max(moment, vorige + timedelta(minutes=10))
            if moment >= self.nu:
                break  # not happened yet
            stap = PolitieStatus(melding=melding, status=status, door_id=agent, tijdstip=moment)
            if status == S.AFGEROND:
                stap.uitkomst = rng.choices(
                    [U.PV_OM, U.HALT, U.GEEN_STRAFBAAR_FEIT, U.OVERGEDRAGEN], (30, 20, 25, 25)
                )[0]
                if regels.pv_datum_verplicht(stap.uitkomst):
                    stap.pv_datum = max(datum, moment.date() - timedelta(days=rng.randint(0, 3)))
            if rng.random() < 0.3:
                stap.notitie = "Contact gehad met de school; afspraken vastgelegd."
            stappen.append(stap)
            vorige = moment
        # as PolitieStatus.save() keeps it: the step reached by the end of the final day
        op_de_dag = [st.status for st in stappen if timezone.localdate(st.tijdstip) <= uiterlijk]
        pm.stap_op_de_dag = op_de_dag[-1] if op_de_dag else S.GEMELD
        notities = []
        if len(stappen) > 1 and rng.random() < 0.25:
            moment = min(
                stappen[1].tijdstip + timedelta(hours=rng.randint(1, 48)),
                self.nu - timedelta(minutes=1),
            )
            soort = rng.choice(list(Politienotitie.Soort))
            tekst = (
                "Advies: gesprek met leerling en mentor."
                if soort == Politienotitie.Soort.ADVIES
                else "Gesprek gevoerd met de leerling."
            )
            notities.append(
                Politienotitie(
                    melding=melding, soort=soort, tekst=tekst, door_id=agent, tijdstip=moment
                )
            )
        return pm, stappen, notities

    def _meldcode(self, uit, melding, loc, dag, aangemaakt):
        """Art. 2.11: the meldcode record, its five steps in order (meldcode.stap_mogelijk)."""
        rng = self.rng
        geopend = aangemaakt + timedelta(hours=rng.randint(1, 72))
        if geopend >= self.nu:
            return
        door = loc.coordinator.gebruiker_id  # the coordinator is the aandachtsfunctionaris
        leerling = next((b.naam for b in uit[Betrokkene] if b.soort == B.Soort.LEERLING), "")
        dossier = MeldcodeDossier(
            school_id=loc.school.pk,
            melding=melding,
            leerling=leerling or f"{rng.choice(VOORNAMEN)} {rng.choice(ACHTERNAMEN)}",
            geopend_door_id=door,
            geopend_op=geopend,
        )
        dossier._historie = (geopend, door)
        oud = (self.vandaag - dag).days
        tot = 5 if oud > 60 and rng.random() < 0.85 else rng.randint(1, 4)
        moment = geopend
        for stap in range(1, tot + 1):
            moment += timedelta(days=rng.randint(0, 14), hours=rng.randint(1, 8))
            if moment >= self.nu:
                break
            s = MeldcodeStap(
                dossier=dossier,
                stap=stap,
                datum=moment.date(),
                eigen_waarnemingen="Leerling oogt moe en teruggetrokken." if stap == 1 else "",
                notitie="" if stap == 1 else "Vastgelegd in het dossier.",
                veilig_thuis_geraadpleegd=stap == 2 and rng.random() < 0.5,
                politie_geraadpleegd=stap == 2 and rng.random() < 0.1,
                beslissing=rng.choice(list(MeldcodeStap.Beslissing)) if stap == 5 else "",
                door_id=door,
                vastgelegd_op=moment,
            )
            s._historie = (moment, door)
            uit[MeldcodeStap].append(s)
            if stap == 5:
                dossier.afgesloten_op = moment
        uit[MeldcodeDossier].append(dossier)

    # -- meetings ----------------------------------------------------------------------------

    def _bereiken(self, vorm):
        R = Overlegvorm.Reikwijdte
        if vorm.reikwijdte == R.STAD:
            return [None]
        if vorm.reikwijdte == R.GEBIED:
            return list(Overleggebied.objects.order_by("pk"))
        if vorm.reikwijdte == R.WIJK:
            scholen = School.objects.filter(actief=True, sector__in=vorm.sectoren or [Sector.PO])
            return list(Wijk.objects.filter(scholen__in=scholen).distinct().order_by("pk"))
        return [
            loc for loc in self.locaties if not vorm.sectoren or loc.school.sector in vorm.sectoren
        ]

    def _dagen(self, vorm, bereik):
        """The days the structure asks for (art. 5-7), over five years and two months ahead;
        before the covenant, half of them."""
        rng, dagen = self.rng, []
        for jaar in range(self.begin.year, self.plan_tot.year + 1):
            if vorm.periode == Overlegvorm.Periode.MAAND:
                maanden = range(1, 13)
            else:
                n = vorm.volgens_schema or vorm.minimum
                if vorm.minimum_per_school:
                    n = bereik.school.politiecontact_per_jaar or 1
                maanden = sorted(rng.sample(range(1, 13), min(n, vorm.maximum or 12, 12)))
            for maand in maanden:
                dag = date(jaar, maand, rng.randint(3, 26))
                dag -= timedelta(days=max(0, dag.weekday() - 4))
                if self.begin <= dag <= self.plan_tot and (dag >= self.start or rng.random() < 0.5):
                    dagen.append(dag)
        return dagen

    def _deelnemers(self, vorm, bereik):
        """overleggen.regels.voorgestelde_deelnemers: for a school computed from the register
        just made (one query for the city- and area-wide roles), else asked once per scope."""
        school = bereik.school if isinstance(bereik, Locatie) else None
        sleutel = (vorm.pk, type(school or bereik).__name__, getattr(school or bereik, "pk", None))
        if sleutel in self.deelnemers:
            return self.deelnemers[sleutel]
        if isinstance(bereik, Locatie):
            ids = [
                p.pk
                for rol, p in (
                    (Rol.COORDINATOR_VEILIGHEID, bereik.coordinator),
                    (Rol.POLITIE_CONTACTPERSOON, bereik.politie),
                )
                if rol in vorm.rollen and p
            ]
            ids += [
                p
                for rol, gebied, p in self.boven_school
                if rol in vorm.rollen and gebied in (None, bereik.school.overleggebied_id)
            ]
        else:
            # In the order of the ids: the rule orders by name, and names repeat.
            ids = sorted(
                overlegregels.voorgestelde_deelnemers(vorm, bereik).values_list("pk", flat=True)
            )
        self.deelnemers[sleutel] = list(dict.fromkeys(ids))
        return self.deelnemers[sleutel]

    def vul_overleggen(self):
        rng = self.rng
        self.plan_tot = self.vandaag + timedelta(days=60)
        self.deelnemers: dict = {}
        self.boven_school = list(
            Roltoewijzing.objects.actief_op(self.vandaag)
            .filter(school__isnull=True)
            .values_list("rol", "overleggebied_id", "persoon_id")
            .order_by("pk")
        )
        vormen = list(Overlegvorm.objects.order_by("nummer"))
        kandidaten = [
            (v, b, d) for v in vormen for b in self._bereiken(v) for d in self._dagen(v, b)
        ]
        # The number asked for: the city's, areas' and neighbourhoods' meetings all, as far
        # as they fit, and a sample of the schools' many.
        doel = self.aantal["overleggen"]
        vast = [k for k in kandidaten if not isinstance(k[1], Locatie)]
        if len(vast) >= doel:
            kandidaten = rng.sample(kandidaten, doel)
        elif len(kandidaten) > doel:
            scholen = [k for k in kandidaten if isinstance(k[1], Locatie)]
            kandidaten = vast + rng.sample(scholen, doel - len(vast))
        basis, dagen = list(kandidaten), (self.plan_tot - self.begin).days
        while basis and len(kandidaten) < doel:  # ad hoc meetings (6.2: "more when needed")
            v, b, _ = rng.choice(basis)
            kandidaten.append((v, b, self.begin + timedelta(days=rng.randint(0, dagen))))
        kandidaten.sort(key=lambda k: k[2])
        gasten, overleggen, info = {}, [], []
        for vorm, bereik, dag in kandidaten:
            start = self._moment(dag, 9, 16)
            einde = start + timedelta(minutes=rng.choice((60, 90, 120)))
            status = Overleg.Status.GEPLAND
            if dag < self.vandaag:
                status = rng.choices(list(Overleg.Status), (9, 86, 5))[0]
            overleg = Overleg(
                vorm=vorm,
                start=start,
                einde=einde,
                status=status,
                voorzitter=vorm.voorzitter,
                agenda="1. Opening\n2. Incidenten en trends\n3. Actiepunten\n4. Rondvraag",
                aangemaakt_door_id=self.planner,
            )
            if isinstance(bereik, Locatie):
                overleg.school, overleg.locatie = bereik.school, bereik.school.naam
                overleg.aangemaakt_door_id = bereik.coordinator.gebruiker_id
            elif isinstance(bereik, Wijk):
                overleg.wijk, overleg.locatie = bereik, f"Wijkcentrum {bereik.naam}"
            elif bereik is not None:
                overleg.overleggebied = bereik
                if vorm.locatie_rouleert:  # art. 6.3: the location rotates
                    if (vorm.pk, bereik.pk) not in gasten:
                        gasten[vorm.pk, bereik.pk] = [
                            list(overlegregels.gastscholen(vorm, bereik)),
                            0,
                        ]
                    lijst = gasten[vorm.pk, bereik.pk]
                    if lijst[0]:
                        overleg.gastschool = lijst[0][lijst[1] % len(lijst[0])]
                        overleg.locatie = overleg.gastschool.naam
                        lijst[1] += 1
            else:
                overleg.locatie = "Stadhuis Almere"
            deelnemers = self._deelnemers(vorm, bereik)
            aanwezig = []
            if status == Overleg.Status.GEHOUDEN:
                overleg.verslag = VERSLAG
                overleg.besluiten = "Afspraken bevestigd." if rng.random() < 0.4 else ""
                aanwezig = [p for p in deelnemers if rng.random() < 0.85] or deelnemers[:1]
            gepland = min(
                start - timedelta(days=rng.randint(7, 42)),
                self.nu - timedelta(minutes=rng.randint(1, 600)),
            )
            verslag = None
            if status != Overleg.Status.GEPLAND:
                verslag = min(
                    einde + timedelta(hours=rng.randint(1, 72)), self.nu - timedelta(minutes=1)
                )
            overleggen.append(overleg)
            info.append((deelnemers, aanwezig, gepland, verslag))
        self._schrijf(Overleg, overleggen)
        deelnemers, aanwezigen = (
            self._koppel(Overleg, veld, [(o, i[n]) for o, i in zip(overleggen, info, strict=True)])
            for n, veld in enumerate(("deelnemers", "aanwezigen"))
        )
        actiepunten = []
        for o, (_, aanwezig, _, verslag) in zip(overleggen, info, strict=True):
            if verslag and aanwezig and rng.random() < 0.2:
                for _ in range(rng.randint(1, 3)):
                    deadline = o.start.date() + timedelta(days=rng.randint(14, 56))
                    klaar = None
                    if rng.random() < (0.75 if deadline < self.vandaag else 0.2):
                        klaar = min(
                            deadline - timedelta(days=rng.randint(0, 10)),
                            self.vandaag - timedelta(days=1),
                        )
                        klaar = max(klaar, o.start.date())
                    a = Actiepunt(
                        overleg=o,
                        omschrijving=rng.choice(ACTIES),
                        eigenaar_id=rng.choice(aanwezig),
                        deadline=deadline,
                        afgerond_op=klaar,
                    )
                    a._historie = (verslag, o.aangemaakt_door_id)
                    actiepunten.append(a)
        self._schrijf(Actiepunt, actiepunten)
        if not self.geschiedenis:
            return
        leeg = {"status": Overleg.Status.GEPLAND, "verslag": "", "besluiten": ""}
        records, deel, aanw = [], [], []
        for o, i, d, a in zip(overleggen, info, deelnemers, aanwezigen, strict=True):
            records.append(_historisch(o, i[2], o.aangemaakt_door_id, "+", **leeg))
            deel.append(d)
            aanw.append(())
            if i[3]:  # the report recorded
                records.append(_historisch(o, i[3], o.aangemaakt_door_id, "~"))
                deel.append(d)
                aanw.append(a)
        records = self._historie(records)
        self._m2m_historie(Overleg, "deelnemers", records, deel)
        self._m2m_historie(Overleg, "aanwezigen", records, aanw)
        self._historie([_historisch(a, *a._historie) for a in actiepunten])
        self.melden(f"overleggen: {len(overleggen)}, {len(actiepunten)} actiepunten")


def vul_stad(schaal: float, zaad: int = 1, *, geschiedenis=True, melden=print) -> Stad:
    """Add a city of this scale (1 = Almere today) to a register with the covenant loaded."""
    return Stad(schaal, zaad, geschiedenis=geschiedenis, melden=melden).vul()
