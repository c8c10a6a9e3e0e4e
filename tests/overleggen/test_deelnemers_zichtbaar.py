"""The plan form proposes and offers only people the user may see (art. 8), and only those the
kind and scope of the meeting call for (art. 5-7)."""

import pytest
import time_machine
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat

from overleggen.models import Overleg, Overlegvorm
from partijen.models import Persoon
from tests.factories import RoltoewijzingFactory, SchoolFactory, WijkFactory

pytestmark = pytest.mark.django_db
NU = "2026-11-29T10:00:00+01:00"
ROLLEN = ("coordinator_veiligheid", "politie_contactpersoon", "veiligheidsmanager")


@pytest.fixture
def bevolkt(convenant_data, stad, gebruikers, maak_gebruiker, in_rol):
    """The small city with staff at every school and area, each with a unique name, and one
    user per role tied to the area Oost-Haven only."""
    wijk_a = WijkFactory(code="wijk-a", naam="Wijk A", stadsdeel=stad.a1.stadsdeel)
    wijk_b = WijkFactory(code="wijk-b", naam="Wijk B", stadsdeel=stad.b1.stadsdeel)
    for school, wijk in ((stad.a1, wijk_a), (stad.a2, wijk_a), (stad.b1, wijk_b)):
        school.wijk = wijk
        school.save()
    po_a = SchoolFactory(
        naam="Basisschool A", sector="PO", stadsdeel=stad.a1.stadsdeel, wijk=wijk_a
    )
    po_b = SchoolFactory(
        naam="Basisschool B", sector="PO", stadsdeel=stad.b1.stadsdeel, wijk=wijk_b
    )
    so_b = SchoolFactory(naam="SO-school B", sector="SO", stadsdeel=stad.b1.stadsdeel)
    for school in (stad.a2, stad.b1, po_a, po_b, so_b):
        RoltoewijzingFactory(rol="coordinator_veiligheid", school=school)
    for school in (po_a, po_b, so_b, stad.b1):
        RoltoewijzingFactory(rol="politie_contactpersoon", school=school)
    RoltoewijzingFactory(rol="veiligheidsmanager", school=None, overleggebied=stad.gebied_b)
    RoltoewijzingFactory(rol="projectleider", school=None)
    RoltoewijzingFactory(rol="politie_operationeel_expert", school=None)
    RoltoewijzingFactory(rol="bestuurder", school=None, organisatie=stad.bestuur_y)
    politie = maak_gebruiker("politie_contactpersoon", username="politie_a")
    in_rol(politie, "politie_contactpersoon", school=stad.a1)
    # Faker may give two people the same name; "Geheim12Z" contains no other such name.
    Persoon.objects.update(achternaam=Concat(Value("Geheim"), Cast("pk", CharField()), Value("Z")))
    return {
        "coordinator_veiligheid": gebruikers["coordinator_veiligheid"],
        "politie_contactpersoon": politie,
        "veiligheidsmanager": gebruikers["veiligheidsmanager"],
        "scopes": [
            {},
            {"school": stad.a1.pk},
            {"school": stad.b1.pk},
            {"school": po_b.pk},
            {"overleggebied": stad.gebied_a.pk},
            {"overleggebied": stad.gebied_b.pk},
            {"wijk": wijk_a.pk},
            {"wijk": wijk_b.pk},
        ],
    }


def _onzichtbaar(user):
    return [str(p) for p in Persoon.objects.exclude(pk__in=Persoon.objects.visible_to(user))]


@time_machine.travel(NU, tick=False)
@pytest.mark.parametrize("rol", ROLLEN)
def test_the_plan_form_names_no_one_the_user_may_not_see(client, bevolkt, rol):
    user = bevolkt[rol]
    onzichtbaar = _onzichtbaar(user)
    assert len(onzichtbaar) >= 8  # the city has people this user may not see
    client.force_login(user)
    for vorm in Overlegvorm.objects.all():
        for scope in bevolkt["scopes"]:
            response = client.get("/overleggen/nieuw/", {"vorm": vorm.pk, **scope})
            assert response.status_code in (200, 404)
            html = response.content.decode()
            gelekt = [naam for naam in onzichtbaar if naam in html]
            assert not gelekt, (vorm.nummer, scope, gelekt)


@time_machine.travel(NU, tick=False)
def test_the_area_meeting_without_an_area_proposes_no_one(client, bevolkt):
    client.force_login(bevolkt["veiligheidsmanager"])
    vorm = Overlegvorm.objects.get(code="stadsdeeloverleg")
    response = client.get("/overleggen/nieuw/", {"vorm": vorm.pk})
    assert response.status_code == 200
    assert list(response.context["personen"]) == []


@time_machine.travel(NU, tick=False)
def test_the_area_meeting_proposes_the_people_of_the_area_only(client, stad, bevolkt):
    client.force_login(bevolkt["veiligheidsmanager"])
    vorm = Overlegvorm.objects.get(code="stadsdeeloverleg")
    response = client.get(
        "/overleggen/nieuw/", {"vorm": vorm.pk, "overleggebied": stad.gebied_a.pk}
    )
    personen = set(response.context["personen"])
    assert personen
    for persoon in personen:  # each works in the area (the police contact also elsewhere)
        gebieden = {
            t.school.overleggebied_id if t.school else t.overleggebied_id
            for t in persoon.toewijzingen.all()
        }
        assert stad.gebied_a.pk in gebieden, persoon
    aangeboden = set(response.context["form"].fields["deelnemers"].queryset)
    assert aangeboden == personen


@time_machine.travel(NU, tick=False)
@pytest.mark.parametrize("rol", ROLLEN)
def test_a_foreign_participant_is_refused_with_a_field_error(client, stad, bevolkt, rol):
    user = bevolkt[rol]
    vorm = Overlegvorm.objects.get(code="stadsdeeloverleg")
    client.force_login(user)
    for vreemd in Persoon.objects.exclude(pk__in=Persoon.objects.visible_to(user)):
        response = client.post(
            "/overleggen/nieuw/",
            {
                "vorm": vorm.pk,
                "overleggebied": stad.gebied_a.pk,
                "start": "2026-12-10T15:00",
                "einde": "2026-12-10T16:00",
                "deelnemers": [vreemd.pk],
            },
        )
        assert response.status_code == 200, vreemd
        fout = " ".join(response.context["form"].errors["deelnemers"])
        assert "geldige keuze" in fout
    assert not Overleg.objects.exists()
