"""Admin for hotlines (administrators) and inspectors' provinces.

A hotline added or changed here waits for a second staff member's approval
(reports.hotlines_approval); until then the public sees the approved values.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from portal.admin_bounds import BoundedAdmin
from portal.admin_values import valid_pk

from .. import hotlines_approval as approval
from ..models import Hotline, InspectorProvince
from ..sms import Kind


class HotlineForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label=_("loại phản ánh tiếp nhận"),
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Hotline
        fields = [
            "scope",
            "province",
            "number",
            "channel",
            "kinds",
            "label",
            "note",
            "source_advisory",
            "announced_by",
            "announced_year",
            "announced_month",
            "position",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["kinds"] = self.instance.kind_list
            # A change waiting for approval is what staff go on editing: the form
            # shows it, so whoever saves it again has seen the whole proposal.
            by_attname = {f.attname: f.name for f in Hotline._meta.concrete_fields}
            for attname, value in self.instance.pending_changes.items():
                name = by_attname.get(attname)
                if name in self.fields:
                    self.initial[name] = value.split() if name == "kinds" else value

    def clean_kinds(self):
        return " ".join(self.cleaned_data["kinds"])


@admin.register(Hotline)
class HotlineAdmin(BoundedAdmin):
    form = HotlineForm
    list_display = [
        "number",
        "channel",
        "scope",
        "province",
        "label",
        "kinds",
        "is_active",
        "review",
    ]
    list_filter = ["review", "scope", "channel", "is_active"]
    search_fields = ["number", "label"]
    list_select_related = ["province"]
    autocomplete_fields = []
    raw_id_fields = ["source_advisory"]
    actions = ["approve", "refuse"]
    readonly_fields = [
        "review",
        "pending_display",
        "proposed_by",
        "proposed_at",
        "approved_by",
        "approved_at",
    ]

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": self.form.Meta.fields}),
            (
                _("Duyệt"),
                {
                    "fields": [
                        "review",
                        "pending_display",
                        ("proposed_by", "proposed_at"),
                        ("approved_by", "approved_at"),
                    ]
                },
            ),
        ]

    @admin.display(description=_("thay đổi chờ duyệt (cũ → mới)"))
    def pending_display(self, obj):
        rows = approval.changes(obj) if obj and obj.pk else []
        if not rows:
            if obj and obj.pk and obj.approved_at is None:
                return _("Kênh mới: chưa hiện với người dân cho đến khi được duyệt.")
            return "—"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {} → {}</li>", rows))

    def has_delete_permission(self, request, obj=None):
        # A line citizens see is retired by unticking "đang dùng", a change that waits for
        # a second person like any other: deleting it would take it off the public
        # pages on one account's word. Only a line never approved may be deleted.
        if obj is not None and obj.approved_at is not None:
            return False
        return super().has_delete_permission(request, obj)

    def has_approve_permission(self, request, obj=None):
        return request.user.has_perm(approval.APPROVE_PERMISSION)

    def save_model(self, request, obj, form, change):
        if not change:
            approval.propose_new(obj, request.user)
            return
        approval.propose_change(obj, form.changed_data, request.user)

    def response_add(self, request, obj, post_url_continue=None):
        self._pending_message(request)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if obj.review == Hotline.Review.PENDING:
            self._pending_message(request)
        return super().response_change(request, obj)

    def _pending_message(self, request):
        self.message_user(
            request,
            gettext(
                "Thay đổi đang chờ một cán bộ khác duyệt; người dân vẫn thấy giá trị đã duyệt "
                "(kênh mới chưa hiện)."
            ),
            messages.WARNING,
        )

    @admin.action(permissions=["approve"], description=_("Duyệt thay đổi các kênh đã chọn"))
    def approve(self, request, queryset):
        done = 0
        with transaction.atomic():
            for line in queryset.select_related("proposed_by").order_by("pk"):
                done += self._approve(request, line)
        if done:
            self.message_user(
                request,
                ngettext(
                    "Đã duyệt %(count)d kênh tiếp nhận.", "Đã duyệt %(count)d kênh tiếp nhận.", done
                )
                % {"count": done},
                messages.SUCCESS,
            )

    def _approve(self, request, line):
        was_new = line.approved_at is None
        proposer = line.proposed_by
        try:
            rows = approval.approve(line, request.user)
        except approval.ApprovalRefused as refused:
            self.message_user(request, refused.message, messages.ERROR)
            return 0
        if was_new:
            message = gettext("Duyệt kênh mới (đề nghị bởi %(proposer)s).") % {
                "proposer": proposer or "—"
            }
        else:
            message = gettext("Duyệt thay đổi (đề nghị bởi %(proposer)s): %(changes)s") % {
                "proposer": proposer or "—",
                "changes": "; ".join(f"{label}: {old} → {new}" for label, old, new in rows),
            }
        self.log_change(request, line, message)
        return 1

    @admin.action(permissions=["approve"], description=_("Từ chối thay đổi các kênh đã chọn"))
    def refuse(self, request, queryset):
        count = 0
        with transaction.atomic():
            for line in queryset.filter(review=Hotline.Review.PENDING).order_by("pk"):
                if not approval.in_scope(line, request.user):
                    continue
                rows = approval.changes(line)
                approval.refuse(line, request.user)
                self.log_change(
                    request,
                    line,
                    gettext("Từ chối thay đổi: %(changes)s")
                    % {
                        "changes": "; ".join(f"{label}: {old} → {new}" for label, old, new in rows)
                        or gettext("kênh mới")
                    },
                )
                count += 1
        self.message_user(
            request,
            ngettext(
                "Đã từ chối thay đổi của %(count)d kênh.",
                "Đã từ chối thay đổi của %(count)d kênh.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    # -- the change page's buttons ----------------------------------------------

    def review_buttons(self, request, obj):
        if obj is None or obj.review != Hotline.Review.PENDING:
            return []
        buttons = []
        if approval.can_approve(obj, request.user):
            buttons.append(("approve", _("Duyệt thay đổi")))
        if self.has_approve_permission(request) and approval.in_scope(obj, request.user):
            buttons.append(("refuse", _("Từ chối thay đổi")))
        return buttons

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id) if valid_pk(Hotline, object_id) else None
        extra_context["review_buttons"] = self.review_buttons(request, obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        review = self.admin_site.admin_view(self.review_view)
        return [
            path("<int:object_id>/review/<str:name>/", review, name="reports_hotline_review"),
            *super().get_urls(),
        ]

    def review_view(self, request, object_id, name):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, object_id) if valid_pk(Hotline, object_id) else None
        if obj is None:
            raise Http404
        allowed = dict(self.review_buttons(request, obj))
        if name == "approve" and name not in allowed:
            # A forged POST (the proposer has no button): say why, change nothing.
            reason = approval.refusal(obj, request.user) or gettext("Không thể duyệt kênh này.")
            self.message_user(request, reason, messages.ERROR)
        elif name not in allowed:
            raise PermissionDenied
        elif name == "approve":
            if self._approve(request, obj):
                self.message_user(request, gettext("Đã duyệt thay đổi."), messages.SUCCESS)
        else:
            self.refuse(request, Hotline.objects.filter(pk=obj.pk))
        return HttpResponseRedirect(reverse("admin:reports_hotline_change", args=[obj.pk]))


@admin.register(InspectorProvince)
class InspectorProvinceAdmin(BoundedAdmin):
    list_display = ["user", "province"]
    list_filter = ["province"]
    list_select_related = ["user", "province"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
