"""Issue 14: the notification centre (the bell, the list, mark as read, opening a message),
the choice of how to receive messages, and the administrator's "Berichten"; nobody reads
another user's messages."""

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.utils.html import escape

from berichten import diensten
from berichten.models import Bericht, Voorkeur
from partijen.models import Rol
from tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def berichten(convenant_data, stad, gebruikers):
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    meldingen = [
        MeldingFactory(school=stad.a1, categorieen=["fysiek-geweld-letsel"]) for _ in range(2)
    ]
    diensten.scan_gebruiker(coordinator)
    return coordinator, meldingen


def test_the_bell_counts_the_unread_messages_and_the_centre_lists_them(client, berichten):
    coordinator, meldingen = berichten
    client.force_login(coordinator)
    html = client.get("/").content.decode()
    assert 'data-testid="ongelezen">2<' in html
    centrum = client.get("/berichten/").content.decode()
    assert centrum.count('data-testid="bericht"') == 2
    assert "Meld de melding van" in centrum


def test_opening_a_message_marks_it_read_and_leads_to_where_it_is_done(client, berichten):
    coordinator, meldingen = berichten
    bericht = Bericht.objects.van(coordinator).first()
    client.force_login(coordinator)
    antwoord = client.get(f"/berichten/{bericht.pk}/")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == bericht.url
    bericht.refresh_from_db()
    assert bericht.gelezen_op is not None
    assert 'data-testid="ongelezen">1<' in client.get("/").content.decode()
    client.post("/berichten/gelezen/")
    assert 'data-testid="ongelezen"' not in client.get("/").content.decode()


def test_nobody_opens_or_marks_another_users_message(client, berichten, gebruikers):
    coordinator, _ = berichten
    bericht = Bericht.objects.van(coordinator).first()
    client.force_login(gebruikers[Rol.VEILIGHEIDSMANAGER])
    assert client.get(f"/berichten/{bericht.pk}/").status_code == 404
    assert client.post(f"/berichten/{bericht.pk}/gelezen/").status_code == 404
    client.post("/berichten/gelezen/")  # "all read" is all of one's own
    bericht.refresh_from_db()
    assert bericht.gelezen_op is None
    assert "Meld de melding" not in client.get("/berichten/").content.decode()


def test_a_message_with_a_foreign_link_never_redirects_away(client, berichten):
    coordinator, _ = berichten
    bericht = Bericht.objects.van(coordinator).first()
    Bericht.objects.filter(pk=bericht.pk).update(url="https://kwaad.example/")
    client.force_login(coordinator)
    assert client.get(f"/berichten/{bericht.pk}/")["Location"] == "/berichten/"


def test_the_choice_per_kind_is_saved_and_a_hostile_value_is_refused(client, berichten):
    coordinator, _ = berichten
    client.force_login(coordinator)
    pagina = client.get("/berichten/voorkeuren/").content.decode()
    assert "Politieopvolging van meldingen (art. 3.2)" in pagina
    data = {
        "politie": "direct",
        "meldingen": "app",
        "uitnodigingen": "direct",
        "overleggen": "dagelijks",
        "register": "wekelijks",
        "convenant": "wekelijks",
        "evaluatie": "wekelijks",
        "overig": "dagelijks",
    }
    antwoord = client.post("/berichten/voorkeuren/", {**data, "meldingen": "elk-uur"})
    assert antwoord.status_code == 200
    assert "Selecteer een geldige keuze" in antwoord.content.decode()
    assert not Voorkeur.objects.exists()
    assert client.post("/berichten/voorkeuren/", data).status_code == 302
    assert Voorkeur.objects.get(gebruiker=coordinator, groep="meldingen").frequentie == "app"
    # what was waiting for an e-mail now stays in the application
    assert (
        not Bericht.objects.filter(email=Bericht.Email.WACHT)
        .exclude(soort__startswith="register_")
        .filter(ontvanger=coordinator)
        .exists()
    )


def test_the_administrator_sees_what_went_out_to_whom_others_do_not(client, berichten, gebruikers):
    coordinator, _ = berichten
    client.force_login(coordinator)
    assert client.get("/berichten/verzonden/").status_code == 404
    assert "Verzonden berichten" not in client.get("/berichten/").content.decode()
    client.force_login(gebruikers[Rol.BEHEERDER])
    html = client.get("/berichten/verzonden/").content.decode()
    assert html.count('data-testid="verzonden-bericht"') == Bericht.objects.count()
    assert escape(str(coordinator)) in html  # a name may hold an apostrophe
    assert "Volgend dagelijks overzicht" in html
    wachtend = client.get("/berichten/verzonden/?status=verzonden").content.decode()
    assert 'data-testid="verzonden-bericht"' not in wachtend
    assert client.get("/berichten/verzonden/?status=<script>").status_code == 200


def test_the_dry_run_lists_what_would_be_sent_and_writes_nothing(berichten):
    from io import StringIO

    from django.core.management import call_command

    Bericht.objects.all().delete()
    uit = StringIO()
    call_command("berichten", "--proef", stdout=uit)
    assert "Meld de melding van" in uit.getvalue()
    assert "proef: niets verstuurd" in uit.getvalue()
    assert not Bericht.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("sjabloon", ["bericht", "overzicht"])
@pytest.mark.parametrize("soort", ["txt", "html"])
def test_every_email_template_renders_in_dutch_with_its_article_and_a_working_link(
    berichten, sjabloon, soort, client
):
    coordinator, _ = berichten
    bericht = Bericht.objects.van(coordinator).first()
    link = "http://127.0.0.1:8000" + bericht.url
    tekst = render_to_string(
        f"berichten/email/{sjabloon}.{soort}",
        {
            "gebruiker": coordinator,
            "bericht": bericht,
            "link": link,
            "items": [{"bericht": bericht, "link": link, "te_laat": False}],
            "frequentie": "dagelijks",
            "centrum": "http://127.0.0.1:8000/berichten/",
            "instellingen": "http://127.0.0.1:8000/berichten/voorkeuren/",
        },
    )
    assert "Beste " in tekst
    assert "art. 2.4" in tekst
    assert link in tekst
    assert "Safety" not in tekst
    assert "Dear" not in tekst
    client.force_login(coordinator)
    assert client.get(bericht.url).status_code == 200


def test_make_run_writes_the_messages_when_the_user_opens_the_home_page(
    client, convenant_data, stad, gebruikers, settings
):
    settings.BERICHTEN_SCAN_BIJ_OPENEN = True
    coordinator = gebruikers[Rol.COORDINATOR_VEILIGHEID]
    MeldingFactory(school=stad.a1, categorieen=["fysiek-geweld-letsel"])
    client.force_login(coordinator)
    assert 'data-testid="ongelezen">1<' in client.get("/").content.decode()
