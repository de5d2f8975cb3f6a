"""Admin for hotlines and for the inspectors' triage of citizen reports."""

import contextlib

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import repeats
from .access import reports_for
from .filing import erase_on_request
from .models import Evidence, Hotline, InspectorProvince, Report, ReportEvent
from .sms import Kind


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

    def clean_kinds(self):
        return " ".join(self.cleaned_data["kinds"])


@admin.register(Hotline)
class HotlineAdmin(admin.ModelAdmin):
    form = HotlineForm
    list_display = ["number", "channel", "scope", "province", "label", "kinds", "is_active"]
    list_filter = ["scope", "channel", "is_active"]
    search_fields = ["number", "label"]
    list_select_related = ["province"]
    autocomplete_fields = []
    raw_id_fields = ["source_advisory"]


@admin.register(InspectorProvince)
class InspectorProvinceAdmin(admin.ModelAdmin):
    list_display = ["user", "province"]
    list_filter = ["province"]
    list_select_related = ["user", "province"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    can_delete = False
    fields = ["type", "content_type", "size", "download"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("tải về"))
    def download(self, evidence):
        url = reverse("admin:reports_evidence_download", args=[evidence.pk])
        return format_html('<a href="{}">{}</a>', url, _("Tải tệp"))


class ReportEventInline(admin.TabularInline):
    model = ReportEvent
    extra = 0
    can_delete = False
    fields = ["at", "actor", "status", "assigned_to", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


CITIZEN_FIELDS = [
    "code",
    "kind",
    "source",
    "content",
    "occurred_at",
    "province_as_chosen",
    "province",
    "pattern_list",
    "contact",
    "contact_consent_text",
    "contact_consented_at",
    "created_at",
]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "source", "province", "status", "assigned_to", "created_at"]
    list_filter = ["status", "kind", ("province", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["source", "code"]
    list_select_related = ["province", "assigned_to"]
    date_hierarchy = "created_at"
    fieldsets = [
        (_("Người dân phản ánh"), {"fields": CITIZEN_FIELDS}),
        (_("Xử lý"), {"fields": ["status", "assigned_to", "updated_by", "updated_at"]}),
    ]
    readonly_fields = [*CITIZEN_FIELDS, "updated_by", "updated_at"]
    inlines = [EvidenceInline, ReportEventInline]
    actions = ["mark_in_review", "mark_forwarded", "mark_closed", "erase_personal_data"]

    def has_add_permission(self, request):
        return False  # reports come from citizens, never typed in by staff

    def get_queryset(self, request):
        return reports_for(request.user, super().get_queryset(request))

    def get_search_results(self, request, queryset, search_term):
        from .codes import normalize_code
        from .phones import normalize_source

        # A number typed any way finds its normal form; a code with or without dashes too.
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        extra = []
        code = normalize_code(search_term)
        if code:
            extra.append(code)
        with contextlib.suppress(ValueError):
            extra.append(normalize_source("S", search_term))
        if extra:
            base = self.get_queryset(request)
            queryset |= base.filter(code__in=extra) | base.filter(source__in=extra)
        return queryset, duplicates

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("thủ đoạn"))
    def pattern_list(self, report):
        names = ((pattern.display_name,) for pattern in report.patterns.all())
        return format_html_join("; ", "{}", names) or "—"

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        if change and {"status", "assigned_to"} & set(form.changed_data):
            ReportEvent.objects.create(
                report=obj, actor=request.user, status=obj.status, assigned_to=obj.assigned_to
            )

    def _set_status(self, request, queryset, status):
        changed = 0
        for report in queryset.exclude(status=status):
            report.status = status
            report.updated_by = request.user
            report.save(update_fields=["status", "updated_by", "updated_at"])
            ReportEvent.objects.create(
                report=report, actor=request.user, status=status, assigned_to=report.assigned_to
            )
            changed += 1
        self.message_user(
            request,
            ngettext("Đã cập nhật %(count)d phản ánh.", "Đã cập nhật %(count)d phản ánh.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Chuyển sang: đang xem xét"), permissions=["change"])
    def mark_in_review(self, request, queryset):
        self._set_status(request, queryset, Report.Status.IN_REVIEW)

    @admin.action(description=_("Chuyển sang: đã chuyển cơ quan chức năng"), permissions=["change"])
    def mark_forwarded(self, request, queryset):
        self._set_status(request, queryset, Report.Status.FORWARDED)

    @admin.action(description=_("Chuyển sang: đã xử lý xong"), permissions=["change"])
    def mark_closed(self, request, queryset):
        self._set_status(request, queryset, Report.Status.CLOSED)

    @admin.action(
        description=_("Xóa thông tin liên hệ và tệp đính kèm theo yêu cầu của người dân"),
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

    def get_urls(self):
        download = self.admin_site.admin_view(self.download_evidence)
        repeat_numbers = self.admin_site.admin_view(self.repeat_numbers_view)
        return [
            path("evidence/<int:pk>/", download, name="reports_evidence_download"),
            path("repeat-numbers/", repeat_numbers, name="reports_report_repeat_numbers"),
            *super().get_urls(),
        ]

    def repeat_numbers_view(self, request):
        """Sources reported again and again, within what this inspector may see."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        period = request.GET.get("days", repeats.DEFAULT_PERIOD)
        if period not in repeats.PERIODS:
            period = repeats.DEFAULT_PERIOD
        rows = repeats.repeat_numbers(self.get_queryset(request), days=repeats.PERIODS[period])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Số bị phản ánh nhiều lần"),
            "rows": rows,
            "period": period,
            "periods": [(key, key != "all" and int(key)) for key in repeats.PERIODS],
            "minimum": repeats.MINIMUM_REPORTS,
        }
        return TemplateResponse(request, "admin/reports/report/repeat_numbers.html", context)

    def download_evidence(self, request, pk):
        """Evidence is never public: only staff who may see the report download it."""
        if not request.user.has_perm("reports.view_evidence"):
            raise PermissionDenied
        evidence = (
            Evidence.objects.filter(pk=pk, report__in=self.get_queryset(request))
            .select_related("report")
            .first()
        )
        if evidence is None:
            raise Http404
        response = FileResponse(
            evidence.file.open("rb"),
            as_attachment=True,
            filename=f"{evidence.report.code}-{evidence.pk}.{evidence.extension}",
            content_type=evidence.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response
