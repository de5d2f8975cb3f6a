"""Project-wide pages: home, health check, error pages."""

import logging

from csp.decorators import csp_exempt
from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from advisories.models import Advisory

from .origins import sent_from_our_pages
from .page_cache import public_page

logger = logging.getLogger(__name__)


LATEST_ADVISORIES = 5


@public_page()
@require_safe
def home(request):
    # One query: the rows show issuer, province and date, nothing that needs more.
    latest = list(
        Advisory.objects.published().select_related("issuer__province__merged_into")[
            :LATEST_ADVISORIES
        ]
    )
    return render(request, "home.html", {"latest_advisories": latest})


@never_cache
@require_safe
def healthz(request):
    """For the load balancer: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("health check: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@never_cache
@require_safe
def bench_ceiling(request):
    """The benchmark's ceiling: no query, no template, the full middleware stack.

    Every middleware still runs (sessions, CSRF, locale, CSP, the NUL guard), so
    what a page costs above this is the page's own work. PORTAL_BENCH_CEILING=1
    only: make bench sets it on its own server.
    """
    if not settings.BENCH_CEILING:
        raise Http404
    return HttpResponse(b"ok\n", content_type="text/plain; charset=utf-8")


# Never echoed back after a failed security check, whatever the form.
SECRET_FIELDS = ("csrfmiddlewaretoken", "password", "password1", "password2", "old_password")


def csrf_failure(request, reason=""):
    """The security check failed: in Vietnamese, and never a button that acts for someone else.

    Chị Lan's report page sat open all afternoon (or an in-app browser dropped
    the cookie): what she typed comes back in a form with a fresh token, so
    nothing is lost. Only for the citizen's report form, and only when her
    browser says the form was on our page. Anything else (an admin page, the
    withdrawal, a form on another site that posted here) gets a plain page with
    a link to start again: a "send again" button there would let a hostile
    page forge the request with one click of a logged-in staff member.
    """
    logger.warning("CSRF failure on %s: %s", request.path, reason)
    report_form = reverse("reports:form")
    if request.path == report_form and sent_from_our_pages(request):
        try:
            posted = request.POST.lists()
        except (SuspiciousOperation, BadRequest, OSError):  # too big, too many fields, cut off
            posted = []
        typed = [
            (name, value)
            for name, values in posted
            if name not in SECRET_FIELDS
            for value in values
        ]
        context = {"typed": typed, "action": report_form}
        return render(request, "403_csrf.html", context, status=403)
    # GET never acts: the page the form was on, or its address, is safe to reopen.
    return render(request, "403_csrf_refused.html", {"restart_url": request.path}, status=403)


def bad_request(request, exception):
    return render(request, "400.html", status=400)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


@csp_exempt()  # standalone page with its own inline style; it shows nothing user-made
def server_error(request):
    # No context processors that might touch the database: it may be why we are here.
    return render(request, "500.html", status=500)
