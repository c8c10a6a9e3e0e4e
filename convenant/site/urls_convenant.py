"""/convenant/: the covenant's pages; the meeting structure is the shell's (it shows
overleggen's kinds of meeting), the rest the covenant's own views."""

from django.urls import path

from convenant import views, views_correctie, views_leven, views_wijziging
from convenant.site import views as site_views

app_name = "convenant"
urlpatterns = [
    path("", views.tekst, name="tekst"),
    path("partners/", views.partners, name="partners"),
    path("overlegstructuur/", site_views.overlegstructuur, name="overlegstructuur"),
    path("mijn-rol/", site_views.mijn_rol, name="mijn_rol"),
    path("communicatieparagraaf/", views.communicatieparagraaf, name="communicatieparagraaf"),
    path(
        "communicatieparagraaf/akkoord/",
        views.communicatieakkoord,
        name="communicatieakkoord",
    ),
    path("looptijd/", views_leven.looptijd, name="looptijd"),
    path("looptijd/opzegging/", views_leven.opzegging_nieuw, name="opzegging_nieuw"),
    path(
        "looptijd/opzegging/<int:pk>/instemming/",
        views_leven.instemming_nieuw,
        name="instemming_nieuw",
    ),
    path("looptijd/verlenging/", views_leven.verlenging_nieuw, name="verlenging_nieuw"),
    path("looptijd/toetreding/", views_leven.toetreding_nieuw, name="toetreding_nieuw"),
    path("wijzigingen/", views_wijziging.wijzigingen, name="wijzigingen"),
    path("wijzigingen/nieuw/", views_wijziging.wijziging_nieuw, name="wijziging_nieuw"),
    path("wijzigingen/correctie/", views_correctie.tekstcorrectie, name="tekstcorrectie"),
    path("wijzigingen/<int:pk>/", views_wijziging.wijziging, name="wijziging"),
    path(
        "wijzigingen/<int:pk>/instemming/",
        views_wijziging.wijziging_instemming,
        name="wijziging_instemming",
    ),
    path("looptijd/<str:soort>/<int:pk>/document/", views_leven.document, name="looptijd_document"),
]
