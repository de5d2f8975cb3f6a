"""Refuse the NUL character before it reaches the database.

PostgreSQL cannot store or even compare a text holding NUL (0x00): a filter
value such as `?province=%00` became a 500 on every list and admin filter
that reached a query. No browser sends NUL from what a person types; only a
hand-made request does. So the character is refused in one place, with a
clear message, rather than in each filter:

- in a query-string parameter (name or value), anywhere: 400;
- in a field posted to the admin, whose generic views (actions, filters,
  model forms) put values in queries: 400;
- in a cookie: the cookie is ignored, as if the browser had not sent it
  (the session middleware would look a session key up with it).

The citizen's report form and API are left to their own forms, which drop
control characters and keep what was typed (they also must read the body
themselves, after setting their upload limits).
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

NUL = "\x00"


def _visible(name):
    return name.replace(NUL, "").strip()[:50] or "?"


def _first_with_nul(query):
    for name, values in query.lists():
        if NUL in name or any(NUL in value for value in values):
            return _visible(name)
    return None


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        for name in [name for name, value in request.COOKIES.items() if NUL in name + value]:
            del request.COOKIES[name]
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Parameters are checked here, once the page's language is known; the refusal
        then passes back through every middleware (security headers, CSP) like any page."""
        name = _first_with_nul(request.GET)
        if name is not None:
            message = _(
                "Địa chỉ trang có một ký tự không hợp lệ (ký tự NUL) ở tham số “%(name)s”. "
                "Hãy bỏ ký tự đó, hoặc mở lại trang từ trang chủ."
            ) % {"name": name}
            return self.refuse(request, name, message)
        if request.method == "POST" and request.path.startswith(self.admin_path()):
            name = _first_with_nul(request.POST)
            if name is not None:
                message = _(
                    "Dữ liệu gửi lên có một ký tự không hợp lệ (ký tự NUL) ở ô “%(name)s”. "
                    "Hãy mở lại trang và nhập lại."
                ) % {"name": name}
                return self.refuse(request, name, message)
        return None

    def admin_path(self):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("admin:index")
        return self.admin_prefix

    def refuse(self, request, name, message):
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"errors": {name: [message]}},
                status=400,
                json_dumps_params={"ensure_ascii": False},
            )
        return render(request, "400.html", {"problem": message}, status=400)
