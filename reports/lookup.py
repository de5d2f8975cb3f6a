"""Public number look-up: what the portal knows about a number that called or texted.

A citizen types the number before calling back. The answer puts first what
matters most: whether it is an official line (a letter announced it, or
inspectors verified it as a department's own line: call it with
confidence) and which letters warn about it; then how many citizens
reported it, and whether inspectors confirmed it as a scam number. Only a
confirmed number is ever called a scam. Counts only: the reports are
unverified and their content may hold other people's words, so none of it
is shown, nor anything about who reported.

Inspectors' marks count within their scope (reports.numbers.verdict_for):
everyone sees the national verdict, and `?province=` shows that province's
own where it has one. The answer says whose verdict it is.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Max
from django.utils.translation import gettext as _

from advisories.models import Advisory, Province

from .models import Hotline, NumberMark, Report
from .numbers import OFFICIAL, SCAM, Verdict, scope_names, verdict_for
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
    marks: list = field(default_factory=list)  # inspectors' marks in force, every scope
    province: object = None  # the province whose verdict was asked for, or None
    shown: Verdict = field(default_factory=Verdict)  # the marks' verdict for that viewer

    def __post_init__(self):
        self.shown = verdict_for(self.marks, self.province)

    @property
    def official_marks(self):
        return self.shown.marks if self.shown.kind == OFFICIAL else []

    @property
    def scam_marks(self):
        return self.shown.marks if self.shown.kind == SCAM else []

    @property
    def is_official(self):
        return bool(self.hotlines or self.official_marks)

    @property
    def is_confirmed_scam(self):
        return bool(self.scam_marks) and not self.is_official

    @property
    def verdict_scope(self):
        """Whose verdict is shown: "national", the province's slug, "provinces", or None."""
        if self.hotlines or not self.shown.kind:
            return "national" if self.hotlines else None
        if self.shown.province is not None:
            return self.shown.province.slug
        return "national" if self.shown.national else "provinces"

    @property
    def verdict_scope_name(self):
        scope = self.verdict_scope
        if scope is None:
            return ""
        if scope == "national":
            return str(_("Toàn quốc"))
        if scope == "provinces":
            return ", ".join(scope_names(self.shown.marks))
        return self.shown.province.name

    @property
    def verdict_organizations(self):
        """Who stands behind it: the lines' and verified owners, or the inspectors of its scope."""
        if self.is_official:
            names = [line.label for line in self.hotlines] + self.verified_owners
            return list(dict.fromkeys(name for name in names if name))
        return [str(_("Thanh tra %(scope)s")) % {"scope": name} for name in self.confirmed_by]

    @property
    def province_has_own(self):
        """Whether the province asked for has a verdict of its own (not the national one)."""
        return self.province is not None and self.shown.province is not None

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


def province_from_slug(value):
    """The current Province for `?province=<slug>` (a former unit gives its successor), or None."""
    slug = (value or "").strip()[:100].lower()
    return Province.resolve_slug(slug) if slug else None


def look_up(value, province=None):
    """The LookupResult for a typed number, short code or SMS sender name.

    `province`: a current Province whose own verdict to show where it has one.
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
        marks=marks,
        province=province,
    )


__all__ = ["LookupResult", "SourceError", "look_up", "province_from_slug"]
