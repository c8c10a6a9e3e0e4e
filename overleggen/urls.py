from django.urls import path

from overleggen import views

app_name = "overleggen"
urlpatterns = [
    path("", views.overleg_lijst, name="lijst"),
    path("naleving/", views.naleving_view, name="naleving"),
    path("naleving/export/", views.naleving_export, name="naleving_export"),
    path("mijn/", views.mijn_overleggen, name="mijn"),
    path("nieuw/", views.overleg_nieuw, name="nieuw"),
    path("agenda/", views.agenda, name="agenda"),
    path("agenda/<str:token>.ics", views.feed, name="feed"),
    path("<int:pk>/", views.overleg_detail, name="detail"),
    path("<int:pk>/ics/", views.ics, name="ics"),
    path("actiepunten/<int:pk>/", views.actiepunt, name="actiepunt"),
]
