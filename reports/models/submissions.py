"""The submission keys already used: a resend of the same report finds its receipt.

One row per report filed with a key (the form's hidden one-time key, or an
API client's Idempotency-Key), kept for reports.submissions.RETENTION and
no longer: only to answer resends. The rules are in reports.submissions.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .reports import Report


class SubmissionKey(models.Model):
    # Never the key as sent: an HMAC of it with who may use it (the form's CSRF
    # cookie, or the API client's address), so a key seen by someone else, or
    # read from this table, opens nothing.
    key = models.CharField(_("khóa"), max_length=64)
    # An HMAC of the report's fields and files: a resend must say the same thing.
    fingerprint = models.CharField(_("dấu nội dung"), max_length=64)
    report = models.ForeignKey(
        Report, verbose_name=_("phản ánh"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("khóa gửi phản ánh")
        verbose_name_plural = _("khóa gửi phản ánh")
        constraints = [
            # The claim: of two requests with one key at the same moment, the second
            # fails here and answers with the first one's receipt (filing.file_report).
            models.UniqueConstraint(fields=["key"], name="submission_key_unique"),
        ]
        indexes = [
            # The clean-up (submissions.forget_expired): DELETE … WHERE created_at < cutoff.
            models.Index(fields=["created_at"], name="submission_key_created"),
        ]

    def __str__(self):
        return f"{self.report_id} ({self.created_at:%Y-%m-%d %H:%M})"
