"""What is measured: every main page of every role, the admin's changelists as anchors and a
minimal logged-in page as the floor. The paths are filled in per database from the objects
`binnen.voorbereiden` chose there (the coordinator's school, one of its incidents, ...)."""

from dataclasses import dataclass

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SOORT_TYPE = {"html": "text/html", "csv": "text/csv", "xlsx": XLSX, "ics": "text/calendar"}

# Roles and their accounts: a coordinator of the filled city (the one whose school has the
# most incidents), its first police contact, and the demo accounts of the municipality.
ROLLEN = ("coordinator", "politie", "projectleider", "veiligheidsmanager", "beheerder")
ANONIEM = "anoniem"  # the parents' page and the calendar feed (its token is the key)


@dataclass(frozen=True)
class Pagina:
    sleutel: str
    naam: str
    rol: str
    pad: str  # a format string over the objects of voorbereiden
    soort: str = "html"
    # The Django admin changelist over the same rows: "melding" or "overleg".
    anker: str | None = None
    vloer: bool = False
    export: bool = False


PAGINAS = [
    Pagina(
        "meldingen_coordinator",
        "Meldingen, filter status + categorie",
        "coordinator",
        "/meldingen/?status=open&categorie={categorie}",
        anker="melding",
    ),
    Pagina("meldingen_politie", "Meldingen", "politie", "/meldingen/", anker="melding"),
    Pagina(
        "naleving",
        "Naleving overleggen, dit jaar",
        "projectleider",
        "/overleggen/naleving/?jaar={jaar}",
    ),
    Pagina(
        "export_csv",
        "Export meldingen, CSV",
        "coordinator",
        "/meldingen/export/?formaat=csv",
        soort="csv",
        anker="melding",
        export=True,
    ),
    Pagina(
        "export_xlsx",
        "Export meldingen, Excel",
        "coordinator",
        "/meldingen/export/?formaat=xlsx",
        soort="xlsx",
        anker="melding",
        export=True,
    ),
    Pagina("cijfers", "Cijfers", "projectleider", "/meldingen/cijfers/"),
    Pagina("scholen", "Scholen", "projectleider", "/partijen/scholen/"),
    Pagina("bezetting", "Bezetting", "projectleider", "/partijen/bezetting/"),
    Pagina("voor_ouders", "Voor ouders", ANONIEM, "/voor-ouders/"),
    Pagina("melding", "Melding (detail)", "coordinator", "/meldingen/{melding}/", anker="melding"),
    Pagina("school", "School (detail)", "coordinator", "/partijen/scholen/{school}/"),
    Pagina("overleg", "Overleg (detail)", "coordinator", "/overleggen/{overleg}/", anker="overleg"),
    Pagina(
        "agendafeed",
        "Agendafeed (.ics)",
        ANONIEM,
        "/overleggen/agenda/{feed}.ics",
        soort="ics",
        anker="overleg",
    ),
    *(Pagina(f"home_{rol}", "Te doen (home)", rol, "/") for rol in ROLLEN),
    Pagina("evaluatierapport", "Evaluatierapport", "projectleider", "/evaluatie/{ronde}/rapport/"),
    Pagina("looptijd", "Looptijd convenant", "projectleider", "/convenant/looptijd/"),
    Pagina("berichten", "Berichten", "coordinator", "/berichten/"),
    # The anchors: Django's admin changelist over the same tables (scripts/bench/urls.py).
    Pagina(
        "beheer_melding",
        "Django-beheer: meldingen",
        "beheerder",
        "/bench-beheer/meldingen/melding/",
    ),
    Pagina(
        "beheer_overleg",
        "Django-beheer: overleggen",
        "beheerder",
        "/bench-beheer/overleggen/overleg/",
    ),
    # The floor: the lightest page a logged-in person can open (a form, nothing of the city),
    # with the navigation every page has.
    Pagina(
        "vloer", "Vloer: wachtwoord wijzigen", "coordinator", "/account/wachtwoord/", vloer=True
    ),
]

ANKERS = {"melding": "beheer_melding", "overleg": "beheer_overleg"}


def pad(pagina: Pagina, objecten: dict) -> str:
    return pagina.pad.format(**objecten)


# The background jobs (scripts/bench/binnen.py) in groups: each group is one process in a full
# run, so a job that runs for an hour at scale 10 is stopped at the time limit (--taak-limiet)
# without losing the jobs measured before it.
TAAKGROEPEN = {
    "pdf": ("pdf_koud", "pdf_warm"),
    "scan": ("scan_eerste", "scan_volgende"),
    "bewaren": ("bewaren_proef", "bewaren_echt"),
}
TAAKNAMEN = {
    "pdf_koud": "PDF convenant, koud (cache leeg)",
    "pdf_warm": "PDF convenant, uit de cache",
    "scan_eerste": "Herinneringen: eerste scan (berichten.scan)",
    "scan_volgende": "Herinneringen: volgende scan, niets nieuw",
    "bewaren_proef": "Bewaartermijn: proef (telt)",
    "bewaren_echt": "Bewaartermijn: anonimiseren (teruggedraaid)",
}
