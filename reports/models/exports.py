"""Exports of reports as CSV files: asked for in admin, written by a job, kept 7 days.

An export of 100,000 reports took longer than a request may (30 s), so the
admin's action only records what was asked (an Export) and a worker writes
the file (reports.export_jobs). The row keeps the selection in the form the
worker can run again with the requester's scope of that moment: the report
list's query string (its filters and search) when "all of the list" was
chosen, or the ids ticked on one page of it. Files are private, in the
default storage (the disk or the object store), served only to the staff
member who asked (reports.admin.exports).
"""

import datetime
import logging
import secrets
from functools import partial

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("reports.models")

# The folder of the default storage that holds every export file, and nothing else.
EXPORT_DIR = "exports"
KEPT = datetime.timedelta(days=7)
# Ticked by hand: at most one page of the list ("show all" shows 200 rows).
MAX_PICKED = 200


# The formats a file is written in (reports.export.WRITERS); the stored name's suffix says which.
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_path(instance, filename):
    """A random name: the file's address says nothing of who or what (no receipt code).

    Only the suffix of `filename` is kept: `.xlsx` for a workbook, else `.csv`.
    """
    suffix = "xlsx" if filename.endswith(".xlsx") else "csv"
    return f"{EXPORT_DIR}/{secrets.token_hex(16)}.{suffix}"


class Export(models.Model):
    """One staff member's request for a CSV file of reports, and the file once written."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang xuất")
        DONE = "done", _("Xong")
        FAILED = "failed", _("Không xuất được")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        on_delete=models.CASCADE,
        related_name="report_exports",
    )
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    description = models.TextField(
        _("nội dung yêu cầu"),
        help_text=_("Bộ lọc và từ tìm kiếm như người yêu cầu đã chọn, bằng lời."),
    )
    # What the worker runs again. May hold a citizen's number or a receipt code
    # (a search): shown on the requester's own page, never logged.
    query = models.TextField(
        _("địa chỉ danh sách"),
        blank=True,
        help_text=_("Bộ lọc và tìm kiếm của danh sách phản ánh (phần sau dấu ?)."),
    )
    select_across = models.BooleanField(
        _("cả danh sách"),
        default=False,
        help_text=_("Mọi phản ánh của danh sách đã lọc, không chỉ những dòng được đánh dấu."),
    )
    picked = models.JSONField(
        _("phản ánh được chọn"),
        default=list,
        blank=True,
        help_text=_("Số hiệu các dòng được đánh dấu, khi không chọn cả danh sách."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    scope = models.CharField(
        _("phạm vi lúc xuất"),
        max_length=500,
        blank=True,
        help_text=_("“all”, hoặc số hiệu các tỉnh người yêu cầu được xem khi tệp được viết."),
    )
    # Counted when the job starts; the rows written once it is done.
    rows_total = models.PositiveIntegerField(_("số phản ánh"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("đã viết"), default=0)
    file = models.FileField(_("tệp"), upload_to=export_path, max_length=200, blank=True)
    failure = models.TextField(_("lý do không xuất được"), blank=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    expires_at = models.DateTimeField(_("xóa lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tệp xuất phản ánh")
        verbose_name_plural = _("tệp xuất phản ánh")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The exports page: one person's exports, newest first, the last 50.
            models.Index(fields=["requested_by", "-created_at"], name="export_requester_newest"),
            # The hourly clean-up: exports whose 7 days are over.
            models.Index(fields=["expires_at"], name="export_expiry"),
            # The hourly clean-up: running exports that stopped moving (a worker killed),
            # and the action's bound on unfinished exports per person.
            models.Index(fields=["status", "updated_at"], name="export_state_moved"),
        ]

    def __str__(self):
        return f"{self.requested_by} {self.created_at:%Y-%m-%d %H:%M} {self.get_status_display()}"

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self):
        """How far the file is written, 0–100 (100 once done)."""
        if self.status == self.Status.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)

    @property
    def format(self):
        """`xlsx` or `csv`: what the stored file's name ends with (reports.export_jobs)."""
        return "xlsx" if self.file.name.endswith(".xlsx") else "csv"

    @property
    def content_type(self):
        return CONTENT_TYPES[self.format]

    def download_name(self):
        """`phan-anh_dak-lak_dang-mo_2026-12-07.xlsx` (reports.export_names); no receipt code."""
        from ..export_names import file_name

        return file_name(self, self.format)


def export_storage():
    """The storage export files live in (the default storage, disk or object store)."""
    return Export._meta.get_field("file").storage


def delete_export_file(name):
    """Delete a stored export file by name; False (and logged by its random name) if it stays."""
    try:
        export_storage().delete(name)
    except Exception as error:  # any storage's error: a file system's, an object store's
        logger.error("Could not delete export file %s (%s)", name, type(error).__name__)
        return False
    return True


@receiver(post_delete, sender=Export, dispatch_uid="reports.export.delete_file")
def delete_export_file_when_committed(sender, instance, using, **kwargs):
    """However an export row goes (expiry, its requester's account deleted), its file goes too."""
    if instance.file.name:
        transaction.on_commit(partial(delete_export_file, instance.file.name), using=using)
