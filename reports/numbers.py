"""What the portal says about a number: an official line, a confirmed scam, or only reported.

- Official: an active hotline (a letter announced it), or a number inspectors
  verified as a department's own line (scammers spoof those).
- Confirmed scam: inspectors concluded it, with a reason, for their province
  (or nationally). Only confirmed sources are ever called a scam.
- Otherwise reports are what citizens said, unverified: counts only.

Marking goes through the functions here, which check the marker's scope.
"""

from dataclasses import dataclass, field

import phonenumbers
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from phonenumbers import carrier

from advisories.models import Province

from .access import sees_every_report
from .models import Hotline, NumberMark
from .phones import SourceError, normalize_source
from .sms import Kind

REASON_MAX_LENGTH = 1000


class MarkRefused(Exception):
    """A mark that may not be made or withdrawn; the message says why, in Vietnamese."""


@dataclass
class NumberStatus:
    """Everything the screens need to flag a source, read in two queries for many sources."""

    source: str
    hotlines: list = field(default_factory=list)  # active Hotline rows with this number
    official: list = field(default_factory=list)  # active OFFICIAL marks
    scam: list = field(default_factory=list)  # active SCAM marks

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


def statuses(sources):
    """{source: NumberStatus} for many sources: two queries whatever their number."""
    sources = list(dict.fromkeys(sources))
    found = {source: NumberStatus(source) for source in sources}
    if not sources:
        return found
    for line in Hotline.objects.approved().active().filter(number__in=sources):
        found[line.number].hotlines.append(line)
    marks = NumberMark.objects.active().filter(source__in=sources).select_related("province")
    for row in marks:
        entry = found[row.source]
        (entry.official if row.kind == NumberMark.Kind.OFFICIAL else entry.scam).append(row)
    return found


def status(source):
    return statuses([source])[source]


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


def _normal(source):
    try:
        return normalize_source(Kind.SPAM_SMS, source)
    except SourceError as error:
        raise MarkRefused(str(error)) from None


def _reason(text):
    text = (text or "").strip()
    if not text:
        raise MarkRefused(_("Hãy ghi căn cứ của kết luận."))
    if len(text) > REASON_MAX_LENGTH:
        raise MarkRefused(_("Căn cứ tối đa %(max)s ký tự.") % {"max": REASON_MAX_LENGTH})
    return text


@transaction.atomic
def mark(source, kind, *, by, province, reason, owner=""):
    """Record a conclusion about `source`; returns the NumberMark. Raises MarkRefused."""
    source = _normal(source)
    _check_scope(by, province)
    reason = _reason(reason)
    current = status(source)
    if kind == NumberMark.Kind.SCAM and current.is_official:
        raise MarkRefused(
            _(
                "%(source)s là số chính thức (%(names)s): kẻ gian giả mạo số này, nhưng "
                "không thể kết luận chính số này là lừa đảo."
            )
            % {"source": source, "names": ", ".join(current.official_names) or "—"}
        )
    if kind == NumberMark.Kind.OFFICIAL:
        owner = (owner or "").strip()
        if not owner:
            raise MarkRefused(_("Hãy ghi cơ quan dùng số chính thức này."))
    try:
        with transaction.atomic():
            return NumberMark.objects.create(
                source=source,
                kind=kind,
                province=province,
                owner=owner[:200],
                reason=reason,
                created_by=by,
            )
    except IntegrityError:
        raise MarkRefused(
            _("%(source)s đã có kết luận này trong phạm vi đó.") % {"source": source}
        ) from None


@transaction.atomic
def withdraw(mark_row, *, by, reason):
    """Withdraw a conclusion; it stays in the number's history. Raises MarkRefused."""
    mark_row = NumberMark.objects.select_for_update().get(pk=mark_row.pk)
    if not mark_row.is_active:
        raise MarkRefused(_("Kết luận này đã được rút lại."))
    _check_scope(by, mark_row.province)
    mark_row.withdrawal_reason = _reason(reason)
    mark_row.withdrawn_at = timezone.now()
    mark_row.withdrawn_by = by
    mark_row.save()
    return mark_row
