"""Public number look-up: what the portal knows about a number that called or texted.

A citizen types the number before calling back. The answer puts first what
matters most: whether it is an official line (a letter announced it, or
inspectors verified it as a department's own line: call it with
confidence) and which letters warn about it; then how many citizens
reported it, and whether inspectors confirmed it as a scam number. Only a
confirmed number is ever called a scam. Counts only: the reports are
unverified and their content may hold other people's words, so none of it
is shown, nor anything about who reported.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Max

from advisories.models import Advisory

from .models import Hotline, NumberMark, Report
from .numbers import scope_names
from .phones import SourceError, normalize_source
from .sms import Kind

LETTERS_SHOWN = 10


@dataclass
class LookupResult:
    number: str
    hotlines: list = field(default_factory=list)  # official lines with this number
    advisories: list = field(default_factory=list)  # published letters that mention it
    counts: dict = field(default_factory=dict)  # Kind value → number of reports
    last_reported: object = None  # datetime of the latest report, or None
    official_marks: list = field(default_factory=list)  # inspectors verified it as official
    scam_marks: list = field(default_factory=list)  # inspectors confirmed it as a scam

    @property
    def is_official(self):
        return bool(self.hotlines or self.official_marks)

    @property
    def is_confirmed_scam(self):
        return bool(self.scam_marks) and not self.is_official

    @property
    def verdict(self):
        """official, confirmed_scam, reported or unknown: what the page says first."""
        if self.is_official:
            return "official"
        if self.is_confirmed_scam:
            return "confirmed_scam"
        return "reported" if self.reports else "unknown"

    @property
    def verified_owners(self):
        return list(dict.fromkeys(mark.owner for mark in self.official_marks))

    @property
    def confirmed_by(self):
        return scope_names(self.scam_marks)

    @property
    def reports(self):
        return sum(self.counts.values())

    @property
    def count_rows(self):
        """(label, count) in the order of Kind, only kinds that were reported."""
        return [(kind.label, self.counts[kind.value]) for kind in Kind if kind in self.counts]


def look_up(value):
    """The LookupResult for a typed number, short code or SMS sender name.

    Raises SourceError (with what is expected, in Vietnamese) for anything else.
    Four queries whatever the number.
    """
    number = normalize_source(Kind.SPAM_SMS, value)  # S accepts all three forms
    hotlines = list(Hotline.objects.approved().active().with_sources().filter(number=number))
    advisories = list(
        Advisory.objects.published()
        .mentioning(number)
        .select_related("issuer__province")[:LETTERS_SHOWN]
    )
    rows = list(
        Report.objects.filter(source=number)
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"), last=Max("created_at"))
    )
    counts = {row["kind"]: row["n"] for row in rows}
    last = max((row["last"] for row in rows), default=None)
    marks = list(NumberMark.objects.active().filter(source=number).select_related("province"))
    return LookupResult(
        number,
        hotlines,
        advisories,
        counts,
        last,
        official_marks=[m for m in marks if m.kind == NumberMark.Kind.OFFICIAL],
        scam_marks=[m for m in marks if m.kind == NumberMark.Kind.SCAM],
    )


__all__ = ["LookupResult", "SourceError", "look_up"]
