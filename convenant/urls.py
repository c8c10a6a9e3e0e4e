from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from convenant import views_publiek, views_tweefactor
from convenant.forms import InlogFormulier
from convenant.site import views as site_views

# A database outage met in a middleware is a 503 too (convenant.middleware.serverfout).
handler500 = "convenant.middleware.serverfout"

urlpatterns = [
    path("", site_views.home, name="home"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(
            authentication_form=InlogFormulier, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("inloggen/code/", views_tweefactor.code, name="tweefactor_code"),
    path("inloggen/app-instellen/", views_tweefactor.instellen, name="tweefactor_instellen"),
    path("inloggen/later/", views_tweefactor.overslaan, name="tweefactor_overslaan"),
    path(
        "inloggen/wachtwoord-vergeten/",
        auth_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "inloggen/wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "inloggen/nieuw-wachtwoord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "inloggen/nieuw-wachtwoord/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("account/", views_tweefactor.account, name="account"),
    path("account/reservecodes/", views_tweefactor.reservecodes, name="tweefactor_reservecodes"),
    path(
        "account/wachtwoord/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "account/wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("voor-ouders/", views_publiek.voor_ouders, name="voor_ouders"),
    path(
        "voor-ouders/school/<int:pk>/", views_publiek.voor_ouders_school, name="voor_ouders_school"
    ),
    path("voor-ouders/convenant.pdf", views_publiek.convenant_pdf, name="convenant_pdf"),
    path("convenant/", include("convenant.site.urls_convenant")),
    path("partijen/", include("partijen.urls")),
    path("meldingen/", include("meldingen.urls")),
    path("overleggen/", include("overleggen.urls")),
    path("evaluatie/", include("evaluatie.urls")),
    path("berichten/", include("berichten.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]
