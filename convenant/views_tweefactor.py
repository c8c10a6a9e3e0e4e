"""The second login step, setting up an authenticator app, and the backup codes."""

import base64

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from convenant import tweefactor
from convenant.forms_tweefactor import CodeFormulier


def _axes_gegevens(user):
    # Wrong codes are counted under a name of their own: a correct password resets the
    # password failures (AXES_RESET_ON_SUCCESS), and must not reset the code failures too.
    return {"username": f"{user.get_username()}#code"}


def _controleer(request, form, devices):
    """Check the code against the devices; a wrong one counts for axes. Returns the device that
    accepted it, or an axes lockout response, or None (with an error on the form)."""
    gegevens = _axes_gegevens(request.user)
    if AxesProxyHandler.is_locked(request, gegevens):
        return get_lockout_response(request, None, gegevens)
    with transaction.atomic():
        for device in devices:
            if device.verify_token(form.cleaned_data["code"]):
                return device
    user_login_failed.send(sender=__name__, credentials=gegevens, request=request)
    if getattr(request, "axes_locked_out", False):
        return get_lockout_response(request, None, gegevens)
    form.add_error(
        "code", _("This code is not correct. Check the time on your phone and try again.")
    )
    return None


@login_required
def code(request):
    if tweefactor.is_geverifieerd(request):
        return redirect(tweefactor.veilige_volgende(request))
    form = CodeFormulier(request.POST or None)
    # The code is all this page asks; the cursor waits in it, as on the login form.
    form.fields["code"].widget.attrs["autofocus"] = True
    if request.method == "POST" and form.is_valid():
        if not tweefactor.heeft_tweefactor(request.user):
            return redirect("tweefactor_instellen")
        # for_verify locks the devices (select_for_update) so that one code cannot be used
        # twice by two requests at once: that needs a transaction (PostgreSQL insists).
        with transaction.atomic():
            devices = list(devices_for_user(request.user, confirmed=True, for_verify=True))
            uitkomst = _controleer(request, form, devices)
        if uitkomst is not None and not hasattr(uitkomst, "persistent_id"):
            return uitkomst
        if uitkomst is not None:
            tweefactor.markeer_geverifieerd(request, uitkomst)
            return redirect(tweefactor.veilige_volgende(request))
    return render(
        request,
        "registration/tweefactor_code.html",
        {"form": form, "next": tweefactor.veilige_volgende(request)},
    )


def _qr_svg(device):
    return segno.make(device.config_url, error="m").svg_inline(scale=4, light="#fff")


@login_required
def instellen(request):
    """Set up an authenticator app: a QR code and the secret as text, confirmed by one code.
    Until confirmed the device stays unconfirmed and counts for nothing."""
    if tweefactor.heeft_tweefactor(request.user) and not tweefactor.is_geverifieerd(request):
        # Replacing a working app needs the code step first.
        return redirect("tweefactor_code")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by(
        "-pk"
    ).first() or TOTPDevice.objects.create(user=request.user, name="app", confirmed=False)
    form = CodeFormulier(request.POST or None, knop=_("Confirm"))
    if request.method == "POST" and form.is_valid():
        uitkomst = _controleer(request, form, [device])
        if uitkomst is not None and not hasattr(uitkomst, "persistent_id"):
            return uitkomst
        if uitkomst is not None:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            # One authenticator app per account: the new one replaces any earlier one.
            TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
            tweefactor.markeer_geverifieerd(request, device)
            return _toon_reservecodes(request, nieuw_apparaat=True)
    return render(
        request,
        "registration/tweefactor_instellen.html",
        {
            "form": form,
            "qr": _qr_svg(device),
            "geheim": base64.b32encode(device.bin_key).decode(),
            "verplicht": tweefactor.tweefactor_verplicht(request.user),
            "next": tweefactor.veilige_volgende(request),
        },
    )


@require_POST
@login_required
def overslaan(request):
    """An optional user says "not now"; a user who must use two factors cannot."""
    if tweefactor.tweefactor_verplicht(request.user) or tweefactor.heeft_tweefactor(request.user):
        return redirect("tweefactor_instellen")
    request.session[tweefactor.OVERGESLAGEN_SESSION_KEY] = True
    return redirect(tweefactor.veilige_volgende(request))


def _toon_reservecodes(request, nieuw_apparaat=False):
    codes = tweefactor.nieuwe_reservecodes(request.user)
    response = render(
        request,
        "registration/tweefactor_reservecodes.html",
        {
            "codes": codes,
            "nieuw_apparaat": nieuw_apparaat,
            "next": tweefactor.veilige_volgende(request),
        },
    )
    # Shown once: never from a cache or the back button.
    response["Cache-Control"] = "no-store"
    return response


@login_required
def account(request):
    """The user's own security page: password, authenticator app and backup codes."""
    from django_otp.plugins.otp_static.models import StaticToken

    return render(
        request,
        "registration/account.html",
        {
            "heeft_tweefactor": tweefactor.heeft_tweefactor(request.user),
            "verplicht": tweefactor.tweefactor_verplicht(request.user),
            "reservecodes_over": StaticToken.objects.filter(device__user=request.user).count(),
        },
    )


@require_POST
@login_required
def reservecodes(request):
    """New backup codes; the old ones stop working."""
    if not tweefactor.heeft_tweefactor(request.user):
        messages.error(request, _("Set up an authenticator app first."))
        return redirect("account")
    return _toon_reservecodes(request)
