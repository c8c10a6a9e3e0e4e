"""Nobody grants themselves access; grants of roles that open personal data are logged and
shown to the school; an assignment can be withdrawn on the day itself."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from partijen.models import Persoon, Roltoewijzing, School, Toegangswijziging
from partijen.toekenning import toewijzing_opslaan
from tests.factories import PersoonFactory, RoltoewijzingFactory, SchoolFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
EIGEN_FOUT = "U kunt geen rol aan uzelf toewijzen"


@pytest.fixture(params=["projectleider", "beheerder"])
def registerhouder(request, maak_gebruiker):
    user = maak_gebruiker(request.param)
    # The projectleider's person holds the role; the administrator has one for this test.
    persoon = Persoon.objects.filter(gebruiker=user).first() or PersoonFactory(gebruiker=user)
    Persoon.objects.filter(pk=persoon.pk).update(voornaam="Rita", achternaam="Register")
    user.refresh_from_db()
    return user


def test_a_register_keeper_cannot_assign_himself_a_confidential_role(client, registerhouder):
    school = SchoolFactory()
    client.force_login(registerhouder)
    response = client.post(
        "/partijen/toewijzingen/nieuw/",
        {
            "persoon": registerhouder.persoon.pk,
            "rol": "contactpersoon_vertrouwenszaken",
            "school": school.pk,
            "begin": "2026-01-05",
        },
    )
    assert response.status_code == 200
    assert EIGEN_FOUT in response.context["form"].errors["persoon"][0]
    assert 'value="2026-01-05"' in response.content.decode()  # nothing typed is lost
    assert not Roltoewijzing.objects.filter(rol="contactpersoon_vertrouwenszaken").exists()


def test_the_rule_holds_where_assignments_are_saved_not_only_in_the_form(registerhouder):
    toewijzing = Roltoewijzing(
        persoon=registerhouder.persoon,
        rol="contactpersoon_vertrouwenszaken",
        school=SchoolFactory(),
        begin=date(2026, 1, 5),
    )
    with pytest.raises(ValidationError):
        toewijzing_opslaan(toewijzing, door=registerhouder)
    assert not Roltoewijzing.objects.filter(rol="contactpersoon_vertrouwenszaken").exists()


def test_someone_elses_assignment_cannot_be_moved_to_oneself(client, registerhouder):
    toewijzing = RoltoewijzingFactory(rol="contactpersoon_vertrouwenszaken", school=SchoolFactory())
    toewijzing.persoon = registerhouder.persoon
    with pytest.raises(ValidationError):
        toewijzing_opslaan(toewijzing, door=registerhouder)


def test_one_cannot_extend_ones_own_ended_assignment(client, registerhouder):
    eigen = RoltoewijzingFactory(
        persoon=registerhouder.persoon,
        rol="contactpersoon_vertrouwenszaken",
        school=SchoolFactory(),
        begin=date(2025, 1, 1),
        einde=date(2025, 6, 30),
    )
    client.force_login(registerhouder)
    response = client.post(
        f"/partijen/toewijzingen/{eigen.pk}/beeindigen/", {"einde": "2099-12-31"}
    )
    assert response.status_code == 200
    assert EIGEN_FOUT in response.content.decode()
    eigen.refresh_from_db()
    assert eigen.einde == date(2025, 6, 30)


def test_one_cannot_link_ones_own_account_to_a_person(client, maak_gebruiker):
    # The administrator's account needs no person, so it is the one that could be linked.
    projectleider = maak_gebruiker("beheerder")
    vertrouwenspersoon = RoltoewijzingFactory(
        rol="contactpersoon_vertrouwenszaken", school=SchoolFactory()
    ).persoon
    client.force_login(projectleider)
    response = client.post(
        f"/partijen/personen/{vertrouwenspersoon.pk}/bewerken/",
        {
            "voornaam": vertrouwenspersoon.voornaam,
            "achternaam": vertrouwenspersoon.achternaam,
            "organisatie": vertrouwenspersoon.organisatie_id,
            "gebruiker": projectleider.pk,
        },
    )
    assert response.status_code == 200
    assert EIGEN_FOUT in response.context["form"].errors["gebruiker"][0]
    assert Persoon.objects.get(pk=vertrouwenspersoon.pk).gebruiker is None


def test_the_import_cannot_assign_a_role_to_oneself(client, registerhouder):
    school = SchoolFactory(naam="Havencollege")
    p = registerhouder.persoon
    csv = (
        "voornaam;achternaam;organisatie;rol;school;begin\n"
        f"{p.voornaam};{p.achternaam};{p.organisatie.naam};contactpersoon_vertrouwenszaken;"
        f"{school.naam};2026-01-05\n"
    )
    bestand = io.BytesIO(csv.encode())
    bestand.name = "personen.csv"
    client.force_login(registerhouder)
    response = client.post("/partijen/import/", {"soort": "personen", "bestand": bestand})
    assert EIGEN_FOUT in response.content.decode()
    client.post("/partijen/import/", {"bevestigen": "1"})
    assert not Roltoewijzing.objects.filter(rol="contactpersoon_vertrouwenszaken").exists()


def test_a_grant_of_a_confidential_role_is_logged(client, beheerder):
    school = SchoolFactory()
    persoon = PersoonFactory()
    client.force_login(beheerder)
    with time_machine.travel(datetime(2026, 1, 5, 9, 30, tzinfo=AMS), tick=False):
        client.post(
            "/partijen/toewijzingen/nieuw/",
            {
                "persoon": persoon.pk,
                "rol": "contactpersoon_vertrouwenszaken",
                "school": school.pk,
                "begin": "2026-01-05",
            },
        )
    regel = Toegangswijziging.objects.get()
    assert (regel.soort, regel.door, regel.persoon, regel.rol, regel.school) == (
        "toegekend",
        beheerder,
        persoon,
        "contactpersoon_vertrouwenszaken",
        school,
    )
    assert regel.tijdstip == datetime(2026, 1, 5, 9, 30, tzinfo=AMS)
    # Append-only.
    with pytest.raises(ValueError, match="append-only"):
        regel.save()
    with pytest.raises(ValueError, match="append-only"):
        regel.delete()


def test_a_role_without_personal_data_is_not_logged(client, beheerder):
    client.force_login(beheerder)
    client.post(
        "/partijen/toewijzingen/nieuw/",
        {
            "persoon": PersoonFactory().pk,
            "rol": "antipestcoordinator",
            "school": SchoolFactory().pk,
            "begin": "2026-01-05",
        },
    )
    assert Roltoewijzing.objects.exists()
    assert not Toegangswijziging.objects.exists()


def test_the_schools_coordinator_sees_the_recent_grant(client, stad, gebruikers, beheerder):
    nieuw = PersoonFactory(voornaam="Onbekende", achternaam="Indringer")
    client.force_login(beheerder)
    client.post(
        "/partijen/toewijzingen/nieuw/",
        {
            "persoon": nieuw.pk,
            "rol": "contactpersoon_vertrouwenszaken",
            "school": stad.a1.pk,
            "begin": timezone.localdate().isoformat(),
        },
    )
    client.force_login(gebruikers["coordinator_veiligheid"])
    html = client.get(f"/partijen/scholen/{stad.a1.pk}/").content.decode()
    assert "Recent toegekende rollen" in html
    assert "Onbekende Indringer" in html
    # Another school's coordinator does not get this school's grants.
    client.force_login(gebruikers["contactpersoon_vertrouwenszaken"])
    html = client.get(f"/partijen/scholen/{stad.a2.pk}/").content.decode()
    assert "Onbekende Indringer" not in html


def test_an_assignment_that_starts_today_can_be_ended_today(client, beheerder, stad):
    persoon = PersoonFactory(gebruiker=None)
    with time_machine.travel(datetime(2026, 1, 5, 9, 0, tzinfo=AMS), tick=False):
        toewijzing = RoltoewijzingFactory(
            persoon=persoon,
            rol="contactpersoon_vertrouwenszaken",
            school=stad.a1,
            begin=date(2026, 1, 5),
        )
        client.force_login(beheerder)
        response = client.post(
            f"/partijen/toewijzingen/{toewijzing.pk}/beeindigen/", {"einde": "2026-01-05"}
        )
        assert response.status_code == 302
        toewijzing.refresh_from_db()
        assert toewijzing.einde == date(2026, 1, 5)
        # It takes effect now, not tomorrow.
        assert not toewijzing.actief_op(date(2026, 1, 5))
        assert not Roltoewijzing.objects.actief_op(date(2026, 1, 5)).exists()
        assert not School.objects.filter(
            toewijzingen__in=Roltoewijzing.objects.actief_op(date(2026, 1, 5))
        ).exists()
    assert Toegangswijziging.objects.get().soort == "beeindigd"


def test_ending_on_a_later_day_keeps_the_role_until_then(client, beheerder, stad):
    toewijzing = RoltoewijzingFactory(
        rol="contactpersoon_vertrouwenszaken", school=stad.a1, begin=date(2026, 1, 5)
    )
    with time_machine.travel(datetime(2026, 1, 5, 9, 0, tzinfo=AMS), tick=False):
        client.force_login(beheerder)
        client.post(f"/partijen/toewijzingen/{toewijzing.pk}/beeindigen/", {"einde": "2026-01-09"})
    toewijzing.refresh_from_db()
    assert toewijzing.actief_op(date(2026, 1, 9))
    assert not toewijzing.actief_op(date(2026, 1, 10))
