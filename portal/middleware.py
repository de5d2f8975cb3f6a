"""Vietnamese first, whatever the phone's system language; the API follows its client.

And a request whose body never finished arriving gets the portal's 400, not a 500.
"""

import logging

from django.conf import settings
from django.http import JsonResponse, UnreadablePostError
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin

logger = logging.getLogger(__name__)

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


class UnreadableBodyMiddleware:
    """A client that stopped sending its body: the portal's 400 in its language, nothing stored.

    gunicorn lets go of a client silent for its timeout between two bytes
    (portal/gunicorn_worker.py); Django raises UnreadablePostError wherever the
    body was being read, before any form could be saved. Without this, that is
    a 500 and a traceback in the log for a phone that lost its signal.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, UnreadablePostError):
            return None
        logger.warning(
            "Request body not received in full, the client stopped sending: %s %s",
            request.method,
            request.path,
        )
        message = translation.gettext(
            "Cổng chưa nhận đủ dữ liệu gửi lên: kết nối chậm quá lâu hoặc bị ngắt giữa chừng, "
            "nên chưa có gì được lưu. Hãy kiểm tra kết nối mạng rồi gửi lại."
        )
        if is_api(request):
            return JsonResponse(
                {"errors": {"__all__": [message]}},
                status=400,
                json_dumps_params={"ensure_ascii": False},
                content_type="application/json; charset=utf-8",
            )
        return render(request, "400.html", {"problem": message}, status=400)
