"""The record of triage: what happened to a report, who did it, and when."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from advisories.models import Province

from ..reply_templates import template_errors
from .reports import ForwardTarget, RejectReason, Report


class ReportEvent(models.Model):
    """One line of a report's history: who did what, when, from which state to which."""

    class Kind(models.TextChoices):
        FILED = "filed", _("Người dân gửi phản ánh")
        STEP = "step", _("Chuyển trạng thái")
        ASSIGNMENT = "assignment", _("Giao việc")
        REPLY = "reply", _("Trả lời người dân")
        ERASURE = "erasure", _("Xóa dữ liệu cá nhân")
        EXPORT = "export", _("Xuất dữ liệu")
        LEGACY = "legacy", _("Cập nhật (trước quy trình mới)")

    report = models.ForeignKey(
        Report, verbose_name=_("phản ánh"), on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(_("lúc"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("việc"), max_length=10, choices=Kind.choices, default=Kind.LEGACY)
    from_status = models.CharField(
        _("trạng thái trước"), max_length=10, choices=Report.Status.choices, blank=True
    )
    status = models.CharField(_("trạng thái mới"), max_length=10, choices=Report.Status.choices)
    target = models.CharField(
        _("chuyển tới"), max_length=10, choices=ForwardTarget.choices, blank=True
    )
    reason = models.CharField(
        _("lý do không xử lý"), max_length=16, choices=RejectReason.choices, blank=True
    )
    duplicate_of = models.ForeignKey(
        Report,
        verbose_name=_("trùng với"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    reply = models.TextField(_("trả lời người dân"), blank=True)

    class Meta:
        verbose_name = _("lịch sử xử lý")
        verbose_name_plural = _("lịch sử xử lý")
        ordering = ["report", "at", "pk"]
        indexes = [
            # The dashboard: steps taken in a period, by kind.
            models.Index(fields=["kind", "at"], name="report_event_kind_at"),
        ]

    def __str__(self):
        # The case number, as Report's own: the receipt code stays the citizen's.
        return f"{self.report.case_number} {self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"


class ReportNote(models.Model):
    """An inspector's internal note on a report: never on the receipt, never exported."""

    report = models.ForeignKey(
        Report, verbose_name=_("phản ánh"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)
    text = models.TextField(_("ghi chú"), max_length=2000)

    class Meta:
        verbose_name = _("ghi chú nội bộ")
        verbose_name_plural = _("ghi chú nội bộ")
        ordering = ["report", "created_at", "pk"]

    def __str__(self):
        return f"{self.report.case_number} {self.created_at:%Y-%m-%d %H:%M}"


class ReplyTemplate(models.Model):
    """A ready-made reply to the citizen, offered when a report reaches a state."""

    status = models.CharField(
        _("dùng cho trạng thái"), max_length=10, choices=Report.Status.choices
    )
    title = models.CharField(
        _("tên mẫu"), max_length=100, help_text=_("Cán bộ chọn theo tên, ví dụ: Chuyển công an.")
    )
    text = models.TextField(
        _("nội dung"),
        max_length=500,
        help_text=_(
            "Người dân đọc trên biên nhận. Có thể dùng: {source} số bị phản ánh, {kind} loại, "
            "{province} tỉnh, {date} ngày gửi, {target} nơi nhận chuyển, {code} mã biên nhận."
        ),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    # A province's supervisors keep their own wording (their police, their hotline);
    # national templates are kept by national staff only (reports.access).
    province = models.ForeignKey(
        Province,
        verbose_name=_("phạm vi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"is_current": True},
        help_text=_(
            "Tỉnh, thành phố dùng mẫu này; để trống: mẫu toàn quốc, mọi thanh tra viên dùng được."
        ),
    )

    class Meta:
        verbose_name = _("mẫu trả lời người dân")
        verbose_name_plural = _("mẫu trả lời người dân")
        ordering = ["status", "position", "title"]

    def __str__(self):
        return f"{self.get_status_display()}: {self.title}"

    def clean_fields(self, exclude=None):
        """Only the known placeholders, each closed (reply_templates.template_errors).

        Here rather than in clean(): only when the text is among what is being
        validated, so that the list's editable columns (position, in use) still
        save a template stored before the rule; filling it stays safe anyway.
        """
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "text" not in (exclude or ()) and "text" not in errors:
            problems = template_errors(self.text)
            if problems:
                errors["text"] = [
                    ValidationError(problem, code="placeholder") for problem in problems
                ]
        if errors:
            raise ValidationError(errors)

    @property
    def scope_name(self):
        return self.province.name if self.province_id else str(_("toàn quốc"))
