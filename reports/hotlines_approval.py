"""A hotline changes only when a second staff member approves: citizens dial what it shows.

The rule of advisories.approval, for the reporting lines: one staff account
never changes what the public trusts alone. A line added by one staff member
is PENDING and shown nowhere until another approves it. A change to an
approved line is kept in `pending_changes` (new values by field); the row, and
so every public page, keeps the approved values until a second person approves
it. The proposer never approves their own change. Refusing drops the change
(a refused new line stays hidden, REFUSED).

Plain functions; the admin (reports.admin.hotlines) writes the LogEntry with
the old → new values `approve` returns.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from advisories.approval import ApprovalRefused  # the letters' rule's refusal, shared

from .models import Hotline

APPROVE_PERMISSION = "reports.approve_hotline"
REVIEW_FIELDS = [
    "review",
    "pending_changes",
    "proposed_by",
    "proposed_at",
    "approved_by",
    "approved_at",
]


def editable_fields():
    """The fields staff propose values for (not the review's own)."""
    return [f for f in Hotline._meta.concrete_fields if f.editable and not f.primary_key]


def propose_new(line, user, now=None):
    """A new line, saved but shown nowhere until approved."""
    line.review = Hotline.Review.PENDING
    line.pending_changes = {}
    line.proposed_by, line.proposed_at = user, now or timezone.now()
    line.approved_by = line.approved_at = None
    line.save()


def propose_change(line, changed, user, now=None):
    """`line` holds the values staff typed (not saved); keep them aside as pending.

    `changed`: the names of the fields the form changed. The form starts from
    the pending values (HotlineForm), so what is typed is the whole proposal:
    pending becomes every value that differs from the approved one, and whoever
    changed it last is its proposer (they cannot approve it). A line never
    approved has nothing public to protect: its values are saved as typed.
    """
    if not changed:
        return  # saved as it was: the proposal and its proposer stay
    now = now or timezone.now()
    if line.approved_at is None:
        propose_new(line, user, now)
        return
    fields = editable_fields()
    typed = {f.attname: f.value_from_object(line) for f in fields}
    line.refresh_from_db(fields=[f.name for f in fields])  # the approved values
    pending = {name: value for name, value in typed.items() if getattr(line, name) != value}
    line.pending_changes = pending
    if pending:
        line.review = Hotline.Review.PENDING
        line.proposed_by, line.proposed_at = user, now
    else:  # typed back to the approved values: nothing waits any more
        line.review = Hotline.Review.APPROVED
    line.save(update_fields=["review", "pending_changes", "proposed_by", "proposed_at"])


def refusal(line, user):
    """None if `user` may approve what `line` waits for, else why (Vietnamese)."""
    if line.review != Hotline.Review.PENDING:
        return _("Kênh %(number)s không có gì chờ duyệt.") % {"number": line.number}
    if line.proposed_by_id is not None and line.proposed_by_id == user.pk:
        return _(
            "Bạn đã đề nghị thay đổi kênh %(number)s nên không thể tự duyệt: cần một cán bộ "
            "khác duyệt."
        ) % {"number": line.number}
    if not user.has_perm(APPROVE_PERMISSION):
        return _("Bạn không có quyền duyệt kênh tiếp nhận.")
    if not in_scope(line, user):
        return _("Kênh %(number)s không thuộc phạm vi của bạn.") % {"number": line.number}
    return None


def in_scope(line, user):
    """Whose approval counts: an administrator's or a national inspector's for any line;
    a supervisor's for a line of one of their provinces (issue 17: the same scope)."""
    from advisories.access import is_administrator

    from .access import provinces_of, sees_every_report

    if is_administrator(user) or sees_every_report(user):
        return True
    if line.scope != Hotline.Scope.PROVINCIAL or line.province is None:
        return False
    theirs = set(provinces_of(user))
    # A former province's line (Bình Phước) is its successor's (Đồng Nai) to approve.
    return line.province_id in theirs or line.province.resolve().pk in theirs


def can_approve(line, user):
    return refusal(line, user) is None


def changes(line):
    """[(field label, old shown, new shown)] of what `line` waits for."""
    rows = []
    by_attname = {f.attname: f for f in editable_fields()}
    for attname, new in line.pending_changes.items():
        field = by_attname.get(attname)
        if field is None:
            continue
        rows.append(
            (str(field.verbose_name), _shown(field, getattr(line, attname)), _shown(field, new))
        )
    return rows


@transaction.atomic
def approve(line, user, now=None):
    """Apply what waits; returns the [(label, old, new)] rows for the log (empty: a new line)."""
    reason = refusal(line, user)
    if reason:
        raise ApprovalRefused(reason)
    rows = changes(line) if line.approved_at is not None else []
    for attname, value in line.pending_changes.items():
        setattr(line, attname, value)
    try:
        line.full_clean()  # unique numbers, scope and province: checked as applied
    except ValidationError as error:
        line.refresh_from_db()
        raise ApprovalRefused(
            _("Không duyệt được kênh %(number)s: %(errors)s")
            % {"number": line.number, "errors": " ".join(error.messages)}
        ) from None
    line.review = Hotline.Review.APPROVED
    line.pending_changes = {}
    line.approved_by, line.approved_at = user, now or timezone.now()
    line.save()
    return rows


def refuse(line, user):
    """Drop what waits. A new line refused stays hidden; an approved one keeps its values."""
    line.pending_changes = {}
    line.review = Hotline.Review.APPROVED if line.approved_at else Hotline.Review.REFUSED
    line.save(update_fields=["review", "pending_changes"])


def approve_reference(line, now=None):
    """Lines of reports.hotlines.HOTLINES ship with the code, reviewed with it: approved."""
    line.review = Hotline.Review.APPROVED
    line.approved_at = now or timezone.now()
    line.save(update_fields=["review", "approved_at"])


def _shown(field, value):
    if value is None or value == "":
        return "—"
    if field.is_relation:
        found = field.related_model.objects.filter(pk=value).first()
        return str(found) if found else str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("có") if value else _("không")
    return str(value)
