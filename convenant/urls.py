from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from convenant import views, views_publiek
from convenant.forms import InlogFormulier

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(
            authentication_form=InlogFormulier, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("voor-ouders/", views_publiek.voor_ouders, name="voor_ouders"),
    path(
        "voor-ouders/school/<int:pk>/", views_publiek.voor_ouders_school, name="voor_ouders_school"
    ),
    path("voor-ouders/convenant.pdf", views_publiek.convenant_pdf, name="convenant_pdf"),
    path("convenant/", include("convenant.urls_convenant")),
    path("partijen/", include("partijen.urls")),
    path("meldingen/", include("meldingen.urls")),
    path("overleggen/", include("overleggen.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]
