from django.urls import path

from overleggen import views

app_name = "overleggen"
urlpatterns = [
    path("", views.overleg_lijst, name="lijst"),
    path("naleving/", views.naleving_view, name="naleving"),
    path("mijn/", views.mijn_overleggen, name="mijn"),
    path("nieuw/", views.overleg_nieuw, name="nieuw"),
    path("<int:pk>/", views.overleg_detail, name="detail"),
    path("<int:pk>/ics/", views.ics, name="ics"),
]
