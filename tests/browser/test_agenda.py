"""The coordinator subscribes to her meetings: the calendar page gives her the address, and the
feed behind it names the meeting and its organiser, not who else is invited (art. 8)."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from overleggen.models import Overleg, Overlegvorm
from partijen.demo import DEMO_SCHOOL
from partijen.models import Gebruiker, Persoon, School


def test_the_coordinator_takes_her_meetings_into_her_calendar(page, live_server, login, demo):
    from tests.browser.conftest import assert_accessible, screenshot

    coordinator = Gebruiker.objects.get(username="coordinator")
    collega = Persoon.objects.exclude(pk=coordinator.persoon.pk).exclude(email="").first()
    overleg = Overleg.objects.create(
        vorm=Overlegvorm.objects.get(code="beleidsmatig-overleg"),
        school=School.objects.get(naam=DEMO_SCHOOL),
        start=timezone.now() + timedelta(days=3),
        einde=timezone.now() + timedelta(days=3, hours=1),
        aangemaakt_door=Gebruiker.objects.get(username="veiligheidsmanager"),
    )
    overleg.deelnemers.add(coordinator.persoon, collega)

    login(page, coordinator)
    page.get_by_role("link", name="Wat het convenant van u vraagt").click()
    page.get_by_role("link", name="Uw overleggen in uw agenda").click()
    expect(page.get_by_role("heading", name="Uw overleggen in uw agenda")).to_be_visible()
    expect(
        page.get_by_text(re.compile("wie verder is uitgenodigd, ziet u op de pagina"))
    ).to_be_visible()
    assert_accessible(page)
    screenshot(page, "agenda")

    adres = page.get_by_label("Agenda-adres").input_value()
    feed = page.request.get(adres.replace("http://testserver", live_server.url))
    assert feed.headers["content-type"].startswith("text/calendar")
    inhoud = feed.text()
    assert f"overleg-{overleg.pk}@" in inhoud
    assert "ATTENDEE" not in inhoud
    assert collega.email not in inhoud
