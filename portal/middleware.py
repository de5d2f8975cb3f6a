"""Vietnamese first, whatever the phone's system language; the API follows its client."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin

API_PREFIX = "/api/"


def is_api(request):
    return request.path_info.startswith(API_PREFIX)


class VietnameseFirstLocaleMiddleware(MiddlewareMixin):
    """Activate the language the visitor chose (language cookie), else Vietnamese.

    Django's LocaleMiddleware would follow Accept-Language, but many citizens'
    phones are set to English while they read Vietnamese best; English is one
    tap away in the header instead.

    The API is different: its clients are programs (and the page's own preview
    script), which say what they want in Accept-Language on purpose. There the
    cookie still wins, then Accept-Language when it prefers a language we have
    (quality values respected, `en-US` read as `en`), then Vietnamese.
    """

    def process_request(self, request):
        if is_api(request):
            # Django's own order: cookie, then Accept-Language, then LANGUAGE_CODE.
            chosen = translation.get_language_from_request(request)
        else:
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            if chosen not in dict(settings.LANGUAGES):
                chosen = settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        if is_api(request):
            # A cache in between must not hand a Vietnamese answer to an English client.
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
