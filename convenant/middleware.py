from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


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
