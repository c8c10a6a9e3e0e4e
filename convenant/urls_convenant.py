from django.urls import path

from convenant import views

app_name = "convenant"
urlpatterns = [
    path("", views.tekst, name="tekst"),
    path("partners/", views.partners, name="partners"),
    path("overlegstructuur/", views.overlegstructuur, name="overlegstructuur"),
    path("communicatieparagraaf/", views.communicatieparagraaf, name="communicatieparagraaf"),
]
