"""The police contact's journey: priority to fast intervention (art. 3.2-3.5)."""

from datetime import date

import pytest
import time_machine

from meldingen import regels
from meldingen.models import Betrokkene, Melding, Politiemelding, PolitieStatus
from tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("gemeld", "werkdagen", "uiterlijk"),
    [
        (date(2026, 11, 27), 1, date(2026, 11, 30)),  # Friday: the weekend does not count
        (date(2026, 11, 25), 3, date(2026, 11, 30)),
        (date(2026, 12, 24), 1, date(2026, 12, 28)),  # Christmas and the weekend
        (date(2026, 4, 2), 1, date(2026, 4, 3)),  # Good Friday is a working day
        (date(2026, 4, 3), 1, date(2026, 4, 7)),  # Easter Monday is not
        (date(2026, 4, 24), 1, date(2026, 4, 28)),  # King's Day, Monday 27 April
        (date(2026, 5, 13), 1, date(2026, 5, 15)),  # Ascension Day
        (date(2025, 5, 2), 1, date(2025, 5, 6)),  # Liberation Day in a lustrum year
        (date(2026, 5, 4), 1, date(2026, 5, 5)),  # and a working day in the others
        (date(2026, 12, 31), 1, date(2027, 1, 4)),  # New Year's Day and a weekend
    ],
)
def test_the_response_target_counts_working_days(gemeld, werkdagen, uiterlijk):
    assert regels.uiterste_reactiedatum(gemeld, werkdagen) == uiterlijk


def test_the_transition_table():
    assert regels.volgende_statussen("gemeld") == {"in_behandeling", "afgerond"}
    assert regels.volgende_statussen("in_behandeling") == {"interventie_uitgevoerd", "afgerond"}
    assert regels.volgende_statussen("afgerond") == set()


def test_every_write_path_obeys_the_transition_table(gemelde, gebruikers):
    from django.core.exceptions import ValidationError
    from django.forms import modelform_factory

    from meldingen import diensten

    agent = gebruikers["politie_contactpersoon"]
    with pytest.raises(ValidationError):
        diensten.politiestatus_toevoegen(
            melding=gemelde, door=agent, status=PolitieStatus.Status.INTERVENTIE
        )
    # The form the Django admin builds for the model runs the same check.
    AdminForm = modelform_factory(PolitieStatus, fields="__all__")
    for status in (PolitieStatus.Status.GEMELD, PolitieStatus.Status.INTERVENTIE):
        form = AdminForm({"melding": gemelde.pk, "door": agent.pk, "status": status})
        assert not form.is_valid()
        assert "kan niet volgen op de huidige" in str(form.non_field_errors())
    assert AdminForm(
        {"melding": gemelde.pk, "door": agent.pk, "status": PolitieStatus.Status.IN_BEHANDELING}
    ).is_valid()
    assert list(gemelde.politiestatussen.values_list("status", flat=True)) == ["gemeld"]

    diensten.politiestatus_toevoegen(
        melding=gemelde, door=agent, status=PolitieStatus.Status.IN_BEHANDELING
    )
    diensten.politiestatus_toevoegen(
        melding=gemelde, door=agent, status=PolitieStatus.Status.AFGEROND, uitkomst="halt"
    )
    with pytest.raises(ValidationError):  # a completed report is final
        diensten.politiestatus_toevoegen(
            melding=gemelde, door=agent, status=PolitieStatus.Status.IN_BEHANDELING
        )


def test_the_follow_up_starts_with_reported(convenant_data, stad, gebruikers):
    from django.core.exceptions import ValidationError

    from meldingen import diensten

    melding = MeldingFactory(school=stad.a2, categorieen=["drugs"])
    with pytest.raises(ValidationError):
        diensten.politiestatus_toevoegen(
            melding=melding,
            door=gebruikers["politie_contactpersoon"],
            status=PolitieStatus.Status.AFGEROND,
            uitkomst="halt",
        )
    assert not melding.politiestatussen.exists()


def test_the_strictest_category_sets_the_target(convenant_data):
    from meldingen.models import Categorie

    cats = list(Categorie.objects.filter(code__in=["drugs", "wapenbezit"]))
    assert regels.reactietermijn(cats) == 1
    assert regels.reactietermijn([]) == regels.STANDAARD_REACTIETERMIJN


@pytest.fixture
def gemelde(convenant_data, stad, gebruikers):
    """A drugs incident at A2 that the school reported to the police on Friday 27 November."""
    melding = MeldingFactory(school=stad.a2, categorieen=["drugs"])
    Betrokkene.objects.create(
        melding=melding, rol="dader", soort="leerling", geboortedatum=date(2011, 1, 1)
    )
    Politiemelding.objects.create(
        melding=melding,
        datum=date(2026, 11, 27),
        soort="melding",
        door="Coördinator",
        reactie_uiterlijk=date(2026, 12, 2),
    )
    PolitieStatus.objects.create(
        melding=melding, status="gemeld", door=gebruikers["coordinator_veiligheid"]
    )
    return melding


@pytest.fixture
def politie(client, gebruikers):
    client.force_login(gebruikers["politie_contactpersoon"])
    return client


def _stap(client, melding, follow=False, **data):
    return client.post(f"/meldingen/{melding.pk}/politie/status/", data, follow=follow)


def test_the_police_moves_a_report_through_the_workflow(politie, gemelde, gebruikers):
    assert _stap(politie, gemelde, status="in_behandeling").status_code == 302
    assert (
        _stap(
            politie, gemelde, status="interventie_uitgevoerd", notitie="Gesprek met leerling."
        ).status_code
        == 302
    )
    response = _stap(politie, gemelde, status="afgerond", uitkomst="pv_om")
    assert response.status_code == 200
    assert "Openbaar Ministerie" in response.content.decode()  # the pv date is asked for
    assert (
        _stap(
            politie, gemelde, status="afgerond", uitkomst="pv_om", pv_datum="2026-11-20"
        ).status_code
        == 302
    )
    rijen = list(gemelde.politiestatussen.values_list("status", "door"))
    assert [r[0] for r in rijen] == [
        "gemeld",
        "in_behandeling",
        "interventie_uitgevoerd",
        "afgerond",
    ]
    assert rijen[-1][1] == gebruikers["politie_contactpersoon"].pk


def test_a_step_outside_the_table_is_refused(politie, gemelde):
    response = _stap(politie, gemelde, status="interventie_uitgevoerd", follow=True)
    assert "Deze stap kan niet volgen op de huidige" in response.content.decode()
    assert _stap(politie, gemelde, status="verzonnen").status_code == 302
    _stap(politie, gemelde, status="afgerond", uitkomst="halt")
    _stap(politie, gemelde, status="in_behandeling")  # a completed report is final
    assert list(gemelde.politiestatussen.values_list("status", flat=True)) == ["gemeld", "afgerond"]
    assert "Volgende stap" not in politie.get(f"/meldingen/{gemelde.pk}/").content.decode()


def test_completing_needs_an_outcome(politie, gemelde):
    response = _stap(politie, gemelde, status="afgerond")
    assert response.context["status_form"].errors["uitkomst"] == ["Zeg hoe de melding is afgerond."]


def test_only_the_schools_police_contact_records_steps(client, gemelde, gebruikers):
    client.force_login(gebruikers["coordinator_veiligheid"])
    assert _stap(client, gemelde, status="in_behandeling").status_code == 404
    client.force_login(gebruikers["contactpersoon_vertrouwenszaken"])
    assert _stap(client, gemelde, status="in_behandeling").status_code == 404
    assert gemelde.politiestatussen.count() == 1


@pytest.mark.parametrize(
    ("geboren", "aangeboden"), [(date(2011, 1, 1), True), (date(2000, 1, 1), False)]
)
def test_follow_up_with_parents_only_for_a_minor(politie, gemelde, geboren, aangeboden):
    gemelde.betrokkenen.update(geboortedatum=geboren)
    html = politie.get(f"/meldingen/{gemelde.pk}/").content.decode()
    assert ('name="met_ouders"' in html) is aangeboden
    politie.post(
        f"/meldingen/{gemelde.pk}/politie/notitie/",
        {"soort": "vervolg", "tekst": "Gesprek gevoerd.", "met_ouders": "on"},
    )
    assert gemelde.politienotities.get().met_ouders is aangeboden


def test_the_school_sees_the_police_status(client, gemelde, gebruikers, stad, in_rol):
    _ = client
    gebruiker = gebruikers["contactpersoon_vertrouwenszaken"]
    in_rol(gebruiker, "coordinator_veiligheid", school=stad.a2)
    from django.test import Client

    school = Client()
    school.force_login(gebruiker)
    politie = Client()
    politie.force_login(gebruikers["politie_contactpersoon"])
    _stap(politie, gemelde, status="in_behandeling")
    html = school.get(f"/meldingen/{gemelde.pk}/").content.decode()
    assert "in behandeling" in html
    assert "Volgende stap" not in html  # the school reads; the police acts


def test_overdue_reports_come_first_with_a_badge(politie, gemelde, stad, gebruikers):
    nieuwer = MeldingFactory(school=stad.b1, categorieen=["cyberpesten"])
    # Due earlier, but the intervention has happened: no longer urgent.
    Politiemelding.objects.create(
        melding=nieuwer,
        datum=date(2026, 11, 27),
        soort="melding",
        door="x",
        reactie_uiterlijk=date(2026, 11, 30),
    )
    for status in ("gemeld", "interventie_uitgevoerd"):
        PolitieStatus.objects.create(
            melding=nieuwer, status=status, door=gebruikers["coordinator_veiligheid"]
        )
    Melding.objects.filter(pk=nieuwer.pk).update(tijdstip="2026-11-30T09:00:00+01:00")
    with time_machine.travel("2026-12-02T23:00:00+01:00", tick=False):
        politie.force_login(gebruikers["politie_contactpersoon"])
        pagina = politie.get("/meldingen/").context["pagina"]
        # the police is still working on the older one; the newer one is done
        assert [m.pk for m in pagina] == [gemelde.pk, nieuwer.pk]
        assert not any(m.te_laat for m in pagina)
    with time_machine.travel("2026-12-03T08:00:00+01:00", tick=False):
        politie.force_login(gebruikers["politie_contactpersoon"])
        response = politie.get("/meldingen/")
        assert [m.pk for m in response.context["pagina"]] == [gemelde.pk, nieuwer.pk]
        html = response.content.decode()
        assert "over de termijn" in html
        assert '1<span class="visually-hidden"> over de reactietermijn' in html  # nav badge
        assert [
            m.pk for m in politie.get("/meldingen/", {"te_laat": "true"}).context["pagina"]
        ] == [gemelde.pk]


def _gemeld_bij_politie(melding, referentie, door, anoniem=False, statussen=("gemeld",)):
    Politiemelding.objects.create(
        melding=melding,
        datum=date(2026, 11, 27),
        soort="melding",
        door="Coördinator",
        referentie=referentie,
        anoniem=anoniem,
        reactie_uiterlijk=date(2026, 12, 2),
    )
    for status in statussen:
        PolitieStatus.objects.create(melding=melding, status=status, door=door)
    return melding


@pytest.fixture
def kenmerken(gemelde, stad, gebruikers):
    """Reports with police references: A2's drugs incident, an anonymous bullying report at B1
    (art. 2.6) and one at A1, a school this police contact is not assigned to."""
    door = gebruikers["coordinator_veiligheid"]
    Politiemelding.objects.filter(melding=gemelde).update(referentie="PL0900-2026123456")
    anoniem = _gemeld_bij_politie(
        MeldingFactory(school=stad.b1, categorieen=["cyberpesten"]),
        "PL0900-2026777001",
        door,
        anoniem=True,
        statussen=("gemeld", "in_behandeling"),
    )
    Betrokkene.objects.create(
        melding=anoniem, rol="slachtoffer", soort="leerling", naam="Noor Geheimhouden"
    )
    ander = _gemeld_bij_politie(
        MeldingFactory(school=stad.a1, categorieen=["drugs"]), "PL0900-2026123457", door
    )
    return {"gemelde": gemelde, "anoniem": anoniem, "ander": ander}


def _lijst(client, **params):
    response = client.get("/meldingen/", params)
    assert response.status_code == 200
    return response, [m.pk for m in response.context["pagina"]]


@pytest.mark.parametrize(
    "zoek", ["PL0900-2026123456", "pl0900-2026123456", "  PL0900-2026123456 ", "2026123456"]
)
def test_the_police_finds_a_report_by_its_reference_exact_or_partial(politie, kenmerken, zoek):
    _, pks = _lijst(politie, politiekenmerk=zoek)
    assert pks == [kenmerken["gemelde"].pk]


def test_a_partial_reference_finds_every_match_but_never_another_schools(politie, kenmerken):
    _, pks = _lijst(politie, politiekenmerk="PL0900-2026")
    assert set(pks) == {kenmerken["gemelde"].pk, kenmerken["anoniem"].pk}
    # A1's reference exists, but this police contact does not work for A1.
    response, pks = _lijst(politie, politiekenmerk="PL0900-2026123457")
    assert pks == []
    html = response.content.decode()
    assert "Geen meldingen om te tonen." in html
    assert "Havencollege" not in html


def test_an_anonymous_report_is_found_without_its_personal_data(politie, kenmerken):
    response, pks = _lijst(politie, politiekenmerk="777001")
    assert pks == [kenmerken["anoniem"].pk]
    assert "Noor Geheimhouden" not in response.content.decode()
    detail = politie.get(f"/meldingen/{kenmerken['anoniem'].pk}/").content.decode()
    assert "Noor Geheimhouden" not in detail
    assert "zonder persoonsgegevens" in detail


def test_the_police_filters_on_the_police_status(politie, kenmerken):
    _, pks = _lijst(politie, politiestatus="in_behandeling")
    assert pks == [kenmerken["anoniem"].pk]
    _, pks = _lijst(politie, politiestatus="gemeld")
    assert pks == [kenmerken["gemelde"].pk]
    _, pks = _lijst(politie, politiestatus="afgerond")
    assert pks == []


@pytest.mark.parametrize(
    "zoek", ["' OR 1=1 --", "%", "_", "\\", "<script>alert(1)</script>", "x" * 5000, "PL\x00"]
)
def test_hostile_search_input_never_fails(politie, kenmerken, zoek):
    response, pks = _lijst(politie, politiekenmerk=zoek)
    assert kenmerken["ander"].pk not in pks
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_search_too_long_says_so(politie, kenmerken):
    response, _ = _lijst(politie, politiekenmerk="x" * 5000)
    assert "niet meer dan 60 tekens" in response.content.decode()


def test_an_unknown_police_status_says_so(politie, kenmerken):
    response, _ = _lijst(politie, politiestatus="verzonnen")
    assert "geldige keuze" in response.content.decode()


def test_the_filtered_list_does_not_query_per_incident(
    politie, kenmerken, stad, gebruikers, django_assert_max_num_queries
):
    for i in range(5):
        _gemeld_bij_politie(
            MeldingFactory(school=stad.b1, categorieen=["drugs"]),
            f"PL0900-20269990{i}",
            gebruikers["coordinator_veiligheid"],
        )
    with django_assert_max_num_queries(16):
        _lijst(politie, politiekenmerk="PL0900", politiestatus="gemeld")


def test_each_step_records_only_its_own_fields():
    """Art. 3.2: an outcome and the date the proces-verbaal went to the OM belong to a completed
    report; the other steps record a note."""
    assert regels.velden_voor_stap("in_behandeling") == ("notitie",)
    assert regels.velden_voor_stap("interventie_uitgevoerd") == ("notitie",)
    assert regels.velden_voor_stap("afgerond") == ("uitkomst", "pv_datum", "notitie")


def _formulieren(html):
    """The step forms on a page: the step each posts, with the field names it holds."""
    import re

    result = {}
    for form in re.findall(r"<form[^>]*politie/status/.*?</form>", html, re.S):
        stap = re.search(r'name="status" value="([a-z_]+)"', form).group(1)
        result[stap] = set(re.findall(r'name="(uitkomst|pv_datum|notitie)"', form))
    return result


def test_the_page_offers_a_form_per_next_step_with_only_its_fields(politie, gemelde):
    html = politie.get(f"/meldingen/{gemelde.pk}/").content.decode()
    assert _formulieren(html) == {
        "in_behandeling": {"notitie"},
        "afgerond": {"uitkomst", "pv_datum", "notitie"},
    }
    assert html.count('id="id_in_behandeling_notitie"') == 1  # ids stay unique
    _stap(politie, gemelde, status="in_behandeling")
    html = politie.get(f"/meldingen/{gemelde.pk}/").content.decode()
    assert _formulieren(html) == {
        "interventie_uitgevoerd": {"notitie"},
        "afgerond": {"uitkomst", "pv_datum", "notitie"},
    }


def test_an_outcome_posted_with_another_step_is_ignored(politie, gemelde):
    response = _stap(
        politie, gemelde, status="in_behandeling", uitkomst="halt", pv_datum="2026-11-20"
    )
    assert response.status_code == 302
    stap = gemelde.politiestatussen.get(status="in_behandeling")
    assert (stap.uitkomst, stap.pv_datum) == ("", None)


def test_a_date_sent_to_the_om_belongs_to_an_official_report_only(politie, gemelde):
    response = _stap(politie, gemelde, status="afgerond", uitkomst="halt", pv_datum="2026-11-20")
    assert response.status_code == 200
    assert response.context["status_form"].errors["pv_datum"] == [
        "Alleen een proces-verbaal naar het Openbaar Ministerie heeft een verzenddatum."
    ]
    assert 'value="2026-11-20"' in response.content.decode()  # nothing typed is lost
    assert not gemelde.politiestatussen.filter(status="afgerond").exists()


# Art. 2.6: an anonymous report tells the police nothing about the people involved.


def _anonieme_melding(gebruikers, school, geboortedatum):
    melding = MeldingFactory(school=school, categorieen=["drugs"])
    Betrokkene.objects.create(
        melding=melding, rol="dader", soort="leerling", naam="Geheim", geboortedatum=geboortedatum
    )
    Politiemelding.objects.create(
        melding=melding,
        datum=date(2026, 11, 27),
        soort="melding",
        door="Coördinator",
        anoniem=True,
        reactie_uiterlijk=date(2026, 12, 2),
    )
    PolitieStatus.objects.create(
        melding=melding, status="gemeld", door=gebruikers["coordinator_veiligheid"]
    )
    return melding


def _zonder_kenmerken(html: str, melding) -> str:
    """The page without what differs between two incidents anyway: their number and tokens."""
    import re

    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'nonce="[^"]+"', "", html)
    return re.sub(rf"(/meldingen/|Melding |melding=){melding.pk}\b", r"\1N", html)


@time_machine.travel("2026-11-30T12:00:00+01:00", tick=False)
def test_an_anonymous_report_looks_the_same_to_the_police_for_a_minor_and_an_adult(
    client, convenant_data, stad, gebruikers
):
    minderjarig = _anonieme_melding(gebruikers, stad.a2, date(2011, 1, 1))
    volwassen = _anonieme_melding(gebruikers, stad.a2, date(2000, 1, 1))
    client.force_login(gebruikers["politie_contactpersoon"])
    pagina = {}
    for m in (minderjarig, volwassen):
        response = client.get(f"/meldingen/{m.pk}/")
        assert "met_ouders" not in response.context["notitie_form"].fields
        pagina[m.pk] = _zonder_kenmerken(response.content.decode(), m)
        assert "Geheim" not in pagina[m.pk]
    assert pagina[minderjarig.pk] == pagina[volwassen.pk]
    # Posting the option anyway records nothing about parents.
    client.post(
        f"/meldingen/{minderjarig.pk}/politie/notitie/",
        {"soort": "vervolg", "tekst": "Gesproken.", "met_ouders": "on"},
    )
    assert not minderjarig.politienotities.filter(met_ouders=True).exists()
    # The list and the export show the same for both.
    lijst = client.get("/meldingen/").content.decode()
    assert "Geheim" not in lijst
    export = client.get("/meldingen/export/", {"formaat": "csv"}).getvalue().decode()
    regels_export = {r.split(";", 1)[0]: r.split(";", 1)[1] for r in export.splitlines()[1:]}
    assert regels_export[str(minderjarig.pk)] == regels_export[str(volwassen.pk)]


@pytest.mark.django_db
def test_an_anonymous_report_shows_the_police_no_measure_against_a_student(
    client, convenant_data, stad, gebruikers, in_rol
):
    """Art. 2.6: a suspension, removal or opened locker names no one, yet tells the police that
    a student was involved and what happened to them; an anonymous report reveals nothing about
    the people involved. The school itself still sees its measures."""
    from meldingen.models import Maatregel

    melding = MeldingFactory(school=stad.a2, categorieen=["cyberpesten"])
    Politiemelding.objects.create(
        melding=melding, datum="2026-10-01", soort="melding", door="x", anoniem=True
    )
    Maatregel.objects.create(
        melding=melding,
        soort=Maatregel.Soort.SCHORSING,
        datum="2026-10-02",
        dagen=3,
        toelichting="Thuisgebleven met de broer",
    )
    client.force_login(gebruikers["politie_contactpersoon"])
    html = client.get(f"/meldingen/{melding.pk}/").content.decode()
    assert "Thuisgebleven" not in html
    assert "schorsing" not in html.lower()
    assert "Maatregelen" not in html
    in_rol(gebruikers["coordinator_veiligheid"], "coordinator_veiligheid", school=stad.a2)
    client.force_login(gebruikers["coordinator_veiligheid"])
    html = client.get(f"/meldingen/{melding.pk}/").content.decode()
    assert "Thuisgebleven" in html


def test_the_current_step_is_kept_with_the_incident_and_an_old_form_cannot_undo_it(
    gemelde, gebruikers
):
    """Issue 15: lists read the current police step from a column (Melding.politiestatus), kept
    by every appended step. An incident a coordinator opened before the police moved on is
    saved without writing the old step back."""
    from meldingen import diensten

    agent = gebruikers["politie_contactpersoon"]
    oud = Melding.objects.get(pk=gemelde.pk)
    assert oud.politiestatus == PolitieStatus.Status.GEMELD
    diensten.politiestatus_toevoegen(
        melding=gemelde, door=agent, status=PolitieStatus.Status.IN_BEHANDELING
    )
    oud.plaats = "Gymzaal"
    oud.save()
    gemelde.refresh_from_db()
    assert (gemelde.plaats, gemelde.politiestatus) == ("Gymzaal", "in_behandeling")
    # the one list query reads the column: no step counted twice, none lost
    assert list(
        Melding.objects.filter(pk=gemelde.pk)
        .met_politiestatus()
        .values_list("politiestatus", "politie_loopt")
    ) == [("in_behandeling", True)]
    assert gemelde.history.first().plaats == "Gymzaal"
