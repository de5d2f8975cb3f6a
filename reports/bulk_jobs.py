"""The job that runs a queued bulk step (reports.models.BulkStep), chunk after chunk.

A bulk action on more reports than REPORT_BULK_IN_REQUEST_MAX is queued by
the report list (reports.admin.bulk.queue) and run here, by a worker:

1. the selection is applied again (reports.admin.bulk.selection: the list's
   filters and search, with the person's scope as it is now) and the reports
   it finds are kept in the step (report_ids), in id order;
2. they are taken CHUNK at a time, each chunk one transaction through the same
   set-based function the request uses (reports.triage_bulk.act_in_bulk), the
   person's rights read again for each chunk; the step's counts (done, skipped
   by reason) are written in that same transaction, so they are always
   exactly what is committed;
3. at the end the step is done, or failed with why; either way its page says
   "Đã làm X, bỏ qua Y (lý do…), chưa làm Z vì lỗi …", never half done in silence.

Chunks rather than one transaction for the whole selection: on PostgreSQL one
transaction over 100,000 reports would hold their row locks for its whole
length (every change form saved meanwhile waits), and on SQLite it would hold
the database's only write lock as long, stopping every citizen's report and
every other writer (the busy timeout is 20 s). A chunk of 500 takes the lock
for a few tens of milliseconds (see REPORT_BULK_IN_REQUEST_MAX in settings).
Each report changes wholly or not at all (a step, its fields and its history
line are one chunk's), and a chunk that fails changes none of its reports.

A passing failure (the database away a moment) is tried again by portal.jobs,
which re-enqueues the job; the run resumes after the last committed chunk.
"""

from collections import Counter

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.jobs import TRANSIENT, Transient, job

from . import triage_bulk
from .models import BulkStep, Report
from .triage import Refused

# Reports a transaction: what a request may do (REPORT_BULK_IN_REQUEST_MAX's default,
# measured there): tens of milliseconds of locks, and a bounded list of ids a statement.
CHUNK = 500
ATTEMPTS = 3  # runs of a step (portal.jobs retries passing failures, then gives up)

Status = BulkStep.Status


@job(attempts=ATTEMPTS)
def run_bulk_step(bulk_step_id):
    """Run the bulk step `bulk_step_id`, or go on with it after a passing failure."""
    # The history lines it writes (an erasure's note) are in the portal's language.
    with translation.override(settings.LANGUAGE_CODE):
        _run(bulk_step_id)


def _run(pk):
    step = BulkStep.objects.filter(pk=pk).first()
    if step is None or step.finished:
        return  # its author's account was deleted with it, or it ran already
    step.status, step.message = Status.RUNNING, ""
    step.tries = F("tries") + 1
    step.started_at = step.started_at or timezone.now()
    step.save(update_fields=["status", "message", "tries", "started_at"])
    step.refresh_from_db(fields=["tries"])
    try:
        if step.resolved_at is None:
            _resolve(step)
        ids = step.report_ids
        while step.processed < len(ids):
            _take_chunk(step, ids[step.processed : step.processed + CHUNK])
    except Refused as refused:  # what was asked cannot be done any more: no point trying again
        _finish(step, Status.FAILED, str(refused))
    except (Transient, *TRANSIENT) as error:
        if step.tries >= ATTEMPTS:
            _finish(step, Status.FAILED, _passing(error))
        else:
            step.status = Status.QUEUED
            step.message = _("Tạm dừng vì %(why)s; máy chủ sẽ chạy tiếp.") % {
                "why": _passing(error)
            }
            step.save(update_fields=["status", "message"])
        raise
    except Exception as error:
        _finish(
            step,
            Status.FAILED,
            _("lỗi hệ thống (%(kind)s); quản trị viên xem chi tiết trong hàng đợi công việc.")
            % {"kind": type(error).__name__},
        )
        raise
    else:
        _finish(step, Status.DONE)


def _passing(error):
    return _("mất kết nối tạm thời (%(kind)s)") % {"kind": type(error).__name__}


def _resolve(step):
    """The reports the step is about, as its list gives them now (kept for every chunk)."""
    from .admin.bulk import selection

    step.requested_by = get_user_model().objects.get(pk=step.requested_by_id)
    ids = list(selection(step).order_by("pk").values_list("pk", flat=True))
    step.report_ids, step.total, step.resolved_at = ids, len(ids), timezone.now()
    step.save(update_fields=["report_ids", "total", "resolved_at"])


def _take_chunk(step, chunk):
    """One chunk, and the step's counts with it, in one transaction."""
    with transaction.atomic():
        # Read again for each chunk: rights and provinces taken away meanwhile are honoured.
        by = get_user_model().objects.get(pk=step.requested_by_id)
        outcome = triage_bulk.act_in_bulk(
            step.action, Report.objects.filter(pk__in=chunk), by=by, **_details(step)
        )
        skipped = Counter(step.skipped)
        skipped.update(outcome.skipped)
        if len(chunk) > outcome.total:  # deleted since the selection was made
            skipped[triage_bulk.GONE] += len(chunk) - outcome.total
        done = step.done + outcome.done
        BulkStep.objects.filter(pk=step.pk).update(done=done, skipped=dict(skipped))
    step.done, step.skipped = done, dict(skipped)  # only once committed


def _details(step):
    """What act_in_bulk takes, from what the confirmation page gave (ids looked up now)."""
    details = step.details or {}
    taken = {
        name: details[name] for name in ("target", "reason", "note", "reply") if name in details
    }
    if details.get("original"):
        taken["original"] = Report.objects.filter(pk=details["original"]).first()
        if taken["original"] is None:
            raise Refused(_("Phản ánh gốc đã chọn không còn trên cổng."))
    if details.get("assignee"):
        taken["assignee"] = get_user_model().objects.filter(pk=details["assignee"]).first()
        if taken["assignee"] is None:
            raise Refused(_("Cán bộ được giao không còn trên cổng."))
    return taken


def _finish(step, status, message=""):
    step.status, step.message, step.finished_at = status, message, timezone.now()
    step.save(update_fields=["status", "message", "finished_at"])
