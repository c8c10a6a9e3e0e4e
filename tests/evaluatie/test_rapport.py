"""The report of a round (art. 7.2, 11.2): the answers per article and the facts of its period,
as a page, a PDF and a spreadsheet, for the bestuurders, the projectleider and the safety
managers only; an extension decision may rest on it (art. 10.3)."""

import io
import re
import subprocess
from collections import Counter
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from convenant.models import Convenant, Verlenging
from evaluatie import diensten
from evaluatie.models import Vragenlijst
from overleggen import naleving
from partijen.models import Gebruiker, Organisatie, School
from tests.evaluatie.conftest import op

pytestmark = pytest.mark.django_db


def _tekst(pdf: bytes) -> str:
    uit = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return re.sub(r"\s+", " ", uit.stdout.decode())


def _beantwoord(ronde, code, oordeel, toelichting=""):
    lijst = Vragenlijst.objects.get(ronde=ronde, organisatie=Organisatie.objects.get(code=code))
    diensten.bewaar_antwoorden(
        vragenlijst=lijst,
        antwoorden={v.pk: (oordeel, toelichting) for v in ronde.vragen.all()},
        indienen=True,
        door=None,
    )


def test_the_report_shows_the_submitted_answers_and_the_dashboards_figures(client, ronde):
    with op(date(2027, 1, 20)):
        _beantwoord(ronde, "aeres", "deels", "De melding aan de politie duurt lang")
        _beantwoord(ronde, "politie", "goed")
        # a questionnaire saved half-way is the partner's draft: not in the report
        lijst = Vragenlijst.objects.get(ronde=ronde, organisatie__code="skof")
        diensten.bewaar_antwoorden(
            vragenlijst=lijst,
            antwoorden={ronde.vragen.first().pk: ("niet", "Concepttekst")},
            indienen=False,
            door=None,
        )
        client.force_login(Gebruiker.objects.get(username="projectleider"))
        response = client.get(reverse("evaluatie:rapport", args=[ronde.pk]))
        rijen = naleving.dashboard(2026, School.objects.all())
    html = response.content.decode()
    assert "De melding aan de politie duurt lang" in html
    assert "Concepttekst" not in html
    assert "2 partners dienden de vragenlijst in" in html
    # the compliance figures are the dashboard's for the same year, per kind of meeting
    tabel = re.search(r'data-testid="naleving".*?</table>', html, re.S).group(0)
    for vorm in {r.vorm for r in rijen}:
        telling = Counter(r.cel.status for r in rijen if r.vorm == vorm)
        verwacht = ", ".join(f"{telling[s]} {s.label}" for s in naleving.ERNST if telling[s])
        assert f"<td>{verwacht}</td>" in tabel, (vorm, verwacht)
    assert "<svg" in html
    assert 'aria-hidden="true"' in html


def test_the_report_is_for_the_administrative_meeting_only(client, ronde):
    url = reverse("evaluatie:rapport", args=[ronde.pk])
    with op(date(2027, 1, 20)):
        for naam, status in [
            ("projectleider", 200),
            ("bestuurder", 200),
            ("veiligheidsmanager", 200),
            ("coordinator", 404),
            ("politie", 404),
            ("vertrouwenspersoon", 404),
        ]:
            client.force_login(Gebruiker.objects.get(username=naam))
            assert client.get(url).status_code == status, naam
            assert client.get(f"{url[:-1]}.pdf").status_code in (status,), naam


def test_the_pdf_holds_the_answers_and_the_figures(client, ronde):
    with op(date(2027, 1, 20)):
        _beantwoord(ronde, "aeres", "deels", "Kluiscontrole werkt goed samen")
        client.force_login(Gebruiker.objects.get(username="projectleider"))
        response = client.get(reverse("evaluatie:rapport_pdf", args=[ronde.pk]))
        excel = client.get(reverse("evaluatie:cijfers_export", args=[ronde.pk]))
    assert response["Content-Type"] == "application/pdf"
    # tagged PDF/UA in Dutch with a title, as the covenant's own PDF
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title.startswith("Evaluatierapport")
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    tekst = _tekst(response.content)
    assert "Evaluatierapport" in tekst
    assert "Kluiscontrole werkt goed samen" in tekst
    assert "Overleggen gehouden zoals het convenant vraagt" in tekst
    assert excel.status_code == 200
    assert excel["Content-Disposition"].endswith('.xlsx"')


def test_an_extension_rests_on_a_finished_round(client, ronde):
    from convenant.forms import VerlengingForm

    convenant = Convenant.objects.actueel()
    with op(date(2027, 2, 1)):
        lopend = VerlengingForm(
            {"besloten_op": "2027-02-01", "evaluatieronde": ronde.pk}, convenant=convenant
        )
        assert not lopend.is_valid()
        assert "loopt nog" in str(lopend.errors)
    with op(date(2027, 3, 1)):  # closed on 26 February
        klaar = VerlengingForm(
            {"besloten_op": "2027-03-01", "evaluatieronde": ronde.pk}, convenant=convenant
        )
        assert klaar.is_valid(), klaar.errors
        klaar.save()
    verlenging = Verlenging.objects.get()
    assert verlenging.evaluatieronde == ronde
    assert convenant.looptijd()[1] == date(2028, 11, 13)


def test_the_excel_workbook_gives_the_reports_figures_protected(client, demo_met_meldingen):
    import io

    import openpyxl

    from evaluatie.models import Evaluatieronde

    with op(date(2027, 1, 20)):
        ronde = diensten.open_ronde(
            convenant=Convenant.objects.actueel(),
            soort=Evaluatieronde.Soort.JAARLIJKS,
            periode_begin=date(2026, 1, 1),
            periode_einde=date(2026, 12, 31),
            geopend_op=date(2027, 1, 15),
            sluitdatum=date(2027, 2, 26),
        )
        client.force_login(Gebruiker.objects.get(username="projectleider"))
        response = client.get(reverse("evaluatie:cijfers_export", args=[ronde.pk]))
        pagina = client.get(reverse("evaluatie:rapport", args=[ronde.pk])).content.decode()
    boek = openpyxl.load_workbook(io.BytesIO(response.content))
    assert {"Antwoorden", "Naleving overleggen", "Meldingen 2026", "Politie"} <= set(
        boek.sheetnames
    )
    meldingen = list(boek["Meldingen 2026"].iter_rows(min_row=2, values_only=True))
    for rij in meldingen:
        for cel in rij[1:]:
            # a shown count is a number of at least the threshold, or zero; else "<5" or "x"
            assert cel in ("<5", "x") or (isinstance(cel, int) and (cel == 0 or cel >= 5)), rij
    # the same cells as the report page shows
    totaal = meldingen[-1]
    assert f"<td>{totaal[-1]}</td>" in pagina


def test_an_improvement_action_shows_on_its_owners_home_page_until_done(client, ronde):
    from evaluatie.models import Verbeteractie
    from partijen.models import Persoon

    coordinator = Gebruiker.objects.get(username="coordinator")
    persoonlijk = Verbeteractie.objects.create(
        ronde=ronde,
        omschrijving="Kluisjesbeleid herzien",
        eigenaar_persoon=Persoon.objects.get(gebruiker=coordinator),
        deadline=date(2027, 6, 1),
    )
    Verbeteractie.objects.create(
        ronde=ronde,
        omschrijving="Contactpersonen bekendmaken",
        eigenaar_organisatie=Organisatie.objects.get(code="aeres"),
        deadline=date(2027, 6, 1),
    )
    Verbeteractie.objects.create(
        ronde=ronde,
        omschrijving="Politie-actie",
        eigenaar_organisatie=Organisatie.objects.get(code="politie"),
        deadline=date(2027, 6, 1),
    )
    with op(date(2027, 3, 1)):
        client.force_login(coordinator)
        html = client.get("/").content.decode()
        persoonlijk.status = Verbeteractie.Status.AFGEROND
        persoonlijk.save()
        daarna = client.get("/").content.decode()
    assert "Kluisjesbeleid herzien" in html
    assert "Contactpersonen bekendmaken" in html  # the board she answers for
    assert "Politie-actie" not in html
    assert "Kluisjesbeleid herzien" not in daarna
