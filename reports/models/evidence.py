"""Evidence files: screenshots and recordings, never public, deleted with their rows."""

import logging
import secrets
from functools import partial

from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .reports import Report

logger = logging.getLogger("reports.models")


# The folder of the default storage that holds every evidence file, and nothing else.
EVIDENCE_DIR = "evidence"


def evidence_path(instance, filename):
    """A random name; the extension comes from the detected type, never the citizen's name."""
    return f"{EVIDENCE_DIR}/{secrets.token_hex(16)}.{instance.extension}"


def evidence_storage():
    """The storage evidence files live in (the default storage, disk or object store)."""
    return Evidence._meta.get_field("file").storage


def delete_evidence_files(names):
    """Delete stored evidence files by name; returns how many went.

    One that cannot be deleted is logged by its (random) name and never
    raised: its row is gone already, and the citizen's request succeeded.
    `clean_evidence` removes it later.
    """
    storage = evidence_storage()
    deleted = 0
    for name in names:
        try:
            storage.delete(name)
        # Any storage's error (a file system's OSError, an object store's own).
        except Exception as error:
            logger.error("Could not delete evidence file %s (%s)", name, type(error).__name__)
        else:
            deleted += 1
    return deleted


class Evidence(models.Model):
    """A screenshot or call recording. Never public: inspectors download it through admin."""

    class Type(models.TextChoices):
        IMAGE = "image", _("Ảnh chụp màn hình")
        AUDIO = "audio", _("Ghi âm cuộc gọi")

    report = models.ForeignKey(
        Report, verbose_name=_("phản ánh"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("tệp"), upload_to=evidence_path, max_length=200)
    type = models.CharField(_("loại"), max_length=5, choices=Type.choices)
    content_type = models.CharField(
        _("định dạng"), max_length=50, help_text=_("Xác định từ nội dung tệp, không theo tên.")
    )
    extension = models.CharField(_("phần mở rộng"), max_length=5)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("bằng chứng")
        verbose_name_plural = _("bằng chứng")
        ordering = ["report", "pk"]

    def __str__(self):
        return f"{self.get_type_display()} ({self.content_type}, {self.size} B)"


@receiver(post_delete, sender=Evidence, dispatch_uid="reports.evidence.delete_file")
def delete_file_when_committed(sender, instance, using, **kwargs):
    """Delete the file of every Evidence row that disappears, once that is committed.

    However the row goes (the citizen's withdrawal, an inspector's erasure,
    a report deleted in admin, one by one or in bulk, a queryset delete, a
    cascade), its file goes too: a file without a row is personal data no
    later erasure can find. Not before the commit: a rollback brings the row
    back, and it must still have its file.
    """
    if instance.file.name:
        transaction.on_commit(partial(delete_evidence_files, [instance.file.name]), using=using)


def orphan_evidence_files(older_than):
    """Names of files in EVIDENCE_DIR that no Evidence row points to, older than `older_than`.

    Through the storage API only, so it works on an object store as on disk.
    The age is what keeps an upload in flight safe: its file is saved before
    its row is committed. Files are listed before the rows are read, so a
    row committed in between still counts.
    """
    storage = evidence_storage()
    names = list(_walk(storage, EVIDENCE_DIR))
    referenced = set(Evidence.objects.values_list("file", flat=True))
    cutoff = timezone.now() - older_than
    return [
        name
        for name in names
        if name not in referenced and storage.get_modified_time(name) < cutoff
    ]


def _walk(storage, folder):
    """Every file name under `folder`, in its subfolders too, through the storage API."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # nothing was ever uploaded
        return
    for name in sorted(files):
        yield f"{folder}/{name}"
    for name in sorted(folders):
        yield from _walk(storage, f"{folder}/{name}")
