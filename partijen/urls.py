from django.urls import path

from partijen import views, views_audit, views_toegang

app_name = "partijen"
urlpatterns = [
    path("scholen/", views.school_lijst, name="school_lijst"),
    path("scholen/nieuw/", views.school_bewerken, name="school_nieuw"),
    path("scholen/<int:pk>/", views.school_detail, name="school_detail"),
    path("scholen/<int:pk>/bewerken/", views.school_bewerken, name="school_bewerken"),
    path("bezetting/", views.bezetting, name="bezetting"),
    path("organisaties/", views.organisatie_lijst, name="organisatie_lijst"),
    path("organisaties/nieuw/", views.organisatie_bewerken, name="organisatie_nieuw"),
    path("organisaties/<int:pk>/", views.organisatie_detail, name="organisatie_detail"),
    path(
        "organisaties/<int:pk>/bewerken/", views.organisatie_bewerken, name="organisatie_bewerken"
    ),
    path("personen/", views.persoon_lijst, name="persoon_lijst"),
    path("personen/nieuw/", views.persoon_bewerken, name="persoon_nieuw"),
    path("personen/<int:pk>/", views.persoon_detail, name="persoon_detail"),
    path("personen/<int:pk>/bewerken/", views.persoon_bewerken, name="persoon_bewerken"),
    path("personen/<int:pk>/account/", views.account_aanmaken, name="account_aanmaken"),
    path("toewijzingen/nieuw/", views.toewijzing_nieuw, name="toewijzing_nieuw"),
    path(
        "toewijzingen/<int:pk>/beeindigen/",
        views.toewijzing_beeindigen,
        name="toewijzing_beeindigen",
    ),
    path("import/", views.importeren, name="importeren"),
    path("toegang/", views_toegang.toegangsoverzicht, name="toegangsoverzicht"),
    path("audit/", views_audit.auditlog, name="auditlog"),
]
