"""Bulk actions on the report list: a step of reports.triage, an assignment or an erasure
on every selected report.

A step that needs a target or a reason (forward, reject, reopen) and giving
reports to a colleague go through a confirmation page, like Django's
"delete selected": it asks for what is needed and says how many reports
will change. Afterwards the message says how many changed, and how many
were skipped and why ("3 đang ở trạng thái “Mới tiếp nhận”").

Up to REPORT_BULK_IN_REQUEST_MAX reports the action runs in the request, set
based and all or nothing (reports.triage_bulk); above it, it is queued as a
job and followed on the bulk steps page (reports.admin.bulk).
"""

from collections import Counter

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import triage
from ..triage_bulk import STATE, act_in_bulk, reason_text
from . import bulk, verdicts
from .exports import queue_export
from .filters import provinces_in_scope
from .forms import AssignConfirmationForm, StepConfirmationForm
from .selection import Refused

CONFIRMATION_SHOWN = 50  # reports listed on a confirmation page; the count says the rest


class StepActions:
    """Mixed into ReportAdmin; `queryset` is always already scoped to the user."""

    def _act(self, request, queryset, action, *, assignee=None, original=None, **details):
        """Run `action` now, or queue it when the selection is larger than a request may do."""
        count = queryset.count()
        if count > settings.REPORT_BULK_IN_REQUEST_MAX:
            return bulk.queue(
                self,
                request,
                action,
                count,
                **details,
                original=original.pk if original else None,
                assignee=assignee.pk if assignee else None,
                assignee_name=triage.display_name(assignee) if assignee else "",
            )
        try:
            outcome = act_in_bulk(
                action, queryset, by=request.user, assignee=assignee, original=original, **details
            )
        except triage.Refused as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return None
        name = triage.display_name(assignee) if assignee else ""
        level = messages.SUCCESS if outcome.done else messages.WARNING
        self.message_user(
            request, bulk.summary(action, outcome.done, outcome.skipped, name=name), level
        )
        return None

    def _will_change(self, queryset, step):
        """(how many the step applies to, Counter of why the others would be skipped).

        Counted by the database, state by state: a confirmation for a whole
        list of 100,000 reports reads five numbers, not the reports.
        """
        ready, skipped = 0, Counter()
        states = queryset.order_by().values("status").annotate(n=Count("pk"))
        for row in states:
            status, n = row["status"], row["n"]
            if status in step.sources:
                ready += n
            else:
                skipped[reason_text(STATE + status)] += n
        return ready, skipped

    def _confirm_step(self, request, queryset, step_name):
        step = triage.STEPS[step_name]
        lines = verdicts.official_sources(queryset) if step.to == triage.Status.FORWARDED else []
        if request.POST.get("post") == "yes":
            form = StepConfirmationForm(
                request.POST, step=step, user=request.user, official_lines=lines
            )
            if form.is_valid():
                data = form.cleaned_data
                return self._act(
                    request,
                    queryset,
                    step_name,
                    target=data.get("target", ""),
                    reason=data.get("reason", ""),
                    original=data.get("original"),
                    note=data.get("note", ""),
                    reply=form.reply_text(),
                )
        else:
            form = StepConfirmationForm(step=step, user=request.user, official_lines=lines)
        ready, skipped = self._will_change(queryset, step)
        return self._confirmation_page(
            request,
            queryset,
            form,
            title=step.label,
            ready=ready,
            skipped=skipped,
        )

    def _confirmation_page(self, request, queryset, form, *, title, ready, skipped):
        selected = queryset.count()
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "form": form,
            "reports": list(queryset[:CONFIRMATION_SHOWN]),
            "selected": selected,
            "ready": ready,
            "skipped": skipped.most_common(),
            "queued": selected > settings.REPORT_BULK_IN_REQUEST_MAX,
            "action": request.POST.get("action"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "selected_ids": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/reports/report/action_confirmation.html", context)

    @admin.action(permissions=["change"], description=gettext_lazy("Bắt đầu xem xét"))
    def review(self, request, queryset):
        return self._act(request, queryset, "review")

    @admin.action(permissions=["change"], description=gettext_lazy("Chuyển cơ quan chức năng…"))
    def forward(self, request, queryset):
        return self._confirm_step(request, queryset, "forward")

    @admin.action(permissions=["change"], description=gettext_lazy("Đánh dấu đã xử lý xong"))
    def resolve(self, request, queryset):
        return self._act(request, queryset, "resolve")

    @admin.action(permissions=["change"], description=gettext_lazy("Không xử lý…"))
    def reject(self, request, queryset):
        return self._confirm_step(request, queryset, "reject")

    @admin.action(permissions=["reopen"], description=gettext_lazy("Mở lại để xem xét…"))
    def reopen(self, request, queryset):
        return self._confirm_step(request, queryset, "reopen")

    @admin.action(permissions=["change"], description=gettext_lazy("Nhận xử lý (giao cho tôi)"))
    def assign_to_me(self, request, queryset):
        return self._act(request, queryset, "assign_to_me")

    @admin.action(permissions=["change"], description=gettext_lazy("Trả lại (bỏ giao)"))
    def unassign(self, request, queryset):
        return self._act(request, queryset, "unassign")

    @admin.action(permissions=["reassign"], description=gettext_lazy("Giao cho cán bộ…"))
    def assign(self, request, queryset):
        provinces = set(queryset.order_by().values_list("province", flat=True).distinct())
        # Anyone who triages one of them; each report then checks its own province.
        people = triage.assignable_staff(
            [province for province in provinces_in_scope(request.user) if province.pk in provinces]
            + ([None] if None in provinces else []),
            every=False,
        )
        if request.POST.get("post") == "yes":
            form = AssignConfirmationForm(request.POST, people=people)
            if form.is_valid():
                return self._act(
                    request, queryset, "assign", assignee=form.cleaned_data["assignee"]
                )
        else:
            form = AssignConfirmationForm(people=people)
        count = queryset.count()
        return self._confirmation_page(
            request,
            queryset,
            form,
            title=_("Giao phản ánh cho cán bộ"),
            ready=count,
            skipped=Counter(),
        )

    def _export(self, request, fmt, done):
        """Queue a file of the selected reports (see reports.admin.exports); go to the exports page.

        `queryset` is not read: the job runs the same selection again for this
        user when it starts (reports.admin.selection), so a national "all of the
        list" costs this request what an export of one report does.
        """
        try:
            queue_export(self, request, fmt)
        except Refused as refused:
            self.message_user(request, str(refused), messages.WARNING)
            return None
        self.message_user(request, done, messages.SUCCESS)
        return HttpResponseRedirect(reverse("reports_exports"))

    @admin.action(
        permissions=["view"], description=gettext_lazy("Xuất tệp CSV (cho công an, nhà mạng)")
    )
    def export_csv(self, request, queryset):
        return self._export(
            request,
            "csv",
            _(
                "Đã nhận yêu cầu xuất tệp CSV. Tệp được viết ở chế độ nền; khi xong, "
                "tải về ở trang này."
            ),
        )

    @admin.action(
        permissions=["view"], description=gettext_lazy("Xuất tệp Excel (cho công an, nhà mạng)")
    )
    def export_xlsx(self, request, queryset):
        """The same file as export_csv, as an .xlsx workbook: numbers stay text, dates are dates."""
        return self._export(
            request,
            "xlsx",
            _(
                "Đã nhận yêu cầu xuất tệp Excel. Tệp được viết ở chế độ nền; khi xong, "
                "tải về ở trang này."
            ),
        )

    @admin.action(
        description=gettext_lazy(
            "Xóa thông tin liên hệ và tệp đính kèm theo yêu cầu của người dân"
        ),
        permissions=["change"],
    )
    def erase_personal_data(self, request, queryset):
        """The citizen withdrew consent or asked for erasure (Law 91/2025): honour it now.

        `queryset` is already scoped to the reports this user may triage, so an
        inspector erases nothing outside their province. The report stays for
        triage; the history says who erased what kind of data, never the data.
        """
        return self._act(request, queryset, "erase_personal_data")
