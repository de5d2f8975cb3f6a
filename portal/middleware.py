"""Vietnamese first, whatever the phone's system language."""

from django.conf import settings
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin


class VietnameseFirstLocaleMiddleware(MiddlewareMixin):
    """Activate the language the visitor chose (language cookie), else Vietnamese.

    Django's LocaleMiddleware would follow Accept-Language, but many citizens'
    phones are set to English while they read Vietnamese best; English is one
    tap away in the header instead.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in dict(settings.LANGUAGES):
            chosen = settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
