"""The inspectors' dashboard: what waits and for how long, the weekly flow, how fast, which numbers.

Plain functions over an already-scoped queryset (reports.access.reports_for):
what an inspector may not see is not counted. Each figure is one aggregate
query, whatever the data holds, so the page costs the same number of queries
at a hundred reports and at a hundred thousand; no report is loaded whole.
Time is Vietnam's (the portal's TIME_ZONE): a day starts at local midnight,
a week on Monday.
"""

import datetime

from django.db.models import Count, FloatField, Func, Max, Q
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from advisories.models import Province
from portal.charts import Series, column_chart

from . import service_levels
from .models import Report
from .sms import Kind

Status = Report.Status

OPEN_STATES = (Status.NEW, Status.IN_REVIEW, Status.FORWARDED)
# How long an open report has waited since it was filed: (key, label, from, to) in days.
AGES = (
    ("day", gettext_lazy("Dưới 1 ngày"), 0, 1),
    ("days3", gettext_lazy("1–3 ngày"), 1, 3),
    ("week", gettext_lazy("3–7 ngày"), 3, 7),
    ("older", gettext_lazy("Quá 7 ngày"), 7, None),
)
# The report list's "Quá hạn" filter (reports.admin.filters.OverdueFilter): its value.
OVERDUE = "yes"
# The report list's province filters: reports with no province (reports.admin.filters).
NO_PROVINCE = "_none"
WEEKS = 12
MEDIAN_DAYS = 90
TOP_SOURCES = 10
TOP_SOURCE_DAYS = 7  # the report list's own "past 7 days" filter


def _now():
    return timezone.now()  # tests set the clock here


def local_now(now=None):
    """Now in Vietnam's time, to the second: every bound and link of one page uses it."""
    return timezone.localtime(now or _now()).replace(microsecond=0)


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def list_query(**params):
    """`?status__exact=new&…`: the report list filtered, in the form its own filters write."""
    return "?" + urlencode(params)


# -- what waits -------------------------------------------------------------------------


def backlog(reports, now):
    """Open reports by state and by how long they have waited; one query.

    `counts[state]` holds one number per age of AGES (since filing); `overdue`
    the reports past their service level (reports.service_levels) that wait on
    the inspectors (new, in review), with `overdue_query` the list showing them:
    "Cần xử lý ngay". What waits on others (forwarded to the police or a
    carrier) is counted apart, in `waiting`, overdue or not.
    """
    ages = {}
    for key, _label, start, end in AGES:
        condition = Q(created_at__lt=now - datetime.timedelta(days=start)) if start else Q()
        if end is not None:
            condition &= Q(created_at__gte=now - datetime.timedelta(days=end))
        ages[key] = condition
    # Grouped by state, a count per age: each row is tested against four bounds, not twelve.
    # The overdue count is one more column of the same query.
    rows = {
        row["status"]: row
        for row in reports.open()
        .order_by()
        .values("status")
        .annotate(
            **{key: Count("pk", filter=condition) for key, condition in ages.items()},
            overdue=Count("pk", filter=service_levels.overdue_q(now)),
        )
    }
    counts = {
        state: [rows[state][key] if state in rows else 0 for key in ages] for state in OPEN_STATES
    }
    overdue = {state: rows[state]["overdue"] if state in rows else 0 for state in OPEN_STATES}
    by_age = [sum(counts[state][i] for state in OPEN_STATES) for i in range(len(AGES))]
    waiting = []
    for key, label, states in (
        ("inspectors", gettext_lazy("Chờ cán bộ xử lý"), service_levels.WAITING_ON_INSPECTORS),
        ("others", gettext_lazy("Chờ cơ quan khác trả lời"), service_levels.WAITING_ON_OTHERS),
    ):
        in_states = ",".join(states)
        waiting.append(
            {
                "key": key,
                "label": label,
                "count": sum(sum(counts[state]) for state in states),
                "overdue": sum(overdue[state] for state in states),
                "query": list_query(status__in=in_states),
                "overdue_query": list_query(status__in=in_states, overdue=OVERDUE),
            }
        )
    return {
        "states": [
            {
                "status": state,
                "label": Status(state).label,
                "count": sum(counts[state]),
                "overdue": overdue[state],
                "days": service_levels.allowed_days()[state],
                "query": list_query(status__exact=state),
                "overdue_query": list_query(status__exact=state, overdue=OVERDUE),
            }
            for state in OPEN_STATES
        ],
        "counts": counts,
        "by_age": by_age,
        "total": sum(by_age),
        "waiting": waiting,
        "overdue": waiting[0]["overdue"],
        "overdue_query": waiting[0]["overdue_query"],
        "overdue_all": sum(overdue.values()),
        "overdue_all_query": list_query(overdue=OVERDUE),
    }


def backlog_chart(figures):
    """The backlog by age, stacked by state; the over-7-days column flagged."""
    parts = "; ".join(
        f"{label} {n}" for (_key, label, _s, _e), n in zip(AGES, figures["by_age"], strict=True)
    )
    description = ngettext(
        "%(total)s phản ánh đang chờ xử lý, theo thời gian đã chờ: %(parts)s.",
        "%(total)s phản ánh đang chờ xử lý, theo thời gian đã chờ: %(parts)s.",
        figures["total"],
    ) % {"total": figures["total"], "parts": parts}
    if figures["by_age"][-1]:
        description += " " + _("Các phản ánh chờ quá 7 ngày cần được xử lý ngay.")
    return column_chart(
        [label for _key, label, _s, _e in AGES],
        [Series(state, Status(state).label, figures["counts"][state]) for state in OPEN_STATES],
        name="chart-backlog",
        title=_("Phản ánh đang chờ, theo thời gian đã chờ"),
        description=description,
        category_heading=_("Đã chờ"),
        total_heading=_("Tổng"),
        flagged=[len(AGES) - 1],
        height=240,
    )


# -- the weekly flow ----------------------------------------------------------------------


def weekly_by_kind(reports, today, weeks=WEEKS):
    """Reports filed each week (Monday to Sunday) of the last `weeks`, this one last, by kind.

    One query: per kind, a conditional count per week over the weeks' range;
    a week without reports counts 0.
    """
    monday = today - datetime.timedelta(days=today.weekday())
    starts = [monday - datetime.timedelta(weeks=weeks - 1 - i) for i in range(weeks)]
    bounds = [_midnight(day) for day in [*starts, monday + datetime.timedelta(weeks=1)]]
    rows = {
        row["kind"]: row
        for row in reports.filter(created_at__gte=bounds[0], created_at__lt=bounds[-1])
        .order_by()
        .values("kind")
        .annotate(
            **{
                f"week_{i}": Count(
                    "pk", filter=Q(created_at__gte=bounds[i], created_at__lt=bounds[i + 1])
                )
                for i in range(weeks)
            }
        )
    }
    return {
        "weeks": starts,
        "kinds": [
            {
                "kind": kind.value,
                "label": kind.label,
                "counts": [
                    rows[kind.value][f"week_{i}"] if kind.value in rows else 0 for i in range(weeks)
                ],
            }
            for kind in Kind
        ],
    }


def weekly_chart(figures):
    """Columns per week, stacked by kind."""
    weeks = figures["weeks"]
    totals = [sum(k["counts"][i] for k in figures["kinds"]) for i in range(len(weeks))]
    total = sum(totals)
    if total:
        peak = max(totals)
        busiest = weeks[totals.index(peak)]
        description = _(
            "Số phản ánh mỗi tuần (từ thứ Hai) trong %(weeks)s tuần qua, chia theo loại S, V, LD: "
            "tổng %(total)s, nhiều nhất %(peak)s phản ánh trong tuần từ %(busiest)s."
        ) % {
            "weeks": len(weeks),
            "total": total,
            "peak": peak,
            "busiest": format_date(busiest, "d/m/Y"),
        }
    else:
        description = _("Không có phản ánh nào trong %(weeks)s tuần qua.") % {"weeks": len(weeks)}
    return column_chart(
        [format_date(week, "d/m") for week in weeks],
        [Series(k["kind"].lower(), k["label"], k["counts"]) for k in figures["kinds"]],
        name="chart-weekly",
        title=_("Phản ánh mỗi tuần, theo loại"),
        description=description,
        category_heading=_("Tuần"),
        row_labels=[
            _("Tuần từ %(monday)s") % {"monday": format_date(week, "d/m/Y")} for week in weeks
        ],
        total_heading=_("Tổng"),
    )


# -- provinces, for national staff -----------------------------------------------------------


def by_province(reports, now):
    """Open, overdue and total reports per current province (None: not yet placed), most open
    first; overdue by the service levels (reports.service_levels), whoever it waits on.

    Counted by province id alone, names looked up after: grouped by the id, the
    count reads the index report_triage_queue in order (10 ms over 100,000
    reports); joined to the names first, it sorted every report (50–100 ms).
    Three queries: counts, overdue counts, names.
    """
    counts = list(
        reports.order_by()
        .values("province_id")
        .annotate(open=Count("pk", filter=Q(status__in=OPEN_STATES)), total=Count("pk"))
    )
    # Overdue apart, over the open reports only (the same index, by state): as a third
    # count of the query above, every report of the table was read (400 ms, not 70).
    overdue = dict(
        reports.filter(Q(status__in=OPEN_STATES) & service_levels.overdue_q(now))
        .order_by()
        .values("province_id")
        .annotate(n=Count("pk"))
        .values_list("province_id", "n")
    )
    provinces = Province.objects.in_bulk([row["province_id"] for row in counts])
    rows = []
    for row in counts:
        province = provinces.get(row["province_id"])
        # Not yet placed: the list's own "Chưa rõ tỉnh" choice of its province filter.
        value = province.slug if province else NO_PROVINCE
        rows.append(
            {
                "slug": province.slug if province else None,
                "name": province.name if province else None,
                "open": row["open"],
                "overdue": overdue.get(row["province_id"], 0),
                "total": row["total"],
                "query": list_query(province=value),
                "open_query": list_query(province=value, status__in=",".join(OPEN_STATES)),
                "overdue_query": list_query(province=value, overdue=OVERDUE),
            }
        )
    # Most open first, then most reports, then by name; "not yet placed" last of its rank.
    rows.sort(key=lambda r: (-r["open"], -r["total"], r["name"] is None, r["name"] or ""))
    return rows


# -- how fast ---------------------------------------------------------------------------


class SecondsBetween(Func):
    """`end − start` in seconds, a number both databases sort natively.

    SQLite has no interval type (Django would subtract in Python, row by
    row); julianday() is SQLite's own. Only SQLite and PostgreSQL are supported.
    """

    arity = 2
    output_field = FloatField()
    template = "EXTRACT(EPOCH FROM (%(expressions)s))::double precision"
    arg_joiner = " - "

    def __init__(self, end, start):
        super().__init__(end, start)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="(julianday(%(expressions)s)) * 86400.0",
            arg_joiner=") - julianday(",
            **extra,
        )


def median_seconds(reports, start, end):
    """(median of `end − start` in seconds, how many reports) over `reports`; (None, 0) if none.

    Two queries whatever the count: how many (from the index), then only the
    middle one or two durations, by OFFSET. A window function ranking every
    row did it in one query, at twice the time (50 ms over 30,000 reports).
    """
    timed = reports.filter(**{f"{end}__isnull": False}).order_by()
    how_many = timed.count()
    if not how_many:
        return None, 0
    # n odd: the (n+1)/2th; even: the n/2th and n/2+1th (0-based: (n-1)//2 to n//2).
    middle = list(
        timed.annotate(seconds=SecondsBetween(end, start))
        .order_by("seconds")
        .values_list("seconds", flat=True)[(how_many - 1) // 2 : how_many // 2 + 1]
    )
    if not middle:  # reports changed between the two queries: none to show this time
        return None, 0
    # julianday() is a float: round away its sub-second noise.
    return round(sum(middle) / len(middle)), how_many


def medians(reports, now, days=MEDIAN_DAYS):
    """Median waits over the last `days`: to the first action, and to the end of triage.

    Counted over the reports whose first action (or end: resolved or
    rejected) happened in the period: how fast the inspectors were lately.
    """
    since = now - datetime.timedelta(days=days)
    first_action = median_seconds(
        reports.filter(first_action_at__gte=since), "created_at", "first_action_at"
    )
    closed = median_seconds(reports.filter(closed_at__gte=since), "created_at", "closed_at")
    return {
        "days": days,
        "first_action": {"seconds": first_action[0], "reports": first_action[1]},
        "closed": {"seconds": closed[0], "reports": closed[1]},
    }


def format_duration(seconds):
    """`45 phút`, `5 giờ`, `3,5 ngày`, `12 ngày`: a wait as an inspector says it."""
    if seconds is None:
        return "—"
    minutes = round(seconds / 60)
    if minutes < 60:
        return ngettext("%(n)d phút", "%(n)d phút", minutes) % {"n": minutes}
    hours = round(seconds / 3600)
    if hours < 48:
        return ngettext("%(n)d giờ", "%(n)d giờ", hours) % {"n": hours}
    days = seconds / 86400
    # A tenth of a day (2,4 hours) still matters in the first days; not after.
    days = number_format(days, decimal_pos=1) if days < 10 else str(round(days))
    return _("%(n)s ngày") % {"n": days}


# -- which numbers ----------------------------------------------------------------------


def top_sources(reports, now, limit=TOP_SOURCES):
    """The `limit` sources reported most over the report list's "past 7 days", with their links.

    The period is the list's own filter (midnight seven days ago, Vietnam's
    time, to tomorrow's midnight), so a link opens exactly the reports counted.
    """
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    since = today - datetime.timedelta(days=TOP_SOURCE_DAYS)
    until = today + datetime.timedelta(days=1)
    rows = (
        reports.filter(created_at__gte=since, created_at__lt=until)
        .order_by()
        .values("source")
        .annotate(reports=Count("pk"), last=Max("created_at"))
        .order_by("-reports", "-last", "source")[:limit]
    )
    return {
        "since": since,
        "until": until,
        "rows": [
            {
                **row,
                "query": list_query(
                    source__exact=row["source"],
                    created_at__gte=str(since),
                    created_at__lt=str(until),
                ),
            }
            for row in rows
        ],
    }


def summary(reports, *, national, now=None):
    """Every figure of the dashboard over `reports` (already scoped); provinces if `national`."""
    now = local_now(now)
    figures = {
        "now": now,
        "backlog": backlog(reports, now),
        "weekly": weekly_by_kind(reports, now.date()),
        "medians": medians(reports, now),
        "top_sources": top_sources(reports, now),
        "provinces": by_province(reports, now) if national else None,
    }
    figures["backlog_chart"] = backlog_chart(figures["backlog"])
    figures["weekly_chart"] = weekly_chart(figures["weekly"])
    for key in ("first_action", "closed"):
        figures["medians"][key]["text"] = format_duration(figures["medians"][key]["seconds"])
    return figures
