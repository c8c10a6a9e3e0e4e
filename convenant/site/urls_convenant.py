"""/convenant/: the covenant's pages; the meeting structure is the shell's (it shows
overleggen's kinds of meeting), the rest the covenant's own views."""

from django.urls import path

from convenant import views
from convenant.site import views as site_views

app_name = "convenant"
urlpatterns = [
    path("", views.tekst, name="tekst"),
    path("partners/", views.partners, name="partners"),
    path("overlegstructuur/", site_views.overlegstructuur, name="overlegstructuur"),
    path("communicatieparagraaf/", views.communicatieparagraaf, name="communicatieparagraaf"),
]
