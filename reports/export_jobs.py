"""The jobs behind exports: writing a file of reports, and removing files after 7 days.

`export_reports(export_id, fmt, origin)` (portal.jobs, enqueued by the admin's
action once its Export row is committed) runs the selection again for the
requester as they are now (reports.admin.selection), counts it, and writes the
CSV or the .xlsx (reports.export; `fmt`, the action's choice) chunk by chunk
into a temporary file, saying how far it is after each chunk. The finished
file goes to the default storage (the disk, or the object store when
STORAGE_S3_BUCKET is set) in one streamed upload; then one transaction writes
every report's history line and marks the export done. Whatever fails before
that commit leaves no history line and no file: the export says why on its
page. A passing failure (the database or the object store away) is tried
again, as every job is, up to ATTEMPTS times.

Memory stays flat: a chunk of rows at a time, the file on disk, and the
exported ids (for the history lines) in a second temporary file, not a list.
"""

import datetime
import io
import logging
import tempfile

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.jobs import TRANSIENT, Transient, job, periodic

from . import export
from .access import provinces_of, sees_every_report
from .models import Export, delete_export_file, export_path, export_storage
from .models.exports import EXPORT_DIR, KEPT

logger = logging.getLogger(__name__)

ATTEMPTS = 5
# The ceiling: a national export of years of reports. More is refused
# before a row is read, with a word on narrowing the list.
MAX_ROWS = 1_000_000
# A running export writes its progress every chunk (a second or so); one that has
# not moved for this long lost its worker (killed, the machine restarted).
STALLED = datetime.timedelta(hours=1)
# A file in EXPORT_DIR that no export names, older than this, is a leftover.
LEFTOVER = datetime.timedelta(days=1)
CLEAN_UP_BATCH = 100


class _Gone(Exception):
    """The export stopped being ours while the file was written (cleaned up as stalled)."""


def _words(text, **params):
    """A failure as the page shows it: in Vietnamese, numbers grouped (1.000.000)."""
    with translation.override("vi"):
        if not params:
            return str(text)
        return str(text) % {
            key: formats.number_format(value, force_grouping=True) for key, value in params.items()
        }


def scope_of(user):
    """What the requester may see as the file is written: "all", or their provinces' ids."""
    if sees_every_report(user):
        return "all"
    return ",".join(str(pk) for pk in sorted(provinces_of(user)))


def _fail(export_id, why):
    finished = timezone.now()
    Export.objects.filter(pk=export_id).exclude(status=Export.Status.DONE).update(
        status=Export.Status.FAILED,
        failure=why,
        finished_at=finished,
        expires_at=finished + KEPT,
        updated_at=finished,
    )


def _drop_file(export_id):
    """Delete what an unfinished attempt left in storage, and forget its name."""
    name = Export.objects.filter(pk=export_id).values_list("file", flat=True).first()
    if name:
        delete_export_file(name)
        Export.objects.filter(pk=export_id).update(file="")


def _pairs(ids):
    for line in ids:
        pk, status = line.split()
        yield int(pk), status


def default_origin():
    """`https://host` for the cases' admin addresses when the request's is unknown.

    The first origin passkeys answer on (portal.settings: DJANGO_PASSKEY_ORIGINS, else the
    trusted origins, else https:// and the first host name), which is where staff sign in.
    """
    origins = getattr(settings, "OTP_WEBAUTHN_ALLOWED_ORIGINS", None) or [""]
    return origins[0].rstrip("/")


@job(attempts=ATTEMPTS)
def export_reports(export_id, fmt="csv", origin=""):
    """Write the file of export `export_id` (an Export's pk).

    Besides it, only the format (`csv`, `xlsx`) and the origin the inspector
    asked from (`https://host`, for each case's address in admin) go in the queue.
    """
    now = timezone.now()
    claimed = Export.objects.filter(
        pk=export_id, status__in=[Export.Status.QUEUED, Export.Status.RUNNING]
    ).update(
        status=Export.Status.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        rows_done=0,
        failure="",
        updated_at=now,
    )
    if not claimed:
        return  # done, failed, or gone with its requester's account
    export_row = Export.objects.select_related("requested_by").get(pk=export_id)
    try:
        _drop_file(export_id)  # a file left by an earlier attempt that stopped
        _write(export_row, fmt if fmt in export.FORMATS else "csv", origin)
    except _Gone:
        _drop_file(export_id)
    except (Transient, *TRANSIENT):
        _give_back(export_row)
        raise  # portal.jobs tries again later, or gives up after ATTEMPTS
    except Exception:
        _clean_up_after(
            export_row,
            _(
                "Có lỗi khi viết tệp. Quản trị viên xem được chi tiết trong hàng đợi việc; "
                "hãy xuất lại sau."
            ),
        )
        raise  # a bug: visible to administrators with its traceback


def _give_back(export_row):
    """A passing failure: queued again for the next try, or failed after the last."""
    if export_row.attempts >= ATTEMPTS:
        _clean_up_after(
            export_row,
            _(
                "Không ghi được tệp: cơ sở dữ liệu hoặc nơi lưu tệp không trả lời "
                "(đã thử %(count)s lần). Hãy xuất lại sau."
            ),
            count=ATTEMPTS,
        )
        return
    try:
        _drop_file(export_row.pk)
        Export.objects.filter(pk=export_row.pk, status=Export.Status.RUNNING).update(
            status=Export.Status.QUEUED, rows_done=0, updated_at=timezone.now()
        )
    except Exception as error:  # the database itself may be what is away
        logger.warning("export %s: could not queue again (%s)", export_row.pk, type(error).__name__)


def _clean_up_after(export_row, why, **params):
    try:
        _drop_file(export_row.pk)
        _fail(export_row.pk, _words(why, **params))
    except Exception as error:  # the stalled clean-up will say it later
        logger.warning("export %s: could not mark failed (%s)", export_row.pk, type(error).__name__)


def _write(export_row, fmt="csv", base=""):
    # The admin's list, imported when a job runs: this module is imported at start-up
    # (ReportsConfig.ready), before the admin needs to be.
    from .admin.selection import Refused, selection

    user = export_row.requested_by
    try:
        reports = selection(
            user,
            query=export_row.query,
            select_across=export_row.select_across,
            picked=export_row.picked,
        )
    except Refused as refused:
        _fail(export_row.pk, str(refused))
        return
    # What the list held when the job started: reports filed meanwhile are not in
    # the count, so they are not in the file either.
    reports = reports.filter(created_at__lte=export_row.started_at)
    total = reports.count()
    if total > MAX_ROWS:
        why = _(
            "Danh sách có %(count)s phản ánh, quá giới hạn %(limit)s phản ánh của một tệp. "
            "Hãy lọc bớt (theo thời gian, tỉnh, trạng thái) rồi xuất lại."
        )
        _fail(export_row.pk, _words(why, count=total, limit=MAX_ROWS))
        return
    # The name before the file: a worker stopped while saving leaves a name to clean up by.
    name = export_path(export_row, f"export.{fmt}")
    Export.objects.filter(pk=export_row.pk).update(
        rows_total=total, file=name, scope=scope_of(user), updated_at=timezone.now()
    )

    with tempfile.TemporaryFile() as raw, tempfile.TemporaryFile("w+") as ids:

        def progress(done, chunk):
            ids.writelines(f"{pk} {status}\n" for pk, status, _cells in chunk)
            Export.objects.filter(pk=export_row.pk).update(
                rows_done=done, updated_at=timezone.now()
            )

        base = base or default_origin()
        if fmt == "xlsx":
            written = export.write_xlsx(reports, raw, progress, origin=base)
        else:
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            written = export.write(reports, text, progress, origin=base)
            text.flush()
            text.detach()  # the bytes stay in `raw`, which goes to storage as it is
        raw.seek(0)
        saved = export_storage().save(name, File(raw, name=name))
        if saved != name:  # never expected: the name is random
            Export.objects.filter(pk=export_row.pk).update(file=saved)
        ids.flush()
        ids.seek(0)
        with transaction.atomic():
            export.record(_pairs(ids), by=user, count=written, fmt=fmt)
            finished = timezone.now()
            done = Export.objects.filter(pk=export_row.pk, status=Export.Status.RUNNING).update(
                status=Export.Status.DONE,
                rows_total=written,
                rows_done=written,
                finished_at=finished,
                expires_at=finished + KEPT,
                updated_at=finished,
            )
            if not done:
                raise _Gone  # rolls the history lines back


@periodic(every=datetime.timedelta(hours=1))
def remove_expired_exports():
    """Every hour: exports past their 7 days go (row and file); stalled ones are failed."""
    now = timezone.now()
    for pk in Export.objects.filter(
        status=Export.Status.RUNNING, updated_at__lt=now - STALLED
    ).values_list("pk", flat=True)[:CLEAN_UP_BATCH]:
        _drop_file(pk)
        _fail(
            pk,
            _words(
                _("Việc xuất bị gián đoạn (máy chạy việc nền đã dừng giữa chừng). Hãy xuất lại.")
            ),
        )
    removed = 0
    expired = Export.objects.filter(expires_at__lte=now)
    while batch := list(expired.values_list("pk", flat=True)[:CLEAN_UP_BATCH]):
        # Each row's file goes after the commit (reports.models.exports).
        Export.objects.filter(pk__in=batch).delete()
        removed += len(batch)
    removed_files = _remove_leftovers(now)
    return {"expired": removed, "leftover_files": removed_files}


def _remove_leftovers(now):
    """Files of EXPORT_DIR no export names: a deletion that failed, a worker killed."""
    storage = export_storage()
    try:
        _folders, files = storage.listdir(EXPORT_DIR)
    except FileNotFoundError:  # nothing was ever exported
        return 0
    names = [f"{EXPORT_DIR}/{name}" for name in files]
    named = set()
    for start in range(0, len(names), 500):  # under SQLite's limit of parameters
        chunk = names[start : start + 500]
        named.update(Export.objects.filter(file__in=chunk).values_list("file", flat=True))
    removed = 0
    for name in names:
        if name in named:
            continue
        try:
            old = storage.get_modified_time(name) < now - LEFTOVER
        except (FileNotFoundError, OSError):
            continue
        if old and delete_export_file(name):
            removed += 1
    return removed
