"""Bulk actions on the report list, each one step of reports.triage on every selected report.

A step that needs a target or a reason (forward, reject, reopen) and giving
reports to a colleague go through a confirmation page, like Django's
"delete selected": it asks for what is needed and says how many reports
will change. Afterwards the message says how many changed, and how many
were skipped and why ("3 đang ở trạng thái “Mới tiếp nhận”").
"""

from collections import Counter

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.http import StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .. import export, triage
from ..filing import erase_on_request
from .filters import provinces_in_scope
from .forms import AssignConfirmationForm, StepConfirmationForm


def _summary(done_message, done, skipped, **params):
    """`Đã chuyển 5 phản ánh. Bỏ qua 3: 2 đang ở trạng thái “Mới”, 1 ngoài phạm vi.`

    `done_message(count)` gives the first sentence in the right plural form.
    """
    text = done_message(done) % {"count": done, **params}
    if skipped:
        ordered = sorted(skipped.items(), key=lambda item: (-item[1], item[0]))
        reasons = "; ".join(f"{count} {why}" for why, count in ordered)
        text += " " + ngettext(
            "Bỏ qua %(count)d phản ánh: %(reasons)s.",
            "Bỏ qua %(count)d phản ánh: %(reasons)s.",
            sum(skipped.values()),
        ) % {"count": sum(skipped.values()), "reasons": reasons}
    return text


class StepActions:
    """Mixed into ReportAdmin; `queryset` is always already scoped to the user."""

    def _take_steps(self, request, queryset, step_name, done_message, **details):
        done, skipped = 0, Counter()
        for report in queryset.select_related("assigned_to"):
            try:
                triage.take_step(report, step_name, by=request.user, **details)
            except triage.Refused as refused:
                skipped[str(refused.why)] += 1
            else:
                done += 1
        level = messages.SUCCESS if done else messages.WARNING
        self.message_user(request, _summary(done_message, done, skipped), level)

    def _will_change(self, request, queryset, step):
        """(how many the step applies to, Counter of why the others would be skipped)."""
        ready, skipped = 0, Counter()
        for report in queryset:
            if report.status in step.sources:
                ready += 1
            else:
                skipped[
                    _("đang ở trạng thái “%(state)s”") % {"state": report.get_status_display()}
                ] += 1
        return ready, skipped

    def _confirm_step(self, request, queryset, step_name, done_message):
        step = triage.STEPS[step_name]
        if request.POST.get("post") == "yes":
            form = StepConfirmationForm(request.POST, step=step, user=request.user)
            if form.is_valid():
                data = form.cleaned_data
                self._take_steps(
                    request,
                    queryset,
                    step_name,
                    done_message,
                    target=data.get("target", ""),
                    reason=data.get("reason", ""),
                    original=data.get("original"),
                    note=data.get("note", ""),
                    reply=form.reply_text(),
                )
                return None
        else:
            form = StepConfirmationForm(step=step, user=request.user)
        ready, skipped = self._will_change(request, queryset, step)
        return self._confirmation_page(
            request,
            queryset,
            form,
            title=step.label,
            ready=ready,
            skipped=skipped,
        )

    def _confirmation_page(self, request, queryset, form, *, title, ready, skipped):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "form": form,
            "reports": list(queryset[:50]),
            "selected": queryset.count(),
            "ready": ready,
            "skipped": skipped.most_common(),
            "action": request.POST.get("action"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "selected_ids": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/reports/report/action_confirmation.html", context)

    @admin.action(permissions=["change"], description=gettext_lazy("Bắt đầu xem xét"))
    def review(self, request, queryset):
        self._take_steps(
            request,
            queryset,
            "review",
            lambda n: ngettext(
                "Đã chuyển %(count)d phản ánh sang “Đang xem xét”.",
                "Đã chuyển %(count)d phản ánh sang “Đang xem xét”.",
                n,
            ),
        )

    @admin.action(permissions=["change"], description=gettext_lazy("Chuyển cơ quan chức năng…"))
    def forward(self, request, queryset):
        return self._confirm_step(
            request,
            queryset,
            "forward",
            lambda n: ngettext(
                "Đã chuyển %(count)d phản ánh tới cơ quan chức năng.",
                "Đã chuyển %(count)d phản ánh tới cơ quan chức năng.",
                n,
            ),
        )

    @admin.action(permissions=["change"], description=gettext_lazy("Đánh dấu đã xử lý xong"))
    def resolve(self, request, queryset):
        self._take_steps(
            request,
            queryset,
            "resolve",
            lambda n: ngettext(
                "Đã đánh dấu %(count)d phản ánh là đã xử lý xong.",
                "Đã đánh dấu %(count)d phản ánh là đã xử lý xong.",
                n,
            ),
        )

    @admin.action(permissions=["change"], description=gettext_lazy("Không xử lý…"))
    def reject(self, request, queryset):
        return self._confirm_step(
            request,
            queryset,
            "reject",
            lambda n: ngettext(
                "Đã chuyển %(count)d phản ánh sang “Không xử lý”.",
                "Đã chuyển %(count)d phản ánh sang “Không xử lý”.",
                n,
            ),
        )

    @admin.action(permissions=["reopen"], description=gettext_lazy("Mở lại để xem xét…"))
    def reopen(self, request, queryset):
        return self._confirm_step(
            request,
            queryset,
            "reopen",
            lambda n: ngettext("Đã mở lại %(count)d phản ánh.", "Đã mở lại %(count)d phản ánh.", n),
        )

    def _assign_all(self, request, queryset, assignee, done_message, **params):
        done, skipped = 0, Counter()
        for report in queryset.select_related("assigned_to"):
            if report.assigned_to_id == (assignee.pk if assignee else None):
                skipped[_("đã như vậy từ trước")] += 1
                continue
            try:
                triage.assign(report, assignee, by=request.user)
            except triage.Refused as refused:
                skipped[str(refused.why)] += 1
            else:
                done += 1
        level = messages.SUCCESS if done else messages.WARNING
        self.message_user(request, _summary(done_message, done, skipped, **params), level)

    @admin.action(permissions=["change"], description=gettext_lazy("Nhận xử lý (giao cho tôi)"))
    def assign_to_me(self, request, queryset):
        self._assign_all(
            request,
            queryset,
            request.user,
            lambda n: ngettext(
                "Bạn đã nhận %(count)d phản ánh.", "Bạn đã nhận %(count)d phản ánh.", n
            ),
        )

    @admin.action(permissions=["change"], description=gettext_lazy("Trả lại (bỏ giao)"))
    def unassign(self, request, queryset):
        self._assign_all(
            request,
            queryset,
            None,
            lambda n: ngettext(
                "Đã bỏ giao %(count)d phản ánh.", "Đã bỏ giao %(count)d phản ánh.", n
            ),
        )

    @admin.action(permissions=["reassign"], description=gettext_lazy("Giao cho cán bộ…"))
    def assign(self, request, queryset):
        provinces = set(queryset.values_list("province", flat=True).distinct())
        # Anyone who triages one of them; each report then checks its own province.
        people = triage.assignable_staff(
            [province for province in provinces_in_scope(request.user) if province.pk in provinces]
            + ([None] if None in provinces else []),
            every=False,
        )
        if request.POST.get("post") == "yes":
            form = AssignConfirmationForm(request.POST, people=people)
            if form.is_valid():
                assignee = form.cleaned_data["assignee"]
                self._assign_all(
                    request,
                    queryset,
                    assignee,
                    lambda n: ngettext(
                        "Đã giao %(count)d phản ánh cho %(name)s.",
                        "Đã giao %(count)d phản ánh cho %(name)s.",
                        n,
                    ),
                    name=triage.display_name(assignee),
                )
                return None
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

    @admin.action(
        permissions=["view"], description=gettext_lazy("Xuất tệp CSV (cho công an, nhà mạng)")
    )
    def export_csv(self, request, queryset):
        """The selected reports (always within the user's scope) as CSV; see reports.export."""
        export.record(queryset, request.user)
        response = StreamingHttpResponse(
            export.lines(queryset), content_type="text/csv; charset=utf-8"
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="phan-anh-{stamp}.csv"'
        response["Cache-Control"] = "private, no-store"
        return response

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
        erased = 0
        for report in queryset:
            if report.has_personal_data:
                erase_on_request(report, by=request.user)
                erased += 1
        self.message_user(
            request,
            ngettext(
                "Đã xóa thông tin liên hệ và tệp đính kèm của %(count)d phản ánh.",
                "Đã xóa thông tin liên hệ và tệp đính kèm của %(count)d phản ánh.",
                erased,
            )
            % {"count": erased},
            messages.SUCCESS,
        )
