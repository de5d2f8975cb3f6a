"""A scanned letter sent to be read by OCR: the record the worker fills and the publisher watches.

Tesseract takes seconds a page (about 20 s for a dense A4 page at 300 dpi on
two cores), so a scan is never read inside a request. The request measures
the file (advisories.letter_files.examine_document), stores it here and
queues the job (advisories.reading_jobs); the worker reads it page by page,
saying after each page how far it got, and leaves either the draft it made
or why it could not, with the text it read. The publisher's page
(AdvisoryAdmin.reading_view) shows that record.

A module of its own beside advisories.models (past 600 lines), which imports
it so that Django finds the model; its relations name their models by string
so that it imports nothing of advisories.models.
"""

import datetime
import logging
import secrets
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import ocr

logger = logging.getLogger("advisories.readings")

# The folder of the default storage (S3 when configured) for scans waiting to be
# read; never served. Apart from the letters' originals (models.LETTERS_DIR).
READINGS_DIR = "letter-readings"
# A finished reading stays on the import page's list this long, then goes.
KEPT_DAYS = 30
# A queued reading no worker has started after this long: the page says so.
WAITING_TOO_LONG = datetime.timedelta(minutes=5)


def reading_path(instance, filename):
    """A random name: the uploaded name is kept in original_name, never in a path."""
    return f"{READINGS_DIR}/{secrets.token_hex(16)}"


def delete_reading_files(names):
    """Delete stored scans by name; one that cannot go is logged, never raised."""
    storage = LetterReading._meta.get_field("file").storage
    for name in names:
        try:
            storage.delete(name)
        # Any storage's error (a file system's OSError, an object store's own).
        except Exception as error:
            logger.error("Could not delete letter scan %s (%s)", name, type(error).__name__)


def stalled_message(name):
    """The reason a reading whose worker stopped has none, worded as the parser's are."""
    message = gettext("máy đọc bản quét đã dừng giữa chừng: hãy gửi lại tệp.")
    return gettext("%(file)s: %(message)s") % {"file": name, "message": message}


def stalled_after():
    """How long a reading may go without a page done before its worker is taken for dead.

    Each page ends within ocr.page_seconds() (Tesseract is killed then), and
    the reading is saved after every page: twice that, and a minute to decode
    the page and to import the letter, means the worker stopped (killed,
    restarted) with the job unfinished.
    """
    return datetime.timedelta(seconds=2 * ocr.page_seconds() + 60)


class LetterReadingQuerySet(models.QuerySet):
    def stalled(self, now=None):
        """Readings whose worker stopped mid-way (see stalled_after)."""
        now = now or timezone.now()
        return self.filter(
            status=LetterReading.Status.READING, updated_at__lt=now - stalled_after()
        )

    def finished_before(self, when):
        return self.filter(
            status__in=[LetterReading.Status.DONE, LetterReading.Status.FAILED],
            updated_at__lt=when,
        )


class LetterReading(models.Model):
    """One scan (image, TIFF, scanner's PDF) a staff member sent to be read into a draft."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ đọc")
        READING = "reading", _("Đang đọc")
        DONE = "done", _("Đã đọc xong")
        FAILED = "failed", _("Không đọc được")

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        # The draft is imported with its sender's rights, read when the job runs:
        # without the sender there is no one to import it for.
        on_delete=models.CASCADE,
        related_name="+",
    )
    issuer = models.ForeignKey(
        "advisories.Organization",
        verbose_name=_("cơ quan ban hành đã chọn"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Để trống: theo tiêu đề, ký hiệu và địa danh của công văn."),
    )
    file = models.FileField(
        _("tệp bản quét"), upload_to=reading_path, max_length=200, blank=True, editable=False
    )
    original_name = models.CharField(_("tên tệp"), max_length=200)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    pages_read = models.PositiveSmallIntegerField(_("số trang đã đọc"), default=0)
    pages_total = models.PositiveSmallIntegerField(_("số trang"))
    text = models.TextField(
        _("văn bản đã đọc"),
        blank=True,
        help_text=_("Chữ OCR đọc được đến giờ; khi không đọc được, cán bộ chép lại từ đây."),
    )
    error = models.TextField(_("lý do không đọc được"), blank=True)
    advisory = models.ForeignKey(
        "advisories.Advisory",
        verbose_name=_("bản nháp"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # What the import found, for the page that announces it (as the upload's
    # messages do for a file read in the request).
    found_existing = models.BooleanField(_("công văn đã có trên cổng"), default=False)
    issuer_created = models.BooleanField(_("đã thêm cơ quan mới"), default=False)
    original_attached = models.BooleanField(_("đã đính kèm bản gốc"), default=False)
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu đọc lúc"), null=True, blank=True)
    # Saved after every page: how the housekeeping tells a dead worker (stalled()).
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    objects = LetterReadingQuerySet.as_manager()

    class Meta:
        verbose_name = _("bản quét đang đọc")
        verbose_name_plural = _("bản quét đang đọc")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The import page lists a sender's latest readings:
            # WHERE uploaded_by_id = … ORDER BY created_at DESC LIMIT 10.
            models.Index(fields=["uploaded_by", "-created_at"], name="reading_latest_by_sender"),
            # The housekeeping (reading_jobs.tidy_letter_readings): stalled readings
            # (status, updated_at) and those finished long ago (status IN …, updated_at).
            models.Index(fields=["status", "updated_at"], name="reading_status_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pages_read__lte=models.F("pages_total")),
                name="reading_pages_read_at_most_total",
            ),
        ]

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def in_progress(self):
        """Queued or being read, and not stalled: the page keeps refreshing itself."""
        if self.status == self.Status.QUEUED:
            return True
        return self.status == self.Status.READING and not self.is_stalled

    @property
    def is_stalled(self):
        return (
            self.status == self.Status.READING
            and self.updated_at is not None
            and self.updated_at < timezone.now() - stalled_after()
        )

    @property
    def failure(self):
        """Why there is no draft: the recorded reason, or that the worker stopped."""
        if self.is_stalled:
            return stalled_message(self.original_name)
        return self.error

    @property
    def waiting_too_long(self):
        """Queued and no worker has started it: the worker may not be running."""
        return self.status == self.Status.QUEUED and (
            self.created_at < timezone.now() - WAITING_TOO_LONG
        )

    def store(self, content):
        """Keep the scan's bytes (under a random name) until it is read; saves the row."""
        self.file.save("scan", ContentFile(content), save=False)
        self.save()

    def read_content(self):
        with self.file.open("rb") as handle:
            return handle.read()

    def discard_file(self):
        """The scan is read (or never will be): its file goes once that is committed.

        The draft keeps its own original (Advisory.original_file); a failed
        reading keeps its text, and the publisher still holds the file.
        """
        name = self.file.name
        if not name:
            return
        self.file = ""
        LetterReading.objects.filter(pk=self.pk).update(file="", updated_at=timezone.now())
        transaction.on_commit(partial(delete_reading_files, [name]))


@receiver(post_delete, sender=LetterReading, dispatch_uid="advisories.reading.delete_file")
def delete_file_when_committed(sender, instance, using, **kwargs):
    """Removing a reading removes its scan, once that is committed (a rollback keeps both)."""
    if instance.file.name:
        transaction.on_commit(partial(delete_reading_files, [instance.file.name]), using=using)
