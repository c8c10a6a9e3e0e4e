"""Art. 10.3: after the term's last day (13 November 2027) without an extension the covenant's
records stay readable but nothing new is recorded under it; an extension decided before the end
opens it again; one decided after the end is refused."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from convenant.models import Convenant, Verlenging
from meldingen.models import Melding
from overleggen.models import Overlegvorm
from partijen.models import Gebruiker, School

AMS = ZoneInfo("Europe/Amsterdam")
LAATSTE_DAG = date(2027, 11, 13)
ERNA = date(2027, 11, 14)
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"


def _op(dag):
    return time_machine.travel(datetime(dag.year, dag.month, dag.day, 12, tzinfo=AMS), tick=False)


def _verlenging(besloten_op):
    return Verlenging.objects.create(
        convenant=Convenant.objects.actueel(),
        besloten_op=besloten_op,
        evaluatie_datum=date(2027, 9, 1),
        evaluatie_document=SimpleUploadedFile("e.pdf", PDF, "application/pdf"),
    )


def _als(client, naam):
    client.force_login(Gebruiker.objects.get(username=naam))


@pytest.mark.parametrize(("dag", "gesloten"), [(LAATSTE_DAG, False), (ERNA, True)])
def test_on_the_day_after_the_term_no_incident_can_be_recorded(
    client, demo_met_meldingen, dag, gesloten
):
    melding = Melding.objects.filter(school__naam="Aeres VMBO Almere Buiten").first()
    with _op(dag):
        _als(client, "coordinator")
        nieuw = client.get(reverse("meldingen:nieuw"))
        post = client.post(reverse("meldingen:nieuw"), {"omschrijving": "x"})
        lijst = client.get(reverse("meldingen:lijst")).content.decode()
        detail = client.get(reverse("meldingen:detail", args=[melding.pk]))
    assert (nieuw.status_code == 403) is gesloten
    assert (post.status_code == 403) is gesloten
    if gesloten:
        assert "Het convenant is geëindigd" in nieuw.content.decode()
        assert "13 november 2027" in post.content.decode()
    # the records stay readable, with a banner saying why nothing can be changed
    assert detail.status_code == 200
    assert ('data-testid="alleen-lezen"' in lijst) is gesloten
    assert (reverse("meldingen:nieuw") in lijst) is not gesloten
    assert (reverse("meldingen:bewerken", args=[melding.pk]) in detail.content.decode()) is (
        not gesloten
    )


def test_no_meeting_can_be_planned_or_reported_after_the_end(client, demo_met_meldingen):
    with _op(ERNA):
        _als(client, "veiligheidsmanager")
        assert client.get(reverse("overleggen:nieuw")).status_code == 403
        assert client.post(reverse("overleggen:nieuw"), {}).status_code == 403
        naleving = client.get(reverse("overleggen:naleving"))
    assert naleving.status_code == 200
    assert reverse("overleggen:nieuw") not in naleving.content.decode()


def test_the_register_and_the_accounts_stay_open_for_the_register_keepers(
    client, demo_met_meldingen
):
    """Access must still be withdrawn and people corrected after the end."""
    school = School.objects.get(naam="Aeres VMBO Almere Buiten")
    with _op(ERNA):
        _als(client, "projectleider")
        assert client.get(reverse("partijen:school_bewerken", args=[school.pk])).status_code == 200
        # the covenant's own decisions are closed, but not the extension
        assert client.get(reverse("convenant:opzegging_nieuw")).status_code == 403
        assert client.get(reverse("convenant:wijziging_nieuw")).status_code == 403
        assert client.get(reverse("convenant:verlenging_nieuw")).status_code == 200


def test_an_extension_decided_before_the_end_and_recorded_after_it_opens_the_app_again(
    client, demo_met_meldingen
):
    with _op(date(2027, 11, 20)):
        _als(client, "projectleider")
        refused = client.get(reverse("overleggen:nieuw"))
        laat = client.post(
            reverse("convenant:verlenging_nieuw"),
            {
                "besloten_op": "2027-11-14",
                "evaluatie_datum": "2027-09-01",
                "evaluatie_document": SimpleUploadedFile("e.pdf", PDF, "application/pdf"),
            },
        )
        op_tijd = client.post(
            reverse("convenant:verlenging_nieuw"),
            {
                "besloten_op": "2027-11-13",
                "evaluatie_datum": "2027-09-01",
                "evaluatie_document": SimpleUploadedFile("e.pdf", PDF, "application/pdf"),
            },
        )
        _als(client, "veiligheidsmanager")
        weer_open = client.get(reverse("overleggen:nieuw"))
    assert refused.status_code == 403
    assert "een verlenging moet vóór het einde besloten zijn" in laat.content.decode()
    assert op_tijd.status_code == 302
    assert Verlenging.objects.count() == 1
    assert weer_open.status_code == 200


def test_after_the_end_the_compliance_dashboard_asks_nothing_of_the_next_year(
    client, demo_met_meldingen
):
    from overleggen.naleving import Nalevingsstatus, dashboard

    vormen = Overlegvorm.objects.all()
    with _op(ERNA):
        volgend_jaar = dashboard(2028, School.objects.all(), vormen=vormen)
        laatste_jaar = dashboard(2027, School.objects.all(), vormen=vormen)
    assert {r.cel.status for r in volgend_jaar} <= {
        Nalevingsstatus.GEEINDIGD,
        Nalevingsstatus.GEEN_PARTNER,
    }
    assert Nalevingsstatus.GEEINDIGD in {r.cel.status for r in volgend_jaar}
    # the term's last year still asks its full minimum
    assert Nalevingsstatus.GEEINDIGD not in {r.cel.status for r in laatste_jaar}
    _verlenging(date(2027, 10, 1))
    with _op(ERNA):
        verlengd = dashboard(2028, School.objects.all(), vormen=vormen)
    assert Nalevingsstatus.GEEINDIGD not in {r.cel.status for r in verlengd}


def test_parents_read_that_the_covenant_ended(client, demo_met_meldingen):
    with _op(LAATSTE_DAG):
        voor = client.get(reverse("voor_ouders")).content.decode()
    with _op(ERNA):
        na = client.get(reverse("voor_ouders")).content.decode()
    assert 'data-testid="geeindigd"' not in voor
    assert "Het convenant is op 13 november 2027 geëindigd" in na


def test_every_write_to_incidents_and_meetings_is_refused_after_the_end(client, demo_met_meldingen):
    """Every URL of meldingen and overleggen that takes a POST answers 403 after the end, for
    the role that could write there before; nothing is written."""
    from django.urls import get_resolver

    melding = Melding.objects.filter(school__naam="Aeres VMBO Almere Buiten").first()
    voor = Melding.objects.count()
    for naam in ("coordinator", "politie", "veiligheidsmanager"):
        with _op(ERNA):
            _als(client, naam)
            for namespace in ("meldingen", "overleggen"):
                resolver = get_resolver().namespace_dict[namespace][1]
                for url_naam in {k for k in resolver.reverse_dict if isinstance(k, str)}:
                    if url_naam in {"feed", "ics"}:
                        continue
                    pattern = resolver.reverse_dict.getlist(url_naam)[0][0][0][1]
                    args = [melding.pk] * len(pattern)
                    url = reverse(f"{namespace}:{url_naam}", args=args)
                    assert client.post(url, {}).status_code == 403, (naam, url)
    assert Melding.objects.count() == voor
