from django.urls import path

from berichten import views

app_name = "berichten"
urlpatterns = [
    path("", views.centrum, name="centrum"),
    path("<int:pk>/", views.openen, name="openen"),
    path("<int:pk>/gelezen/", views.gelezen, name="gelezen"),
    path("gelezen/", views.gelezen, name="alles_gelezen"),
    path("voorkeuren/", views.voorkeuren, name="voorkeuren"),
    path("verzonden/", views.verzendoverzicht, name="verzendoverzicht"),
]
