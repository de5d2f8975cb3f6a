"""Repeats: what citizens report again and again, of every kind, for inspectors.

One number, sender name, bank account, domain or chat account reported by
many people, in several provinces, is what an inspector acts on first. A
tab per kind (`Subject`): numbers and sender names are the reports' own
`source` (a sender name has a letter, reports.phones), the others their
rows of what the scammer used (reports.models.used), grouped by key.
Aggregated in the database, over the reports the inspector may see, in a
constant number of queries whatever the data:

1. the total: how many things were reported `MINIMUM_REPORTS`+ times;
2. one page of rows: per key, reports in the period, by kind, open, first and last;
3. the province names citizens chose for those keys (former units too);
4.–5. their status (official line, confirmed scam: reports.numbers).

Official lines (an active hotline, or a verified mark) are flagged and kept
apart: scammers spoof them, they are not suspects.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, F, Max, Min, Q, Value
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from .models import Report, Subject
from .numbers import operator_hint, statuses
from .sms import Kind

PERIODS = {"7": 7, "30": 30, "90": 90, "365": 365, "all": None}  # ?days= → days back
DEFAULT_PERIOD = "30"
MINIMUM_REPORTS = 2
PER_PAGE = 100
CLOSED = [Report.Status.RESOLVED, Report.Status.REJECTED]
# ?o= → the database's ordering; "-" in front for the other way round.
SORTS = {
    "source": "key",
    "reports": "reports",
    "S": "kind_s",
    "V": "kind_v",
    "LD": "kind_ld",
    "provinces": "provinces",
    "first": "first",
    "last": "last",
    "open": "open",
}
DEFAULT_SORT = "-reports"

# Each subject's key, seen from a report, and the report list's lookup for one key
# (ReportAdmin.allowed_lookups: the only ones portal.admin_bounds lets through).
PATHS = {
    Subject.BANK_ACCOUNT: "bank_accounts__key",
    Subject.DOMAIN: "links__domain",
    Subject.SOCIAL: "social_accounts__key",
}
LIST_LOOKUPS = {
    Subject.PHONE: "source__exact",
    Subject.SENDER: "source__exact",
    **PATHS,
}


def _has_letter():
    """Sender names are stored in capitals and always hold a letter; numbers never do."""
    return ~Q(_lowered=F("source"))


def keyed(reports, subject):
    """(reports annotated with `key` for the subject, the key's path for other queries).

    Numbers and names are grouped by an expression, not the column: SQLite
    would otherwise walk every report in `report_source` order to skip a sort,
    instead of scanning only the period in `report_period_sources`.
    """
    if subject in PATHS:
        path = PATHS[subject]
        return reports.filter(**{f"{path}__isnull": False}).annotate(key=F(path)), path
    letters = _has_letter()
    reports = reports.exclude(source="").alias(_lowered=Lower("source"))
    reports = reports.filter(letters) if subject == Subject.SENDER else reports.exclude(letters)
    return reports.annotate(key=Coalesce("source", Value(""))), "source"


@dataclass
class Filters:
    """What the screen is narrowed to; the same narrowing follows the click-through."""

    days: str = DEFAULT_PERIOD
    kind: str = ""
    province: object = None  # a current Province in the viewer's scope, or None
    sort: str = DEFAULT_SORT
    subject: str = Subject.PHONE
    page: int = 1

    @classmethod
    def read(cls, params, provinces):
        days = params.get("days", DEFAULT_PERIOD)
        kind = params.get("kind", "")
        sort = params.get("o", DEFAULT_SORT)
        subject = params.get("subject", Subject.PHONE)
        page = params.get("page", "1")
        by_slug = {province.slug: province for province in provinces}
        return cls(
            days=days if days in PERIODS else DEFAULT_PERIOD,
            kind=kind if kind in Kind.values else "",
            province=by_slug.get(params.get("province", "")),
            sort=sort if sort.lstrip("-") in SORTS else DEFAULT_SORT,
            subject=subject if subject in Subject.values else Subject.PHONE,
            # A page past the last shows the last (Paging); nonsense shows the first.
            page=int(page) if page.isascii() and page.isdigit() and 0 < len(page) < 7 else 1,
        )

    @property
    def since(self):
        days = PERIODS[self.days]
        if days is None:
            return None
        return timezone.localtime() - datetime.timedelta(days=days)

    def apply(self, reports):
        if self.since is not None:
            reports = reports.filter(created_at__gte=self.since)
        if self.kind:
            reports = reports.filter(kind=self.kind)
        if self.province is not None:
            reports = reports.filter(province=self.province)
        return reports

    def query(self, **changes):
        """This screen's own query string, with some values changed (back to page 1)."""
        values = {"subject": self.subject, "days": self.days, "kind": self.kind, "o": self.sort}
        values["province"] = self.province.slug if self.province else ""
        values.update(changes)
        if values.get("subject") == Subject.PHONE:
            values["subject"] = ""  # the default: the addresses of before stay as they were
        if values.get("page") == 1:
            values["page"] = ""
        return urlencode({key: value for key, value in values.items() if value})

    def list_query(self, key, subject=None):
        """The report list's query for one key, keeping the period and filters."""
        values = {LIST_LOOKUPS[subject or self.subject]: key}
        if self.since is not None:
            values["created_at__gte"] = self.since.isoformat(" ", timespec="seconds")
        if self.kind:
            values["kind__exact"] = self.kind
        if self.province is not None:
            values["province"] = self.province.slug
        return urlencode(values)


def page_query(subject, key):
    """A thing's page address (admin reports_report_number): `?source=` alone for numbers
    and names, as its links were before subjects."""
    if subject in (Subject.PHONE, Subject.SENDER):
        return urlencode({"source": key})
    return urlencode({"subject": subject, "source": key})


@dataclass
class Row:
    source: str  # the key: a number, a name, VCB:0011001234567, a domain, zalo:…
    reports: int
    kinds: dict  # Kind value → count in the period
    open: int
    first: datetime.datetime
    last: datetime.datetime
    provinces: int
    subject: str = Subject.PHONE
    chosen: list = field(default_factory=list)  # names citizens chose, former units marked
    status: object = None  # reports.numbers.NumberStatus
    operator: str = ""
    list_query: str = ""

    @property
    def page_query(self):
        return page_query(self.subject, self.source)


@dataclass
class Repeats:
    """One page of the screen: its rows, apart the official ones, and how many in all."""

    suspects: list
    official: list
    total: int
    page: int
    pages: int
    per_page: int = PER_PAGE

    @property
    def first_shown(self):
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def last_shown(self):
        return min(self.page * self.per_page, self.total)


def repeats(reports, filters=None, minimum=MINIMUM_REPORTS, per_page=None):
    """The Repeats of `filters.subject` reported `minimum`+ times; see the module."""
    filters = filters or Filters()
    per_page = per_page or PER_PAGE
    subject = filters.subject
    reports = filters.apply(reports).order_by()
    with_key, path = keyed(reports, subject)
    field_, descending = filters.sort.lstrip("-"), filters.sort.startswith("-")
    order = SORTS[field_]
    ordering = [f"-{order}" if descending else order, "-last", "key"]
    # A report naming one account twice counts once: distinct ids.
    grouped = (
        with_key.values("key")
        .annotate(
            reports=Count("pk", distinct=True),
            kind_s=Count("pk", distinct=True, filter=Q(kind=Kind.SPAM_SMS)),
            kind_v=Count("pk", distinct=True, filter=Q(kind=Kind.SPAM_CALL)),
            kind_ld=Count("pk", distinct=True, filter=Q(kind=Kind.SCAM)),
            open=Count("pk", distinct=True, filter=~Q(status__in=CLOSED)),
            provinces=Count("province_as_chosen", distinct=True),
            first=Min("created_at"),
            last=Max("created_at"),
        )
        .filter(reports__gte=minimum)
    )
    total = grouped.order_by().count()
    pages = max(1, -(-total // per_page))
    page = min(filters.page, pages)
    start = (page - 1) * per_page
    aggregated = list(grouped.order_by(*ordering)[start : start + per_page])
    keys = [row["key"] for row in aggregated]
    chosen = {}
    if keys:
        names = (
            with_key.filter(**{f"{path}__in": keys}, province_as_chosen__isnull=False)
            .values_list("key", "province_as_chosen__name", "province_as_chosen__is_current")
            .distinct()
        )
        for key, name, is_current in names:
            chosen.setdefault(key, []).append((name, is_current))
    found = statuses(keys, subject=subject)
    rows = [
        Row(
            source=row["key"],
            subject=subject,
            reports=row["reports"],
            kinds={
                Kind.SPAM_SMS: row["kind_s"],
                Kind.SPAM_CALL: row["kind_v"],
                Kind.SCAM: row["kind_ld"],
            },
            open=row["open"],
            first=row["first"],
            last=row["last"],
            provinces=row["provinces"],
            chosen=sorted(set(chosen.get(row["key"], []))),
            status=found[row["key"]],
            operator=operator_hint(row["key"]) if subject == Subject.PHONE else "",
            list_query=filters.list_query(row["key"]),
        )
        for row in aggregated
    ]
    return Repeats(
        suspects=[row for row in rows if not row.status.is_official],
        official=[row for row in rows if row.status.is_official],
        total=total,
        page=page,
        pages=pages,
        per_page=per_page,
    )


def repeat_numbers(reports, filters=None, minimum=MINIMUM_REPORTS, limit=None):
    """(suspect rows, official rows) of the first page: the screen's words of before."""
    found = repeats(reports, filters, minimum, per_page=limit)
    return found.suspects, found.official
