"""The inspectors' report list and report page.

Scope comes from reports.access: a report outside it behaves as if it did not
exist (404). State, assignee and reply change only through reports.triage.
"""

import contextlib

from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from advisories.models import Province
from portal.admin_bounds import BoundedAdmin

from .. import saved_searches, service_levels, triage, used_words
from ..access import (
    manages_templates_of,
    provinces_of,
    reports_for,
    sees_every_report,
    template_scope,
)
from ..case_numbers import normalize_case_number
from ..codes import normalize_code
from ..models import Evidence, ForwardTarget, ReplyTemplate, Report
from ..phones import normalize_source
from ..reply_templates import fill
from ..sms import Kind
from . import actions, report_page, verdicts
from .dashboard import dashboard_view
from .filters import (
    AssigneeFilter,
    ChosenProvinceFilter,
    EvidenceFilter,
    OverdueFilter,
    PatternFilter,
    ProvinceFilter,
    StateFilter,
    UsedFilter,
)
from .forms import TriageForm
from .numbers import NumberViews

EXCERPT = 60


class RefusedSave(Exception):
    """reports.triage refused part of a save: out of save_model, so that it is all undone."""

    def __init__(self, refusal):
        super().__init__(str(refusal))
        self.refusal = refusal


CITIZEN_FIELDS = [
    "case_file",
    "kind",
    "source_facts",
    "content",
    "used",
    "occurred_at",
    "province_as_chosen",
    "province",
    "pattern_list",
    "evidence_files",
    "contact",
    "contact_consent_text",
    "contact_consented_at",
    "created_at",
]
TRIAGE_FIELDS = [
    "state",
    "confirm_other",
    "confirm_official",
    "step",
    "target",
    "reason",
    "original",
    "original_pick",
    "template",
    "reply",
    "note",
    "assignee",
    "seen_version",
    "seen",
]

SHORT_STATES = {
    Report.Status.NEW: gettext_lazy("Mới"),
    Report.Status.IN_REVIEW: gettext_lazy("Đang xem xét"),
    Report.Status.FORWARDED: gettext_lazy("Đã chuyển"),
    Report.Status.RESOLVED: gettext_lazy("Xong"),
    Report.Status.REJECTED: gettext_lazy("Không xử lý"),
}


CLOSED_STATES = (Report.Status.RESOLVED, Report.Status.REJECTED)


def age(moment, now):
    """`5 phút`, `3 giờ`, `2 ngày`: how long a report has waited, at a glance."""
    seconds = max(0, int((now - moment).total_seconds()))
    if seconds < 3600:
        return ngettext("%(n)d phút", "%(n)d phút", seconds // 60) % {"n": seconds // 60}
    if seconds < 86400:
        return ngettext("%(n)d giờ", "%(n)d giờ", seconds // 3600) % {"n": seconds // 3600}
    return ngettext("%(n)d ngày", "%(n)d ngày", seconds // 86400) % {"n": seconds // 86400}


def take_button(user):
    """The row's "Nhận" / "Trả lại" button, for this viewer.

    It submits the list's own form (and so its CSRF token) to the row's
    address; a per-request callable, since whose report it is depends on who looks.
    """

    @admin.display(description=gettext_lazy("việc"))
    def take(report):
        if report.assigned_to_id is None:
            name, label = "assign_to_me", _("Nhận")
        elif report.assigned_to_id == user.pk:
            name, label = "unassign", _("Trả lại")
        else:
            return ""
        return format_html(
            '<button type="submit" class="button report-take" form="changelist-form" '
            'formaction="{}" formmethod="post">{}</button>',
            reverse(f"admin:reports_report_{name}", args=[report.pk]),
            label,
        )

    return take


@admin.register(Report)
class ReportAdmin(actions.StepActions, NumberViews, BoundedAdmin):
    form = TriageForm
    list_display = [
        "case_number_cell",
        "kind_short",
        "source_cell",
        "excerpt",
        "used_cell",
        "province_cell",
        "pattern_tags",
        "evidence_count",
        "state_cell",
        "assignee_cell",
        "age_cell",
    ]
    list_display_links = ["case_number_cell"]
    list_filter = [
        ("status", StateFilter),
        OverdueFilter,
        "kind",
        ProvinceFilter,
        ChosenProvinceFilter,
        PatternFilter,
        AssigneeFilter,
        EvidenceFilter,
        UsedFilter,
        ("created_at", admin.DateFieldListFilter),
    ]
    # Written by the dashboard and the repeat screen (reports.dashboard.list_query,
    # repeats.Filters.list_query) beside the filters' own; no other is run (portal.admin_bounds).
    # The last three are a report's rows of what the scammer used, by key (repeats.LIST_LOOKUPS):
    # each on its `(key, report)` index.
    allowed_lookups = (
        "status__in",
        "source__exact",
        "links__domain",
        "bank_accounts__key",
        "social_accounts__key",
    )
    list_select_related = ["province", "province_as_chosen", "assigned_to"]
    list_per_page = 50
    # Django counts the whole scope too ("of N in all") on every page: one query less.
    show_full_result_count = False
    search_fields = ["case_number"]  # shows the box; get_search_results does the work
    search_help_text = gettext_lazy(
        "Tìm theo số hồ sơ (DL-2026-000123), mã biên nhận người dân đọc cho, số (gõ kiểu nào "
        "cũng được) hoặc từ trong nội dung, có dấu hay không dấu."
    )
    # The triage panel first (beside the citizen's report from 1200 px: admin-reports.css),
    # its save buttons on top too: at 1366×768 it started 1,000 px down, its save 1,900.
    fieldsets = [
        (gettext_lazy("Xử lý"), {"fields": TRIAGE_FIELDS, "classes": ["report-triage"]}),
        (
            gettext_lazy("Người dân phản ánh"),
            {"fields": CITIZEN_FIELDS, "classes": ["report-citizen"]},
        ),
        (
            gettext_lazy("Ghi chú nội bộ và lịch sử"),
            {"fields": ["history"], "classes": ["report-history-set"]},
        ),
    ]
    save_on_top = True
    readonly_fields = [*CITIZEN_FIELDS, "state", "history"]
    actions = [
        "review",
        "forward",
        "resolve",
        "reject",
        "reopen",
        "assign_to_me",
        "unassign",
        "assign",
        "export_csv",
        "export_xlsx",
        "erase_personal_data",
    ]

    class Media:
        css = {"all": ["css/admin-reports.css"]}
        # The report page's triage panel: only the fields the chosen step needs, a chosen
        # template's text in the reply box. Without it every field shows and works.
        js = ["js/report-triage.js"]

    def has_add_permission(self, request):
        return False  # reports come from citizens, never typed in by staff

    def has_reassign_permission(self, request):
        return request.user.has_perm("reports.reassign_report")

    def has_reopen_permission(self, request):
        return request.user.has_perm("reports.reopen_report")

    # -- scope and list ------------------------------------------------------

    def get_queryset(self, request):
        return (
            reports_for(request.user, super().get_queryset(request))
            .with_evidence_count("_evidence")
            # What the scammer used, for the list's column and the report page: three
            # queries for a page of rows (ignored by the repeat screen's .values()).
            .prefetch_related("patterns", "links", "bank_accounts__bank", "social_accounts")
        )

    def get_object(self, request, object_id, from_field=None):
        # Outside the scope is "not found", never "forbidden": no existence leak.
        queryset = self.get_queryset(request).select_related(
            "province", "province_as_chosen", "assigned_to", "duplicate_of"
        )
        if getattr(request, "triage_lock", False):
            # A save of the report page (changeform_view): the row stays locked until it
            # commits, so a second save waits, then sees the new version and is refused.
            queryset = queryset.select_for_update(of=("self",))
        with contextlib.suppress(ValueError, TypeError, Report.DoesNotExist):
            report = queryset.get(pk=object_id)
            report.viewer = request.user  # the source's counts are in this viewer's scope
            return report
        return None

    def get_changelist_instance(self, request):
        # Kept for the export action, which describes the list's filters in words
        # (reports.admin.exports) without building and counting it a second time.
        changelist = super().get_changelist_instance(request)
        request.reports_changelist = changelist
        return changelist

    def get_search_results(self, request, queryset, search_term):
        """A case number, a receipt code, a number typed any way, or words of the content."""
        term = search_term.strip()
        if not term:
            return queryset, False
        matches = queryset.none()
        case_number = normalize_case_number(term)
        if case_number:
            matches |= queryset.filter(case_number=case_number)
        code = normalize_code(term)
        if code:
            matches |= queryset.filter(code=code)
        with contextlib.suppress(ValueError):
            matches |= queryset.filter(source=normalize_source("S", term))
        matches |= queryset.containing_words(term)
        return matches, False

    @admin.display(description=gettext_lazy("số hồ sơ"), ordering="case_number")
    def case_number_cell(self, report):
        # Never the receipt code: it is the citizen's key (SECURITY.md).
        return report.case_number or "—"

    @admin.display(description=gettext_lazy("loại"), ordering="kind")
    def kind_short(self, report):
        return format_html('<abbr title="{}">{}</abbr>', report.get_kind_display(), report.kind)

    @admin.display(description=gettext_lazy("nội dung"))
    def excerpt(self, report):
        text = " ".join(report.content.split())
        short = text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"
        return format_html(
            '<span class="report-cut report-excerpt" title="{}">{}</span>', text, short
        )

    @admin.display(description=gettext_lazy("đã dùng"))
    def used_cell(self, report):
        """`1 TK, 2 link`: what the scammer used, in words; the title lists each, as text."""
        short = used_words.summary(report)
        if not short:
            return "—"
        return format_html(
            '<span class="report-cut report-used" title="{}">{}</span>',
            used_words.details(report),
            short,
        )

    @admin.display(description=gettext_lazy("tỉnh"), ordering="province__name")
    def province_cell(self, report):
        if report.province is None:
            return "—"
        chosen = report.province_as_chosen
        if chosen and chosen.pk != report.province_id:
            return format_html(
                '<span class="report-cut report-province" title="{}">{} '
                '<span class="report-chosen">({})</span></span>',
                _("%(current)s; người dân chọn: %(chosen)s")
                % {"current": report.province.name, "chosen": chosen.name},
                report.province.name,
                chosen.name,
            )
        return format_html(
            '<span class="report-cut report-province">{}</span>', report.province.name
        )

    @admin.display(description=gettext_lazy("thủ đoạn"))
    def pattern_tags(self, report):
        patterns = list(report.patterns.all())
        if not patterns:
            return "—"
        return format_html(
            '<span class="report-cut report-patterns" title="{}">{}</span>',
            "; ".join(p.display_name for p in patterns),
            ", ".join(p.display_name for p in patterns),
        )

    @admin.display(description=gettext_lazy("tệp"), ordering="_evidence")
    def evidence_count(self, report):
        return report._evidence or "—"

    @admin.display(description=gettext_lazy("trạng thái"), ordering="status")
    def state_cell(self, report):
        short = SHORT_STATES[report.status]
        if report.status == Report.Status.FORWARDED and report.forward_target:
            short = f"{short}: {report.get_forward_target_display()}"
        if report.status == Report.Status.REJECTED and report.reject_reason:
            short = f"{short}: {report.get_reject_reason_display()}"
        cell = format_html(
            '<span class="report-cut report-state report-state-{}" title="{}">{}</span>',
            report.status,
            short,
            short,
        )
        if service_levels.is_overdue(report, timezone.now()):
            days = service_levels.allowed_days()[report.status]
            cell = format_html(
                '{} <strong class="report-overdue" title="{}">{}</strong>',
                cell,
                ngettext(
                    "Quá hạn: ở trạng thái này quá %(days)d ngày",
                    "Quá hạn: ở trạng thái này quá %(days)d ngày",
                    days,
                )
                % {"days": days},
                _("Quá hạn"),
            )
        return cell

    @admin.display(description=gettext_lazy("người xử lý"), ordering="assigned_to__username")
    def assignee_cell(self, report):
        if report.assigned_to is None:
            return "—"
        name = triage.display_name(report.assigned_to)
        return format_html(
            '<span class="report-cut report-assignee" title="{}">{}</span>', name, name
        )

    @admin.display(description=gettext_lazy("đã chờ"), ordering="created_at")
    def age_cell(self, report):
        """How long it has waited; once resolved or rejected, how long it took (it stops)."""
        filed = timezone.localtime(report.created_at).strftime("%d/%m/%Y %H:%M")
        if report.status in CLOSED_STATES and report.closed_at:
            return format_html(
                '<time class="report-age-closed" datetime="{}" title="{}">{}</time>',
                report.created_at.isoformat(),
                _("Gửi lúc %(filed)s, kết thúc lúc %(closed)s")
                % {
                    "filed": filed,
                    "closed": timezone.localtime(report.closed_at).strftime("%d/%m/%Y %H:%M"),
                },
                age(report.created_at, report.closed_at),
            )
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            report.created_at.isoformat(),
            filed,
            age(report.created_at, timezone.now()),
        )

    def get_list_display(self, request):
        return [*self.list_display, take_button(request.user)]

    # "nguồn", the field's own short name: the column must not widen the list at 1366 px.
    @admin.display(description=gettext_lazy("nguồn"), ordering="source")
    def source_cell(self, report):
        verdict = verdicts.verdict_html(getattr(report, "source_status", None))
        if not verdict:
            return report.source
        return format_html(
            '{}<br><span class="report-row-verdict">{}</span>', report.source, verdict
        )

    @admin.display(description=gettext_lazy("nguồn"))
    def source_facts(self, report):
        viewer = getattr(report, "viewer", None)
        if viewer is None:  # not through get_object: no scope to count in
            return report.source
        return verdicts.facts(report, reports_for(viewer), national=sees_every_report(viewer))

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "title": _("Phản ánh của người dân")}
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None:
            # The page's rows, each with what is known about its source (two queries a
            # page), before the response renders them; an action's answer reads no row.
            rows = list(changelist.result_list)
            statuses = verdicts.page_statuses(row.source for row in rows)
            for row in rows:
                row.source_status = statuses.get(row.source)
            # The sidebar's saved searches and the form that saves this list's (one query).
            response.context_data.update(saved_searches.list_context(self, request))
        return response

    # -- the report page -----------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        refusal = getattr(request, "triage_refusal", None)
        return type(form.__name__, (form,), {"user": request.user, "refusal": refusal})

    def get_fieldsets(self, request, obj=None):
        """Without the fields no offered step needs: on a closed report, no target, reason,
        original or template (unless reopening is offered); never a target nobody may set."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        steps = triage.steps_for(obj, request.user)
        needless = set()
        if not any(step.needs == "target" for step in steps):
            needless |= {"target"}
        if not any(step.needs == "reason" for step in steps):
            needless |= {"reason", "original", "original_pick"}
        if not steps and obj.status in (Report.Status.RESOLVED, Report.Status.REJECTED):
            needless |= {"template"}
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in needless]})
            for name, options in fieldsets
        ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A save is all or nothing: refused in part, none of it stays and the page says why.

        Before, an assignment could be saved and the step then refused, with
        "changed successfully" beside the error. Now a refusal raised while
        writing (a race lost: the other save committed first) rolls the whole
        save back (Django's own transaction), and the page is shown again with
        what was typed: its form then finds the new version and says what changed.
        """
        if object_id is not None:
            extra_context = {**(extra_context or {}), **self._around(request, object_id)}
        if request.method == "POST":
            request.triage_lock = True
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except RefusedSave as refused:
            request.triage_refusal = refused.refusal
            return super().changeform_view(request, object_id, form_url, extra_context)

    def _around(self, request, object_id):
        """The previous and next report of the list the page was opened from (its filters,
        search and order: `_changelist_filters`), as links keeping those filters.

        Read before a save: "save and open the next" follows the list as the page showed
        it, even when the save takes this report out of it (forwarding a new one).
        """
        try:
            pk = int(object_id)
        except (TypeError, ValueError):
            return {}
        previous, following = report_page.neighbours(report_page.listed(self, request), pk)
        preserved = self.get_preserved_filters(request)
        request.triage_next = following
        return {
            "previous_url": previous and report_page.change_url(self, previous, preserved),
            "next_url": following and report_page.change_url(self, following, preserved),
        }

    def response_change(self, request, obj):
        """What the save did, in words (report_page.save_summary), never Django's generic
        "changed successfully"; "Lưu và mở phản ánh tiếp theo" opens the list's next report."""
        if IS_POPUP_VAR in request.POST:
            return super().response_change(request, obj)
        done = getattr(request, "triage_done", {})
        self.message_user(
            request, report_page.save_summary(obj.case_number, done), messages.SUCCESS
        )
        preserved = self.get_preserved_filters(request)
        if "_savenext" in request.POST:
            following = getattr(request, "triage_next", None)
            if following is not None:
                return HttpResponseRedirect(report_page.change_url(self, following, preserved))
            self.message_user(
                request,
                _("Phản ánh %(code)s là phản ánh cuối cùng của danh sách.")
                % {"code": obj.case_number},
                messages.INFO,
            )
            return self.response_post_save_change(request, obj)
        if "_continue" in request.POST:
            return HttpResponseRedirect(report_page.change_url(self, obj.pk, preserved))
        return self.response_post_save_change(request, obj)

    def history_view(self, request, object_id, extra_context=None):
        """Admin's "Lịch sử" link: the report's own history (its events and notes, the
        page's history block), not Django's change log, which triage never writes."""
        report = self.get_object(request, object_id)
        if report is None or not self.has_view_or_change_permission(request, report):
            raise Http404
        context = {
            **self.admin_site.each_context(request),
            "title": _("Lịch sử phản ánh %(code)s") % {"code": report.case_number},
            "subtitle": None,
            "object": report,
            "opts": self.opts,
            "module_name": str(self.opts.verbose_name_plural),
            "history": self.history(report),
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/reports/report/object_history.html", context)

    @admin.display(description=gettext_lazy("số hồ sơ"))
    def case_file(self, report):
        return format_html(
            '<span class="report-case-number">{}</span> · '
            '<a class="report-sheet-link" href="{}">{}</a>',
            report.case_number or "—",
            reverse("admin:reports_report_sheet", args=[report.pk]),
            _("In phiếu hồ sơ"),
        )

    @admin.display(description=gettext_lazy("thủ đoạn"))
    def pattern_list(self, report):
        names = ((pattern.display_name,) for pattern in report.patterns.all())
        return format_html_join("; ", "{}", names) or "—"

    @admin.display(description=gettext_lazy("kẻ gian đã dùng"))
    def used(self, report):
        """Channel, links (as text, never a link), accounts, and what the citizen lost."""
        return render_to_string("admin/reports/report/_used.html", used_words.context(report))

    @admin.display(description=gettext_lazy("ảnh, ghi âm"))
    def evidence_files(self, report):
        files = list(report.evidence.all())
        if not files:
            return "—"
        return render_to_string("admin/reports/report/_evidence.html", {"files": files})

    @admin.display(description=gettext_lazy("trạng thái hiện tại"))
    def state(self, report):
        return render_to_string(
            "admin/reports/report/_state.html",
            {
                "report": report,
                "duplicates": list(report.duplicates.order_by("created_at")),
                "meaning": triage.CITIZEN_MEANING[report.status],
            },
        )

    @admin.display(description=gettext_lazy("lịch sử"))
    def history(self, report):
        events = list(report.events.select_related("actor", "assigned_to", "duplicate_of"))
        notes = list(report.notes.select_related("author"))
        lines = sorted(
            [("event", event.at, event) for event in events]
            + [("note", note.created_at, note) for note in notes],
            key=lambda line: line[1],
        )
        return render_to_string("admin/reports/report/_history.html", {"lines": lines})

    def save_model(self, request, obj, form, change):
        """Each part through reports.triage, from the version the page showed; a refusal
        rolls it all back (changeform_view), never a 500, never "success" beside it."""
        data = form.cleaned_data
        user = request.user
        report = obj
        seen = form.seen_snapshot()  # checked by the first change; the row stays locked
        # What the save did, for its message (response_change, report_page.save_summary).
        done = request.triage_done = {}
        try:
            if "assignee" in form.changed_data:
                before = report.assigned_to_id
                report = triage.assign(report, data.get("assignee"), by=user, seen=seen)
                seen = None
                if report.assigned_to_id != before:
                    done["assigned"] = (report.assigned_to, user)
            reply = form.reply_text()
            replied_before = report.public_reply
            if data.get("step"):
                report = triage.take_step(
                    report,
                    data["step"],
                    by=user,
                    target=data.get("target", ""),
                    reason=data.get("reason", ""),
                    original=data.get("original"),
                    note=data.get("note", ""),
                    reply=reply if reply is not None and reply != report.public_reply else None,
                    seen=seen,
                )
                done["step"] = (
                    data["step"],
                    report.forward_target,
                    report.reject_reason,
                    report.duplicate_of,
                )
                done["note"] = bool(data.get("note", "").strip())
            else:
                if reply is not None and reply != report.public_reply:
                    report = triage.reply(report, reply, by=user, seen=seen)
                if data.get("note", "").strip():
                    triage.add_note(report, data["note"], by=user)
                    done["note"] = True
            if report.public_reply != replied_before:
                done["reply"] = report.public_reply
        except triage.Refused as refused:
            raise RefusedSave(refused) from refused

    def save_related(self, request, form, formsets, change):
        pass  # nothing related is edited here: patterns are the citizen's

    # -- extra addresses ----------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "evidence/<int:pk>/",
                wrap(self.download_evidence),
                name="reports_evidence_download",
            ),
            path("evidence/<int:pk>/view/", wrap(self.view_evidence), name="reports_evidence_view"),
            path(
                "repeat-numbers/",
                wrap(self.repeat_numbers_view),
                name="reports_report_repeat_numbers",
            ),
            path("number/", wrap(self.number_view), name="reports_report_number"),
            path(
                "marks-to-settle/",
                wrap(self.marks_to_settle_view),
                name="reports_report_marks_to_settle",
            ),
            path("dashboard/", wrap(self.dashboard_view), name="reports_report_dashboard"),
            path(
                "saved-searches/add/",
                wrap(self.saved_search_add_view),
                name="reports_report_saved_search_add",
            ),
            path(
                "saved-searches/<str:pk>/delete/",
                wrap(self.saved_search_delete_view),
                name="reports_report_saved_search_delete",
            ),
            path(
                "<int:pk>/assign-to-me/",
                wrap(self.assign_row),
                name="reports_report_assign_to_me",
            ),
            path("<int:pk>/unassign/", wrap(self.unassign_row), name="reports_report_unassign"),
            path("<int:pk>/sheet/", wrap(self.sheet_view), name="reports_report_sheet"),
            # The address issue 19 gives the police's printable case; sheet/ stays for
            # links already printed or bookmarked.
            path("<int:pk>/print/", wrap(self.sheet_view), name="reports_report_print"),
            *super().get_urls(),
        ]

    def _row(self, request, pk, assignee):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        report = self.get_object(request, pk)
        if report is None or not self.has_change_permission(request, report):
            raise Http404
        try:
            triage.assign(report, assignee, by=request.user)
        except triage.Refused as refused:
            self.message_user(request, str(refused), messages.ERROR)
        else:
            if assignee is None:
                message = _("Đã trả lại phản ánh %(code)s.")
            else:
                message = _("Bạn đã nhận phản ánh %(code)s.")
            self.message_user(request, message % {"code": report.case_number}, messages.SUCCESS)
        back = request.headers.get("Referer", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            back = reverse("admin:reports_report_changelist")
        return HttpResponseRedirect(back)

    def assign_row(self, request, pk):
        return self._row(request, pk, request.user)

    def unassign_row(self, request, pk):
        return self._row(request, pk, None)

    def sheet_view(self, request, pk):
        """The printable case sheet: scoped like the report page (outside it, 404)."""
        report = self.get_object(request, pk)
        if report is None or not self.has_view_permission(request, report):
            raise Http404
        context = {
            "report": report,
            "patterns": list(report.patterns.all()),
            "used": used_words.context(report),
            "evidence": list(report.evidence.order_by("pk")),
            "events": list(report.events.select_related("actor").order_by("at", "pk")),
            "printed_at": timezone.now(),
        }
        return TemplateResponse(request, "admin/reports/report/sheet.html", context)

    def dashboard_view(self, request):
        """The inspectors' dashboard (reports.admin.dashboard), scoped like this list."""
        return dashboard_view(self, request)

    def saved_search_add_view(self, request):
        return saved_searches.add_view(self, request)

    def saved_search_delete_view(self, request, pk):
        return saved_searches.delete_view(self, request, pk)

    def _evidence(self, request, pk):
        """Evidence is never public: only staff who may see the report get it."""
        if not request.user.has_perm("reports.view_evidence"):
            raise PermissionDenied
        evidence = (
            Evidence.objects.filter(pk=pk, report__in=reports_for(request.user))
            .select_related("report")
            .first()
        )
        if evidence is None:
            raise Http404
        return evidence

    def _file_response(self, evidence, as_attachment):
        response = FileResponse(
            evidence.file.open("rb"),
            as_attachment=as_attachment,
            # The case number: a file name travels (mail, shared folders), the code must not.
            filename=f"{evidence.report.case_number}-{evidence.pk}.{evidence.extension}",
            content_type=evidence.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["Cache-Control"] = "private, no-store"
        return response

    def download_evidence(self, request, pk):
        return self._file_response(self._evidence(request, pk), as_attachment=True)

    def view_evidence(self, request, pk):
        """Inline, for the <img> and <audio> of the report page; the same checks."""
        return self._file_response(self._evidence(request, pk), as_attachment=False)


SAMPLE_SOURCE = "0912345678"
SAMPLE_CODE = "7KQ2-M9XD-4TPA"


def sample_values(template):
    """What a template's placeholders are filled with in its preview: a made-up report
    of today, in the template's province (a national one: the first province by name)."""
    province = template.province if template.province_id else None
    if province is None:
        province = Province.objects.current().order_by("name").first()
    return {
        "source": SAMPLE_SOURCE,
        "kind": Kind.SCAM.label,
        "province": province.name if province else "",
        "date": timezone.localdate().strftime("%d/%m/%Y"),
        "target": ForwardTarget.POLICE.label,
        "code": SAMPLE_CODE,
    }


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(BoundedAdmin):
    """Supervisors keep the replies inspectors start from (reports.change_replytemplate).

    A template is national (no province) or a province's own. Everyone sees
    the national ones and their provinces'; a province's supervisors manage
    their province's only, national staff the national ones too
    (reports.access.manages_templates_of), in the list's editable columns as
    on the change page.
    """

    list_display = ["title", "status", "scope", "short_text", "position", "is_active"]
    list_display_links = ["title"]
    list_editable = ["position", "is_active"]
    list_filter = ["status", "is_active"]
    search_fields = ["title", "text"]
    readonly_fields = ["preview"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("province")
        return queryset.filter(template_scope(request.user))

    def _manages(self, request, obj, action):
        if obj is None:
            return request.user.has_perm(f"reports.{action}_replytemplate")
        return manages_templates_of(request.user, obj.province, action)

    def has_change_permission(self, request, obj=None):
        return self._manages(request, obj, "change")

    def has_delete_permission(self, request, obj=None):
        return self._manages(request, obj, "delete")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "province":
            provinces = Province.objects.current().order_by("name")
            if not sees_every_report(request.user):
                # A province's staff add and move templates within their provinces only.
                provinces = provinces.filter(pk__in=provinces_of(request.user))
                kwargs["required"] = True
                kwargs["empty_label"] = None
            else:
                kwargs["empty_label"] = _("Toàn quốc")
            kwargs["queryset"] = provinces
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changelist_formset(self, request, **kwargs):
        """The list's position and in-use boxes stay read-only on rows one may not manage."""
        formset = super().get_changelist_formset(request, **kwargs)
        user = request.user

        class ScopedFormSet(formset):
            def _construct_form(self, i, **form_kwargs):
                form = super()._construct_form(i, **form_kwargs)
                instance = form.instance
                if instance.pk and not manages_templates_of(user, instance.province):
                    for name in ("position", "is_active"):
                        form.fields[name].disabled = True
                return form

        return ScopedFormSet

    def save_model(self, request, obj, form, change):
        # The form offers only the user's scope; a forged province is refused here too.
        if not manages_templates_of(request.user, obj.province, "change" if change else "add"):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    @admin.display(description=gettext_lazy("phạm vi"), ordering="province__name")
    def scope(self, template):
        return template.scope_name

    @admin.display(description=gettext_lazy("Xem trước"))
    def preview(self, template):
        """The stored text as a citizen would read it, filled from a sample report."""
        if not template.text:
            return _("Lưu mẫu để xem trước.")
        return format_html(
            '<blockquote class="reply-template-preview">“{}”</blockquote>'
            '<div class="help">{}</div>',
            fill(template.text, sample_values(template)),
            _(
                "Điền bằng một phản ánh mẫu: số 0912345678, hôm nay; là nội dung đã lưu, "
                "bấm lưu để xem nội dung vừa sửa."
            ),
        )

    @admin.display(description=gettext_lazy("nội dung"))
    def short_text(self, template):
        return template.text[:90] + ("…" if len(template.text) > 90 else "")
