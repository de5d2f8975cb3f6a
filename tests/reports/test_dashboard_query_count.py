"""The dashboard costs the same number of queries with one report or with hundreds.

Inspector Hà of Đắk Lắk and Bình, a national inspector, open it on a quiet
portal and on a busy one: every figure is one aggregate, never a query per
report, week, source or province.
"""

import datetime
import itertools

import pytest
from django.utils import timezone

from reports.models import Report
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/reports/dashboard/"
PROVINCES = ["dak-lak", "ha-noi", "dong-nai", "ninh-binh", "khanh-hoa", None]
STATES = list(Report.Status)
# Session, user, the second factor's device, permissions, the inspector's province ids and
# names, one query per figure (two per median: how many, then the middle; two for the
# provinces: counts, then names), and two for what is known about the most-reported
# sources (official lines, marks: never cached), and one for the viewer's saved searches
# (none here: reports.saved_searches). One more for national staff: the provinces'
# overdue counts, over the open reports only (reports.dashboard.by_province).
MOST_QUERIES = 19


def busy_portal(count):
    """`count` reports over four months: every kind, state, province, and many sources."""
    now = timezone.now()
    cycle = itertools.cycle(itertools.product(PROVINCES, ["S", "V", "LD"], STATES))
    for n in range(count):
        province, kind, status = next(cycle)
        report = make_report(province=province, kind=kind, source=f"09{n % 37:08d}")
        created = now - datetime.timedelta(hours=n * 7 % (24 * 120))
        Report.objects.filter(pk=report.pk).update(
            created_at=created,
            status=status,
            first_action_at=created + datetime.timedelta(hours=3) if n % 3 else None,
            closed_at=created + datetime.timedelta(days=2)
            if status in (Report.Status.RESOLVED, Report.Status.REJECTED)
            else None,
        )


@pytest.mark.parametrize("reports", [1, 300], ids=["one report", "three hundred"])
@pytest.mark.parametrize("role", [INSPECTORS, NATIONAL_INSPECTORS])
def test_the_same_number_of_queries_whatever_the_data(
    client, django_assert_max_num_queries, reports, role
):
    busy_portal(reports)
    client.force_login(staff("ha", role, "dak-lak" if role == INSPECTORS else None))
    with django_assert_max_num_queries(MOST_QUERIES):
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    weekly = sum(sum(row["counts"]) for row in response.context["weekly"]["kinds"])
    assert weekly > 0  # the figures did count something
