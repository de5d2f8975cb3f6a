"""What the portal says about a number: an official line, a confirmed scam, or only reported.

- Official: an active hotline (a letter announced it), or a number inspectors
  verified as a department's own line (scammers spoof those).
- Confirmed scam: inspectors concluded it, with a reason, for their province
  (or nationally). Only confirmed sources are ever called a scam.
- Otherwise reports are what citizens said, unverified: counts only.

A provincial mark applies within its province, a national one everywhere:
`verdict_for` says which one a viewer sees. Marking goes through the
functions here, which check the marker's scope; what would change what the
public trusts (an official line, overturning a verdict, withdrawing one)
waits for a second staff member of that scope (`decide`).
"""

from dataclasses import dataclass, field

import phonenumbers
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from phonenumbers import carrier

from advisories.models import Province

from .access import provinces_of, sees_every_report
from .models import Hotline, NumberMark, Subject
from .subjects import normal_key

REASON_MAX_LENGTH = 1000


class MarkRefused(Exception):
    """A mark that may not be made or withdrawn; the message says why, in Vietnamese."""


OFFICIAL, SCAM = NumberMark.Kind.OFFICIAL, NumberMark.Kind.SCAM


@dataclass
class Verdict:
    """What one viewer is told: whose marks, and what they say.

    `kind` is OFFICIAL, SCAM or "" (no mark applies); `province` is whose
    verdict it is, None for the national one. `national` is False when
    neither the province nor national staff concluded and only other
    provinces confirmed a scam: a warning shown with whose it is, never trust.
    """

    kind: str = ""
    province: object = None
    national: bool = True
    marks: list = field(default_factory=list)


def verdict_for(marks, province=None):
    """The Verdict that a viewer of `province` (None: anyone else) sees from marks in force.

    The province's own marks where it has some, else the national ones; an
    official line counts only within the scope that verified it, so a
    province's official mark never reaches other provinces. Scam
    confirmations of other provinces still warn (they agree, or no national
    verdict says otherwise).
    """
    own = [m for m in marks if province is not None and m.province_id == province.pk]
    national = [m for m in marks if m.province_id is None]
    chosen, scope = (own, province) if own else (national, None)
    official = [m for m in chosen if m.kind == OFFICIAL]
    if official:
        return Verdict(OFFICIAL, scope, True, official)
    scam = [m for m in marks if m.kind == SCAM]
    if chosen:
        return Verdict(SCAM, scope, True, scam)
    if scam:  # only other provinces concluded: their warning, said as theirs
        return Verdict(SCAM, None, False, scam)
    return Verdict()


@dataclass
class NumberStatus:
    """Everything the staff screens need to flag a source, read in two queries for many sources.

    Staff see every mark in force, whatever its scope (the number's page says
    whose each is); what the public is told is `verdict_for`'s.
    """

    source: str
    hotlines: list = field(default_factory=list)  # active Hotline rows with this number
    marks: list = field(default_factory=list)  # marks in force, every scope

    @property
    def official(self):
        return [m for m in self.marks if m.kind == OFFICIAL]

    @property
    def scam(self):
        return [m for m in self.marks if m.kind == SCAM]

    @property
    def is_official(self):
        return bool(self.hotlines or self.official)

    @property
    def is_confirmed_scam(self):
        return bool(self.scam) and not self.is_official

    @property
    def official_names(self):
        names = [line.label for line in self.hotlines] + [mark.owner for mark in self.official]
        return list(dict.fromkeys(name for name in names if name))

    @property
    def confirmed_by(self):
        return scope_names(self.scam)


def scope_names(marks):
    """Whose inspectors concluded: province names in order, then "toàn quốc" if national."""
    provinces = sorted({mark.province.name for mark in marks if mark.province_id})
    national = [str(_("toàn quốc"))] if any(mark.province_id is None for mark in marks) else []
    return provinces + national


# Numbers and sender names are one `source` in reports; a mark made before
# subjects existed on a name is `phone` unless migration 0022 saw it.
_SUBJECTS = {
    Subject.PHONE: [Subject.PHONE, Subject.SENDER],
    Subject.SENDER: [Subject.PHONE, Subject.SENDER],
}


def statuses(sources, subject=None):
    """{source: NumberStatus} for many keys of a subject (None: any): two queries at most."""
    sources = list(dict.fromkeys(sources))
    found = {source: NumberStatus(source) for source in sources}
    if not sources:
        return found
    if subject is None or subject in _SUBJECTS:  # a hotline is a number
        for line in Hotline.objects.approved().active().filter(number__in=sources):
            found[line.number].hotlines.append(line)
    marks = NumberMark.objects.active().filter(source__in=sources).select_related("province")
    if subject is not None:
        marks = marks.filter(subject__in=_SUBJECTS.get(subject, [subject]))
    for row in marks:
        found[row.source].marks.append(row)
    return found


def marks_for(subject, key):
    """The marks in force about a look-up's key (reports.lookup.recognise), every scope.

    A number and a sender name are one column of keys (older sender marks
    were made as numbers). An account looked up by its number alone
    (`?:0011001234567`) gets the scam confirmations of that number at any
    bank, which warn; an official account is vouched for only with its bank.
    """
    marks = NumberMark.objects.active().select_related("province")
    if subject in (Subject.PHONE, Subject.SENDER):
        return list(marks.filter(source=key, subject__in=[Subject.PHONE, Subject.SENDER]))
    if subject == Subject.BANK_ACCOUNT and key.startswith("?:"):
        number = key.partition(":")[2]
        return list(marks.filter(subject=subject, kind=SCAM, source__endswith=f":{number}"))
    return list(marks.filter(subject=subject, source=key))


def status(source, subject=None):
    return statuses([source], subject)[source]


def operator_hint(source):
    """The operator that first held the number's prefix (phonenumbers), or "".

    A hint only: numbers have been portable between operators since 2018.
    """
    try:
        number = phonenumbers.parse(source, "VN")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(number):
        return ""
    return carrier.name_for_number(number, "en")


# -- marking -------------------------------------------------------------------------


def scopes_for(user):
    """Where a staff member may mark: "national" (None) for national staff, then their provinces."""
    provinces = list(Province.objects.filter(inspectors__user=user).order_by("name"))
    return ([None] if sees_every_report(user) else []) + provinces


def _check_scope(user, province):
    if not user.has_perm("reports.add_numbermark"):
        raise MarkRefused(_("Bạn không có quyền kết luận về số."))
    if province is None and not sees_every_report(user):
        raise MarkRefused(_("Chỉ thanh tra toàn quốc mới kết luận trên phạm vi toàn quốc."))
    mine = sees_every_report(user) or user.inspected_provinces.filter(province=province).exists()
    if province is not None and not mine:
        raise MarkRefused(
            _("Bạn chỉ kết luận được cho tỉnh, thành phố mình phụ trách, không cho %(name)s.")
            % {"name": province.name}
        )


def _normal(subject, text):
    """(subject, key): a number or a name by reports.phones, the others by reports.subjects."""
    try:
        return normal_key(subject, text)
    except ValueError as error:
        raise MarkRefused(str(error)) from None


def _reason(text):
    text = (text or "").strip()
    if not text:
        raise MarkRefused(_("Hãy ghi căn cứ của kết luận."))
    if len(text) > REASON_MAX_LENGTH:
        raise MarkRefused(_("Căn cứ tối đa %(max)s ký tự.") % {"max": REASON_MAX_LENGTH})
    return text


def in_scope(user, province):
    """Whether the staff member answers for marks of this scope (None: national)."""
    if sees_every_report(user):
        return True
    if province is None or not user.is_authenticated:
        return False
    return province.pk in provinces_of(user)


def needs_approval(current, kind, province):
    """Whether a new mark must wait for a second staff member, given the NumberStatus.

    An official line always does (it tells people to trust the number); so
    does a mark against the verdict its scope shows now (official over scam,
    scam over official), and a scam mark on a line any scope verified as
    official (its province still trusts it: the two must be settled).
    """
    if kind == OFFICIAL or current.official:
        return True
    shown = verdict_for(current.marks, province).kind
    return bool(shown) and shown != kind


@transaction.atomic
def mark(source, kind, *, by, province, reason, owner="", subject=Subject.PHONE):
    """Record a conclusion about `source` (a key of `subject`); returns the NumberMark.

    Raises MarkRefused. The mark is in force at once, or pending
    (`needs_approval`) until another staff member of its scope approves it:
    the same rules for a bank account or a domain as for a number (a bank's
    real domain verified official waits for a second person too).
    """
    subject, source = _normal(subject, source)
    _check_scope(by, province)
    reason = _reason(reason)
    current = status(source, subject)
    if kind == SCAM and current.hotlines:
        # A line a letter announced: only the letter's publisher may change it.
        raise MarkRefused(
            _(
                "%(source)s là số chính thức (%(names)s): kẻ gian giả mạo số này, nhưng "
                "không thể kết luận chính số này là lừa đảo."
            )
            % {"source": source, "names": ", ".join(current.official_names) or "—"}
        )
    if kind == OFFICIAL:
        owner = (owner or "").strip()
        if not owner:
            raise MarkRefused(_("Hãy ghi cơ quan dùng số chính thức này."))
    pending = needs_approval(current, kind, province)
    try:
        with transaction.atomic():
            return NumberMark.objects.create(
                subject=subject,
                source=source,
                kind=kind,
                province=province,
                owner=owner[:200],
                reason=reason,
                created_by=by,
                state=NumberMark.State.PENDING if pending else NumberMark.State.IN_FORCE,
            )
    except IntegrityError:
        raise MarkRefused(
            _("%(source)s đã có kết luận này (hoặc đề xuất đang chờ duyệt) trong phạm vi đó.")
            % {"source": source}
        ) from None


@transaction.atomic
def withdraw(mark_row, *, by, reason):
    """Withdraw a conclusion; it stays in the number's history. Raises MarkRefused.

    A proposal still pending is withdrawn at once (it changed nothing); a
    mark in force only once another staff member approves the withdrawal.
    """
    mark_row = NumberMark.objects.select_for_update().get(pk=mark_row.pk)
    if mark_row.withdrawn_at is not None or mark_row.state == NumberMark.State.REFUSED:
        raise MarkRefused(_("Kết luận này đã được rút lại."))
    if mark_row.withdrawal_requested_at is not None:
        raise MarkRefused(_("Việc rút lại kết luận này đang chờ duyệt."))
    _check_scope(by, mark_row.province)
    mark_row.withdrawal_reason = _reason(reason)
    if mark_row.state == NumberMark.State.PENDING:
        mark_row.withdrawn_at = timezone.now()
        mark_row.withdrawn_by = by
    else:
        mark_row.withdrawal_requested_at = timezone.now()
        mark_row.withdrawal_requested_by = by
    mark_row.save()
    return mark_row


# -- approving -----------------------------------------------------------------------


def proposer(mark_row):
    """Who asked for what waits on this mark: its maker, or who asked to withdraw it."""
    if mark_row.is_withdrawal_pending:
        return mark_row.withdrawal_requested_by_id
    return mark_row.created_by_id


def may_decide(user, mark_row):
    """Whether `user` may approve or refuse what waits on the mark (no reason given)."""
    return _decision_refusal(user, mark_row) is None


def _decision_refusal(user, mark_row):
    if not (mark_row.is_pending or mark_row.is_withdrawal_pending):
        return _("Kết luận này không còn chờ duyệt.")
    if user.pk == proposer(mark_row):
        return _("Bạn là người đề xuất: một cán bộ khác cùng phạm vi phải duyệt.")
    if not user.has_perm("reports.approve_numbermark"):
        return _("Bạn không có quyền duyệt kết luận về số.")
    if not in_scope(user, mark_row.province):
        return _("Chỉ cán bộ phụ trách %(scope)s mới duyệt được kết luận này.") % {
            "scope": mark_row.scope_name
        }
    return None


def _log(user, mark_row, message):
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[mark_row],
        action_flag=CHANGE,
        change_message=message,
        single_object=True,
    )


@transaction.atomic
def decide(mark_row, *, by, approve, note=""):
    """Approve or refuse what waits on a mark (the mark, or its withdrawal), with a LogEntry.

    Raises MarkRefused for the proposer, staff without the right or the
    scope, and what no longer waits. Approving a mark withdraws the mark of
    the other kind in the same scope that it overturns.
    """
    # `of`: the province is read along, but only the mark is locked (PostgreSQL
    # refuses FOR UPDATE on the nullable side of the join of a national mark).
    mark_row = (
        NumberMark.objects.select_for_update(of=("self",))
        .select_related("province")
        .get(pk=mark_row.pk)
    )
    refusal = _decision_refusal(by, mark_row)
    if refusal:
        raise MarkRefused(refusal)
    note = (note or "").strip()[:REASON_MAX_LENGTH]
    now = timezone.now()
    withdrawal = mark_row.is_withdrawal_pending
    if withdrawal:
        if approve:
            mark_row.withdrawn_at, mark_row.withdrawn_by = now, by
            message = _("Duyệt rút lại kết luận về %(source)s (%(scope)s).")
        else:
            mark_row.withdrawal_requested_at = mark_row.withdrawal_requested_by = None
            mark_row.withdrawal_reason = ""
            message = _("Từ chối rút lại kết luận về %(source)s (%(scope)s).")
    elif approve:
        if mark_row.kind == SCAM and Hotline.objects.active().filter(number=mark_row.source):
            raise MarkRefused(
                _("%(source)s nay là số chính thức do công văn công bố.")
                % {"source": mark_row.source}
            )
        overturned = NumberMark.objects.active().filter(
            source=mark_row.source, province=mark_row.province
        )
        for other in overturned.exclude(kind=mark_row.kind):
            other.withdrawn_at, other.withdrawn_by = now, by
            other.withdrawal_reason = _("Thay bằng kết luận đã duyệt #%(pk)s.") % {
                "pk": mark_row.pk
            }
            other.save()
        mark_row.state = NumberMark.State.IN_FORCE
        message = _("Duyệt kết luận về %(source)s (%(scope)s).")
    else:
        mark_row.state = NumberMark.State.REFUSED
        message = _("Từ chối kết luận về %(source)s (%(scope)s).")
    if not withdrawal:  # a withdrawal's approver is `withdrawn_by`; both are in the LogEntry
        mark_row.decided_at, mark_row.decided_by = now, by
        mark_row.decision_note = note
    mark_row.save()
    text = message % {"source": mark_row.source, "scope": mark_row.scope_name}
    _log(by, mark_row, f"{text} {note}".strip())
    return mark_row


def _scoped(queryset, user):
    if sees_every_report(user):
        return queryset
    return queryset.filter(province_id__in=provinces_of(user))


def waiting(user):
    """Marks in the user's scope waiting for approval (new marks and withdrawals), oldest first."""
    rows = NumberMark.objects.pending() | NumberMark.objects.withdrawal_requested()
    return list(
        _scoped(rows, user)
        .select_related("province", "created_by", "withdrawal_requested_by")
        .order_by("created_at", "pk")
    )


def conflicts(user):
    """[(provincial mark, [national marks it disagrees with])] in the user's scope.

    The national verdict is what everyone outside the province sees; these
    are for supervisors to settle (withdraw one side). Two queries.
    """
    national = NumberMark.objects.active().filter(province__isnull=True, source=OuterRef("source"))
    provincial = list(
        _scoped(NumberMark.objects.active().filter(province__isnull=False), user)
        .filter(Exists(national.exclude(kind=OuterRef("kind"))))
        .select_related("province", "created_by")
        .order_by("source", "province__name")
    )
    against = {}
    for row in NumberMark.objects.active().filter(
        province__isnull=True, source__in={m.source for m in provincial}
    ):
        against.setdefault(row.source, []).append(row)
    return [(m, [n for n in against.get(m.source, []) if n.kind != m.kind]) for m in provincial]
