"""Staff sessions end after 30 idle minutes, and 12 hours after signing in whatever happens.

Reviewed: a staff session lasted Django's default 14 days with no idle
timeout, so a publisher's browser left open in a shared office published
letters for two weeks. Citizens have no accounts: only a signed-in session
is timed here, and an anonymous visitor's request is never given one (the
public pages' cache serves only visitors without a session).

The session holds two times, in seconds since the epoch:

- `LOGIN_AT`, written when the user signs in (the `user_logged_in` signal):
  the lifetime (STAFF_SESSION_HOURS) counts from it;
- `SEEN_AT`, the last request: idle (STAFF_SESSION_IDLE_MINUTES) counts from
  it. It is rewritten at most once a minute (TOUCH_SECONDS), not on every
  request, so a busy inspector's pages do not each cost a session write.

A signed-in session without `LOGIN_AT` (one opened before these rules, or
by a path that skipped the signal) is treated as expired. An expired session
is flushed: on an admin page the user is sent to the admin's login with a
message saying why (and, after a POST, that what was sent was not saved);
elsewhere the request simply goes on as an anonymous visitor's.
SESSION_COOKIE_AGE is the lifetime, so the browser drops the cookie too.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

LOGIN_AT = "portal_login_at"
SEEN_AT = "portal_seen_at"
# How stale SEEN_AT may get: the idle timeout is kept to within a minute.
TOUCH_SECONDS = 60


def _now():
    """The clock (time-machine moves it in the tests)."""
    return int(time.time())


@receiver(user_logged_in, dispatch_uid="portal.staff_sessions.login_time")
def _record_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = _now()
        request.session[LOGIN_AT] = now
        request.session[SEEN_AT] = now


def expired(session, now):
    """Why a signed-in session is over ("idle" or "lifetime"), or None while it runs."""
    login_at, seen_at = session.get(LOGIN_AT), session.get(SEEN_AT)
    if not isinstance(login_at, int) or not isinstance(seen_at, int):
        return "lifetime"
    if now - login_at >= settings.STAFF_SESSION_HOURS * 3600:
        return "lifetime"
    if now - seen_at >= settings.STAFF_SESSION_IDLE_MINUTES * 60:
        return "idle"
    return None


def _message(why, posted):
    if why == "idle":
        minutes = settings.STAFF_SESSION_IDLE_MINUTES
        text = ngettext(
            "Phiên làm việc đã kết thúc vì không có thao tác trong %(count)d phút. "
            "Hãy đăng nhập lại.",
            "Phiên làm việc đã kết thúc vì không có thao tác trong %(count)d phút. "
            "Hãy đăng nhập lại.",
            minutes,
        ) % {"count": minutes}
    else:
        hours = settings.STAFF_SESSION_HOURS
        text = ngettext(
            "Phiên làm việc đã kết thúc: mỗi lần đăng nhập dùng được tối đa %(count)d giờ. "
            "Hãy đăng nhập lại.",
            "Phiên làm việc đã kết thúc: mỗi lần đăng nhập dùng được tối đa %(count)d giờ. "
            "Hãy đăng nhập lại.",
            hours,
        ) % {"count": hours}
    if posted:
        text += " " + _(
            "Nội dung vừa gửi chưa được lưu: hãy bấm “Quay lại” trên trình duyệt để chép lại "
            "trước khi đăng nhập."
        )
    return text


class StaffSessionMiddleware:
    """After authentication and messages: ends a signed-in session that ran out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        # Only a session that holds a signed-in user; an anonymous visitor's request
        # reads nothing more than its (absent) cookie, and is never given a session.
        if SESSION_KEY in session:
            now = _now()
            why = expired(session, now)
            if why is not None:
                return self._end(request, why)
            if now - session[SEEN_AT] >= TOUCH_SECONDS:
                session[SEEN_AT] = now
        return self.get_response(request)

    def _end(self, request, why):
        posted = request.method == "POST"
        logout(request)  # flushes the session: a new key, nothing of the old one kept
        request.user = AnonymousUser()
        login = reverse("admin:login")
        admin = reverse("admin:index")
        if not request.path_info.startswith(admin) or request.path_info == login:
            return self.get_response(request)
        messages.warning(request, _message(why, posted))
        target = request.get_full_path() if not posted else request.path
        return HttpResponseRedirect(f"{login}?{urlencode({'next': target})}")
