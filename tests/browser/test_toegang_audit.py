"""The administrator reviews who has access and reads the audit log (BIO 5.18, 8.15)."""

from django.utils import timezone
from playwright.sync_api import expect

from meldingen.models import Inzage
from partijen.toekenning import toewijzing_opslaan
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import MeldingFactory, PersoonFactory

GEHEIM = "Een leerling werd bedreigd met een mes bij de fietsenstalling"


def test_the_administrator_reviews_access_and_reads_the_audit_log(
    page, live_server, login, stad, gebruikers
):
    from partijen.models import Roltoewijzing

    beheerder = gebruikers["beheerder"]
    toewijzing_opslaan(
        Roltoewijzing(
            persoon=PersoonFactory(voornaam="Nora", achternaam="Nieuw"),
            rol="contactpersoon_vertrouwenszaken",
            school=stad.a1,
            begin=timezone.localdate(),
        ),
        door=beheerder,
    )
    melding = MeldingFactory(school=stad.a1, omschrijving=GEHEIM)
    melding.omschrijving = GEHEIM + " (aangevuld)"
    melding.save()
    Inzage.objects.create(melding=melding, gebruiker=gebruikers["coordinator_veiligheid"])

    login(page, beheerder)
    nav = page.get_by_role("navigation", name="Hoofdnavigatie")
    nav.get_by_role("link", name="Toegang").click()
    expect(page.get_by_role("heading", name="Toegangsoverzicht")).to_be_visible()
    expect(page.get_by_role("cell", name="Havencollege").first).to_be_visible()
    expect(page.get_by_text("Nora Nieuw · Contactpersoon vertrouwenszaken")).to_be_visible()
    page.get_by_label("Rol", exact=True).select_option("politie_contactpersoon")
    page.get_by_role("button", name="Filteren").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    screenshot(page, "toegangsoverzicht")
    assert_accessible(page)

    page.get_by_role("navigation", name="Toegang").get_by_role("link", name="Auditlog").click()
    expect(nav.get_by_role("link", name="Toegang")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("heading", name="Auditlog")).to_be_visible()
    expect(page.get_by_role("cell", name="gelezen")).to_be_visible()
    expect(page.get_by_role("cell", name="omschrijving").first).to_be_visible()
    assert GEHEIM not in page.content()
    screenshot(page, "auditlog")
    assert_accessible(page)


def test_a_project_leader_cannot_give_himself_a_school_role_and_the_coordinator_sees_grants(
    page, live_server, login, stad, gebruikers
):
    projectleider = gebruikers["projectleider"]
    from partijen.models import Persoon

    # The projectleider's own person, which holds his role.
    Persoon.objects.filter(gebruiker=projectleider).update(
        voornaam="Piet", achternaam="Projectleider"
    )
    eigen = Persoon.objects.get(gebruiker=projectleider)
    anders = PersoonFactory(voornaam="Nora", achternaam="Nieuw")
    login(page, projectleider)
    page.goto(live_server.url + f"/partijen/toewijzingen/nieuw/?school={stad.a1.pk}")
    page.get_by_label("Persoon").select_option(label=str(eigen))
    page.get_by_label("Rol").select_option(label="Contactpersoon vertrouwenszaken")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("U kunt geen rol aan uzelf toewijzen")).to_be_visible()
    expect(page.get_by_label("Persoon")).to_have_value(str(eigen.pk))  # nothing typed is lost
    screenshot(page, "zelf-rol-toewijzen")
    assert_accessible(page)

    # A grant to someone else goes through, and the school's coordinator sees it.
    page.get_by_label("Persoon").select_option(label=str(anders))
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De rol is toegewezen.")).to_be_visible()

    page.context.clear_cookies()
    login(page, gebruikers["coordinator_veiligheid"])
    page.goto(live_server.url + f"/partijen/scholen/{stad.a1.pk}/")
    toekenningen = page.get_by_role("region", name="Recent toegekende rollen")
    expect(toekenningen.get_by_text("Nora Nieuw · Contactpersoon vertrouwenszaken")).to_be_visible()
    screenshot(page, "recent-toegekende-rollen")
    assert_accessible(page)
