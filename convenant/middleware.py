import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.template import loader
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.defaults import server_error

from convenant.logboek import verberg_geheimen

logger = logging.getLogger(__name__)


class TaalMiddleware(LocaleMiddleware):
    """Dutch for everyone unless they chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, giving an English
    interface to a Dutch police officer whose laptop happens to be set to English. The covenant's
    working language is Dutch, so only an explicit choice (the language cookie) changes it.
    """

    def process_request(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()


class DatabaseStoringMiddleware:
    """While the database cannot be reached, answer 503 with a Dutch page that says to try
    again, instead of a bare 500.

    The page is rendered without the request's context processors (the navigation and the
    user would need the database). It carries the script that keeps a form's content in the
    browser, so what a person typed is not lost on a failed submit.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        return storingspagina(request, exception)


def storingspagina(request, exception):
    """The 503 page for a database outage, logged once here: django.request would log (and
    mail) every request of an outage."""
    reden = str(exception).strip().splitlines()[0] if str(exception).strip() else ""
    logger.error(
        "Database niet bereikbaar bij %s %s: %s: %s",
        request.method,
        verberg_geheimen(request.path),
        type(exception).__name__,
        reden,
    )
    html = loader.get_template("503.html").render(
        {
            # Absent when the outage struck before the CSP middleware ran; then no CSP header
            # is sent either, so the script needs no nonce.
            "csp_nonce": getattr(request, "csp_nonce", ""),
            "opnieuw_url": request.get_full_path(),
            "na_versturen": request.method == "POST",
        }
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "60"
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True
    return response


def serverfout(request):
    """handler500. The session, two-factor and authentication middleware read the database
    before any view runs, and an error there never reaches process_exception: Django turns it
    into a 500 at once. An outage is still a 503 with the Dutch page, whichever layer met it."""
    fout = sys.exc_info()[1]
    if isinstance(fout, OperationalError | InterfaceError):
        return storingspagina(request, fout)
    return server_error(request)


class GeenKopieMiddleware:
    """Everything a logged-in person sees can hold personal data (incidents, people, exports,
    attachments): no browser cache, shared computer or proxy may keep a copy. A response that
    already chose its caching keeps it; public pages (no login) are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Cache-Control first: the 503 page of a database outage has it, and asking for the
        # user would need the database.
        if response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
