"""A bulk action on the report list too large for a request, queued as a job (reports.bulk_jobs).

What was asked is kept as the list had it (its filters and search, or the
rows ticked), not as the reports it matched then: when the job starts it
applies them again with the person's scope as it is then
(reports/admin/bulk.py), and keeps the reports it found (report_ids), so
that a report leaving the filter half-way is still counted. The outcome is
counted after every chunk, in the chunk's own transaction: whatever happens,
the page says exactly how many changed, how many were skipped and why, and
how many were not reached.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BulkStep(models.Model):
    """One bulk action (a step, an assignment, an erasure) on many reports, run by a worker."""

    class Action(models.TextChoices):
        # The report list's action names (ReportAdmin.actions), and their descriptions.
        REVIEW = "review", _("Bắt đầu xem xét")
        FORWARD = "forward", _("Chuyển cơ quan chức năng…")
        RESOLVE = "resolve", _("Đánh dấu đã xử lý xong")
        REJECT = "reject", _("Không xử lý…")
        REOPEN = "reopen", _("Mở lại để xem xét…")
        ASSIGN_TO_ME = "assign_to_me", _("Nhận xử lý (giao cho tôi)")
        UNASSIGN = "unassign", _("Trả lại (bỏ giao)")
        ASSIGN = "assign", _("Giao cho cán bộ…")
        ERASE = (
            "erase_personal_data",
            _("Xóa thông tin liên hệ và tệp đính kèm theo yêu cầu của người dân"),
        )

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang chạy")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Dừng vì lỗi")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    action = models.CharField(_("thao tác"), max_length=20, choices=Action.choices)
    details = models.JSONField(
        _("chi tiết"),
        default=dict,
        blank=True,
        help_text=_(
            "Nơi chuyển, lý do, mã phản ánh gốc, ghi chú, trả lời, người được giao: "
            "như trang xác nhận đã nhận."
        ),
    )
    query = models.TextField(
        _("bộ lọc"),
        blank=True,
        help_text=_("Bộ lọc và từ tìm của danh sách, như trên địa chỉ của danh sách."),
    )
    select_across = models.BooleanField(
        _("chọn cả danh sách"),
        default=False,
        help_text=_("Mọi phản ánh của bộ lọc, không chỉ các dòng được đánh dấu."),
    )
    picked_ids = models.JSONField(
        _("các dòng được đánh dấu"),
        default=list,
        blank=True,
        help_text=_("Khi không chọn cả danh sách."),
    )
    scope = models.JSONField(
        _("phạm vi lúc yêu cầu"),
        null=True,
        blank=True,
        help_text=_(
            "Các tỉnh, thành phố người yêu cầu xử lý lúc đó (trống: mọi tỉnh): việc chạy "
            "sau không bao giờ chạm tới phản ánh ngoài phạm vi ấy, dù sau đó được giao thêm."
        ),
    )
    last_report_id = models.BigIntegerField(
        _("phản ánh mới nhất lúc yêu cầu"),
        default=0,
        help_text=_("Phản ánh gửi sau lúc yêu cầu không thuộc thao tác này."),
    )
    filter_text = models.TextField(_("bộ lọc (bằng lời)"), blank=True)
    selected = models.PositiveIntegerField(_("số phản ánh đã chọn"), default=0)
    report_ids = models.JSONField(
        _("các phản ánh sẽ xử lý"),
        default=list,
        blank=True,
        help_text=_("Lựa chọn như lúc bắt đầu chạy, để đếm chính xác từng phần."),
    )
    resolved_at = models.DateTimeField(_("xác định lựa chọn lúc"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("tổng số"), default=0)
    done = models.PositiveIntegerField(_("đã làm"), default=0)
    skipped = models.JSONField(
        _("bỏ qua"), default=dict, blank=True, help_text=_("Số phản ánh bỏ qua, theo lý do.")
    )
    message = models.TextField(_("lý do dừng"), blank=True)
    tries = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thao tác hàng loạt")
        verbose_name_plural = _("thao tác hàng loạt")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The bulk steps page: a person's own, newest first, the first 50.
            models.Index(fields=["requested_by", "-created_at", "-id"], name="bulk_step_mine"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} — {self.selected} ({self.get_status_display()})"

    @property
    def processed(self):
        """How many of the selection have had their turn (changed or skipped)."""
        return self.done + sum(self.skipped.values())

    @property
    def finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)
