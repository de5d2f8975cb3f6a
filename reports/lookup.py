"""Public number look-up: what the portal knows about a number that called or texted.

A citizen types the number before calling back. The answer puts first what
matters most: whether it is an official line a letter announced (call it
with confidence) and which letters warn about it; then how many citizens
reported it. Counts only: the reports are unverified and their content may
hold other people's words, so none of it is shown.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Max

from advisories.models import Advisory

from .models import Hotline, Report
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
    Three queries whatever the number.
    """
    number = normalize_source(Kind.SPAM_SMS, value)  # S accepts all three forms
    hotlines = list(Hotline.objects.active().with_sources().filter(number=number))
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
    return LookupResult(number, hotlines, advisories, counts, last)


__all__ = ["LookupResult", "SourceError", "look_up"]
