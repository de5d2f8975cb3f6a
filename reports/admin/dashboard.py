"""The inspectors' dashboard page: reports.dashboard's figures over what the viewer may see.

Served by ReportAdmin (admin:reports_report_dashboard, /admin/reports/report/dashboard/)
and at the address the issue names, /admin/reports/dashboard/ (portal/urls.py,
through `dashboard_page`): one view, two addresses, both behind the admin's login.
"""

from django.contrib import admin
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import dashboard, saved_searches
from ..access import provinces_of, reports_for, sees_every_report
from ..models import Report
from . import verdicts
from .filters import provinces_in_scope

CACHE_SECONDS = 60


def dashboard_view(model_admin, request):
    """Staff who may view reports get the figures of their scope; anyone else a 403."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    national = sees_every_report(request.user)
    scope = "all" if national else ",".join(map(str, sorted(provinces_of(request.user))))
    # A minute old at most (the page says when): with 100,000 reports a national
    # summary costs a quarter of a second, and the team opens it all day long.
    figures = cache.get_or_set(
        f"dashboard:{scope}",
        lambda: dashboard.summary(reports_for(request.user), national=national),
        CACHE_SECONDS,
    )
    # What is known about the most-reported sources is never a minute old: an official
    # line at the top of this table must say so (two queries).
    top = figures["top_sources"]
    statuses = verdicts.page_statuses(row["source"] for row in top["rows"])
    rows = [
        {**row, "verdict": verdicts.verdict_html(statuses.get(row["source"]))}
        for row in top["rows"]
    ]
    context = {
        **model_admin.admin_site.each_context(request),
        **figures,
        "top_sources": {**top, "rows": rows},
        "opts": Report._meta,
        "title": _("Tình hình xử lý phản ánh"),
        "national": national,
        "scope": [] if national else list(provinces_in_scope(request.user)),
        "list_url": reverse("admin:reports_report_changelist"),
        # Never cached: the viewer's own and their province's searches, each counted now.
        "saved_searches": saved_searches.dashboard_section(model_admin, request),
    }
    return TemplateResponse(request, "admin/reports/report/dashboard.html", context)


def dashboard_page(request):
    """The same page, for the address outside ReportAdmin's own (portal/urls.py wraps it)."""
    return admin.site.get_model_admin(Report).dashboard_view(request)
