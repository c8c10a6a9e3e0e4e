"""A correction of a scan error in the copied text: no amendment (art. 11.3), no new version, a
logged correction the register keepers record and every partner reads on "what changed when"."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from django.utils.translation import gettext

from convenant import diensten, pdf, regels, toegang
from convenant.models import Artikel, Convenant, Lid, Tekstcorrectie
from partijen.models import Rol

URL = "/convenant/wijzigingen/correctie/"
LIJST = "/convenant/wijzigingen/"
GELEZEN = "verdovende of verboden middelen"
GESCAND = "verd0vende of verb0den middelen"


@pytest.fixture
def projectleider(maak_gebruiker):
    # Not named after the role: gebruiker_per_rol makes one of those too.
    return maak_gebruiker(Rol.PROJECTLEIDER, username="registerhouder")


@pytest.fixture
def lid(convenant_data):
    """Art. 2.5 as the scan read it: two words misread."""
    lid = Lid.objects.get(artikel__nummer=2, nummer=5)
    lid.tekst = lid.tekst.replace(GELEZEN, GESCAND)
    lid.save()
    return lid


def _corrigeer(lid, client, **meer):
    return client.post(
        f"{URL}?lid={lid.pk}",
        {
            "nieuwe_tekst": lid.tekst.replace(GESCAND, GELEZEN),
            "reden": "Getekende PDF, pagina 3: ‘verdovende of verboden middelen’.",
            **meer,
        },
    )


# The rule (art. 11.3) -----------------------------------------------------------------------

ZIN = "Iedere school stelt een persoon aan die tot taak heeft de inhoud te bewaken."


@pytest.mark.parametrize(
    ("nieuw", "verschil"),
    [
        (ZIN, 0),
        # Spaces and line breaks between words are no words: the text page shows the same.
        (ZIN.replace(" ", "  ").replace("persoon aan", "persoon\naan"), 0),
        (ZIN.replace("persoon", "pers0on"), 1),
        (ZIN.replace("een persoon", "eenpersoon"), 2),
        (ZIN.replace("school", "school zo nodig"), 2),
        (ZIN.replace("school", "school, zo nodig,"), 3),
        (ZIN.replace("stelt een persoon aan die", "stelt twee personen aan die"), 2),
        (ZIN.replace("Iedere school stelt een persoon", "A B C D E"), 5),
        (ZIN.replace("Iedere school stelt een persoon aan", "A B C D E F"), 6),
        (ZIN.replace("de inhoud", "de gehele inhoud van deze overeenkomst"), 4),
        ("", 14),
    ],
)
def test_the_words_that_differ_are_counted_per_stretch(nieuw, verschil):
    assert regels.verschillende_woorden(ZIN, nieuw) == verschil


def test_an_unchanged_text_or_one_with_only_other_spacing_is_no_correction():
    for nieuw in (ZIN, f"  {ZIN}\n", ZIN.replace(" de ", " \n\nde ")):
        bezwaren = regels.correctie_bezwaren(ZIN, nieuw)
        assert bezwaren == [gettext("The text is unchanged: correct at least one word.")]


def test_five_changed_words_are_a_correction_six_are_an_amendment():
    vijf = ZIN.replace("Iedere school stelt een persoon", "A B C D E")
    zes = ZIN.replace("Iedere school stelt een persoon aan", "A B C D E F")
    assert regels.correctie_bezwaren(ZIN, vijf) == []
    [bezwaar] = regels.correctie_bezwaren(ZIN, zes)
    assert "(art. 11.3)" in bezwaar
    assert "6" in bezwaar


# The service -------------------------------------------------------------------------------


def test_the_service_records_the_old_text_and_the_history_says_who(lid, projectleider):
    oud = lid.tekst
    correctie = diensten.corrigeer_tekst(
        lid=lid, nieuwe_tekst=oud.replace(GESCAND, GELEZEN), reden="PDF p. 3", door=projectleider
    )
    lid.refresh_from_db()
    assert GELEZEN in lid.tekst
    assert (correctie.oude_tekst, correctie.nieuwe_tekst) == (oud, lid.tekst)
    assert correctie.vastgelegd_door == projectleider
    laatste, vorige = lid.history.order_by("-history_id")[:2]
    assert laatste.history_user == projectleider
    assert (vorige.tekst, laatste.tekst) == (oud, lid.tekst)
    assert list(lid.correcties.all()) == [correctie]


def test_the_service_refuses_a_change_of_meaning_and_writes_nothing(lid, projectleider):
    oud = lid.tekst
    with pytest.raises(ValidationError):
        diensten.corrigeer_tekst(
            lid=lid, nieuwe_tekst="Een heel andere tekst dan getekend.", reden="x", door=None
        )
    lid.refresh_from_db()
    assert lid.tekst == oud
    assert not Tekstcorrectie.objects.exists()


# Who may --------------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", [Rol.COORDINATOR_VEILIGHEID, Rol.POLITIE_CONTACTPERSOON])
def test_only_the_register_keepers_correct(client, lid, maak_gebruiker, rol):
    client.force_login(maak_gebruiker(rol))
    assert client.get(URL).status_code == 404
    assert client.get(f"{URL}?lid={lid.pk}").status_code == 404
    assert _corrigeer(lid, client).status_code == 404
    assert not Tekstcorrectie.objects.exists()


def test_anonymous_is_sent_to_the_login(client, lid):
    response = _corrigeer(lid, client)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")
    assert not Tekstcorrectie.objects.exists()


# The pages ----------------------------------------------------------------------------------


def test_the_register_keeper_chooses_a_paragraph_and_corrects_it(client, lid, projectleider):
    client.force_login(projectleider)
    keuze = client.get(URL).content.decode()
    assert f'<option value="{lid.pk}">Art. 2.5</option>' in keuze
    assert 'name="nieuwe_tekst"' not in keuze
    stap2 = client.get(URL, {"lid": lid.pk}).content.decode()
    assert f"{escape(lid.tekst)}</textarea>" in stap2
    response = _corrigeer(lid, client, nieuwe_tekst=lid.tekst.replace(GESCAND, GELEZEN) + "\r\n")
    assert response.status_code == 302
    assert response["Location"] == LIJST
    html = client.get(LIJST).content.decode()
    assert gettext("The correction of art. %(ref)s has been recorded.") % {"ref": "2.5"} in html
    lid.refresh_from_db()
    assert GELEZEN in lid.tekst
    assert not lid.tekst.endswith("\n")


@pytest.mark.parametrize("waarde", ["abc", "99999999", "-1", "²"])
def test_a_paragraph_that_is_not_there_is_an_error_on_the_choice(
    client, lid, projectleider, waarde
):
    client.force_login(projectleider)
    for response in (client.get(URL, {"lid": waarde}), client.post(f"{URL}?lid={waarde}", {})):
        assert response.status_code == 200
        assert response.context["form"] is None
        assert response.context["keuze"].errors["lid"]
    assert not Tekstcorrectie.objects.exists()


def test_a_paragraph_of_another_covenant_cannot_be_corrected_here(client, lid, projectleider):
    ander = Convenant.objects.create(code="ander", titel="Ander", plaats="Almere", inleiding="-")
    vreemd = Lid.objects.create(
        artikel=Artikel.objects.create(convenant=ander, nummer=1, titel="Een"),
        nummer=1,
        tekst="Een tekst van een ander convenant.",
    )
    client.force_login(projectleider)
    response = client.post(
        f"{URL}?lid={vreemd.pk}", {"nieuwe_tekst": "Een tekst van dit convenant.", "reden": "x"}
    )
    assert response.status_code == 200
    assert response.context["keuze"].errors["lid"]
    assert "Een tekst van een ander convenant." not in response.content.decode()
    vreemd.refresh_from_db()
    assert vreemd.tekst == "Een tekst van een ander convenant."
    assert not Tekstcorrectie.objects.exists()


@pytest.mark.parametrize("veld", ["nieuwe_tekst", "reden"])
def test_html_is_refused_in_the_text_and_the_reason(client, lid, projectleider, veld):
    client.force_login(projectleider)
    waarde = {"nieuwe_tekst": lid.tekst.replace("verd0vende", "<b>verdovende</b>"), "reden": "<i>"}
    response = _corrigeer(lid, client, **{veld: waarde[veld]})
    assert response.status_code == 200
    assert response.context["form"].errors[veld] == [
        "Gebruik geen HTML-code (zoals <script>) in de tekst."
    ]
    assert not Tekstcorrectie.objects.exists()


def test_a_change_of_meaning_is_refused_and_what_was_typed_is_kept(client, lid, projectleider):
    client.force_login(projectleider)
    nieuw = lid.tekst.replace(GESCAND, "alcohol, tabak of vuurwerk in en rond de school")
    oud = lid.tekst
    response = _corrigeer(lid, client, nieuwe_tekst=nieuw, reden="Een nieuwe afspraak")
    assert response.status_code == 200
    [bezwaar] = regels.correctie_bezwaren(oud, nieuw)
    assert response.context["form"].errors["nieuwe_tekst"] == [bezwaar]
    html = response.content.decode()
    assert escape(bezwaar) in html
    assert f"{escape(nieuw)}</textarea>" in html
    assert "Een nieuwe afspraak</textarea>" in html
    lid.refresh_from_db()
    assert lid.tekst == oud
    assert not Tekstcorrectie.objects.exists()


def test_the_same_correction_twice_is_refused_the_second_time(client, lid, projectleider):
    client.force_login(projectleider)
    nieuw = lid.tekst.replace(GESCAND, GELEZEN)
    assert _corrigeer(lid, client, nieuwe_tekst=nieuw).status_code == 302
    response = _corrigeer(lid, client, nieuwe_tekst=nieuw)
    assert response.context["form"].errors["nieuwe_tekst"] == [
        gettext("The text is unchanged: correct at least one word.")
    ]
    assert Tekstcorrectie.objects.count() == 1


def test_every_signed_in_user_reads_the_correction_on_what_changed_when(
    client, lid, projectleider, gebruiker_per_rol
):
    diensten.corrigeer_tekst(
        lid=lid,
        nieuwe_tekst=lid.tekst.replace(GESCAND, GELEZEN),
        reden="Getekende PDF, pagina 3.",
        door=projectleider,
    )
    client.force_login(gebruiker_per_rol)
    html = client.get(LIJST).content.decode()
    assert 'data-testid="correctie"' in html
    assert "Art. 2.5" in html
    assert "Getekende PDF, pagina 3." in html
    assert escape(str(projectleider)) in html  # a name may hold an apostrophe ("van 't Wel")
    assert "<del>verd0vende</del> <ins>verdovende</ins>" in html
    assert "<del>verb0den</del> <ins>verboden</ins>" in html
    assert (f'href="{URL}"' in html) == toegang.mag_looptijd_bijhouden(gebruiker_per_rol)


def test_the_list_costs_as_many_queries_for_one_correction_as_for_many(
    client, convenant_data, projectleider, maak_gebruiker, django_assert_max_num_queries
):
    beheerder = maak_gebruiker(Rol.BEHEERDER)
    leden = list(Lid.objects.filter(artikel__nummer__in=[2, 3]).order_by("pk")[:6])

    def corrigeer(lid, door):
        woord = lid.tekst.split()[0]
        diensten.corrigeer_tekst(
            lid=lid, nieuwe_tekst=lid.tekst.replace(woord, woord + "e", 1), reden="r", door=door
        )

    corrigeer(leden[0], projectleider)
    client.force_login(projectleider)
    client.get(LIJST)
    with CaptureQueriesContext(connection) as een:
        client.get(LIJST)
    for i, lid in enumerate(leden[1:]):
        corrigeer(lid, beheerder if i % 2 else projectleider)
    with django_assert_max_num_queries(len(een.captured_queries)):
        html = client.get(LIJST).content.decode()
    assert html.count('data-testid="correctie"') == 6


# No new version --------------------------------------------------------------------------------


def test_a_correction_changes_no_version_and_the_text_shows_it(client, lid, projectleider):
    convenant = Convenant.objects.actueel()
    dagen = [date(2023, 11, 14), date(2024, 11, 13), date(2026, 11, 29), date(2027, 12, 1)]
    voor = [pdf.versiedatum(convenant, d) for d in dagen]
    diensten.corrigeer_tekst(
        lid=lid, nieuwe_tekst=lid.tekst.replace(GESCAND, GELEZEN), reden="r", door=projectleider
    )
    assert [pdf.versiedatum(convenant, d) for d in dagen] == voor
    client.force_login(projectleider)
    tekst = client.get("/convenant/").content.decode()
    assert GELEZEN in tekst
    assert GESCAND not in tekst
    # The PDF of every version reads the corrected copy (its cache key is its content).
    assert GELEZEN in pdf._html(convenant, date(2023, 11, 14))
