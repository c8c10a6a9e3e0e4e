from django.urls import path

from evaluatie import views, views_rapport

app_name = "evaluatie"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.ronde, name="ronde"),
    path("<int:pk>/bevinding/", views.bevinding_nieuw, name="bevinding_nieuw"),
    path("<int:pk>/actie/", views.actie_nieuw, name="actie_nieuw"),
    path("<int:pk>/vragenlijst/<int:organisatie>/", views.vragenlijst, name="vragenlijst"),
    path("<int:pk>/rapport/", views_rapport.rapport, name="rapport"),
    path("<int:pk>/rapport.pdf", views_rapport.rapport_pdf, name="rapport_pdf"),
    path("<int:pk>/cijfers/", views_rapport.cijfers_export, name="cijfers_export"),
    path("acties/<int:pk>/status/", views.actiestatus, name="actiestatus"),
]
