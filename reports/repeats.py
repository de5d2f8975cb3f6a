"""Repeat numbers: the sources citizens report again and again, for inspectors.

One number reported by many people, in several provinces, is what an
inspector forwards to the operator first. Aggregated in the database
(GROUP BY source, on the `report_source` index), over the reports the
inspector may see, in a constant number of queries whatever the data:

1. the rows: per source, reports in the period, by kind, open, first and last;
2. the province names citizens chose for those sources (former units too);
3.–4. their status (official line, confirmed scam: reports.numbers).

Official lines (an active hotline, or a verified mark) are flagged and kept
apart: scammers spoof them, they are not suspects.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Max, Min, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Report
from .numbers import operator_hint, statuses
from .sms import Kind

PERIODS = {"7": 7, "30": 30, "90": 90, "365": 365, "all": None}  # ?days= → days back
DEFAULT_PERIOD = "30"
MINIMUM_REPORTS = 2
ROWS = 200
CLOSED = [Report.Status.RESOLVED, Report.Status.REJECTED]
# ?o= → the database's ordering; "-" in front for the other way round.
SORTS = {
    "source": "number",
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


@dataclass
class Filters:
    """What the screen is narrowed to; the same narrowing follows the click-through."""

    days: str = DEFAULT_PERIOD
    kind: str = ""
    province: object = None  # a current Province in the viewer's scope, or None
    sort: str = DEFAULT_SORT

    @classmethod
    def read(cls, params, provinces):
        days = params.get("days", DEFAULT_PERIOD)
        kind = params.get("kind", "")
        sort = params.get("o", DEFAULT_SORT)
        by_slug = {province.slug: province for province in provinces}
        return cls(
            days=days if days in PERIODS else DEFAULT_PERIOD,
            kind=kind if kind in Kind.values else "",
            province=by_slug.get(params.get("province", "")),
            sort=sort if sort.lstrip("-") in SORTS else DEFAULT_SORT,
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
        """This screen's own query string, with some values changed."""
        values = {"days": self.days, "kind": self.kind, "o": self.sort}
        values["province"] = self.province.slug if self.province else ""
        values.update(changes)
        return urlencode({key: value for key, value in values.items() if value})

    def list_query(self, source):
        """The report list's query for one source, keeping the period and filters."""
        values = {"source__exact": source}
        if self.since is not None:
            values["created_at__gte"] = self.since.isoformat(" ", timespec="seconds")
        if self.kind:
            values["kind__exact"] = self.kind
        if self.province is not None:
            values["province"] = self.province.slug
        return urlencode(values)


@dataclass
class Row:
    source: str
    reports: int
    kinds: dict  # Kind value → count in the period
    open: int
    first: datetime.datetime
    last: datetime.datetime
    provinces: int
    chosen: list = field(default_factory=list)  # names citizens chose, former units marked
    status: object = None  # reports.numbers.NumberStatus
    operator: str = ""
    list_query: str = ""


def repeat_numbers(reports, filters=None, minimum=MINIMUM_REPORTS, limit=ROWS):
    """(suspect rows, official rows) for sources reported `minimum`+ times; see the module."""
    filters = filters or Filters()
    reports = filters.apply(reports).order_by()
    field_, descending = filters.sort.lstrip("-"), filters.sort.startswith("-")
    order = SORTS[field_]
    ordering = [f"-{order}" if descending else order, "-last", "number"]
    aggregated = list(
        # Grouped by an expression, not the column: SQLite would otherwise walk every
        # report in `report_source` order to skip a sort, instead of scanning only the
        # period in `report_period_sources` (a tenth of the time at 100,000 reports).
        reports.values(number=Coalesce("source", Value("")))
        .annotate(
            reports=Count("pk"),
            kind_s=Count("pk", filter=Q(kind=Kind.SPAM_SMS)),
            kind_v=Count("pk", filter=Q(kind=Kind.SPAM_CALL)),
            kind_ld=Count("pk", filter=Q(kind=Kind.SCAM)),
            open=Count("pk", filter=~Q(status__in=CLOSED)),
            provinces=Count("province_as_chosen", distinct=True),
            first=Min("created_at"),
            last=Max("created_at"),
        )
        .filter(reports__gte=minimum)
        .order_by(*ordering)[:limit]
    )
    for row in aggregated:
        row["source"] = row.pop("number")
    sources = [row["source"] for row in aggregated]
    chosen = {}
    names = (
        reports.filter(source__in=sources, province_as_chosen__isnull=False)
        .values_list("source", "province_as_chosen__name", "province_as_chosen__is_current")
        .distinct()
    )
    for source, name, is_current in names:
        chosen.setdefault(source, []).append((name, is_current))
    found = statuses(sources)
    rows = [
        Row(
            source=row["source"],
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
            chosen=sorted(chosen.get(row["source"], [])),
            status=found[row["source"]],
            operator=operator_hint(row["source"]),
            list_query=filters.list_query(row["source"]),
        )
        for row in aggregated
    ]
    suspects = [row for row in rows if not row.status.is_official]
    official = [row for row in rows if row.status.is_official]
    return suspects, official
