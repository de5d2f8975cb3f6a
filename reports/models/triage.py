"""The record of triage: what happened to a report, who did it, and when."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .reports import Report


class ReportEvent(models.Model):
    """History of a report's triage: who changed its state or assignee, and when."""

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
    status = models.CharField(_("trạng thái mới"), max_length=10, choices=Report.Status.choices)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("lịch sử xử lý")
        verbose_name_plural = _("lịch sử xử lý")
        ordering = ["report", "at", "pk"]

    def __str__(self):
        return f"{self.report.code} {self.at:%Y-%m-%d %H:%M} {self.get_status_display()}"
