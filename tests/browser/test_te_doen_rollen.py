"""Issue 14: a journey per demo role through "Te doen". The home page shows the item of the
role's demo data with its article, a click leads to the page where it is done, and once it is
done the item is gone.

Browser tests run at the real date (no time_machine beside the live server's thread), so every
date here is counted from today. What the demo city does not give a role today is made in the test
with the project's own services, the smallest thing that makes the item due.
"""

from datetime import datetime, time, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from convenant.lidmaatschap import instemming_nodig_voor
from convenant.models import Convenant, Instemming, Lid, Lidwijziging, Wijziging
from evaluatie import diensten as evaluatie_diensten
from evaluatie.models import Evaluatieronde
from meldingen import diensten as meldingen_diensten
from meldingen.mededelingen import Mededeling
from meldingen.meldcode import MeldcodeDossier, MeldcodeStap
from meldingen.models import Betrokkene, Politiemelding, PolitieStatus
from overleggen import diensten as overleggen_diensten
from overleggen.models import Actiepunt, Overlegvorm
from partijen.demo import DEMO_SCHOOL
from partijen.models import Gebruiker, Organisatie, Persoon, Rol, Roltoewijzing, School
from partijen.toekenning import toewijzing_opslaan
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import GebruikerFactory, MeldingFactory, PersoonFactory

PDF = {"name": "instemming.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n%%EOF\n"}
AERES = "Aeres VMBO, MBO en Hogeschool Almere"  # the board of the demo school


def _vandaag():
    return timezone.localdate()


def _om(dag, uur=10):
    return timezone.make_aware(datetime.combine(dag, time(uur)))


def _melding_van(dag, school=DEMO_SCHOOL):
    """How an item names an incident: by its day and school, never by a person (art. 8)."""
    return f"melding van {dag:%d-%m-%Y} op {school}"


def _gebruiker(username):
    return Gebruiker.objects.get(username=username)


def _demo_melding(dag, categorie, **kwargs):
    return MeldingFactory(
        school=School.objects.get(naam=DEMO_SCHOOL),
        tijdstip=_om(dag),
        categorieen=[categorie],
        vastgelegd_door=_gebruiker("coordinator"),
        **kwargs,
    )


def _bij_de_politie_gemeld(melding, dag):
    meldingen_diensten.politiemelding_vastleggen(
        melding=melding,
        gebruiker=_gebruiker("coordinator"),
        datum=dag,
        soort=Politiemelding.Soort.AANGIFTE,
        door="Carla de Coördinator",
    )


def _open_vanaf_de_start(page, wat, artikel, rol):
    """The home page shows the item with its article; a click follows its link."""
    item = (
        page.get_by_test_id("te-doen")
        .get_by_role("listitem")
        .filter(has=page.get_by_role("link", name=wat))
    )
    expect(item).to_have_count(1)
    expect(item).to_contain_text(f"art. {artikel}")
    assert_accessible(page)
    screenshot(page, f"te-doen-{rol}")
    item.get_by_role("link", name=wat).click()


def _weg_van_de_start(page, live_server, wat):
    page.goto(f"{live_server.url}/")
    te_doen = page.get_by_test_id("te-doen")
    expect(te_doen).to_be_visible()
    expect(te_doen.get_by_role("link", name=wat)).to_have_count(0)


def _tweede_venster(browser, login, username):
    """Another person at another computer, for what the role itself does not record."""
    context = browser.new_context(locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    login(page, _gebruiker(username))
    return context, page


# --- School ---------------------------------------------------------------------------------


def test_the_coordinator_records_that_the_parents_were_informed(page, live_server, login, demo):
    """Art. 3.5: the parents of a student under 18 are informed."""
    dag = _vandaag() - timedelta(days=2)
    melding = _demo_melding(dag, "grove-pesterijen")
    Betrokkene.objects.create(
        melding=melding,
        rol=Betrokkene.Rol.SLACHTOFFER,
        soort=Betrokkene.Soort.LEERLING,
        naam="Leerling A",
        geboortedatum=dag - timedelta(days=14 * 365),
    )
    wat = f"Informeer de ouders van de leerling onder 18 ({_melding_van(dag)})"

    login(page, _gebruiker("coordinator"))
    _open_vanaf_de_start(page, wat, "3.5", "coordinator-ouders")
    expect(page).to_have_url(live_server.url + reverse("meldingen:detail", args=[melding.pk]))
    ouders = page.locator("form", has=page.get_by_label("Ouders geïnformeerd op"))
    ouders.get_by_label("Ouders geïnformeerd op").fill(_vandaag().isoformat())
    ouders.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("status")).to_have_text("Vastgelegd dat de ouders zijn geïnformeerd.")

    _weg_van_de_start(page, live_server, wat)


def test_the_reporting_code_officer_records_the_decision(page, live_server, login, demo):
    """Art. 2.11: a reporting code record waits at its next step; the decision closes it. The
    demo school's aandachtsfunctionaris is its coordinator (partijen/demo.py)."""
    coordinator = _gebruiker("coordinator")
    dossier = MeldcodeDossier.objects.create(
        school=School.objects.get(naam=DEMO_SCHOOL),
        leerling="Lotte, groep 7",
        geopend_door=coordinator,
    )
    for stap in (1, 2, 3, 4):
        meldingen_diensten.meldcode_stap_vastleggen(
            dossier=dossier,
            door=coordinator,
            stap=stap,
            datum=_vandaag(),
            eigen_waarnemingen="Komt vaak zonder ontbijt." if stap == 1 else "",
        )
    wat = f"Meldcodedossier {dossier.pk} ({DEMO_SCHOOL}): volgende stap 5. Beslissen"

    login(page, coordinator)
    _open_vanaf_de_start(page, wat, "2.11", "aandachtsfunctionaris")
    expect(page).to_have_url(
        live_server.url + reverse("meldingen:meldcode_detail", args=[dossier.pk])
    )
    expect(page.get_by_role("combobox", name="Stap")).to_have_value(
        str(MeldcodeStap.Stap.BESLISSEN)
    )
    page.get_by_label("Datum").fill(_vandaag().isoformat())
    page.get_by_label("Beslissing").select_option(MeldcodeStap.Beslissing.HULP)
    page.get_by_role("button", name="Stap vastleggen").click()
    expect(page.get_by_role("status")).to_have_text("De stap is vastgelegd.")

    _weg_van_de_start(page, live_server, wat)


def test_the_confidential_contact_owns_an_action_point(page, live_server, login, demo):
    """Art. 6.2: an action point of the school's policy meeting, owned by the confidential
    contact person, who marks it done on its own page."""
    school = School.objects.get(naam=DEMO_SCHOOL)
    vera = Persoon.objects.get(gebruiker__username="vertrouwenspersoon")
    gisteren = _vandaag() - timedelta(days=1)
    overleg = overleggen_diensten.overleg_plannen(
        door=_gebruiker("coordinator"),
        vorm=Overlegvorm.objects.get(code=Overlegvorm.Code.BELEIDSMATIG_OVERLEG),
        start=_om(gisteren, 15),
        einde=_om(gisteren, 16),
        deelnemers=[Persoon.objects.get(gebruiker__username="coordinator"), vera],
        school=school,
        al_gehouden=True,
    )
    punt = Actiepunt.objects.create(
        overleg=overleg,
        omschrijving="Het pestprotocol in het team bespreken",
        eigenaar=vera,
        deadline=_vandaag() + timedelta(days=14),
    )
    wat = "Actiepunt: Het pestprotocol in het team bespreken"

    login(page, _gebruiker("vertrouwenspersoon"))
    _open_vanaf_de_start(page, wat, "6.2", "vertrouwenspersoon")
    expect(page).to_have_url(live_server.url + reverse("overleggen:actiepunt", args=[punt.pk]))
    expect(page.get_by_text("Het pestprotocol in het team bespreken")).to_be_visible()
    page.get_by_role("button", name="Afgerond").click()
    expect(page.get_by_role("status")).to_have_text("Het actiepunt is afgerond.")
    expect(page.get_by_test_id("status-actiepunt")).to_contain_text("afgerond op")

    _weg_van_de_start(page, live_server, wat)


# --- Police ---------------------------------------------------------------------------------


def test_the_police_contact_takes_up_a_new_report(page, live_server, login, demo):
    """Art. 3.2: a new report of the police contact's school, not yet taken up."""
    gisteren = _vandaag() - timedelta(days=1)
    melding = _demo_melding(gisteren, "fysiek-geweld-letsel")
    _bij_de_politie_gemeld(melding, _vandaag())
    wat = f"Een nieuwe melding bij de politie: de {_melding_van(gisteren)}"

    login(page, _gebruiker("politie"))
    _open_vanaf_de_start(page, wat, "3.2", "politie")
    expect(page).to_have_url(live_server.url + reverse("meldingen:detail", args=[melding.pk]))
    page.get_by_role("group", name="Volgende stap").get_by_text(
        "in behandeling", exact=True
    ).click()
    stap = page.get_by_role("form", name="in behandeling")
    stap.get_by_label("Toelichting").fill("Wijkagent gaat langs.")
    stap.get_by_role("button", name="Vastleggen: in behandeling").click()
    expect(page.get_by_role("status")).to_have_text("De politiestatus is bijgewerkt.")

    _weg_van_de_start(page, live_server, wat)


def test_the_operational_expert_hears_of_a_report_long_past_its_target(
    page, live_server, login, demo
):
    """Art. 3.2: a report still without an intervention well past its target is escalated. The
    expert sees no incidents (art. 8): the item leads to the school's page, with its police
    contact to call; the intervention is the police contact's, recorded by the service here."""
    dag = _vandaag() - timedelta(days=40)
    melding = _demo_melding(dag, "fysiek-geweld-letsel")
    _bij_de_politie_gemeld(melding, dag)
    school = melding.school
    wat = f"Escalatie: nog geen interventie van de politie bij de {_melding_van(dag)}"

    login(page, _gebruiker("expert"))
    _open_vanaf_de_start(page, wat, "3.2", "expert")
    expect(page).to_have_url(live_server.url + reverse("partijen:school_detail", args=[school.pk]))
    expect(page.get_by_role("heading", name=DEMO_SCHOOL)).to_be_visible()
    expect(page.get_by_text("Peter Politie").first).to_be_visible()

    for status in (PolitieStatus.Status.IN_BEHANDELING, PolitieStatus.Status.INTERVENTIE):
        meldingen_diensten.politiestatus_toevoegen(
            melding=melding, door=_gebruiker("politie"), status=status
        )
    _weg_van_de_start(page, live_server, wat)


# --- Municipality ---------------------------------------------------------------------------


def test_the_safety_manager_sees_a_school_without_a_coordinator(page, live_server, login, demo):
    """Art. 2.1: a school of the safety manager's area without a coordinator (demo data). The
    safety manager reads the school's page; the register keepers assign the role (art. 4),
    here with the service every assignment goes through."""
    school = School.objects.get(naam="Baken Buiten College")
    wat = "Baken Buiten College: Geen coördinator veiligheid"

    login(page, _gebruiker("veiligheidsmanager"))
    _open_vanaf_de_start(page, wat, "2.1", "veiligheidsmanager")
    expect(page).to_have_url(live_server.url + reverse("partijen:school_detail", args=[school.pk]))
    tekort = page.get_by_role("status").filter(
        has_text="Deze school voldoet niet aan het convenant"
    )
    expect(tekort).to_contain_text("Geen coördinator veiligheid (art. 2.1)")

    toewijzing_opslaan(
        Roltoewijzing(
            persoon=PersoonFactory(organisatie=school.bestuur, functie="Teamleider"),
            rol=Rol.COORDINATOR_VEILIGHEID,
            school=school,
            begin=_vandaag(),
        ),
        door=_gebruiker("projectleider"),
    )
    _weg_van_de_start(page, live_server, wat)


def test_the_project_leader_records_the_extension(page, live_server, login, demo):
    """Art. 10.3: the term ends within a year (demo data: signed 14 November 2023, four
    years); an extension decided on an evaluation moves the end a year on."""
    einde = Convenant.objects.actueel().looptijd()[1]
    wat = f"De looptijd eindigt op {einde:%d-%m-%Y}"

    login(page, _gebruiker("projectleider"))
    _open_vanaf_de_start(page, wat, "10.3", "projectleider")
    expect(page).to_have_url(live_server.url + reverse("convenant:looptijd"))
    page.get_by_role("link", name="Verlenging vastleggen").click()
    page.get_by_label("Datum van het besluit").fill(_vandaag().isoformat())
    page.get_by_label("Datum van de evaluatie").fill((_vandaag() - timedelta(days=14)).isoformat())
    page.locator("input[type=file]").set_input_files({**PDF, "name": "evaluatie.pdf"})
    page.get_by_role("button", name="Verlenging vastleggen").click()
    nieuw_einde = einde.replace(year=einde.year + 1)
    expect(page.get_by_test_id("vooruitblik")).to_contain_text(f"op {nieuw_einde:%d-%m-%Y}")

    _weg_van_de_start(page, live_server, wat)


def test_the_administrator_plans_the_administrative_meeting(
    page, live_server, login, demo, settings
):
    """Art. 7.2: the administrative meeting, at least once a year; due for who organises the
    city's meetings. The signal starts OVERLEG_SIGNAAL_WEKEN weeks before the year's end: set
    to a year, so the journey does not depend on the day it runs."""
    settings.OVERLEG_SIGNAAL_WEKEN = 53
    vandaag = _vandaag()
    wat = "Plannen: Bestuurlijk overleg (stad)"
    dag = min(vandaag + timedelta(days=7), vandaag.replace(month=12, day=31))

    login(page, _gebruiker("beheerder"))
    _open_vanaf_de_start(page, wat, "7.2", "beheerder")
    vorm = Overlegvorm.objects.get(code=Overlegvorm.Code.BESTUURLIJK_OVERLEG)
    expect(page).to_have_url(live_server.url + reverse("overleggen:nieuw") + f"?vorm={vorm.pk}")
    page.get_by_label("Begin").fill(f"{dag.isoformat()}T15:00")
    page.get_by_label("Einde").fill(f"{dag.isoformat()}T16:30")
    page.get_by_role("button", name="Overleg plannen").click()
    expect(page.get_by_text("Het overleg is gepland.")).to_be_visible()

    _weg_van_de_start(page, live_server, wat)


def test_the_communication_officer_approves_a_statement(page, live_server, login, demo):
    """Art. 9.1: a statement is released once every partner involved approved it. The demo has
    Aeres's communication officer in the register but no account for her: one is made here."""
    persoon = Persoon.objects.get(
        toewijzingen__rol=Rol.COMMUNICATIEMEDEWERKER, toewijzingen__organisatie__code="aeres"
    )
    communicatie = GebruikerFactory(
        username="communicatie",
        first_name=persoon.voornaam,
        last_name=persoon.achternaam,
        organisatie=persoon.organisatie,
    )
    Persoon.objects.filter(pk=persoon.pk).update(gebruiker=communicatie)
    gisteren = _vandaag() - timedelta(days=1)
    melding = _demo_melding(gisteren, "fysiek-geweld-letsel")
    _bij_de_politie_gemeld(melding, gisteren)
    mededeling = Mededeling.objects.create(
        melding=melding,
        tekst="Op het schoolplein is gisteren gevochten; de politie onderzoekt het.",
        opgesteld_door=_gebruiker("coordinator"),
    )
    mededeling.partners.set(Organisatie.objects.filter(code__in=["aeres", "politie"]))
    wat = f"Keur de mededeling over de {_melding_van(gisteren)} goed"

    login(page, communicatie)
    # with the bell beside a short menu the bar ran 24 pixels past a 1280 window
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    _open_vanaf_de_start(page, wat, "9.1", "communicatie")
    expect(page).to_have_url(
        live_server.url + reverse("meldingen:mededeling", args=[mededeling.pk])
    )
    page.get_by_role("button", name=f"Goedkeuren voor {AERES}").click()
    expect(page.get_by_role("status")).to_have_text("Uw goedkeuring is vastgelegd.")

    _weg_van_de_start(page, live_server, wat)


# --- Boards ---------------------------------------------------------------------------------


def test_the_board_consents_to_an_amendment(browser, page, live_server, login, demo):
    """Art. 11.3: an amendment takes effect with every partner's written consent. The board
    reads the amendment; its signed consent is recorded by the register keepers (art. 4), here
    the projectleider at her own computer. Every other partner consented already."""
    vandaag = _vandaag()
    convenant = Convenant.objects.actueel()
    wijziging = Wijziging.objects.create(
        convenant=convenant,
        omschrijving="Verlenging met twee jaar",
        voorgesteld_op=vandaag - timedelta(days=7),
        ingangsdatum=vandaag + timedelta(days=30),
    )
    Lidwijziging.objects.create(
        wijziging=wijziging,
        lid=Lid.objects.get(artikel__convenant=convenant, artikel__nummer=10, nummer=3),
        tekst="Het convenant geldt voor een periode van vier jaar en kan op basis van evaluatie "
        "telkens met twee jaar worden verlengd.",
    )
    aeres = Organisatie.objects.get(code="aeres")
    for partner in instemming_nodig_voor(wijziging) - {aeres.pk}:
        Instemming.objects.create(
            wijziging=wijziging, organisatie_id=partner, datum=vandaag, namens="Bestuurder"
        )
    wat = "De schriftelijke instemming van uw bestuur met de wijziging"

    login(page, _gebruiker("bestuurder"))
    _open_vanaf_de_start(page, wat, "11.3", "bestuurder")
    expect(page).to_have_url(live_server.url + reverse("convenant:wijziging", args=[wijziging.pk]))
    expect(page.get_by_test_id("status-wijziging")).to_contain_text("wacht op instemmingen")

    context, projectleider = _tweede_venster(browser, login, "projectleider")
    projectleider.goto(page.url)
    projectleider.get_by_role("link", name="Instemming vastleggen").click()
    projectleider.get_by_label("Partner").select_option(label=AERES)
    projectleider.get_by_label("Datum van instemming").fill(vandaag.isoformat())
    projectleider.get_by_label("Ingestemd door").fill("Bram Bestuurder, voorzitter")
    projectleider.locator("input[type=file]").set_input_files(PDF)
    projectleider.get_by_role("button", name="Instemming vastleggen").click()
    expect(projectleider.get_by_test_id("status-wijziging")).to_contain_text("van kracht vanaf")
    context.close()

    _weg_van_de_start(page, live_server, wat)


def test_the_board_answers_the_evaluation_questionnaire(page, live_server, login, demo):
    """Art. 11.1: every partner answers the questionnaire of an open round, its bestuurder for
    the board."""
    vandaag = _vandaag()
    ronde = evaluatie_diensten.open_ronde(
        convenant=Convenant.objects.actueel(),
        soort=Evaluatieronde.Soort.TUSSENTIJDS,
        periode_begin=vandaag - timedelta(days=180),
        periode_einde=vandaag - timedelta(days=1),
        geopend_op=vandaag,
        sluitdatum=vandaag + timedelta(days=21),
    )
    aeres = Organisatie.objects.get(code="aeres")
    wat = f"Beantwoord de evaluatievragenlijst voor {AERES}"

    login(page, _gebruiker("bestuurder"))
    _open_vanaf_de_start(page, wat, "11.1", "bestuurder-evaluatie")
    expect(page).to_have_url(
        live_server.url + reverse("evaluatie:vragenlijst", args=[ronde.pk, aeres.pk])
    )
    for keuze in page.locator("input[type=radio][value=goed]").all():
        keuze.check()
    page.get_by_role("button", name="Indienen").click()
    expect(page.get_by_test_id("ingediend")).to_be_visible()

    _weg_van_de_start(page, live_server, wat)


def test_the_safety_manager_follows_a_bundle_to_the_staffing_overview(
    page, live_server, login, demo
):
    """Issue 15: beyond BUNDEL_VANAF schools with the same shortfall the safety manager reads
    one line with their number; it leads to the staffing overview on that requirement, where
    each school is listed."""
    from partijen.te_doen import BUNDEL_VANAF

    vm = _gebruiker("veiligheidsmanager")
    gebied = Roltoewijzing.objects.get(
        persoon__gebruiker=vm, rol=Rol.VEILIGHEIDSMANAGER
    ).overleggebied
    voorbeeld = School.objects.filter(overleggebied=gebied).first()
    # Art. 2.8: missing, or past its review date
    zonder_plan = School.objects.filter(overleggebied=gebied, actief=True).filter(
        Q(veiligheidsplan_vastgesteld__isnull=True)
        | Q(veiligheidsplan_herzien_uiterlijk__lt=_vandaag())
    )
    for i in range(max(0, BUNDEL_VANAF + 1 - zonder_plan.count())):
        School.objects.create(
            naam=f"Nieuwe locatie {i + 1:02d}",
            bestuur=voorbeeld.bestuur,
            sector=voorbeeld.sector,
            stadsdeel=voorbeeld.stadsdeel,
            overleggebied=gebied,
            wijk=voorbeeld.wijk,
        )
    aantal = zonder_plan.count()
    wat = (
        f"{aantal} scholen van uw gebied: Veiligheidsplan ontbreekt of is over de herzieningsdatum"
    )

    login(page, vm)
    _open_vanaf_de_start(page, wat, "2.8", "veiligheidsmanager-gebundeld")
    expect(page).to_have_url(
        live_server.url + reverse("partijen:bezetting") + "?eis=veiligheidsplan"
    )
    expect(page.get_by_test_id("filter")).to_contain_text("Alleen de scholen met dit tekort")
    expect(page.get_by_role("link", name="Nieuwe locatie 01")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "bezetting-een-eis")
