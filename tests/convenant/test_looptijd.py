"""The covenant's term and partners page (art. 10): the timeline everyone reads, and the
notices, consents and extensions the register keepers record."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from convenant.lidmaatschap import instemming_nodig_van, lidmaatschappen
from convenant.models import Convenant, Instemming, Opzegging, Verlenging
from partijen.models import Organisatie, Rol

AMS = ZoneInfo("Europe/Amsterdam")
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"


def _pdf(naam="brief.pdf"):
    return SimpleUploadedFile(naam, PDF, "application/pdf")


@pytest.fixture
def projectleider(maak_gebruiker):
    return maak_gebruiker(Rol.PROJECTLEIDER)


def _op(dag):
    return time_machine.travel(datetime(dag.year, dag.month, dag.day, 12, tzinfo=AMS), tick=False)


@pytest.mark.parametrize(
    ("dag", "verwacht"),
    [
        (date(2026, 11, 13), "De looptijd eindigt over 12 maanden, op 13-11-2027."),
        (date(2026, 11, 14), "De looptijd eindigt over 11 maanden, op 13-11-2027."),
        (date(2027, 11, 13), "De looptijd eindigt over 0 maanden, op 13-11-2027."),
        (date(2027, 11, 14), "De looptijd is op 13-11-2027 geëindigd"),
    ],
)
def test_the_page_says_how_long_the_term_runs(client, convenant_data, coordinator, dag, verwacht):
    with _op(dag):  # logged in on the day: a session does not last years
        client.force_login(coordinator)
        html = client.get("/convenant/looptijd/").content.decode()
    assert verwacht in html
    # the last year before the end: the evaluation an extension needs is mentioned
    assert ("plan die op tijd" in html) is (date(2026, 11, 14) <= dag <= date(2027, 11, 13))


def test_the_timeline_shows_signing_accession_and_the_end_of_the_term(
    client, convenant_data, coordinator
):
    client.force_login(coordinator)
    with _op(date(2026, 11, 30)):
        html = client.get("/convenant/looptijd/").content.decode()
    assert "14 november 2023" in html
    assert "Toetreding (art. 11.3)" in html
    assert "13 november 2024" in html
    assert "Einde van de looptijd (art. 10.3)" in html
    # the register keepers' forms are not offered to a coordinator
    assert "/convenant/looptijd/opzegging/" not in html


def test_the_register_keeper_records_a_notice_and_the_timeline_shows_the_last_day(
    client, convenant_data, projectleider
):
    skof = Organisatie.objects.get(code="skof")
    client.force_login(projectleider)
    with _op(date(2026, 8, 31)):
        response = client.post(
            "/convenant/looptijd/opzegging/",
            {"organisatie": skof.pk, "datum": "2026-08-31", "document": _pdf()},
        )
        assert response.status_code == 302
        html = client.get("/convenant/looptijd/").content.decode()
    opzegging = Opzegging.objects.get()
    assert opzegging.vastgelegd_door == projectleider
    assert lidmaatschappen()[skof.pk].einde == date(2027, 2, 28)
    assert "28 februari 2027" in html
    assert f"Laatste dag van {skof} als partner" in html
    # a partner leaves once: it is no longer offered
    form = client.get("/convenant/looptijd/opzegging/").content.decode()
    assert f'value="{skof.pk}"' not in form


def test_a_document_that_is_not_a_pdf_gets_a_dutch_error_and_keeps_the_rest(
    client, convenant_data, projectleider
):
    skof = Organisatie.objects.get(code="skof")
    client.force_login(projectleider)
    response = client.post(
        "/convenant/looptijd/opzegging/",
        {
            "organisatie": skof.pk,
            "datum": "2026-08-31",
            "toelichting": "Fusie met een andere stichting",
            "document": SimpleUploadedFile("brief.pdf", b"MZ\x90\x00 programma", "application/pdf"),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hier kan alleen een PDF-bestand worden toegevoegd." in html
    assert "Fusie met een andere stichting" in html
    assert not Opzegging.objects.exists()


def test_leaving_at_once_takes_effect_with_the_last_consent(client, convenant_data, projectleider):
    convenant = Convenant.objects.actueel()
    skof = Organisatie.objects.get(code="skof")
    opzegging = Opzegging.objects.create(
        convenant=convenant, organisatie=skof, datum=date(2026, 9, 1), direct_gevraagd=True
    )
    nodig = sorted(instemming_nodig_van(opzegging))
    for partner in nodig[:-1]:
        Instemming.objects.create(
            opzegging=opzegging, organisatie_id=partner, datum=date(2026, 9, 2), namens="X"
        )
    client.force_login(projectleider)
    url = f"/convenant/looptijd/opzegging/{opzegging.pk}/instemming/"
    form = client.get(url).content.decode()
    # only the partner whose consent is missing is offered
    assert f'value="{nodig[-1]}"' in form
    assert f'value="{nodig[0]}"' not in form
    with _op(date(2026, 9, 10)):
        response = client.post(
            url,
            {
                "organisatie": nodig[-1],
                "datum": "2026-09-09",
                "namens": "Mw. De Vries, bestuurder",
                "document": _pdf("instemming.pdf"),
            },
        )
        assert response.status_code == 302
        html = client.get("/convenant/looptijd/").content.decode()
    assert lidmaatschappen()[skof.pk].einde == date(2026, 9, 9)
    assert "iedere andere partner stemde in" in html


def test_an_extension_without_an_evaluation_is_refused_and_with_one_extends_the_term(
    client, convenant_data, projectleider
):
    with _op(date(2027, 10, 2)):
        client.force_login(projectleider)
        response = client.post(
            "/convenant/looptijd/verlenging/",
            {"besloten_op": "2027-10-01", "toelichting": "Besluit bestuurlijk overleg"},
        )
        html = response.content.decode()
        assert "Een verlenging berust op een evaluatie" in html
        assert "Besluit bestuurlijk overleg" in html
        assert not Verlenging.objects.exists()
        response = client.post(
            "/convenant/looptijd/verlenging/",
            {
                "besloten_op": "2027-10-01",
                "evaluatie_datum": "2027-09-15",
                "evaluatie_document": _pdf("evaluatie.pdf"),
            },
        )
        assert response.status_code == 302
    with _op(date(2027, 11, 14)):
        client.force_login(projectleider)
        html = client.get("/convenant/looptijd/").content.decode()
    assert "De looptijd eindigt over 11 maanden, op 13-11-2028." in html


@pytest.mark.parametrize(
    ("url", "veld"),
    [
        ("/convenant/looptijd/opzegging/", "datum"),
        ("/convenant/looptijd/verlenging/", "besloten_op"),
    ],
)
def test_a_date_in_the_future_is_refused(client, convenant_data, projectleider, url, veld):
    with _op(date(2026, 11, 30)):
        client.force_login(projectleider)
        morgen = client.post(url, {veld: "2026-12-01"}).content.decode()
        vandaag = client.post(url, {veld: "2026-11-30"}).content.decode()
    assert "Deze datum ligt in de toekomst" in morgen
    assert "Deze datum ligt in de toekomst" not in vandaag


def test_only_the_register_keepers_record_and_read_the_documents(
    client, convenant_data, projectleider, coordinator
):
    convenant = Convenant.objects.actueel()
    opzegging = Opzegging.objects.create(
        convenant=convenant,
        organisatie=Organisatie.objects.get(code="skof"),
        datum=date(2026, 8, 31),
        direct_gevraagd=True,
        document=_pdf(),
    )
    client.force_login(coordinator)
    for url in (
        "/convenant/looptijd/opzegging/",
        "/convenant/looptijd/verlenging/",
        f"/convenant/looptijd/opzegging/{opzegging.pk}/instemming/",
        f"/convenant/looptijd/opzegging/{opzegging.pk}/document/",
    ):
        assert client.get(url).status_code == 404, url
    client.force_login(projectleider)
    response = client.get(f"/convenant/looptijd/opzegging/{opzegging.pk}/document/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert client.get(f"/convenant/looptijd/onzin/{opzegging.pk}/document/").status_code == 404
    assert client.get(f"/convenant/looptijd/verlenging/{opzegging.pk}/document/").status_code == 404


def test_the_term_is_the_register_keepers_first_card_on_the_home_page(
    client, convenant_data, projectleider, coordinator
):
    with _op(date(2026, 11, 30)):
        client.force_login(projectleider)
        html = client.get("/").content.decode()
        assert 'data-testid="looptijd"' in html
        assert "De looptijd eindigt over 11 maanden, op 13-11-2027." in html
        client.force_login(coordinator)
        assert 'data-testid="looptijd"' not in client.get("/").content.decode()


def _bestuur(code, *sectoren):
    from tests.factories import SchoolFactory

    bestuur = Organisatie.objects.create(code=code, naam=code.upper(), soort="schoolbestuur")
    for sector in sectoren:
        SchoolFactory(bestuur=bestuur, sector=sector)
    return bestuur


def test_a_primary_education_board_accedes_by_signing_on_its_own_date(
    client, convenant_data, projectleider
):
    """Art. 11.3, last sentence; art. 10.1: its own date of entry into force."""
    po = _bestuur("po-bestuur", "PO", "PO")
    with _op(date(2026, 11, 30)):
        client.force_login(projectleider)
        response = client.post(
            "/convenant/looptijd/toetreding/",
            {"organisatie": po.pk, "datum": "2026-11-20", "ondertekenaar": "Mw. A. Jansen"},
        )
        assert response.status_code == 302
        html = client.get("/convenant/looptijd/").content.decode()
    assert lidmaatschappen()[po.pk].begin == date(2026, 11, 20)
    assert "20 november 2026" in html
    assert po.ondertekeningen.get().toetreding


def test_another_organisation_joins_only_on_the_partners_decision(
    client, convenant_data, projectleider
):
    """Art. 11.4: "Als dit gewenst is worden andere organisaties bij het convenant betrokken"."""
    vo = _bestuur("vo-bestuur", "VO", "PO")
    client.force_login(projectleider)
    with _op(date(2026, 11, 30)):
        client.force_login(projectleider)
        zonder = client.post(
            "/convenant/looptijd/toetreding/",
            {"organisatie": vo.pk, "datum": "2026-11-20", "ondertekenaar": "Dhr. B. de Boer"},
        ).content.decode()
        assert "geef de datum van dat besluit" in zonder
        assert "Dhr. B. de Boer" in zonder
        assert not vo.ondertekeningen.exists()
        response = client.post(
            "/convenant/looptijd/toetreding/",
            {
                "organisatie": vo.pk,
                "datum": "2026-11-20",
                "besluit_betrekken_op": "2026-10-01",
                "document": _pdf("toetreding.pdf"),
            },
        )
        assert response.status_code == 302
        html = client.get("/convenant/looptijd/").content.decode()
    assert "De partners besluiten VO-BESTUUR te betrekken (art. 11.4)" in html
    assert vo.pk in lidmaatschappen()


def test_the_partners_page_keeps_a_partner_that_left_with_its_last_day(
    client, convenant_data, coordinator
):
    Opzegging.objects.create(
        convenant=Convenant.objects.actueel(),
        organisatie=Organisatie.objects.get(code="skof"),
        datum=date(2026, 8, 31),
    )
    client.force_login(coordinator)
    html = client.get("/convenant/partners/").content.decode()
    assert "SKOF" in html
    assert "partner tot en met 28 februari 2027 (opzegging, art. 10.2)" in html


def test_the_timeline_queries_do_not_grow_with_notices_and_amendments(
    client, convenant_data, projectleider
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from convenant.models import Lid, Lidwijziging, Wijziging

    convenant = Convenant.objects.actueel()
    client.force_login(projectleider)

    def telling():
        with CaptureQueriesContext(connection) as vragen:
            assert client.get("/convenant/looptijd/").status_code == 200
        return len(vragen)

    def erbij(code, n):
        Opzegging.objects.create(
            convenant=convenant,
            organisatie=Organisatie.objects.get(code=code),
            datum=date(2026, 8, 31),
            direct_gevraagd=True,
        )
        w = Wijziging.objects.create(
            convenant=convenant,
            omschrijving=f"Wijziging {n}",
            voorgesteld_op=date(2026, 9, 1),
            ingangsdatum=date(2026, 10, 1),
        )
        Lidwijziging.objects.create(wijziging=w, lid=Lid.objects.first(), tekst=f"Tekst {n}")

    erbij("skof", 1)
    een = telling()
    erbij("prisma", 2)
    erbij("viertaal", 3)
    assert telling() == een


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/convenant/looptijd/opzegging/", {"datum": "0001-01-01"}),
        ("/convenant/looptijd/verlenging/", {"besloten_op": "0001-01-01"}),
        (
            "/convenant/wijzigingen/nieuw/",
            {"voorgesteld_op": "2026-11-02", "ingangsdatum": "9999-12-31"},
        ),
    ],
)
def test_an_absurd_date_gets_a_dutch_error_not_a_crash(
    client, convenant_data, projectleider, url, data
):
    client.force_login(projectleider)
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Kies een datum tussen" in response.content.decode()


def test_a_partner_two_people_signed_for_is_one_partner_of_the_signing(
    client, convenant_data, projectleider
):
    # Art. 10.1: the covenant is signed by partners; a board whose two directors both signed
    # is one partner in "Signed by N partners", named once.
    convenant = Convenant.objects.actueel()
    eerste = convenant.ondertekeningen.order_by("pk").first()
    partners = convenant.ondertekeningen.filter(datum=eerste.datum)
    aantal = partners.values("organisatie").distinct().count()
    convenant.ondertekeningen.create(
        organisatie=eerste.organisatie, ondertekenaar="Tweede bestuurder", datum=eerste.datum
    )
    client.force_login(projectleider)
    (ondertekening,) = [
        g
        for g in client.get("/convenant/looptijd/").context["tijdlijn"]
        if g.soort == "ondertekening"
    ]
    assert f"{aantal} " in ondertekening.tekst
    assert ondertekening.details.count(str(eerste.organisatie)) == 1
