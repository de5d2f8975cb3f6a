"""The inspectors' workflow: which step a report may take next, who may take it, and its record.

    new ──review──▶ in review ──forward──▶ forwarded ──resolve──▶ resolved
     │   └─────────forward (review, then forward)──▶┘                │
     └──────reject──────┴──────────▶ rejected ◀──────────────────────┘ (reopen → in review)

A step may pass through another (Step.through): forwarding a new report is
one save, and its history says what happened, review then forward
(hops), on every path alike.

Every path that changes a report's state, assignee or public reply (the
change form, a row button, code) calls one function here, and the bulk
actions their twins in reports.triage_bulk, which apply these same rules
(STEPS, step_changes, check_details, WHY) to a set of reports at once;
nothing else writes those fields. A refused step raises Refused with the
reason in Vietnamese, so each path can show it as it shows errors.

Why not a state-machine library (django-fsm-2): the rules are one table
below, each step also needs a target or reason and a history line, and the
history already lives in our own event table (ReportEvent) that the receipt,
the dashboard and the export read. A decorator per transition would split
that one table across methods without removing any of this code.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.names import full_name

from .access import reports_for
from .models import (
    ForwardTarget,
    InspectorProvince,
    RejectReason,
    Report,
    ReportEvent,
    ReportNote,
)
from .reply_templates import fill
from .roles import INSPECTORS, NATIONAL_INSPECTORS, SUPERVISORS

Status = Report.Status

REPLY_MAX_LENGTH = 500
# A duplicate's original out of the user's scope, or no report at all: one message.
ORIGINAL_NOT_FOUND = gettext_lazy("Không tìm thấy phản ánh gốc trong phạm vi của bạn.")
NOTE_MAX_LENGTH = 2000


# Why a report is left out of a bulk action, as its summary counts them: the
# per-report refusals below use the same words (Refused.why), and a queued bulk
# step keeps the keys (BulkStep.skipped), shown in the reader's language.
WHY = {
    "out_of_scope": gettext_lazy("ngoài phạm vi bạn xử lý"),
    "needs_supervisor": gettext_lazy("cần quyền trưởng nhóm"),
    "bad_original": gettext_lazy("phản ánh gốc không hợp lệ"),
    "someone_else": gettext_lazy("đang do người khác xử lý"),
    "assignee_province": gettext_lazy("người nhận không xử lý tỉnh, thành phố của phản ánh"),
}


def why_state(status):
    """`đang ở trạng thái “Mới tiếp nhận”`: why a step skipped a report in that state."""
    return _("đang ở trạng thái “%(state)s”") % {"state": Status(status).label}


class Refused(Exception):
    """A step that may not be taken; `str(error)` says why, in the staff member's language.

    `why` is the short reason a bulk action counts skipped reports by
    ("đang ở trạng thái “Mới tiếp nhận”"); it defaults to the message.
    `field` names what a form should mark: target, reason, original, note,
    assignee, reply, or None for the step itself.
    """

    def __init__(self, message, why=None, field=None):
        super().__init__(message)
        self.why = why or message
        self.field = field


class Stale(Refused):
    """The report changed since the page was opened (its version moved on): nothing saved.

    The message lists what changed, with the current values, so that the
    colleague's work is seen before anything is typed over it.
    """


# What a triage page shows and a stale save could overwrite, by name (snapshot/changes).
SEEN_FIELDS = ("status", "assignee", "reply", "target", "reason")


def snapshot(report):
    """What a triage page shows of `report`, as plain values (the form carries it hidden)."""
    return {
        "version": report.version,
        "status": report.status,
        "assignee": report.assigned_to_id,
        "reply": report.public_reply,
        "target": report.forward_target,
        "reason": report.reject_reason,
    }


def _shown(report, name, value):
    """A snapshot's value in words: a state's label, a person's name, a reply in quotes."""
    if name == "status":
        return f"“{Status(value).label}”" if value in Status.values else "—"
    if name == "assignee":
        if value is None:
            return _("không ai")
        if value == report.assigned_to_id and report.assigned_to is not None:
            return display_name(report.assigned_to)
        person = get_user_model().objects.filter(pk=value).first()
        return display_name(person) if person else "—"
    if name == "reply":
        return f"“{value}”" if value else _("trống")
    if name == "target":
        return ForwardTarget(value).label if value in ForwardTarget.values else "—"
    return RejectReason(value).label if value in RejectReason.values else "—"


CHANGE_LABELS = {
    "status": gettext_lazy("trạng thái"),
    "assignee": gettext_lazy("người xử lý"),
    "reply": gettext_lazy("trả lời người dân"),
    "target": gettext_lazy("chuyển tới"),
    "reason": gettext_lazy("lý do không xử lý"),
}


def stale(report, seen):
    """The Stale refusal for a page that showed `seen` (a snapshot; {} if unknown)."""
    now = snapshot(report)
    changes = []
    for name in SEEN_FIELDS:
        if name in seen and seen[name] == now[name]:
            continue
        if name not in seen:
            detail = _("%(field)s: %(now)s") % {
                "field": CHANGE_LABELS[name],
                "now": _shown(report, name, now[name]),
            }
        else:
            detail = _("%(field)s: nay là %(now)s (trang bạn mở ghi %(then)s)") % {
                "field": CHANGE_LABELS[name],
                "now": _shown(report, name, now[name]),
                "then": _shown(report, name, seen[name]),
            }
        changes.append(detail)
    message = _(
        "Chưa lưu: phản ánh %(code)s đã được thay đổi sau khi bạn mở trang này. "
        "Hiện nay: %(changes)s. Ghi chú và trả lời bạn đã gõ vẫn còn dưới đây: "
        "hãy xem lại rồi bấm lưu lần nữa."
    ) % {
        "code": report.case_number,
        "changes": "; ".join(changes) or _("có bước xử lý mới trong lịch sử"),
    }
    return Stale(message, why=_("đã được người khác thay đổi"))


@dataclass(frozen=True)
class Step:
    name: str
    label: Promise
    sources: tuple  # states the step starts from
    to: str
    needs: str = ""  # "target", "reason" or "note": what the step cannot go without
    permission: str = ""  # beyond reports.change_report
    # {state: name of the step taken first from it}: forwarding a new report reviews it first.
    through: tuple = ()


def hops(step, status):
    """The (from, to) states `step` goes through from `status`, each a history line:
    [(new, in review), (in review, forwarded)] for a new report forwarded."""
    via = dict(step.through).get(status)
    if via is None:
        return [(status, step.to)]
    middle = STEPS[via].to
    return [(status, middle), (middle, step.to)]


STEPS = {
    step.name: step
    for step in [
        Step("review", gettext_lazy("Bắt đầu xem xét"), (Status.NEW,), Status.IN_REVIEW),
        Step(
            "forward",
            gettext_lazy("Chuyển cơ quan chức năng"),
            (Status.NEW, Status.IN_REVIEW),
            Status.FORWARDED,
            needs="target",
            through=((Status.NEW, "review"),),
        ),
        Step(
            "resolve",
            gettext_lazy("Đánh dấu đã xử lý xong"),
            (Status.FORWARDED,),
            Status.RESOLVED,
        ),
        Step(
            "reject",
            gettext_lazy("Không xử lý"),
            (Status.NEW, Status.IN_REVIEW),
            Status.REJECTED,
            needs="reason",
        ),
        Step(
            "reopen",
            gettext_lazy("Mở lại để xem xét"),
            (Status.RESOLVED, Status.REJECTED),
            Status.IN_REVIEW,
            needs="note",
            permission="reports.reopen_report",
        ),
    ]
}


def steps_for(report, user):
    """The steps this user may take on this report now, in the table's order."""
    return [
        step
        for step in STEPS.values()
        if report.status in step.sources and (not step.permission or user.has_perm(step.permission))
    ]


# What each state means for the citizen, on the receipt: plain words, and what they can do.
CITIZEN_MEANING = {
    Status.NEW: gettext_lazy(
        "Cổng đã nhận phản ánh; thanh tra sẽ xem xét. Bạn chưa cần làm gì thêm, nhưng hãy "
        "gửi tin nhắn tới 156 hoặc 5656 nếu chưa gửi: nhà mạng chặn số nhanh hơn."
    ),
    Status.IN_REVIEW: gettext_lazy(
        "Thanh tra đang xem xét phản ánh, đối chiếu với phản ánh khác về cùng số. "
        "Giữ lại tin nhắn, ghi âm: có thể cần đến."
    ),
    Status.FORWARDED: gettext_lazy(
        "Phản ánh đã được chuyển tới cơ quan có thẩm quyền (công an, nhà mạng hoặc sở, ngành). "
        "Nếu bạn đã mất tiền, hãy đến cơ quan công an gần nhất để trình báo trực tiếp."
    ),
    Status.RESOLVED: gettext_lazy(
        "Phản ánh đã được xử lý xong. Nếu số này vẫn gọi, nhắn tin cho bạn, hãy gửi phản ánh mới."
    ),
    Status.REJECTED: gettext_lazy(
        "Thanh tra không tiếp tục xử lý phản ánh này (lý do ở dưới). Nếu bạn có thêm thông tin, "
        "hãy gửi phản ánh mới kèm thông tin đó."
    ),
}


# -- who -----------------------------------------------------------------------


def can_triage(user, report):
    return (
        user.is_active
        and user.is_staff
        and user.has_perm("reports.change_report")
        and reports_for(user).filter(pk=report.pk).exists()
    )


def _has_report_permission(codename):
    """Users holding reports.<codename> through a group, directly, or as superusers.

    Each route is a subquery over a small table: an OR of joins across groups
    and permissions took PostgreSQL 50 ms on every report list.
    """
    User = get_user_model()
    granted = Permission.objects.filter(content_type__app_label="reports", codename=codename)
    by_group = User.groups.through.objects.filter(group__permissions__in=granted)
    directly = User.user_permissions.through.objects.filter(permission__in=granted)
    return (
        Q(is_superuser=True)
        | Q(pk__in=by_group.values("user_id"))
        | Q(pk__in=directly.values("user_id"))
    )


def assignable_staff(provinces, every=True):
    """Active staff who may triage a report of every one of `provinces` (or of any: every=False).

    A province of None stands for a report without a province: only staff
    who see every province triage those.
    """
    User = get_user_model()
    staff = User.objects.filter(is_active=True, is_staff=True).filter(
        _has_report_permission("change_report")
    )
    everywhere = _has_report_permission("view_all_reports")
    wanted = set(provinces)
    if every and None in wanted:
        return staff.filter(everywhere).order_by("username")
    wanted.discard(None)
    inspecting = InspectorProvince.objects.filter(province__in=wanted)
    if every:
        local = Q()
        for province in wanted:
            local &= Q(pk__in=inspecting.filter(province=province).values("user_id"))
    else:
        local = Q(pk__in=inspecting.values("user_id"))
    if not wanted:
        return staff.filter(everywhere).order_by("username")
    return staff.filter(everywhere | local).order_by("username")


def _in_roles(*groups):
    """Members of these role groups (reports.roles), as a subquery: no duplicate rows."""
    User = get_user_model()
    members = User.groups.through.objects.filter(group__name__in=groups)
    return Q(pk__in=members.values("user_id"))


def _provincial_team(provinces=None):
    """Inspectors and supervisors of any of `provinces` (None: of any province): never
    national staff nor administrators, who see every report and are no province's team."""
    inspecting = InspectorProvince.objects.all()
    if provinces is not None:
        inspecting = inspecting.filter(province__in=provinces)
    return (
        _in_roles(INSPECTORS, SUPERVISORS)
        & Q(pk__in=inspecting.values("user_id"))
        & ~_has_report_permission("view_all_reports")
    )


def offered_assignees(province, current=None):
    """Whom the report page's "Người xử lý" offers for a report of `province`.

    The province's own inspectors and supervisors, by user name; a report
    without a province, national inspectors (only they see it). `current`
    (the assignee's id) stays offered, so that saving the page keeps them.
    """
    User = get_user_model()
    people = assignable_staff([province])
    if province is None:
        team = people.filter(_in_roles(NATIONAL_INSPECTORS))
    else:
        team = people.filter(_provincial_team([province]))
    return User.objects.filter(Q(pk__in=team.values("pk")) | Q(pk=current)).order_by("username")


def offered_from(people):
    """Of `people` (assignable_staff for a set of reports), whom a list offers: the
    provinces' inspectors and supervisors; only when there are none (reports without
    a province), national inspectors."""
    team = people.filter(_provincial_team())
    if team.exists():
        return team
    return people.filter(_in_roles(NATIONAL_INSPECTORS))


# -- steps -----------------------------------------------------------------------


def _locked(report, seen=None):
    """The report as stored, its row locked; Stale if its version is not `seen` (a
    snapshot of the page the change comes from: None when the caller has none)."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if seen is not None and seen.get("version") != locked.version:
        raise stale(locked, seen)
    return locked


# What triage writes, and only that: a stale copy must not put back anything else.
WRITTEN = (
    "status",
    "status_changed_at",
    "forward_target",
    "reject_reason",
    "duplicate_of",
    "public_reply",
    "public_reply_at",
    "assigned_to",
    "first_action_at",
    "closed_at",
    "updated_by",
)


def _save(report):
    """Write the triage fields if the version is still the one read, and bump it.

    One conditional UPDATE: with the row lock (_locked) it never misses on
    PostgreSQL, nor on SQLite (IMMEDIATE transactions); should any path reach
    here without them, the change is refused rather than written over another.
    """
    columns = [Report._meta.get_field(name).attname for name in WRITTEN]  # duplicate_of_id…
    values = {name: getattr(report, name) for name in columns}
    values["updated_at"] = timezone.now()
    updated = Report.objects.filter(pk=report.pk, version=report.version).update(
        **values, version=F("version") + 1
    )
    if not updated:
        raise stale(Report.objects.select_related("assigned_to").get(pk=report.pk), {})
    report.version += 1
    report.updated_at = values["updated_at"]


def record(report, kind, *, by=None, **fields):
    """A line of the report's history; by default in its state, with its assignee."""
    values = {"from_status": report.status, "status": report.status}
    values["assigned_to"] = report.assigned_to
    return ReportEvent.objects.create(report=report, actor=by, kind=kind, **(values | fields))


def check(report, step_name, user, *, target="", reason="", original=None, note=""):
    """Raise Refused if `user` may not take the step now; returns the Step. Changes nothing."""
    step = STEPS.get(step_name)
    if step is None:
        raise Refused(_("Không có bước xử lý “%(step)s”.") % {"step": str(step_name)[:40]})
    if not can_triage(user, report):
        raise _not_yours(report)
    if step.permission and not user.has_perm(step.permission):
        raise Refused(
            _("Chỉ trưởng nhóm thanh tra mới được %(step)s phản ánh %(code)s.")
            % {"step": str(step.label).lower(), "code": report.case_number},
            why=WHY["needs_supervisor"],
        )
    if report.status not in step.sources:
        allowed = ", ".join(f"“{Status(s).label}”" for s in step.sources)
        raise Refused(
            _(
                "Phản ánh %(code)s đang ở trạng thái “%(state)s”: chỉ %(step)s được khi "
                "phản ánh ở trạng thái %(allowed)s."
            )
            % {
                "code": report.case_number,
                "state": report.get_status_display(),
                "step": str(step.label).lower(),
                "allowed": allowed,
            },
            why=why_state(report.status),
        )
    check_details(step, target=target, reason=reason, original=original, note=note)
    if step.needs == "reason" and reason == RejectReason.DUPLICATE:
        _check_original(report, original, user)
    return step


def check_details(step, *, target="", reason="", original=None, note=""):
    """Raise Refused if what the step needs is missing (a target, a reason, a note).

    For one report (check) and for a bulk action's confirmation page alike.
    """
    if step.needs == "target" and target not in ForwardTarget.values:
        raise Refused(
            _("Hãy chọn cơ quan nhận chuyển: công an, nhà mạng hoặc sở, ngành."), field="target"
        )
    if step.needs == "reason":
        if reason not in RejectReason.values:
            raise Refused(_("Hãy chọn lý do không xử lý."), field="reason")
        if reason == RejectReason.DUPLICATE and original is None:
            raise Refused(
                _("Trùng với phản ánh khác: hãy ghi số hồ sơ của phản ánh gốc."),
                why=WHY["bad_original"],
                field="original",
            )
        if reason == RejectReason.OTHER and not note.strip():
            raise Refused(_("Lý do khác: hãy ghi rõ lý do trong ghi chú."), field="note")
    if step.needs == "note" and not note.strip():
        raise Refused(_("Hãy ghi lý do mở lại."), field="note")


def _not_yours(report):
    return Refused(
        _("Bạn không được giao xử lý phản ánh %(code)s.") % {"code": report.case_number},
        why=WHY["out_of_scope"],
    )


def _check_original(report, original, user):
    def refuse(message):
        return Refused(message, why=WHY["bad_original"], field="original")

    if original.pk == report.pk:
        raise refuse(_("Một phản ánh không thể trùng với chính nó."))
    if original.duplicate_of_id is not None:
        raise refuse(
            _("Phản ánh %(code)s cũng là bản trùng: hãy chọn phản ánh gốc của nó.")
            % {"code": original.case_number}
        )
    if not can_triage(user, original):
        # As if it did not exist: the same words as a code no report has.
        raise refuse(str(ORIGINAL_NOT_FOUND))
    if original.province_id != report.province_id:
        # Both are this user's to see: saying so reveals nothing.
        raise refuse(_("Phản ánh gốc phải cùng tỉnh, thành phố với phản ánh trùng."))


def step_changes(step, at, *, target="", reason=""):
    """The fields a step sets at time `at`, by name; `first_action_at` aside (it keeps
    its first value), and the duplicate's link (the caller's: seed_demo_data links
    it once the batch has its ids). One table for one report and for a set."""
    changes = {"status": step.to, "status_changed_at": at}
    if step.to == Status.FORWARDED:
        changes["forward_target"] = target
    if step.to == Status.REJECTED:
        changes["reject_reason"] = reason
    if step.to in (Status.RESOLVED, Status.REJECTED):
        changes["closed_at"] = at
    if step.name == "reopen":
        changes["closed_at"] = None
        changes["reject_reason"] = ""
        # The reply said what happened to the closed report: under "in review" it would
        # tell the citizen the wrong thing. Its history line keeps it; a reply given
        # with the reopening replaces this.
        changes["public_reply"] = ""
        changes["public_reply_at"] = None
    return changes


def apply_step(report, step, at, *, target="", reason=""):
    """What a step changes on the report at time `at`, unsaved (see step_changes)."""
    for name, value in step_changes(step, at, target=target, reason=reason).items():
        setattr(report, name, value)
    report.first_action_at = report.first_action_at or at


@transaction.atomic
def take_step(
    report,
    step_name,
    *,
    by,
    target="",
    reason="",
    original=None,
    note="",
    reply=None,
    seen=None,
):
    """Take a step of the workflow; returns the report as stored. Raises Refused.

    The row is locked first: the change form and a bulk action on the same
    report cannot both take a step from the same state. With `seen` (the
    snapshot of the page the step comes from), Stale if the report changed since.
    """
    report = _locked(report, seen)
    step = check(report, step_name, by, target=target, reason=reason, original=original, note=note)
    now = timezone.now()
    before = report.status
    apply_step(report, step, now, target=target, reason=reason)
    if step.to == Status.REJECTED:
        report.duplicate_of = original if reason == RejectReason.DUPLICATE else None
    if step.name == "reopen":
        report.duplicate_of = None
    if reply is not None:
        _set_reply(report, reply, now)
    report.updated_by = by
    _save(report)
    path = hops(step, before)
    for from_status, to in path[:-1]:  # forwarding a new report: its review first
        record(report, ReportEvent.Kind.STEP, by=by, from_status=from_status, status=to)
    record(
        report,
        ReportEvent.Kind.STEP,
        by=by,
        from_status=path[-1][0],
        target=report.forward_target if step.to == Status.FORWARDED else "",
        reason=report.reject_reason if step.to == Status.REJECTED else "",
        duplicate_of=report.duplicate_of if step.to == Status.REJECTED else None,
        note=note.strip()[:NOTE_MAX_LENGTH],
        reply=report.public_reply if reply is not None else "",
    )
    return report


def _set_reply(report, reply, now):
    """The reply as the citizen reads it: a template's {source}, {target}… filled in."""
    text = fill_reply((reply or "").strip(), report)
    if len(text) > REPLY_MAX_LENGTH:
        raise Refused(
            _("Trả lời người dân tối đa %(max)s ký tự; hiện có %(count)s.")
            % {"max": REPLY_MAX_LENGTH, "count": len(text)},
            field="reply",
        )
    report.public_reply = text
    report.public_reply_at = now if text else None


@transaction.atomic
def reply(report, text, *, by, seen=None):
    """Set (or clear) the public reply without changing the state."""
    report = _locked(report, seen)
    if not can_triage(by, report):
        raise _not_yours(report)
    if fill_reply((text or "").strip(), report) == report.public_reply:
        return report
    _set_reply(report, text, timezone.now())
    report.updated_by = by
    _save(report)
    record(report, ReportEvent.Kind.REPLY, by=by, reply=report.public_reply)
    return report


def check_assignment(report, assignee, by):
    """Raise Refused if `by` may not give the report to `assignee` (None: nobody).

    Anyone who triages the report may take it when nobody has it, or give
    back their own; giving it to someone else, or taking it from someone,
    is reassigning: a supervisor's right (reports.reassign_report).
    """
    if not can_triage(by, report):
        raise _not_yours(report)
    current = report.assigned_to
    if current == assignee:
        return
    own_move = assignee in (None, by) and current in (None, by)
    if not own_move and not by.has_perm("reports.reassign_report"):
        if current is not None and current != by:
            raise Refused(
                _("Phản ánh %(code)s đang do %(name)s xử lý: chỉ trưởng nhóm mới giao lại được.")
                % {"code": report.case_number, "name": display_name(current)},
                why=WHY["someone_else"],
                field="assignee",
            )
        raise Refused(
            _("Chỉ trưởng nhóm thanh tra mới giao phản ánh cho người khác."),
            why=WHY["needs_supervisor"],
            field="assignee",
        )
    if assignee is not None:
        eligible = assignable_staff([report.province]).filter(pk=assignee.pk).exists()
        if not eligible:
            raise Refused(
                _(
                    "%(name)s không xử lý phản ánh của tỉnh, thành phố này, "
                    "nên không thể nhận %(code)s."
                )
                % {"name": display_name(assignee), "code": report.case_number},
                why=WHY["assignee_province"],
                field="assignee",
            )


@transaction.atomic
def assign(report, assignee, *, by, seen=None):
    """Give the report to `assignee` (None: nobody); returns it as stored. Raises Refused."""
    report = _locked(report, seen)
    check_assignment(report, assignee, by)
    if report.assigned_to == assignee:
        return report
    report.assigned_to = assignee
    report.first_action_at = report.first_action_at or timezone.now()
    report.updated_by = by
    _save(report)
    record(report, ReportEvent.Kind.ASSIGNMENT, by=by)
    return report


def add_note(report, text, *, by):
    """An internal note: never on the receipt, never in an export."""
    text = (text or "").strip()
    if not text:
        raise Refused(_("Ghi chú đang trống."))
    if not can_triage(by, report):
        raise _not_yours(report)
    return ReportNote.objects.create(report=report, author=by, text=text[:NOTE_MAX_LENGTH])


def display_name(user):
    return full_name(user)  # family name first: "Nguyễn Văn An" (portal.names)


# -- reply templates ---------------------------------------------------------------


def fill_reply(text, report):
    """A reply template with the receipt's context filled in: {source}, {kind}, {province}…"""
    # Never a raw brace on the receipt, never an error: a template stored before
    # templates were checked (reply_templates.template_errors) loses what it cannot fill.
    return fill(text, receipt_values(report))


def receipt_values(report):
    """What a reply's placeholders are filled with for `report` (fill_reply)."""
    return {
        "source": report.source,
        "code": report.code,  # the reply is the citizen's, on their own receipt
        "kind": report.get_kind_display(),
        "province": report.province.name if report.province else "",
        "date": timezone.localtime(report.created_at).strftime("%d/%m/%Y"),
        "target": report.get_forward_target_display() if report.forward_target else "",
    }
