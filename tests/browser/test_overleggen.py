"""The safety manager plans and records an area meeting; the police records a school meeting."""

import re
from pathlib import Path

from playwright.sync_api import expect

from partijen.demo import DEMO_SCHOOL
from partijen.models import Gebruiker, School


def _cel(page, bereik):
    rij = page.get_by_role("row").filter(has_text="Stadsdeeloverleg").filter(has_text=bereik)
    return rij.locator(".badge").first


def test_the_safety_manager_plans_and_records_the_area_meeting(page, live_server, login, demo):
    from tests.browser.conftest import assert_accessible, screenshot

    login(page, Gebruiker.objects.get(username="veiligheidsmanager"))
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Overleggen"
    ).click()
    expect(page.get_by_role("heading", name=re.compile("^Naleving overleggen"))).to_be_visible()
    expect(_cel(page, "Buiten-Hout")).to_have_text("nog in te plannen")
    assert_accessible(page)
    screenshot(page, "naleving")

    page.get_by_role("row").filter(has_text="Stadsdeeloverleg").filter(
        has_text="Buiten-Hout"
    ).get_by_role("link", name=re.compile("^Plannen")).click()
    expect(page.get_by_role("heading", name="Overleg plannen")).to_be_visible()
    expect(page.get_by_label("Gastschool")).not_to_have_value("")
    expect(page.get_by_role("checkbox", name=re.compile("Carla de Coördinator"))).to_be_checked()
    expect(page.get_by_role("checkbox", name=re.compile("Peter Politie"))).to_be_checked()
    page.get_by_label("Begin").fill("2026-11-26T15:00")
    page.get_by_label("Einde").fill("2026-11-26T16:30")
    assert_accessible(page)
    page.get_by_role("button", name="Overleg plannen").click()
    expect(page.get_by_text("Het overleg is gepland.")).to_be_visible()

    page.get_by_label("Het overleg is").select_option("gehouden")
    page.get_by_role("checkbox", name=re.compile("Carla de Coördinator")).check()
    page.get_by_label("Kort verslag").fill("Trends in de wijk besproken; geen namen.")
    page.get_by_label("Besluiten").fill("Volgend overleg bij het ISK.")
    page.locator("#id_acties-0-omschrijving").fill("Voorlichting over vuurwerk plannen")
    page.locator("#id_acties-0-eigenaar").select_option(label="Vincent Veiligheid")
    page.locator("#id_acties-0-deadline").fill("2027-01-15")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het overleg is vastgelegd.")).to_be_visible()
    expect(page.get_by_text("Voorlichting over vuurwerk plannen")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "overleg-vastgelegd")

    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Overleggen"
    ).click()
    expect(_cel(page, "Buiten-Hout")).to_have_text("voldaan")

    page.get_by_role("row").filter(has_text="Stadsdeeloverleg").filter(
        has_text="Buiten-Hout"
    ).get_by_role("link", name="Overleggen").click()
    expect(page.get_by_role("cell", name="gehouden")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Start").click()
    expect(page.get_by_text("Voorlichting over vuurwerk plannen")).to_be_visible()
    page.get_by_role("link", name="Wat het convenant van u vraagt").click()
    page.get_by_role("link", name="Uw overleggen in uw agenda").click()
    feed_url = page.get_by_label("Agenda-adres").input_value()
    assert feed_url.endswith(".ics")
    assert_accessible(page)
    assert page.request.get(feed_url).text().startswith("BEGIN:VCALENDAR")


def test_the_police_records_a_monthly_meeting_for_its_school_only(page, live_server, login, demo):
    from tests.browser.conftest import assert_accessible

    login(page, Gebruiker.objects.get(username="politie"))
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Overleggen"
    ).click()
    expect(page.get_by_role("heading", name=re.compile("^Schooloverleggen"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("row").filter(has_text="Operationeel overleg").filter(
        has_text=DEMO_SCHOOL
    ).get_by_role("link", name=re.compile("^Vastleggen")).click()
    expect(page.get_by_label(re.compile("Dit overleg is al gehouden"))).to_be_checked()
    page.get_by_label("Begin").fill("2026-11-20T10:00")
    page.get_by_label("Einde").fill("2026-11-20T10:30")
    page.get_by_label("Kort verslag").fill("Rustige maand; afspraken over de pauzes.")
    page.get_by_role("button", name="Overleg plannen").click()
    expect(page.get_by_text("Het overleg is vastgelegd.")).to_be_visible()
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Overleggen"
    ).click()
    maand = (
        page.get_by_role("row")
        .filter(has_text="Operationeel overleg")
        .filter(has_text=DEMO_SCHOOL)
        .locator(".maand")
        .nth(10)
    )
    expect(maand).to_have_class(re.compile("status-voldaan"))

    andere = (
        School.objects.filter(sector="VO")
        .exclude(pk__in=School.objects.visible_to(Gebruiker.objects.get(username="politie")))
        .first()
    )
    from overleggen.models import Overlegvorm

    vorm = Overlegvorm.objects.get(code="operationeel-overleg")
    # A link for a school that is not theirs is refused, like any other school's page.
    page.goto(f"{live_server.url}/overleggen/nieuw/?vorm={vorm.pk}&school={andere.pk}")
    expect(page.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()


def _overleg(vorm, door, start, **bereik):
    from datetime import timedelta

    from overleggen.models import Overleg

    return Overleg.objects.create(
        vorm=vorm, start=start, einde=start + timedelta(hours=1), aangemaakt_door=door, **bereik
    )


def test_the_safety_manager_opens_an_upcoming_meeting_and_downloads_it(
    page, live_server, login, convenant_data, stad, gebruikers
):
    from datetime import date, datetime, timedelta
    from zoneinfo import ZoneInfo

    from django.utils import timezone
    from icalendar import Calendar

    from overleggen.models import Actiepunt, Overlegvorm
    from tests.browser.conftest import assert_accessible, screenshot

    ams = ZoneInfo("Europe/Amsterdam")
    vorm = Overlegvorm.objects.get(code="stadsdeeloverleg")
    door = gebruikers["veiligheidsmanager"]
    eigenaar = gebruikers["coordinator_veiligheid"].persoon
    eigenaar.email = "coordinator@school.example"
    eigenaar.save()
    vandaag = timezone.localdate()
    # Earlier area meetings without action points, and one with an open point.
    for jaren in range(1, 6):
        _overleg(
            vorm,
            door,
            datetime(vandaag.year - jaren, 5, 1, 15, tzinfo=ams),
            overleggebied=stad.gebied_a,
        )
    met_actie = _overleg(
        vorm, door, datetime(vandaag.year - 6, 5, 1, 15, tzinfo=ams), overleggebied=stad.gebied_a
    )
    Actiepunt.objects.create(
        overleg=met_actie,
        omschrijving="Voorlichting over vuurwerk plannen",
        eigenaar=eigenaar,
        deadline=date(vandaag.year - 6, 6, 1),
    )
    komend = _overleg(
        vorm,
        door,
        datetime.combine(vandaag + timedelta(days=14), datetime.min.time(), tzinfo=ams).replace(
            hour=15
        ),
        overleggebied=stad.gebied_a,
    )
    komend.deelnemers.add(eigenaar)

    login(page, door)
    page.goto(f"{live_server.url}/overleggen/{komend.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Stadsdeeloverleg")
    open_punten = page.get_by_role("heading", name="Openstaande actiepunten uit eerdere overleggen")
    expect(open_punten).to_be_visible()
    lijst = page.locator("h3:has-text('Openstaande actiepunten') + ul > li")
    expect(lijst).to_have_count(1)
    expect(lijst).to_contain_text("Voorlichting over vuurwerk plannen")
    expect(page.get_by_text("None")).to_have_count(0)

    # The extra rows for new action points are optional: no required marker on them.
    for veld in ("omschrijving", "eigenaar", "deadline"):
        for rij in (0, 1):
            expect(page.locator(f"label[for='id_acties-{rij}-{veld}']")).not_to_contain_text("*")
    assert_accessible(page)
    screenshot(page, "overleg-komend")

    # Once a row is being filled, its required fields are marked; the still empty row is not.
    page.locator("#id_acties-0-omschrijving").fill("Camerabeelden opvragen")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#id_acties-0-omschrijving")).to_have_value("Camerabeelden opvragen")
    for veld in ("omschrijving", "eigenaar", "deadline"):
        expect(page.locator(f"label[for='id_acties-0-{veld}']")).to_contain_text("*")
        expect(page.locator(f"label[for='id_acties-1-{veld}']")).not_to_contain_text("*")
    assert_accessible(page)
    screenshot(page, "overleg-actiepunt-half-ingevuld")

    with page.expect_download() as download:
        page.get_by_role("link", name="Toevoegen aan agenda (.ics)").click()
    cal = Calendar.from_ical(Path(download.value.path()).read_bytes())
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    event = cal.walk("VEVENT")[0]
    assert event.decoded("dtstart") == komend.start
    assert str(event["attendee"]) == "mailto:coordinator@school.example"


def test_the_police_contact_sees_the_upcoming_meetings_of_his_schools(
    page, live_server, login, convenant_data, stad, gebruikers
):
    from datetime import timedelta

    from django.utils import timezone

    from overleggen.models import Overlegvorm
    from tests.browser.conftest import assert_accessible, screenshot

    vorm = Overlegvorm.objects.get(code="operationeel-overleg")
    door = gebruikers["beheerder"]
    nu = timezone.now().replace(microsecond=0)
    later = _overleg(vorm, door, nu + timedelta(days=9), school=stad.b1)
    eerst = _overleg(vorm, door, nu + timedelta(days=2), school=stad.a2)
    _overleg(vorm, door, nu + timedelta(days=5), school=stad.a1)  # not his school
    _overleg(vorm, door, nu - timedelta(days=5), school=stad.a2)  # already held

    login(page, gebruikers["politie_contactpersoon"])
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Overleggen"
    ).click()
    komend = page.get_by_role("region", name="Komende overleggen")
    rijen = komend.get_by_role("row")
    expect(rijen).to_have_count(3)  # the header and his two schools' meetings
    expect(rijen.nth(1)).to_contain_text(stad.a2.naam)
    expect(rijen.nth(2)).to_contain_text(stad.b1.naam)
    expect(komend).not_to_contain_text(stad.a1.naam)
    assert_accessible(page)
    screenshot(page, "politie-komende-overleggen")
    rijen.nth(1).get_by_role("link").click()
    expect(page).to_have_url(re.compile(f"/overleggen/{eerst.pk}/$"))
    assert later.pk != eerst.pk


def test_a_coordinator_sees_the_area_meeting_read_only(
    page, live_server, login, convenant_data, stad, gebruikers
):
    """The veiligheidsmanager organises the area meeting (6.3); a school's coordinator takes
    part and reads its report, without a form to change it."""
    from datetime import timedelta

    from django.utils import timezone

    from overleggen.models import Overlegvorm
    from tests.browser.conftest import assert_accessible, screenshot

    vorm = Overlegvorm.objects.get(code="stadsdeeloverleg")
    overleg = _overleg(
        vorm,
        gebruikers["veiligheidsmanager"],
        timezone.now() - timedelta(days=7),
        overleggebied=stad.gebied_a,
    )
    overleg.status = "gehouden"
    overleg.verslag = "Trends in de wijk besproken; geen namen."
    overleg.save()

    login(page, gebruikers["coordinator_veiligheid"])
    page.goto(f"{live_server.url}/overleggen/{overleg.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Stadsdeeloverleg")
    verslag = page.get_by_role("paragraph").filter(has_text="Trends in de wijk besproken")
    expect(verslag).to_be_visible()
    expect(page.get_by_role("heading", name="Na het overleg")).to_have_count(0)
    expect(page.get_by_role("button", name="Opslaan")).to_have_count(0)
    expect(page.get_by_label("Kort verslag")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "overleg-alleen-lezen")


def test_the_safety_manager_is_proposed_only_people_of_his_area(
    page, live_server, login, convenant_data, stad, gebruikers
):
    from overleggen.models import Overlegvorm
    from tests.browser.conftest import assert_accessible, screenshot
    from tests.factories import PersoonFactory, RoltoewijzingFactory

    eigen = PersoonFactory(voornaam="Anna", achternaam="van Oost")
    RoltoewijzingFactory(persoon=eigen, rol="coordinator_veiligheid", school=stad.a2)
    vreemd = PersoonFactory(voornaam="Willem", achternaam="van West")
    RoltoewijzingFactory(persoon=vreemd, rol="coordinator_veiligheid", school=stad.b1)
    collega = PersoonFactory(voornaam="Vera", achternaam="van Westpoort")
    RoltoewijzingFactory(
        persoon=collega, rol="veiligheidsmanager", school=None, overleggebied=stad.gebied_b
    )
    vorm = Overlegvorm.objects.get(code="stadsdeeloverleg")

    login(page, gebruikers["veiligheidsmanager"])
    # Without an area nobody is proposed: the city's staff is not listed.
    page.goto(f"{live_server.url}/overleggen/nieuw/?vorm={vorm.pk}")
    expect(page.get_by_role("heading", name="Overleg plannen")).to_be_visible()
    expect(page.get_by_text("van West")).to_have_count(0)
    page.goto(
        f"{live_server.url}/overleggen/nieuw/?vorm={vorm.pk}&overleggebied={stad.gebied_a.pk}"
    )
    expect(page.get_by_role("checkbox", name=re.compile("Anna van Oost"))).to_be_checked()
    expect(page.get_by_text("Willem van West")).to_have_count(0)
    expect(page.get_by_text("Vera van Westpoort")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "overleg-plannen-eigen-gebied")
    # Another area's meeting is not his to plan.
    page.goto(
        f"{live_server.url}/overleggen/nieuw/?vorm={vorm.pk}&overleggebied={stad.gebied_b.pk}"
    )
    expect(page.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()
    expect(page.get_by_text("van West")).to_have_count(0)
