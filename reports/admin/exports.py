"""Exports in admin: the action queues one; a page lists the person's own; a view hands the file.

- `queue_export` (the actions "Xuất tệp CSV" and "Xuất tệp Excel", on the list, its "all of the
  list" and a number's reports): records what was asked (reports.admin.selection),
  queues the job (reports.export_jobs) once that is committed, and sends the
  inspector to `/admin/reports/exports/`. Nothing in the request reads the rows:
  a national "all" of 1,000,000 reports costs the request what one does.
- `exports_page`: the requester's last SHOWN exports, newest first: what was
  asked, state, rows, progress (the page reloads itself while one runs, no
  script needed), the download link, why one failed, when each file goes.
- `download_export`: the file, to the person who asked only (anyone else,
  other staff and superusers too, gets a 404: it holds citizens' contacts),
  while they may still see what it holds, for its 7 days; from the default
  storage (disk or object store), streamed, never cached.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.admin_values import valid_pk
from portal.jobs import enqueue_after_commit

from ..access import provinces_of, sees_every_report
from ..export_jobs import export_reports
from ..models import Export, Report
from ..models.exports import KEPT
from .selection import (
    Refused,
    describe,
    may_export,
    picked_ids,
    selection_query,
    selects_across,
)

# The page shows this many of a person's exports (they go after 7 days anyway).
SHOWN = 50
# Exports one person may have waiting or running at once: a national export takes
# a worker for minutes, and a double click must not take two.
MAX_UNFINISHED = 3
# While an export runs, the page reloads itself this often (<meta http-equiv="refresh">).
REFRESH_SECONDS = 5

UNFINISHED = [Export.Status.QUEUED, Export.Status.RUNNING]


def queue_export(model_admin, request, fmt="csv"):
    """An Export of the list's selection in `fmt` (csv, xlsx), queued; Refused if it cannot be."""
    user = request.user
    select_across = selects_across(request)
    picked = [] if select_across else picked_ids(request)
    if Export.objects.filter(requested_by=user, status__in=UNFINISHED).count() >= MAX_UNFINISHED:
        raise Refused(
            _(
                "Bạn đang có %(count)d tệp chờ xuất hoặc đang xuất. Hãy chờ một tệp xong "
                "rồi xuất tiếp."
            )
            % {"count": MAX_UNFINISHED}
        )
    # The list the page itself built (ReportAdmin keeps it on the request): no second count.
    changelist = getattr(request, "reports_changelist", None)
    if changelist is None:
        changelist = model_admin.get_changelist_instance(request)
    with transaction.atomic():
        export = Export.objects.create(
            requested_by=user,
            description=describe(changelist, select_across=select_across, picked=picked),
            query=selection_query(request.GET) if select_across else "",
            select_across=select_across,
            picked=picked,
        )
        # The request's own origin begins each case's address in the file (the worker has none).
        origin = request.build_absolute_uri("/").rstrip("/")
        enqueue_after_commit(export_reports, export.pk, fmt, origin)
    return export


def visible_exports(user):
    """A person's exports that are not past their 7 days (the hourly job removes those)."""
    now = timezone.now()
    return Export.objects.filter(requested_by=user).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    )


def exports_page(request):
    """/admin/reports/exports/: the person's own exports, for staff who may see reports."""
    if not request.user.has_perm("reports.view_report"):
        raise PermissionDenied
    exports = list(visible_exports(request.user).order_by("-created_at", "-pk")[:SHOWN])
    context = {
        **admin.site.each_context(request),
        "title": _("Tệp CSV đã xuất"),
        "opts": Report._meta,
        "exports": exports,
        "busy": any(not export.is_finished for export in exports),
        "refresh_seconds": REFRESH_SECONDS,
        "kept_days": KEPT.days,
        "shown": SHOWN,
        "list_url": reverse("admin:reports_report_changelist"),
    }
    return TemplateResponse(request, "admin/reports/exports.html", context)


def still_covers(user, export):
    """Whether `user` still may see every report the file was written with."""
    if not may_export(user):
        return False
    if sees_every_report(user):
        return True
    if export.scope == "all":
        return False
    then = {int(pk) for pk in export.scope.split(",") if pk}
    return then <= set(provinces_of(user))


def download_export(request, pk):
    """The file, for its requester only, while it is kept; 404 for anyone and anything else."""
    if not valid_pk(Export, pk):
        raise Http404
    export = (
        visible_exports(request.user)
        .filter(pk=pk, status=Export.Status.DONE)
        .exclude(file="")
        .first()
    )
    if export is None or not still_covers(request.user, export):
        raise Http404
    try:
        stored = export.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=export.download_name(),
        content_type=export.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
