"""The workflow's steps, assignments and erasures for many reports at once, as sets.

The rules are reports.triage's (STEPS: which states a step starts from;
step_changes: what it sets; check_details; who may triage a report, take it
or be given it; the words of every refusal, WHY), applied to a set:

1. one SELECT … FOR UPDATE reads what the rules need of every selected report
   (its state, assignee, province, and whether the user may triage it, through
   reports_for itself), locked in id order, so two bulk actions on overlapping
   sets queue behind each other instead of deadlocking, and a change form
   saved meanwhile waits (SQLite: the IMMEDIATE transaction holds the write
   lock from the start);
2. the rules sort them in Python: eligible, or skipped with a reason key;
3. one UPDATE changes the eligible ones and one executemany INSERT writes their
   history lines (portal.bulk.insert_rows); a reply template's {source}… is
   filled per report and written by one executemany UPDATE.

A handful of queries whatever the size, all or nothing in one transaction,
where triage.take_step spends a transaction and 3–6 queries a report (10.6 s
for 6,000 on PostgreSQL). take_step and assign do nothing else: no signal
listens to reports or their history, no cached public page shows a report's
state (reports.apps bumps the page cache for hotlines and number marks only),
so the outcome is the same, report for report and line for line
(tests/reports/test_bulk_steps_match_one_by_one.py).

The caller bounds the size: the admin runs at most REPORT_BULK_IN_REQUEST_MAX
reports in a request, the job (reports.bulk_jobs) one chunk a transaction.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import connections, models, router, transaction
from django.db.models import Exists, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.bulk import insert_rows

from .access import reports_for, sees_every_report
from .filing import erasure_note
from .models import Evidence, ForwardTarget, InspectorProvince, RejectReason, Report, ReportEvent
from .sms import Kind
from .triage import (
    NOTE_MAX_LENGTH,
    REPLY_MAX_LENGTH,
    STEPS,
    WHY,
    Refused,
    Status,
    _has_report_permission,
    can_triage,
    check_details,
    fill_reply,
    hops,
    step_changes,
    why_state,
)

# Reason keys: triage.WHY's (a single step refuses with the same words), and the
# bulk actions' own.
OUT_OF_SCOPE = "out_of_scope"
NEEDS_SUPERVISOR = "needs_supervisor"
BAD_ORIGINAL = "bad_original"
SOMEONE_ELSE = "someone_else"
ASSIGNEE_PROVINCE = "assignee_province"
ALREADY = "already"
REPLY_TOO_LONG = "reply_too_long"
NO_PERSONAL_DATA = "no_personal_data"
GONE = "gone"  # a report deleted between the selection and its turn (jobs only)
STATE = "state:"  # + the report's state: "state:new"

WORDS = {
    **WHY,
    ALREADY: gettext_lazy("đã như vậy từ trước"),
    REPLY_TOO_LONG: gettext_lazy("trả lời người dân dài quá 500 ký tự khi điền mẫu"),
    NO_PERSONAL_DATA: gettext_lazy("không còn thông tin liên hệ hay tệp đính kèm"),
    GONE: gettext_lazy("không còn trên cổng"),
}


def reason_text(key):
    """The words of a reason key, in the reader's language."""
    if key.startswith(STATE) and key[len(STATE) :] in Status.values:
        return why_state(key[len(STATE) :])
    return str(WORDS.get(key, key))


@dataclass
class BulkOutcome:
    """What a bulk action did: how many reports changed; how many were skipped, by reason key."""

    done: int = 0
    skipped: Counter = field(default_factory=Counter)

    @property
    def total(self):
        return self.done + sum(self.skipped.values())

    def in_words(self):
        """{reason in the reader's language: count}."""
        return {reason_text(key): count for key, count in self.skipped.items()}


def _may_triage(user):
    """triage.can_triage's rules about the person (the report's side is reports_for)."""
    return user.is_active and user.is_staff and user.has_perm("reports.change_report")


def _locked_rows(queryset, by, *fields, **annotations):
    """Each report of `queryset` as a dict of `fields` and `in_scope`, locked, in id order.

    `in_scope`: whether `by` may triage it, by reports_for itself. The lock is
    on the reports alone (`of=self`): a filter joining provinces must not lock them.
    """
    if not _may_triage(by):
        in_scope = Value(False)
    elif sees_every_report(by):
        in_scope = Value(True)
    else:
        in_scope = Exists(reports_for(by).filter(pk=OuterRef("pk")))
    selected = Report.objects.filter(pk__in=queryset.order_by().values("pk"))
    return list(
        selected.select_for_update(of=("self",))
        .annotate(in_scope=in_scope, **annotations)
        .order_by("pk")
        .values("pk", "in_scope", *fields, *annotations)
    )


def _history(rows, kind, by, at, **values):
    """One history line per row, as triage.record writes it (values may be callables of a row)."""
    lines = []
    for row in rows:
        line = {
            "report_id": row["pk"],
            "at": at,
            "actor_id": by.pk if by else None,
            "kind": kind,
            "from_status": row["status"],
            "status": row["status"],
            "target": "",
            "reason": "",
            "duplicate_of_id": None,
            "assigned_to_id": row["assigned_to_id"],
            "note": "",
            "reply": "",
        }
        for name, value in values.items():
            line[name] = value(row) if callable(value) else value
        lines.append(line)
    insert_rows(ReportEvent, lines, using=router.db_for_write(ReportEvent))


# -- steps ---------------------------------------------------------------------------


class _Receipt:
    """What fill_reply reads of a report, from a row of _locked_rows."""

    def __init__(self, row, target):
        self.source, self.code, self.created_at = row["source"], row["code"], row["created_at"]
        self.forward_target = target
        self.province = _Named(row["province__name"]) if row["province__name"] else None
        self._kind = row["kind"]

    def get_kind_display(self):
        return Kind(self._kind).label if self._kind in Kind.values else self._kind

    def get_forward_target_display(self):
        return ForwardTarget(self.forward_target).label


@dataclass
class _Named:
    name: str


REPLY_FIELDS = ("code", "source", "kind", "created_at", "forward_target", "province__name")


def take_step_in_bulk(
    queryset, step_name, *, by, target="", reason="", original=None, note="", reply=None
):
    """Take a step on every report of `queryset` that may take it; returns a BulkOutcome.

    What triage.take_step does to each, with the same refusals counted by
    reason. Raises Refused (nothing changed) when the step itself is wrong: no
    such step, or its target, reason or note missing.
    """
    step = STEPS.get(step_name)
    if step is None:
        raise Refused(_("Không có bước xử lý “%(step)s”.") % {"step": str(step_name)[:40]})
    check_details(step, target=target, reason=reason, original=original, note=note)
    duplicate = step.to == Status.REJECTED and reason == RejectReason.DUPLICATE
    text = None if reply is None else reply.strip()
    # A template's {source}, {code}… (or a stray brace, which filling drops).
    per_report = text is not None and _has_braces(text)
    may = not step.permission or by.has_perm(step.permission)
    original_usable = duplicate and original.duplicate_of_id is None and can_triage(by, original)
    outcome, eligible, replies = BulkOutcome(), [], {}
    with transaction.atomic(using=router.db_for_write(Report)):
        fields = ("status", "assigned_to_id", "province_id")
        rows = _locked_rows(queryset, by, *fields, *(REPLY_FIELDS if per_report else ()))
        for row in rows:
            why = None
            if not row["in_scope"]:
                why = OUT_OF_SCOPE
            elif not may:
                why = NEEDS_SUPERVISOR
            elif row["status"] not in step.sources:
                why = STATE + row["status"]
            elif duplicate and not (
                original_usable
                and row["pk"] != original.pk
                and row["province_id"] == original.province_id
            ):
                why = BAD_ORIGINAL
            elif text is not None:
                replies[row["pk"]] = _filled(text, row, target)
                if len(replies[row["pk"]]) > REPLY_MAX_LENGTH:
                    why = REPLY_TOO_LONG
                    del replies[row["pk"]]
            if why:
                outcome.skipped[why] += 1
            else:
                eligible.append(row)
        outcome.done = len(eligible)
        if not eligible:
            return outcome
        now = timezone.now()
        changes = step_changes(step, now, target=target, reason=reason)
        if step.to == Status.REJECTED:
            changes["duplicate_of"] = original if duplicate else None
        if step.name == "reopen":
            changes["duplicate_of"] = None
        if text is not None and not per_report:
            changes["public_reply"] = text
            changes["public_reply_at"] = now if text else None
        elif per_report:
            changes["public_reply_at"] = now  # a template's text is never empty
        ids = [row["pk"] for row in eligible]
        Report.objects.filter(pk__in=ids).update(
            **changes,
            first_action_at=Coalesce("first_action_at", Value(now)),
            updated_by=by,
            updated_at=now,
            # A report page opened before this is stale now (triage.Stale), as after one step.
            version=F("version") + 1,
        )
        if per_report:
            _write_replies(replies)
        # A step passing through another (forwarding a new report): that one's line first.
        passed = {row["pk"]: hops(step, row["status"]) for row in eligible}
        for hop in range(max(len(path) for path in passed.values()) - 1):
            rows = [row for row in eligible if len(passed[row["pk"]]) > hop + 1]
            _history(
                rows,
                ReportEvent.Kind.STEP,
                by,
                now,
                from_status=lambda row, hop=hop: passed[row["pk"]][hop][0],
                status=lambda row, hop=hop: passed[row["pk"]][hop][1],
            )
        _history(
            eligible,
            ReportEvent.Kind.STEP,
            by,
            now,
            from_status=lambda row: passed[row["pk"]][-1][0],
            status=step.to,
            target=target if step.to == Status.FORWARDED else "",
            reason=reason if step.to == Status.REJECTED else "",
            duplicate_of_id=original.pk if duplicate else None,
            note=note.strip()[:NOTE_MAX_LENGTH],
            reply=(lambda row: replies[row["pk"]]) if text is not None else "",
        )
    return outcome


def _filled(text, row, target):
    """The reply this report gets: the text as typed, or the template filled in for it."""
    if not _has_braces(text):
        return text
    # After the step: a forward's {target} is the one it is forwarded to.
    return fill_reply(text, _Receipt(row, target or row["forward_target"]))


def _has_braces(text):
    return "{" in text or "}" in text


def _write_replies(replies):
    """Each report's own reply text: one statement, executed for each (executemany)."""
    connection = connections[router.db_for_write(Report)]
    quote = connection.ops.quote_name
    column = quote(Report._meta.get_field("public_reply").column)
    sql = f"UPDATE {quote(Report._meta.db_table)} SET {column} = %s WHERE {quote('id')} = %s"
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(text, pk) for pk, text in replies.items()])


# -- assignment --------------------------------------------------------------------------


EVERYWHERE = "everywhere"


def _assignee_provinces(assignee):
    """Where `assignee` may be given reports, as triage.assignable_staff decides:
    EVERYWHERE, or a set of province ids (empty: nowhere)."""
    User = get_user_model()
    staff = User.objects.filter(pk=assignee.pk, is_active=True, is_staff=True).filter(
        _has_report_permission("change_report")
    )
    if staff.filter(_has_report_permission("view_all_reports")).exists():
        return EVERYWHERE
    if not staff.exists():
        return set()
    return set(InspectorProvince.objects.filter(user=assignee).values_list("province", flat=True))


def assign_in_bulk(queryset, assignee, *, by):
    """Give every report of `queryset` that may be given to `assignee` (None: nobody).

    triage.assign's rules for each (check_assignment), plus what the bulk
    actions always said: a report that has that assignee already is skipped.
    """
    target = assignee.pk if assignee is not None else None
    reassign = by.has_perm("reports.reassign_report")
    where = _assignee_provinces(assignee) if assignee is not None else EVERYWHERE
    outcome, eligible = BulkOutcome(), []
    with transaction.atomic(using=router.db_for_write(Report)):
        rows = _locked_rows(queryset, by, "status", "assigned_to_id", "province_id")
        for row in rows:
            current = row["assigned_to_id"]
            own_move = target in (None, by.pk) and current in (None, by.pk)
            if not row["in_scope"]:
                outcome.skipped[OUT_OF_SCOPE] += 1
            elif current == target:
                outcome.skipped[ALREADY] += 1
            elif not own_move and not reassign:
                busy = current is not None and current != by.pk
                outcome.skipped[SOMEONE_ELSE if busy else NEEDS_SUPERVISOR] += 1
            elif where != EVERYWHERE and row["province_id"] not in where:
                outcome.skipped[ASSIGNEE_PROVINCE] += 1
            else:
                eligible.append(row)
        outcome.done = len(eligible)
        if not eligible:
            return outcome
        now = timezone.now()
        Report.objects.filter(pk__in=[row["pk"] for row in eligible]).update(
            assigned_to=assignee,
            first_action_at=Coalesce("first_action_at", Value(now)),
            updated_by=by,
            updated_at=now,
            version=F("version") + 1,
        )
        _history(eligible, ReportEvent.Kind.ASSIGNMENT, by, now, assigned_to_id=target)
    return outcome


# -- erasure -----------------------------------------------------------------------------


def erase_in_bulk(queryset, *, by):
    """Erase contact, consent and evidence files of every report of `queryset` that has any.

    What filing.erase_on_request does to each, with the same history line; the
    files go as every deleted Evidence row's do (after the commit).
    """
    files = (
        Evidence.objects.filter(report=OuterRef("pk"))
        .order_by()
        .values("report")
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    outcome, eligible = BulkOutcome(), []
    with transaction.atomic(using=router.db_for_write(Report)):
        rows = _locked_rows(
            queryset,
            by,
            "status",
            "assigned_to_id",
            "contact",
            "contact_consented_at",
            files=Coalesce(Subquery(files), 0),
        )
        for row in rows:
            if not row["in_scope"]:
                outcome.skipped[OUT_OF_SCOPE] += 1
            elif not (row["contact"] or row["contact_consented_at"] or row["files"]):
                outcome.skipped[NO_PERSONAL_DATA] += 1
            else:
                eligible.append(row)
        outcome.done = len(eligible)
        if not eligible:
            return outcome
        now = timezone.now()
        ids = [row["pk"] for row in eligible]
        Evidence.objects.filter(report__in=ids).delete()
        Report.objects.filter(pk__in=ids).update(
            contact="",
            contact_consent_text="",
            contact_consented_at=None,
            updated_by=by,
            updated_at=now,
        )
        _history(
            eligible,
            ReportEvent.Kind.ERASURE,
            by,
            now,
            note=lambda row: erasure_note(row["files"], by=by),
        )
    return outcome


# -- the admin's actions ------------------------------------------------------------------


ACTIONS = (*STEPS, "assign_to_me", "unassign", "assign", "erase_personal_data")


def act_in_bulk(action, queryset, *, by, assignee=None, **details):
    """The report list's bulk action `action` (a name of ACTIONS) on `queryset`: a BulkOutcome.

    For the admin in a request and for the queued job alike; `details` are a
    step's target, reason, original, note and reply.
    """
    if action in STEPS:
        return take_step_in_bulk(queryset, action, by=by, **details)
    if action == "assign_to_me":
        return assign_in_bulk(queryset, by, by=by)
    if action == "unassign":
        return assign_in_bulk(queryset, None, by=by)
    if action == "assign":
        return assign_in_bulk(queryset, assignee, by=by)
    if action == "erase_personal_data":
        return erase_in_bulk(queryset, by=by)
    raise Refused(_("Không có thao tác “%(action)s”.") % {"action": str(action)[:40]})
