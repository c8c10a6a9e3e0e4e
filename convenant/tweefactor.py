"""Two-factor login: who must use it, and whether this session has passed the code step.

django-otp keeps the devices (an authenticator app's TOTP secret, a list of backup codes);
this module decides. `is_geverifieerd` is the one place that answers "may this session reach
the application"; `TweefactorMiddleware` applies it to every view.
"""

import base64

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from partijen.rollen import Rol, heeft_rol
from partijen.toegangsbeheer import heeft_tweefactor  # noqa: F401 (one definition, used here)

# An optional user who chose "not now": this session needs no code.
OVERGESLAGEN_SESSION_KEY = "tweefactor_overgeslagen"
AANTAL_RESERVECODES = 10

# Views an account may use before the code step: the steps themselves, logging out, the
# language switch, the public pages and the anonymous password reset.
VRIJ_VOOR_DE_CODESTAP = frozenset(
    {
        "login",
        "logout",
        "tweefactor_code",
        "tweefactor_instellen",
        "tweefactor_overslaan",
        "set_language",
        "voor_ouders",
        "voor_ouders_school",
        "convenant_pdf",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
    }
)

TWEEFACTOR_VERPLICHTE_ROLLEN = frozenset(
    {
        Rol.POLITIE_CONTACTPERSOON,
        Rol.POLITIE_OPERATIONEEL_EXPERT,
        Rol.VEILIGHEIDSMANAGER,
        Rol.PROJECTLEIDER,
        Rol.BEHEERDER,
    }
)


def tweefactor_verplicht(gebruiker) -> bool:
    """BIO 8.5 (secure authentication) and 5.17/5.18: accounts that reach police information,
    the incidents of a whole area or city, or the register and its access rights sign in with a
    second factor: both police roles, the municipality's veiligheidsmanager and projectleider,
    and the beheerder (and anyone with access to the administration). Others are offered it.
    It holds when any of the user's roles today requires it."""
    return (
        heeft_rol(gebruiker, *TWEEFACTOR_VERPLICHTE_ROLLEN)
        or gebruiker.is_staff
        or gebruiker.is_superuser
    )


def is_geverifieerd(request) -> bool:
    """The one answer to "has this session passed the second step": it entered a code (or
    backup code), or its user has no device, is not required to have one and said "not now"."""
    if not request.user.is_authenticated:
        return True
    session = request.session
    return DEVICE_ID_SESSION_KEY in session or bool(session.get(OVERGESLAGEN_SESSION_KEY))


def markeer_geverifieerd(request, device):
    otp_login(request, device)
    request.session.pop(OVERGESLAGEN_SESSION_KEY, None)


def veilige_volgende(request, default="home"):
    """The `next` the user came for, only when it points into this site."""
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    # Only a path: redirect() would take any other word for a view name and fail on it.
    if volgende.startswith("/") and url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return volgende
    return reverse(default)


def nieuwe_reservecodes(gebruiker) -> list[str]:
    """Replace the user's backup codes by a fresh set; each one works once. Returned once to
    be shown once: only django-otp's table holds them afterwards."""
    device, _ = StaticDevice.objects.get_or_create(
        user=gebruiker, name="reservecodes", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(AANTAL_RESERVECODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


class TweefactorMiddleware:
    """Sends a signed-in session that has not passed the second step to the code step (or to
    setting up an app), whatever page it asks for. Must come after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if is_geverifieerd(request):
            return None
        # view_name carries the namespace, so the admin's own login page is not let through.
        if request.resolver_match.view_name in VRIJ_VOOR_DE_CODESTAP:
            return None
        # Backup codes stand in for the app, never alone: an account whose app the beheerder
        # removed sets up a new one.
        stap = "tweefactor_code" if heeft_tweefactor(request.user) else "tweefactor_instellen"
        return redirect(f"{reverse(stap)}?{urlencode({'next': request.get_full_path()})}")


# The demo accounts that must use two factors share this authenticator key (`make run` prints
# it); a development convenience like DEMO_PASSWORD, never created outside DEBUG.
DEMO_GEHEIM = "VEILIGOPSCHOLENALMEREDEMOTWEEFAC"


def geef_demo_apparaat(gebruiker) -> bool:
    """A confirmed authenticator device with the fixed demo key, unless the account already has
    an app of its own. Returns whether one was created."""
    if not settings.DEMO_ACCOUNTS_ALLOWED:
        raise RuntimeError("Demo devices are for development only.")
    if heeft_tweefactor(gebruiker):
        return False
    TOTPDevice.objects.create(
        user=gebruiker,
        name="demo",
        key=base64.b32decode(DEMO_GEHEIM).hex(),
        confirmed=True,
    )
    return True
