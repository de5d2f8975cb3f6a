"""Scans read into drafts by the job worker (issue 16), and their housekeeping.

`queue_reading` is what the upload page does with a scan: the file measured
already (advisories.letter_files.examine_document: format, pages, pixels, all
from the headers), it is stored, recorded and queued after the commit.
`read_letter_scan` is the job: page by page, the record saved after each
page, then the letter imported as a file read in the request would be (the
same importer, the same rights, flagged "read by OCR, not yet checked").

Failures a publisher can act on (the text does not parse, a page too slow,
no Tesseract on the worker, a broken page) end the reading as failed with the
message and the text read so far: the job itself succeeds. A lost database
connection or object storage away is tried again by portal.jobs, the reading
back to "queued" meanwhile. Anything else is a bug: the reading says so, and
the job fails visibly in admin (JobRun) with its traceback.
"""

import contextlib
import datetime
import logging

from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.jobs import TRANSIENT, Transient, enqueue_after_commit, job, periodic

from .importer import import_for_staff
from .letter_files import read_scan
from .letter_parser import LetterError
from .readings import KEPT_DAYS, LetterReading, delete_reading_files, stalled_message

logger = logging.getLogger("advisories.reading_jobs")
Status = LetterReading.Status


def queue_reading(scan, *, user, issuer=None):
    """Store a Scan (letter_files) for the worker, record it and queue it; one transaction.

    Raises LetterError when it cannot be stored (nothing is left behind).
    """
    reading = LetterReading(
        uploaded_by=user,
        issuer=issuer,
        original_name=scan.name[: LetterReading._meta.get_field("original_name").max_length],
        pages_total=scan.pages,
    )
    try:
        with transaction.atomic():
            reading.store(scan.content)
            enqueue_after_commit(read_letter_scan, reading.pk)
    except (DatabaseError, OSError, *TRANSIENT) as error:
        if reading.file.name:  # stored, and its row rolled back
            delete_reading_files([reading.file.name])
        message = _("không lưu được tệp để đọc (%(error)s): hãy gửi lại sau ít phút.")
        raise LetterError(message % {"error": type(error).__name__}, None, scan.name) from error
    return reading


@job(attempts=5)
def read_letter_scan(reading_id):
    """Read one queued scan into a draft (see the module's docstring)."""
    reading = LetterReading.objects.select_related("uploaded_by", "issuer").filter(pk=reading_id)
    reading = reading.first()
    if reading is None or reading.status not in (Status.QUEUED, Status.READING):
        return  # deleted, or given up on by the housekeeping while a retry waited
    now = timezone.now()
    _update(reading, status=Status.READING, started_at=now, pages_read=0, text="", error="")
    try:
        _read(reading)
    except (Transient, *TRANSIENT):
        # Tried again later by portal.jobs: the page says it waits, not that it reads.
        with contextlib.suppress(DatabaseError):  # if it is what failed, the retry sets it
            _update(reading, status=Status.QUEUED)
        raise
    except Exception:
        logger.exception("reading %s failed unexpectedly", reading_id)
        message = _("lỗi ngoài dự kiến của cổng khi đọc bản quét; quản trị viên đã được ghi nhận.")
        _fail(reading, f"{reading.original_name}: {message}")
        raise


def _read(reading):
    try:
        data = reading.read_content()
    except FileNotFoundError:
        _fail(
            reading,
            _("%(file)s: tệp bản quét không còn trên máy chủ: hãy gửi lại tệp.")
            % {"file": reading.original_name},
        )
        return

    def progress(pages_read, text):
        _update(reading, pages_read=min(pages_read, reading.pages_total), text=text)

    try:
        document = read_scan(data, reading.original_name, reading.original_name, progress)
    except LetterError as error:  # the text read so far is on the record already
        _fail(reading, str(error))
        return
    text = document.text
    try:
        with transaction.atomic():
            outcome = import_for_staff(
                text,
                reading.original_name,
                user=reading.uploaded_by,
                issuer=reading.issuer,
                original=document.original,
                by_ocr=True,
            )
            _update(
                reading,
                status=Status.DONE,
                text=text,
                advisory=outcome.advisory,
                found_existing=not outcome.created,
                issuer_created=outcome.issuer_created,
                original_attached=outcome.original_attached,
                finished_at=timezone.now(),
            )
            reading.discard_file()
    except LetterError as error:
        _fail(reading, str(error), text=text)


def _update(reading, **fields):
    """Save these fields at once (the worker runs outside a transaction: the page sees them)."""
    for name, value in fields.items():
        setattr(reading, name, value)
    reading.updated_at = timezone.now()
    LetterReading.objects.filter(pk=reading.pk).update(**fields, updated_at=reading.updated_at)


def _fail(reading, message, text=None):
    fields = {"status": Status.FAILED, "error": message, "finished_at": timezone.now()}
    if text is not None:
        fields["text"] = text
    with transaction.atomic():
        _update(reading, **fields)
        reading.discard_file()


@periodic(every=datetime.timedelta(hours=6))
def tidy_letter_readings():
    """A reading whose worker died (killed, restarted) is failed; old ones are forgotten.

    The page already shows a stalled reading as stopped (LetterReading.is_stalled);
    here it is recorded, and its scan deleted. A reading finished KEPT_DAYS ago
    has served: its row goes, and with it any file (post_delete).
    """
    now = timezone.now()
    for reading in LetterReading.objects.stalled(now)[:100]:
        _fail(reading, stalled_message(reading.original_name))
    old = LetterReading.objects.finished_before(now - datetime.timedelta(days=KEPT_DAYS))
    for reading in old[:1000]:  # one by one: each deletes its file after the commit
        reading.delete()
