"""Project-wide pages: home, health check, error pages."""

import logging

from csp.decorators import csp_exempt
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from advisories.models import Advisory

logger = logging.getLogger(__name__)


LATEST_ADVISORIES = 5


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


# Never echoed back after a failed security check, whatever the form.
SECRET_FIELDS = ("csrfmiddlewaretoken", "password", "password1", "password2", "old_password")


def csrf_failure(request, reason=""):
    """The security check failed (expired cookie, an in-app browser that drops cookies).

    Django's page is English and loses the text. This one says what happened in
    Vietnamese and gives back everything typed, in a form with a fresh token
    that sends it again to the same address.
    """
    try:
        posted = request.POST.lists()
    except (SuspiciousOperation, BadRequest, OSError):  # too big, too many fields, cut off
        posted = []
    typed = [
        (name, value) for name, values in posted if name not in SECRET_FIELDS for value in values
    ]
    logger.warning("CSRF failure on %s: %s", request.path, reason)
    return render(request, "403_csrf.html", {"typed": typed, "action": request.path}, status=403)


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
