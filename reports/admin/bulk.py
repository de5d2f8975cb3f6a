"""Bulk actions of the report list, in the request or, when large, as a job; and their page.

At most REPORT_BULK_IN_REQUEST_MAX reports (settings) an action runs in the
request, set-based (reports.triage_bulk). Above it, the action is queued as a
BulkStep (reports.bulk_jobs runs it) and the person follows it on
/admin/reports/bulk-steps/ (portal/urls.py): what they asked, its progress,
and the exact outcome, or why it stopped. A step is shown to the person who
asked for it only; any other's is "not found".

What is queued is what the list was asked (its query string, the rows
ticked or "select all"): `selection` applies it again in the worker through
the list's own ChangeList (ModelAdmin.get_queryset: the scope as it is
then), bounded by the scope and the newest report of when it was asked.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG, PAGE_VAR
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.admin_values import valid_pk
from portal.jobs import enqueue_after_commit

from ..access import provinces_of, sees_every_report
from ..models import BulkStep, Report
from ..triage import Refused
from ..triage_bulk import reason_text

PAGE_SIZE = 50  # steps on the page: a person's newest; older ones are history
REFRESH_SECONDS = 5  # while one is waiting or running (no script: CSP forbids inline ones)

DONE_MESSAGES = {
    "review": lambda n: ngettext(
        "Đã chuyển %(count)d phản ánh sang “Đang xem xét”.",
        "Đã chuyển %(count)d phản ánh sang “Đang xem xét”.",
        n,
    ),
    "forward": lambda n: ngettext(
        "Đã chuyển %(count)d phản ánh tới cơ quan chức năng.",
        "Đã chuyển %(count)d phản ánh tới cơ quan chức năng.",
        n,
    ),
    "resolve": lambda n: ngettext(
        "Đã đánh dấu %(count)d phản ánh là đã xử lý xong.",
        "Đã đánh dấu %(count)d phản ánh là đã xử lý xong.",
        n,
    ),
    "reject": lambda n: ngettext(
        "Đã chuyển %(count)d phản ánh sang “Không xử lý”.",
        "Đã chuyển %(count)d phản ánh sang “Không xử lý”.",
        n,
    ),
    "reopen": lambda n: ngettext(
        "Đã mở lại %(count)d phản ánh.", "Đã mở lại %(count)d phản ánh.", n
    ),
    "assign_to_me": lambda n: ngettext(
        "Bạn đã nhận %(count)d phản ánh.", "Bạn đã nhận %(count)d phản ánh.", n
    ),
    "unassign": lambda n: ngettext(
        "Đã bỏ giao %(count)d phản ánh.", "Đã bỏ giao %(count)d phản ánh.", n
    ),
    "assign": lambda n: ngettext(
        "Đã giao %(count)d phản ánh cho %(name)s.", "Đã giao %(count)d phản ánh cho %(name)s.", n
    ),
    "erase_personal_data": lambda n: ngettext(
        "Đã xóa thông tin liên hệ và tệp đính kèm của %(count)d phản ánh.",
        "Đã xóa thông tin liên hệ và tệp đính kèm của %(count)d phản ánh.",
        n,
    ),
}


def summary(action, done, skipped, **params):
    """`Đã chuyển 5 phản ánh. Bỏ qua 3 phản ánh: 2 đang ở trạng thái “Mới”; 1 ngoài phạm vi.`

    `skipped`: {reason key: count} (reports.triage_bulk), in the reader's language here.
    """
    text = DONE_MESSAGES[action](done) % {"count": done, **params}
    if skipped:
        words = [(reason_text(key), count) for key, count in skipped.items()]
        ordered = sorted(words, key=lambda item: (-item[1], item[0]))
        reasons = "; ".join(f"{count} {why}" for why, count in ordered)
        total = sum(skipped.values())
        text += " " + ngettext(
            "Bỏ qua %(count)d phản ánh: %(reasons)s.",
            "Bỏ qua %(count)d phản ánh: %(reasons)s.",
            total,
        ) % {"count": total, "reasons": reasons}
    return text


# -- queuing -------------------------------------------------------------------------------


def queue(model_admin, request, action, count, **details):
    """Queue `action` over what the list was asked; the redirect to the bulk steps page."""
    user = request.user
    query = request.GET.copy()
    for name in (PAGE_VAR, ERROR_FLAG):
        query.pop(name, None)
    # As Django's action form reads it ("0" and "false" are no; anything else yes).
    select_across = forms.BooleanField(required=False).clean(request.POST.get("select_across"))
    # The filters in words, as the list names them (its ChangeList): only for a whole list.
    words = filter_in_words(model_admin.get_changelist_instance(request)) if select_across else ""
    step = BulkStep.objects.create(
        requested_by=user,
        action=action,
        details=details,
        query=query.urlencode(),
        select_across=select_across,
        picked_ids=[]
        if select_across
        else [int(pk) for pk in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)],
        scope=None if sees_every_report(user) else sorted(provinces_of(user)),
        last_report_id=Report.objects.aggregate(newest=Max("pk"))["newest"] or 0,
        filter_text=words,
        selected=count,
    )
    from ..bulk_jobs import run_bulk_step

    enqueue_after_commit(run_bulk_step, step.pk)
    page = reverse("reports_bulk_steps")
    model_admin.message_user(
        request,
        format_html(
            '{} <a href="{}">{}</a>.',
            ngettext(
                "Đã xếp hàng %(count)d phản ánh (%(action)s): nhiều quá để làm ngay; "
                "theo dõi tiến độ tại",
                "Đã xếp hàng %(count)d phản ánh (%(action)s): nhiều quá để làm ngay; "
                "theo dõi tiến độ tại",
                count,
            )
            % {"count": count, "action": step.get_action_display()},
            page,
            _("Thao tác hàng loạt"),
        ),
        messages.INFO,
    )
    return HttpResponseRedirect(page)


def filter_in_words(changelist):
    """`trạng thái: Mới tiếp nhận; tìm “ngân hàng”`: the list's filters as the list shows them."""
    parts = []
    for spec in changelist.filter_specs:
        # Each filter's first choice is "all"; a chosen one is marked selected.
        chosen = [c["display"] for c in list(spec.choices(changelist))[1:] if c["selected"]]
        if chosen:
            parts.append(f"{spec.title}: {', '.join(map(str, chosen))}")
    claimed = {name for spec in changelist.filter_specs for name in spec.expected_parameters()}
    for name, value in changelist.params.items():
        if name in changelist.model_admin.allowed_lookups and name not in claimed:
            parts.append(f"{name} = {value}")  # the dashboard's links (status__in=…)
    if changelist.query:
        parts.append(_("tìm “%(term)s”") % {"term": changelist.query})
    return "; ".join(parts) or _("không lọc: mọi phản ánh bạn được xem")


# -- the worker's side ---------------------------------------------------------------------


class _NoMessages:
    """The list's warnings (a search cut to ten words) have no one to read them in a worker."""

    def add(self, level, message, extra_tags=""):
        pass


def selection(step):
    """The reports `step` was asked for, as its list gives them now; raises Refused.

    The list's own ChangeList builds them for a GET of its query string by
    the person who asked: ModelAdmin.get_queryset (their scope now), the
    filters and search as they are now. Never beyond the scope they had, or
    reports filed since, when they asked.
    """
    model_admin = admin.site.get_model_admin(Report)
    request = HttpRequest()
    request.method = "GET"
    request.GET = QueryDict(step.query)
    request.user = step.requested_by
    request.path = request.path_info = reverse("admin:reports_report_changelist")
    request._messages = _NoMessages()
    try:
        queryset = model_admin.get_changelist_instance(request).get_queryset(request)
    except (DisallowedModelAdminLookup, IncorrectLookupParameters) as refused:
        why = refused.args[0] if refused.args else ""
        raise Refused(
            _("Bộ lọc của danh sách không còn dùng được: %(why)s") % {"why": why}
        ) from None
    if not step.select_across:
        queryset = queryset.filter(pk__in=step.picked_ids)
    if step.scope is not None:
        queryset = queryset.filter(province__in=step.scope)
    return queryset.filter(pk__lte=step.last_report_id)


# -- the page ------------------------------------------------------------------------------


def describe(step):
    """What the page shows of a step: what was asked, its state, progress and outcome."""
    details = step.details or {}
    params = {"name": details.get("assignee_name", "")}
    asked = ngettext(
        "%(action)s — %(count)d phản ánh", "%(action)s — %(count)d phản ánh", step.selected
    ) % {"action": step.get_action_display(), "count": step.selected}
    if step.select_across:
        scope = _("cả danh sách (%(filters)s)") % {"filters": step.filter_text}
    else:
        scope = _("các dòng được đánh dấu")
    outcome = ""
    total = step.total if step.resolved_at else step.selected
    if step.status != BulkStep.Status.QUEUED or step.processed:
        outcome = summary(step.action, step.done, step.skipped, **params)
    if step.resolved_at and step.total < step.selected:
        gone = step.selected - step.total
        outcome += " " + ngettext(
            "%(count)d phản ánh đã chọn không còn trong danh sách hay phạm vi của bạn "
            "khi bắt đầu chạy.",
            "%(count)d phản ánh đã chọn không còn trong danh sách hay phạm vi của bạn "
            "khi bắt đầu chạy.",
            gone,
        ) % {"count": gone}
    if step.status == BulkStep.Status.FAILED:
        left = max(total - step.processed, 0)
        outcome += " " + ngettext(
            "Chưa làm %(count)d phản ánh vì lỗi: %(why)s",
            "Chưa làm %(count)d phản ánh vì lỗi: %(why)s",
            left,
        ) % {"count": left, "why": step.message}
    elif step.message:  # a passing failure: tried again soon
        outcome += " " + step.message
    return {
        "step": step,
        "asked": asked,
        "scope": scope,
        "state": step.get_status_display(),
        "processed": step.processed,
        "total": total,
        "percent": 100 if step.finished and total == 0 else step.processed * 100 // max(total, 1),
        "outcome": outcome.strip(),
        "url": reverse("reports_bulk_step", args=[step.pk]),
    }


def _own_steps(request):
    if not admin.site.get_model_admin(Report).has_view_permission(request):
        raise PermissionDenied
    # Never the selection's ids (up to a whole list's): not read for the page.
    return BulkStep.objects.filter(requested_by=request.user).defer("report_ids", "picked_ids")


def _page(request, shown, title, one=False):
    context = {
        **admin.site.each_context(request),
        "title": title,
        "opts": Report._meta,
        "list_url": reverse("admin:reports_report_changelist"),
        "steps_url": reverse("reports_bulk_steps"),
        "shown": [describe(step) for step in shown],
        "refresh": REFRESH_SECONDS if any(not step.finished for step in shown) else None,
        "limit": PAGE_SIZE,
        "threshold": settings.REPORT_BULK_IN_REQUEST_MAX,
        "one": one,
    }
    return TemplateResponse(request, "admin/reports/bulk_steps.html", context)


def bulk_steps_page(request):
    """/admin/reports/bulk-steps/: the person's own bulk steps, newest first."""
    shown = list(_own_steps(request).order_by("-created_at", "-pk")[:PAGE_SIZE])
    return _page(request, shown, _("Thao tác hàng loạt"))


def bulk_step_page(request, pk):
    """/admin/reports/bulk-steps/<id>/: one of them; another person's is not found."""
    step = _own_steps(request).filter(pk=pk).first() if valid_pk(BulkStep, str(pk)) else None
    if step is None:
        raise Http404
    title = _("Thao tác hàng loạt: %(action)s") % {"action": step.get_action_display()}
    return _page(request, [step], title, one=True)
