"""Repeat numbers: the sources citizens report again and again, for inspectors.

One number reported by many people, or in several provinces, is what an
inspector forwards to the carrier first. Aggregated in the database (GROUP BY
source, on the `report_source` index), over the reports the inspector may see.
"""

import datetime

from django.db.models import Count, Max, Min
from django.utils import timezone

PERIODS = {"7": 7, "30": 30, "90": 90, "all": None}  # ?days= → days back (None: all)
DEFAULT_PERIOD = "30"
MINIMUM_REPORTS = 2
ROWS = 200


def repeat_numbers(reports, days=30, minimum=MINIMUM_REPORTS, limit=ROWS):
    """Rows of {source, reports, provinces, first, last} for sources reported `minimum`+ times.

    `reports` is an already-scoped queryset (reports.access.reports_for). Most
    reported first, then most recent.
    """
    if days is not None:
        reports = reports.filter(created_at__gte=timezone.now() - datetime.timedelta(days=days))
    return list(
        reports.order_by()
        .values("source")
        .annotate(
            reports=Count("pk"),
            provinces=Count("province", distinct=True),
            first=Min("created_at"),
            last=Max("created_at"),
        )
        .filter(reports__gte=minimum)
        .order_by("-reports", "-last", "source")[:limit]
    )
