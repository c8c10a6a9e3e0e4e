from django.urls import path
from django.views.decorators.cache import never_cache

from meldingen import views, views_mededeling, views_meldcode, views_overzicht, views_politie

app_name = "meldingen"
urlpatterns = [
    path("", views.melding_lijst, name="lijst"),
    path("nieuw/", views.melding_nieuw, name="nieuw"),
    path("plichten/", views.plichten, name="plichten"),
    path("cijfers/", views_overzicht.cijfers, name="cijfers"),
    path("cijfers/export/", views_overzicht.cijfers_export, name="cijfers_export"),
    path("export/", views_overzicht.export, name="export"),
    path("mededelingen/", views_mededeling.mededeling_lijst, name="mededeling_lijst"),
    path("mededelingen/<int:pk>/", views_mededeling.mededeling, name="mededeling"),
    path("mededelingen/<int:pk>/goedkeuren/", views_mededeling.goedkeuren, name="goedkeuren"),
    path("<int:pk>/mededeling/", views_mededeling.mededeling_nieuw, name="mededeling_nieuw"),
    path("meldcode/", views_meldcode.dossier_lijst, name="meldcode_lijst"),
    path("meldcode/nieuw/", views_meldcode.dossier_nieuw, name="meldcode_nieuw"),
    path("meldcode/<int:pk>/", views_meldcode.dossier_detail, name="meldcode_detail"),
    path("<int:pk>/", views.melding_detail, name="detail"),
    path("<int:pk>/politiemelding/", views.politiemelding, name="politiemelding"),
    path("<int:pk>/wijzigen/", views.melding_bewerken, name="bewerken"),
    path("<int:pk>/afsluiten/", views.afsluiten, name="afsluiten"),
    path("<int:pk>/heropenen/", views.heropenen, name="heropenen"),
    path("<int:pk>/delen/", views.delen, name="delen"),
    path("<int:pk>/bijlagen/", views.bijlage_toevoegen, name="bijlage_toevoegen"),
    path("<int:pk>/bijlagen/<int:bijlage_pk>/", views.bijlage, name="bijlage"),
    path("<int:pk>/politie/status/", views_politie.politie_status, name="politie_status"),
    path("<int:pk>/politie/notitie/", views_politie.politie_notitie, name="politie_notitie"),
    path(
        "<int:pk>/betrokkenen/<int:betrokkene_pk>/ouders/", views.ouders_geinformeerd, name="ouders"
    ),
]

# Every page here may show personal data about minors and crimes (AVG art. 10), and the
# exports and attachments carry it: no browser or proxy may keep a copy (BIO). Applied to every
# pattern, so a new page is covered without anyone remembering to.
for _patroon in urlpatterns:
    _patroon.callback = never_cache(_patroon.callback)
