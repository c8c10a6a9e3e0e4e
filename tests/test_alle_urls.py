"""Every URL pattern, anonymous and as every role: nothing of another school, no write beyond the role.

The small city (tests/stad.py) gets, at each school, a person, an incident and a meldcode record
whose names carry a marker of that school. Every page is then requested as each user, with the
ids of a school it sees and of one it does not, and with foreign ids in the query parameters:
a marker of a school the user may not see must not appear in any response (art. 8, AVG art. 10).

Every form the pages render is then posted back, filled in, by every user, to the URL the form
posts to. A write to the database through a URL (an INSERT, UPDATE or DELETE of a domain table)
is allowed only to the roles that ``SCHRIJVERS`` lists for it, and never with a foreign school's
ids. A URL that ``SCHRIJVERS`` lists must be written by at least one of its roles here, so that
the check cannot pass because the form was filled in wrongly. A new URL pattern fails
``test_every_url_pattern_says_who_writes`` until it is listed.
"""

import re
from datetime import timedelta
from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import urlencode, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from partijen.models import Rol
from tests.stad import ZICHTBAAR
from tests.test_kwaadaardige_invoer import _patterns
from tests.test_toegang import ANDERMANS, _dossier_op, _melding_op, _overleg_op, _ronde

MERK = {"a1": "Merkaeen", "a2": "Merkatwee", "b1": "Merkbeen"}
GEBRUIKERS = [None, *Rol.values]

# url name -> the roles that may change the register, incidents or meetings through it.
# Pages of one's own account (login, code step, password) write only account tables, which are
# not domain tables (see _DOMEIN) and need no entry; every pattern still has to be listed.
ALLEEN_LEZEN = frozenset()
REGISTER = frozenset({Rol.BEHEERDER, Rol.PROJECTLEIDER})
SCHOOL = frozenset({Rol.COORDINATOR_VEILIGHEID, Rol.CONTACTPERSOON_VERTROUWENSZAKEN})
POLITIE = frozenset({Rol.POLITIE_CONTACTPERSOON})
SCHRIJVERS = {
    "home": ALLEEN_LEZEN,
    "login": ALLEEN_LEZEN,
    "logout": ALLEEN_LEZEN,
    "tweefactor_code": ALLEEN_LEZEN,
    "tweefactor_instellen": ALLEEN_LEZEN,
    "tweefactor_overslaan": ALLEEN_LEZEN,
    "tweefactor_reservecodes": ALLEEN_LEZEN,
    "password_reset": ALLEEN_LEZEN,
    "password_reset_done": ALLEEN_LEZEN,
    "password_reset_confirm": ALLEEN_LEZEN,
    "password_reset_complete": ALLEEN_LEZEN,
    "password_change": ALLEEN_LEZEN,
    "password_change_done": ALLEEN_LEZEN,
    "account": ALLEEN_LEZEN,
    "set_language": ALLEEN_LEZEN,
    "voor_ouders": ALLEEN_LEZEN,
    "voor_ouders_school": ALLEEN_LEZEN,
    "convenant_pdf": ALLEEN_LEZEN,
    "convenant:tekst": ALLEEN_LEZEN,
    "convenant:partners": ALLEEN_LEZEN,
    "convenant:overlegstructuur": ALLEEN_LEZEN,
    "convenant:communicatieparagraaf": REGISTER,
    "convenant:communicatieakkoord": REGISTER,
    # The covenant's life (art. 10): the municipality's register keepers record it.
    "convenant:looptijd": ALLEEN_LEZEN,
    "convenant:opzegging_nieuw": REGISTER,
    "convenant:instemming_nieuw": REGISTER,
    "convenant:verlenging_nieuw": REGISTER,
    "convenant:toetreding_nieuw": REGISTER,
    "convenant:wijzigingen": ALLEEN_LEZEN,
    "convenant:wijziging": ALLEEN_LEZEN,
    "convenant:wijziging_nieuw": REGISTER,
    "convenant:wijziging_instemming": REGISTER,
    # A correction of a scan error in the copied text (no amendment): the same keepers.
    "convenant:tekstcorrectie": REGISTER,
    "convenant:looptijd_document": ALLEEN_LEZEN,
    # The evaluation (art. 4, 11): the projectleider opens rounds and keeps findings and
    # actions; a partner's questionnaire is answered by its coordinator or bestuurder.
    "convenant:mijn_rol": ALLEEN_LEZEN,
    # One's own messages and choices (not domain tables, see _NIET_DOMEIN).
    "berichten:centrum": ALLEEN_LEZEN,
    "berichten:openen": ALLEEN_LEZEN,
    "berichten:gelezen": ALLEEN_LEZEN,
    "berichten:alles_gelezen": ALLEEN_LEZEN,
    "berichten:voorkeuren": ALLEEN_LEZEN,
    "berichten:verzendoverzicht": ALLEEN_LEZEN,
    "evaluatie:lijst": ALLEEN_LEZEN,
    "evaluatie:nieuw": frozenset({Rol.PROJECTLEIDER}),
    "evaluatie:ronde": ALLEEN_LEZEN,
    "evaluatie:bevinding_nieuw": frozenset({Rol.PROJECTLEIDER}),
    "evaluatie:actie_nieuw": frozenset({Rol.PROJECTLEIDER}),
    "evaluatie:actiestatus": frozenset({Rol.PROJECTLEIDER}),
    "evaluatie:vragenlijst": frozenset({Rol.COORDINATOR_VEILIGHEID, Rol.BESTUURDER}),
    "evaluatie:rapport": ALLEEN_LEZEN,
    "evaluatie:rapport_pdf": ALLEEN_LEZEN,
    "evaluatie:cijfers_export": ALLEEN_LEZEN,
    "partijen:school_lijst": ALLEEN_LEZEN,
    "partijen:school_nieuw": REGISTER,
    "partijen:school_detail": ALLEEN_LEZEN,
    "partijen:school_bewerken": REGISTER,
    "partijen:bezetting": ALLEEN_LEZEN,
    "partijen:organisatie_lijst": ALLEEN_LEZEN,
    "partijen:organisatie_nieuw": REGISTER,
    "partijen:organisatie_detail": ALLEEN_LEZEN,
    "partijen:organisatie_bewerken": REGISTER,
    "partijen:persoon_lijst": ALLEEN_LEZEN,
    "partijen:persoon_nieuw": REGISTER,
    "partijen:persoon_detail": ALLEEN_LEZEN,
    "partijen:persoon_bewerken": REGISTER,
    "partijen:toewijzing_nieuw": REGISTER,
    "partijen:toewijzing_beeindigen": REGISTER,
    "partijen:importeren": REGISTER,
    # An account for a person of the register: the application's administrator only.
    "partijen:account_aanmaken": frozenset({Rol.BEHEERDER}),
    "partijen:toegangsoverzicht": ALLEEN_LEZEN,
    "partijen:auditlog": ALLEEN_LEZEN,
    "meldingen:lijst": ALLEEN_LEZEN,
    "meldingen:nieuw": SCHOOL,
    "meldingen:plichten": ALLEEN_LEZEN,
    "meldingen:cijfers": ALLEEN_LEZEN,
    "meldingen:cijfers_export": ALLEEN_LEZEN,
    "meldingen:export": ALLEEN_LEZEN,
    "meldingen:mededeling_lijst": ALLEEN_LEZEN,
    "meldingen:mededeling": ALLEEN_LEZEN,
    "meldingen:goedkeuren": frozenset(),
    "meldingen:mededeling_nieuw": SCHOOL,
    "meldingen:meldcode_lijst": ALLEEN_LEZEN,
    "meldingen:meldcode_nieuw": SCHOOL,
    "meldingen:meldcode_detail": SCHOOL,
    "meldingen:detail": ALLEEN_LEZEN,
    "meldingen:politiemelding": SCHOOL,
    "meldingen:bewerken": SCHOOL,
    "meldingen:afsluiten": SCHOOL,
    "meldingen:heropenen": SCHOOL,
    "meldingen:delen": SCHOOL,
    "meldingen:bijlage_toevoegen": SCHOOL,
    "meldingen:bijlage": ALLEEN_LEZEN,
    "meldingen:politie_status": POLITIE,
    "meldingen:politie_notitie": POLITIE,
    "meldingen:ouders": SCHOOL,
    "overleggen:lijst": ALLEEN_LEZEN,
    "overleggen:naleving": ALLEEN_LEZEN,
    "overleggen:naleving_export": ALLEEN_LEZEN,
    "overleggen:mijn": ALLEEN_LEZEN,
    # 6.1 at the school: its coordinator; 6.2 and 6.3: the veiligheidsmanager of the area.
    "overleggen:nieuw": REGISTER | {Rol.COORDINATOR_VEILIGHEID, Rol.VEILIGHEIDSMANAGER},
    "overleggen:agenda": ALLEEN_LEZEN,
    "overleggen:feed": ALLEEN_LEZEN,
    # The organiser of a 6.1 school meeting: the school's coordinator and its police contact.
    "overleggen:detail": REGISTER | {Rol.COORDINATOR_VEILIGHEID, Rol.POLITIE_CONTACTPERSOON},
    "overleggen:ics": ALLEEN_LEZEN,
    # Its owner (a person of the register, here without an account) or the meeting's organiser.
    "overleggen:actiepunt": REGISTER | {Rol.COORDINATOR_VEILIGHEID, Rol.POLITIE_CONTACTPERSOON},
}

# The import needs a file of schools or people: its access and writes are tested with real files
# in tests/partijen/test_importeren.py. A correction of the copied text needs a paragraph in its
# address (?lid=) and a changed word, which the walk does not type: tests/convenant/
# test_tekstcorrectie.py writes through it as the keepers and is refused as everyone else.
# An amendment proposal needs a paragraph chosen in its first row and a text that differs from
# the text in force, which the walk (it leaves formset rows as they are) does not choose:
# tests/convenant/test_wijzigingen_paginas.py proposes as the keepers and is refused otherwise.
NIET_BEPROEFD = {"partijen:importeren", "convenant:tekstcorrectie", "convenant:wijziging_nieuw"}

# Tables a request may write whoever asks: the session, failed-login records, the read logs of
# personal data (art. 8: every read is logged), the user's own calendar token and devices, and
# the user's own messages (read, chosen how to receive them; a message to someone else is written
# by the write that caused it, which this walk checks by its own table).
_NIET_DOMEIN = re.compile(
    r"^(django_session|axes_|otp_|meldingen_inzage|meldingen_meldcodeinzage|overleggen_agendafeed"
    r"|berichten_)"
)
_FORMSETRIJ = re.compile(r"-\d+-")
_SCHRIJF = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def _bevolk_met_merken(stad):
    """A person, an incident and a meldcode record at each school, each named with its marker."""
    from tests.factories import PersoonFactory, RoltoewijzingFactory

    for sleutel, merk in MERK.items():
        school = getattr(stad, sleutel)
        persoon = PersoonFactory(organisatie=school.bestuur, voornaam=merk, achternaam=merk)
        RoltoewijzingFactory(persoon=persoon, school=school)
        melding = _melding_op(school)
        melding.omschrijving = f"Omschrijving {merk}"
        melding.save()
        dossier = _dossier_op(school)
        dossier.leerling = f"Leerling {merk}"
        dossier.save()
        _overleg_op(school)


def _verboden_merken(wie):
    zichtbaar = ZICHTBAAR.get(wie, set()) if wie else set()
    return [merk for sleutel, merk in MERK.items() if sleutel not in zichtbaar]


def _vreemde_parameters(stad):
    """Query parameters that name objects of school b1 (outside most users' reach)."""
    melding = _melding_op(stad.b1)
    return {
        "school": stad.b1.pk,
        "gebied": stad.gebied_b.pk,
        "organisatie": stad.bestuur_y.pk,
        "persoon": stad.b1.toewijzingen.first().persoon_id,
        "melding": melding.pk,
    }


class _Formulieren(HTMLParser):
    """Each POST form of a page: where it posts and the values a user submitting it would send."""

    WAARDE_PER_TYPE = {
        "date": "2026-10-02",
        "datetime-local": "2026-10-02T10:00",
        "time": "10:00",
        "number": "1",
        "email": "test@example.org",
        "url": "https://example.org",
    }
    # (name part, input type or None for any) -> what a user would enter or choose.
    WAARDE_PER_NAAM = {
        # A round closes at least a week after it opens (today); its period has begun.
        ("sluitdatum", "date"): (timezone.localdate() + timedelta(days=14)).isoformat(),
        ("periode_einde", "date"): "2026-10-31",
        # An extension rests on a finished round or on an evaluation's date and report: the
        # walk's round still runs, so it gives the date and the report.
        ("evaluatieronde", "select"): "",
        ("einde", "datetime-local"): "2026-10-02T11:00",
        ("einde", "date"): "2026-12-31",
        ("postcode", None): "1315 AB",
        ("telefoon", None): "036 123 4567",
        ("brin", None): "00AA",
        ("sector", "select"): "VO",
        ("beslissing", "select"): "",
        ("wijk", "select"): "",
    }

    def __init__(self, pad):
        super().__init__()
        self.pad = pad
        self.formulieren = []
        self.huidig = None
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                actie = urlsplit(attrs.get("action") or self.pad).path or self.pad
                self.huidig = SimpleNamespace(actie=actie, data={}, bestanden={}, vakjes={})
            return
        if tag == "option" and self.select is not None:
            waarde = attrs.get("value", "")
            if "selected" in attrs:
                self.select.gekozen = waarde
            elif waarde and self.select.eerste is None:
                self.select.eerste = waarde
            return
        if self.huidig is None or not attrs.get("name") or "disabled" in attrs:
            return
        naam, soort = attrs["name"], (attrs.get("type") or "text").lower()
        data = self.huidig.data
        if tag == "input":
            if soort in ("submit", "button", "reset"):
                return
            if soort == "file":
                self.huidig.bestanden[naam] = naam
            elif soort in ("checkbox", "radio"):
                # Unchecked groups get their first choice, as a user ticks at least one.
                self.huidig.vakjes.setdefault(naam, attrs.get("value", "on"))
                if "checked" in attrs:
                    data[naam] = attrs.get("value", "on")
            else:
                data[naam] = attrs.get("value") or self._invulling(naam, soort)
        elif tag == "select":
            self.select = SimpleNamespace(naam=naam, eerste=None, gekozen=None)
        elif tag == "textarea":
            self.textarea = naam
            data[naam] = ""

    def _invulling(self, naam, soort):
        """What a user types in an empty field; rows of a formset a user leaves empty."""
        if _FORMSETRIJ.search(naam):
            return ""
        for (deel, voor_soort), waarde in self.WAARDE_PER_NAAM.items():
            if deel in naam and voor_soort in (None, soort):
                return waarde
        return self.WAARDE_PER_TYPE.get(soort, "Test")

    def handle_data(self, data):
        if self.huidig is not None and self.textarea:
            self.huidig.data[self.textarea] += data

    def handle_endtag(self, tag):
        if self.huidig is None:
            return
        if tag == "textarea" and self.textarea:
            tekst = self.huidig.data[self.textarea].strip()
            self.huidig.data[self.textarea] = tekst or self._invulling(self.textarea, "textarea")
            self.textarea = None
        elif tag == "select" and self.select is not None:
            keuze = self.select.gekozen or self.select.eerste
            if _FORMSETRIJ.search(self.select.naam):
                keuze = self.select.gekozen
            elif not self.select.gekozen:
                keuze = next(
                    (
                        w
                        for (d, t), w in self.WAARDE_PER_NAAM.items()
                        if d in self.select.naam and t == "select"
                    ),
                    keuze,
                )
            if keuze is not None:
                self.huidig.data[self.select.naam] = keuze
            self.select = None
        elif tag == "form":
            for naam, waarde in self.huidig.vakjes.items():
                if naam not in self.huidig.data and not _FORMSETRIJ.search(naam):
                    self.huidig.data[naam] = waarde
            self.formulieren.append(self.huidig)
            self.huidig = None


def _formulieren(pad, response):
    if "html" not in response.get("Content-Type", ""):
        return []
    parser = _Formulieren(pad)
    parser.feed(response.content.decode(errors="replace"))
    return parser.formulieren


def _inhoud(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _url_naam(pad):
    try:
        match = resolve(pad)
    except Resolver404:
        return None
    return match.view_name


def _inloggen(client, gebruikers, wie):
    client.logout()
    if wie:
        client.force_login(gebruikers[wie])


def _geschreven(client, pad, formulier):
    """POST the form and roll back: the domain tables the request wrote to."""
    bestanden = {
        naam: SimpleUploadedFile("x.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
        for naam in formulier.bestanden
    }

    class _Terug(Exception):
        pass

    tabellen = set()
    try:
        with transaction.atomic():
            with CaptureQueriesContext(connection) as queries:
                client.post(pad, {**formulier.data, **bestanden})
            for query in queries.captured_queries:
                treffer = _SCHRIJF.match(query["sql"])
                if treffer and not _NIET_DOMEIN.match(treffer.group(1)):
                    tabellen.add(treffer.group(1))
            raise _Terug
    except _Terug:
        pass
    return tabellen


def test_every_url_pattern_says_who_writes():
    namen = {naam for naam, _ in _patterns()}
    assert namen == set(SCHRIJVERS), {
        "niet beschreven": namen - set(SCHRIJVERS),
        "bestaat niet meer": set(SCHRIJVERS) - namen,
    }


def _meer_meldingen(stad):
    """The incidents whose forms appear only in a state: closed (reopen), not yet reported to
    the police (report), confidential and not shared (share with the coordinator, art. 2.2)."""
    from django.utils import timezone

    from meldingen.models import Melding
    from tests.factories import MeldingFactory

    gesloten = MeldingFactory(
        school=stad.a1, status=Melding.Status.AFGESLOTEN, afgesloten_op=timezone.now()
    )
    niet_gemeld = MeldingFactory(school=stad.a1)
    vertrouwelijk = MeldingFactory(school=stad.a2, vertrouwelijk=True)
    return [
        (reverse("meldingen:detail", args=[gesloten.pk]), "a1"),
        (reverse("meldingen:detail", args=[niet_gemeld.pk]), "a1"),
        (reverse("meldingen:detail", args=[vertrouwelijk.pk]), "a2"),
    ]


def _paginas(stad):
    """Every page, with the school whose object it shows (None: a page of no one school)."""
    eigen = SimpleNamespace(**{**vars(stad), "b1": stad.a1, "bestuur_y": stad.bestuur_x})
    paginas = []
    for naam, converters in _patterns():
        if not converters:
            paginas.append((reverse(naam), None))
        elif naam in ANDERMANS:
            paginas.append((reverse(naam, args=ANDERMANS[naam](stad)), "b1"))
            paginas.append((reverse(naam, args=ANDERMANS[naam](eigen)), "a1"))
        elif naam == "voor_ouders_school":  # public: what parents may read of any school
            paginas.append((reverse(naam, args=[stad.b1.pk]), None))
    return paginas + _meer_meldingen(stad) + _personen_zonder_account(stad) + _evaluatie()


def _evaluatie():
    """A round's page and report: of the city as a whole, no one school."""
    ronde = _ronde()
    return [
        (reverse("evaluatie:ronde", args=[ronde.pk]), None),
        (reverse("evaluatie:rapport", args=[ronde.pk]), None),
    ]


def _personen_zonder_account(stad):
    """The account form appears only for a person without an account: the marked people."""
    from partijen.models import Persoon

    return [
        (reverse("partijen:account_aanmaken", args=[persoon.pk]), sleutel)
        for sleutel in ("a1", "b1")
        for persoon in Persoon.objects.filter(voornaam=MERK[sleutel])
    ]


@pytest.mark.django_db
def test_every_page_as_every_user(client, convenant_data, stad, gebruikers):
    """One walk for both checks (the pages are requested once): names on every page, then
    every form posted by every user."""
    _bevolk_met_merken(stad)
    paginas = _paginas(stad)
    vreemd = urlencode(_vreemde_parameters(stad))
    # Every form any user is shown, by the URL it posts to (a submit from another page, such as
    # "Afsluiten" on an incident, is a form of that URL too), with the school it is about.
    formulieren, lekken = {}, []
    for wie in GEBRUIKERS:
        _inloggen(client, gebruikers, wie)
        verboden = _verboden_merken(wie)
        for pagina, school in paginas:
            response = client.get(pagina)
            inhoud = _inhoud(response)
            # Pages of no one school read the query parameters (filters, plan links).
            if school is None:
                inhoud += _inhoud(client.get(f"{pagina}?{vreemd}"))
            lekken += [f"{wie or 'anoniem'} GET {pagina}: {m}" for m in verboden if m in inhoud]
            for formulier in _formulieren(pagina, response):
                formulieren.setdefault(formulier.actie, (formulier, school))
    assert not lekken, "\n".join(lekken)

    # An attacker posts a form of their own school with the ids of school b1.
    eigen = SimpleNamespace(**{**vars(stad), "b1": stad.a1, "bestuur_y": stad.bestuur_x})
    for naam, ids in ANDERMANS.items():
        eigen_pad, vreemd_pad = reverse(naam, args=ids(eigen)), reverse(naam, args=ids(stad))
        if eigen_pad in formulieren and vreemd_pad not in formulieren:
            formulieren[vreemd_pad] = (formulieren[eigen_pad][0], "b1")

    overtredingen, geschreven = [], set()
    for pad, (formulier, school) in sorted(formulieren.items()):
        naam = _url_naam(pad)
        if naam is None:
            continue
        for wie in GEBRUIKERS:
            _inloggen(client, gebruikers, wie)
            tabellen = _geschreven(client, pad, formulier)
            if not tabellen:
                continue
            ziet_school = school is None or school in ZICHTBAAR.get(wie, set())
            if wie in SCHRIJVERS.get(naam, ()) and ziet_school:
                geschreven.add(naam)
            else:
                overtredingen.append(f"{wie or 'anoniem'} POST {pad} ({naam}): {sorted(tabellen)}")
    assert not overtredingen, "\n".join(overtredingen)
    niet_beproefd = {n for n, rollen in SCHRIJVERS.items() if rollen} - geschreven - NIET_BEPROEFD
    assert not niet_beproefd, f"no allowed role managed to write through: {sorted(niet_beproefd)}"
