"""Public statistics: how many reports, of what kind, where and when. Counts only.

What peers publish (the FTC by state, Scamwatch monthly): enough for a
journalist or a department to see a wave coming, nothing about any one
report or reporter. Cached for a few minutes: every query is an aggregate.
"""

import datetime

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext

from advisories.models import ScamPattern
from portal.charts import Series, column_chart

from .models import Report
from .sms import Kind

MONTHS = 12
TOP = 10
CACHE_SECONDS = 300


def _month_starts(today, months):
    """The first day of each of the last `months` months, oldest first."""
    year, month = today.year, today.month
    starts = []
    for _ in range(months):
        starts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def compute(months=MONTHS):
    """The figures of the last `months` months, as plain data (cacheable)."""
    today = timezone.localdate()
    starts = _month_starts(today, months)
    since = timezone.make_aware(datetime.datetime.combine(starts[0], datetime.time()))
    recent = Report.objects.filter(created_at__gte=since).order_by()

    by_month = {
        row["month"].date(): row["n"]  # the month's start, in the portal's time zone
        for row in recent.annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(n=Count("pk"))
    }
    by_kind = dict(recent.values_list("kind").annotate(n=Count("pk")))
    provinces = list(
        recent.filter(province__isnull=False)
        .values("province__slug", "province__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "province__name")[:TOP]
    )
    patterns = list(
        ScamPattern.objects.filter(reports__created_at__gte=since)
        .annotate(n=Count("reports"))
        .order_by("-n", "position")
        .values("slug", "name", "name_en", "n")[:TOP]
    )
    return {
        "since": starts[0],
        "total": sum(by_kind.values()),
        "months": [(start, by_month.get(start, 0)) for start in starts],
        "kinds": [(kind.value, by_kind.get(kind.value, 0)) for kind in Kind],
        "provinces": [(p["province__slug"], p["province__name"], p["n"]) for p in provinces],
        "patterns": [(p["slug"], p["name"], p["name_en"], p["n"]) for p in patterns],
    }


def public_statistics():
    """`compute()`, shared through the cache (Redis when REDIS_URL is set)."""
    return cache.get_or_set("reports:public-statistics", compute, CACHE_SECONDS)


def months_chart(months):
    """The monthly counts of `compute()` as an SVG column chart, in the reader's language.

    Narrow enough for a 320 px phone; built per request from the cached figures, no query.
    """
    counts = [count for _month, count in months]
    total = sum(counts)
    if total:
        peak = max(counts)
        description = gettext(
            "Số phản ánh mỗi tháng trong %(months)s tháng qua: tổng %(total)s, "
            "nhiều nhất %(peak)s phản ánh vào tháng %(month)s."
        ) % {
            "months": len(months),
            "total": total,
            "peak": peak,
            "month": format_date(months[counts.index(peak)][0], "m/Y"),
        }
    else:
        description = gettext("Chưa có phản ánh nào trong %(months)s tháng qua.") % {
            "months": len(months)
        }
    return column_chart(
        [format_date(month, "m/y") for month, _count in months],
        [Series("count", gettext("Số phản ánh"), counts)],
        name="chart-months",
        title=gettext("Phản ánh mỗi tháng"),
        description=description,
        category_heading=gettext("Tháng"),
        row_labels=[format_date(month, "m/Y") for month, _count in months],
        width=400,
        height=220,
    )
