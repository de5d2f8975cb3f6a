"""Public look-up: what the portal knows about a number, a sender name, a bank
account, a link or a chat account that a citizen was called, texted or sent.

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

What was typed is recognised first (`recognise`): a phone number, a bank
account, a chat account, a domain or a sender name, each by its normal key
(reports.used), so "vcb-bank" finds "VCB-BANK" and "Login.VCB.com.vn/x"
finds every report of vcb.com.vn. The marks of every kind go through the
same `verdict_for`; official lines (hotlines) and letters are for numbers
and sender names only.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, Max
from django.utils.translation import gettext as _

from advisories.models import Advisory, Province

from .lookup_words import Words
from .models import Hotline, Report
from .models.used import Platform, Subject
from .numbers import OFFICIAL, SCAM, Verdict, marks_for, scope_names, verdict_for
from .phones import SourceError
from .recognise import TYPED_MAX_LENGTH, recognise, recognise_with_note
from .sms import Kind

LETTERS_SHOWN = 10


@dataclass
class LookupResult:
    number: str  # the key looked up: 0912345678, VCB-BANK, VCB:0011…, evil.com, zalo:…
    hotlines: list = field(default_factory=list)  # official lines with this number
    advisories: list = field(default_factory=list)  # published letters that mention it
    counts: dict = field(default_factory=dict)  # Kind value → number of reports
    last_reported: object = None  # datetime of the latest report, or None
    marks: list = field(default_factory=list)  # inspectors' marks in force, every scope
    province: object = None  # the province whose verdict was asked for, or None
    shown: Verdict = field(default_factory=Verdict)  # the marks' verdict for that viewer
    kind: str = Subject.PHONE  # what was recognised (a Subject value)
    unknown_bank: str = ""  # a bank name typed before an account number that is no bank we know

    def __post_init__(self):
        self.shown = verdict_for(self.marks, self.province)

    @cached_property
    def words(self):
        """The sentences fitted to the kind (reports.lookup_words), for the page and the API."""
        return Words(self)

    @property
    def value(self):
        """The normal form, as the API gives it: the key."""
        return self.number

    @property
    def shown_value(self):
        """What the page's heading says: `VCB 0011001234567`, `0011001234567`, `abc`."""
        if self.kind == Subject.BANK_ACCOUNT:
            abbr, _sep, digits = self.number.partition(":")
            return digits if abbr == "?" else f"{abbr} {digits}"
        if self.kind == Subject.SOCIAL:
            return self.number.partition(":")[2]
        return self.number

    @property
    def platform_label(self):
        if self.kind != Subject.SOCIAL:
            return ""
        return Platform(self.number.partition(":")[0]).label

    @property
    def any_bank(self):
        """Whether a bank account is looked up by its number alone, at every bank."""
        return self.kind == Subject.BANK_ACCOUNT and self.number.startswith("?:")

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


def typed_query(params):
    """What was typed: `q`, or `number` as the look-up was first called; at most the limit."""
    typed = params.get("q") or params.get("number") or ""
    return typed[:TYPED_MAX_LENGTH]


def province_from_slug(value):
    """The current Province for `?province=<slug>` (a former unit gives its successor), or None."""
    slug = (value or "").strip()[:100].lower()
    return Province.resolve_slug(slug) if slug else None


def look_up(value, province=None):
    """The LookupResult for what was typed: a number, sender name, account, link or handle.

    `province`: a current Province whose own verdict to show where it has one.
    Raises SourceError (with what is expected, in the user's language) for
    anything else. Four queries for a number, three for a sender name and
    the other kinds (a bank named: its row, the reports, the marks).
    """
    kind, key, unknown_bank = recognise_with_note(value)
    hotlines, advisories = [], []
    if kind == Subject.PHONE:  # official lines are numbers: a name can be spoofed
        hotlines = list(Hotline.objects.approved().active().with_sources().filter(number=key))
    if kind in (Subject.PHONE, Subject.SENDER):
        advisories = list(
            Advisory.objects.published()
            .mentioning(key)
            .select_related("issuer__province")[:LETTERS_SHOWN]
        )
    rows = list(
        reports_of(kind, key)
        .order_by()
        .values("kind")
        .annotate(n=Count("pk", distinct=True), last=Max("created_at"))
    )
    counts = {row["kind"]: row["n"] for row in rows}
    last = max((row["last"] for row in rows), default=None)
    return LookupResult(
        key,
        hotlines,
        advisories,
        counts,
        last,
        marks=marks_for(kind, key),
        province=province,
        kind=kind,
        unknown_bank=unknown_bank,
    )


def reports_of(kind, key):
    """The reports about a recognised key (a queryset; a report counts once per kind).

    Numbers and sender names by the report's source; accounts, links and
    chat accounts by their rows' keys (indexes report_account_key,
    report_account_number, report_link_domain, report_social_key).
    """
    if kind in (Subject.PHONE, Subject.SENDER):
        return Report.objects.filter(source=key)
    if kind == Subject.BANK_ACCOUNT:
        abbr, _sep, number = key.partition(":")
        if abbr == "?":  # the number alone: at every bank, and where the bank was not known
            return Report.objects.filter(bank_accounts__number=number)
        return Report.objects.filter(bank_accounts__key=key)
    if kind == Subject.DOMAIN:
        return Report.objects.filter(links__domain=key)
    return Report.objects.filter(social_accounts__key=key)


__all__ = [
    "LookupResult",
    "SourceError",
    "look_up",
    "province_from_slug",
    "recognise",
    "reports_of",
    "typed_query",
]
