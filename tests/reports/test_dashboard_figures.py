"""Inspector Hà of Đắk Lắk opens the dashboard on a Wednesday afternoon and reads her numbers.

What waits and for how long (the over-7-days ones flagged, with the way to
them), the reports of each week by kind, how fast her team acts, the numbers
reported most this week. Bình, a national inspector, also sees the provinces.
The clock is set to Wednesday 18/11/2026, 15:00 in Vietnam.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest

from reports import dashboard
from reports.models import Report
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/reports/dashboard/"
LIST = "/admin/reports/report/"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime.datetime(2026, 11, 18, 15, 0, tzinfo=VN)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def wednesday(monkeypatch):
    monkeypatch.setattr(dashboard, "_now", lambda: NOW)


@pytest.fixture
def ha(client):
    client.force_login(staff("ha", INSPECTORS, "dak-lak"))


def filed(at, status=Report.Status.NEW, first_action=None, closed=None, **fields):
    """A report filed `at`, in `status`, acted on `first_action` and closed `closed` after."""
    report = make_report(**fields)
    Report.objects.filter(pk=report.pk).update(
        created_at=at,
        status=status,
        first_action_at=at + first_action if first_action else None,
        closed_at=at + closed if closed else None,
    )
    return report


def page(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response


def test_the_backlog_by_state_and_age_flags_what_waited_over_seven_days(client, ha):
    S = Report.Status
    filed(NOW - 2 * HOUR)
    filed(NOW - 30 * HOUR)
    filed(NOW - 60 * HOUR, S.IN_REVIEW, first_action=3 * HOUR)
    filed(NOW - 5 * DAY, S.FORWARDED, first_action=HOUR)
    old_new = filed(NOW - 8 * DAY)
    old_review = filed(NOW - 20 * DAY, S.IN_REVIEW, first_action=10 * HOUR)
    filed(NOW - 10 * DAY, S.RESOLVED, first_action=2 * HOUR, closed=2 * DAY)  # not waiting
    filed(NOW - 4 * DAY, S.REJECTED, first_action=4 * HOUR, closed=4 * HOUR)

    response = page(client)
    backlog = response.context["backlog"]
    assert backlog["counts"] == {
        S.NEW: [1, 1, 0, 1],  # < 1 day, 1–3 days, 3–7 days, over 7 days
        S.IN_REVIEW: [0, 1, 0, 1],
        S.FORWARDED: [0, 0, 1, 0],
    }
    assert [(state["label"], state["count"]) for state in backlog["states"]] == [
        ("Mới tiếp nhận", 3),
        ("Đang xem xét", 2),
        ("Đã chuyển cơ quan chức năng", 1),
    ]
    assert backlog["total"] == 6 and backlog["overdue"] == 2

    html = response.content.decode()
    assert "6 phản ánh chưa xử lý xong" in html
    # Both are past their service level (new: 2 days, in review: 7; reports.service_levels).
    assert "Cần xử lý ngay:" in html and "2 phản ánh quá hạn đang chờ cán bộ xử lý." in html
    assert 'class="dashboard-overdue"' in html
    assert "chart-label-flagged" in html  # the column is marked in the chart too
    overdue = LIST + backlog["overdue_query"]
    assert f'href="{overdue.replace("&", "&amp;")}"' in html
    listing = client.get(overdue)
    assert set(listing.context["cl"].result_list) == {old_new, old_review}


def test_nothing_over_seven_days_is_said_plainly(client, ha):
    filed(NOW - 2 * DAY)
    html = page(client).content.decode()
    assert "Không có phản ánh nào quá hạn đang chờ cán bộ xử lý." in html
    assert "Cần xử lý ngay" not in html


def test_each_week_from_monday_in_vietnam_counts_its_reports_by_kind_and_empty_weeks_show_0(
    client, ha
):
    monday = datetime.datetime(2026, 11, 16, tzinfo=VN)  # this week's Monday
    filed(monday - datetime.timedelta(minutes=1), kind="S")  # Sunday 23:59: last week
    filed(monday, kind="V")  # Monday 00:00 in Vietnam (Sunday 17:00 UTC): this week
    filed(NOW, kind="LD")
    filed(NOW - HOUR, kind="LD")
    filed(monday - 10 * 7 * DAY + HOUR, kind="S")  # the second of the twelve weeks
    filed(monday - 11 * 7 * DAY - HOUR, kind="S")  # before the first: not counted

    weekly = page(client).context["weekly"]
    assert weekly["weeks"][0] == datetime.date(2026, 8, 31)
    assert weekly["weeks"][-1] == datetime.date(2026, 11, 16)
    counts = {row["kind"]: row["counts"] for row in weekly["kinds"]}
    assert counts == {
        "S": [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0],
        "V": [0] * 11 + [1],
        "LD": [0] * 11 + [2],
    }


def test_median_times_to_first_action_and_to_the_end_over_ninety_days(client, ha):
    S = Report.Status
    filed(NOW - 20 * DAY, S.IN_REVIEW, first_action=10 * HOUR)
    filed(NOW - 60 * HOUR, S.IN_REVIEW, first_action=3 * HOUR)
    filed(NOW - 5 * DAY, S.FORWARDED, first_action=HOUR)
    filed(NOW - 10 * DAY, S.RESOLVED, first_action=2 * HOUR, closed=2 * DAY)
    filed(NOW - 4 * DAY, S.REJECTED, first_action=4 * HOUR, closed=4 * HOUR)
    filed(NOW - 2 * HOUR)  # no action yet: not in either median
    # Acted on and closed 200 days ago: outside the ninety days.
    filed(NOW - 200 * DAY, S.RESOLVED, first_action=HOUR, closed=30 * DAY)

    response = page(client)
    medians = response.context["medians"]
    # 1 h, 2 h, 3 h, 4 h, 10 h: the middle one.
    assert medians["first_action"]["seconds"] == 3 * 3600
    assert medians["first_action"]["reports"] == 5
    # 4 h and 48 h: halfway between.
    assert medians["closed"]["seconds"] == 26 * 3600
    assert medians["closed"]["reports"] == 2
    html = response.content.decode()
    assert "<strong>3 giờ</strong>" in html
    assert "trên 5 phản ánh được xử lý lần đầu trong 90 ngày qua" in html
    assert "<strong>26 giờ</strong>" in html


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (None, "—"),
        (0, "0 phút"),
        (45 * 60, "45 phút"),
        (5 * 3600, "5 giờ"),
        (47 * 3600, "47 giờ"),
        (3.5 * 86400, "3,5 ngày"),
        (2 * 86400, "2,0 ngày"),
        (12.4 * 86400, "12 ngày"),
    ],
)
def test_waits_are_said_in_minutes_hours_or_days(seconds, said):
    assert dashboard.format_duration(seconds) == said


def test_no_action_yet_shows_a_dash_not_an_error(client, ha):
    filed(NOW - HOUR)
    medians = page(client).context["medians"]
    assert medians["first_action"] == {"seconds": None, "reports": 0, "text": "—"}


def test_the_sources_reported_most_this_week_open_their_reports_of_that_period(client, ha):
    since = datetime.datetime(2026, 11, 11, tzinfo=VN)  # midnight seven days back
    for hours in (1, 5, 30):
        filed(NOW - hours * HOUR, source="0912345678")
    filed(since, source="0912345678")  # the first moment of the period: counted
    filed(since - datetime.timedelta(minutes=1), source="0912345678")  # just before: not
    filed(NOW - 12 * DAY, source="0912345678")
    for hours in (2, 3):
        filed(NOW - hours * HOUR, source="0987654321")
    for n in range(10):
        filed(NOW - (n + 10) * HOUR, source=f"09000000{n:02d}")

    response = page(client)
    rows = response.context["top_sources"]["rows"]
    assert len(rows) == 10
    assert [(row["source"], row["reports"]) for row in rows[:3]] == [
        ("0912345678", 4),
        ("0987654321", 2),
        ("0900000000", 1),  # among the ones: most recent first
    ]
    query = (
        "?source__exact=0912345678"
        "&created_at__gte=2026-11-11+00%3A00%3A00%2B07%3A00"
        "&created_at__lt=2026-11-19+00%3A00%3A00%2B07%3A00"
    )
    assert rows[0]["query"] == query
    html = response.content.decode()
    assert f'href="{LIST}{query.replace("&", "&amp;")}">0912345678</a>' in html
    listing = client.get(LIST + query)
    assert listing.context["cl"].result_count == 4  # the same four reports, no more


def test_a_national_inspector_sees_open_and_total_reports_per_current_province(client):
    S = Report.Status
    filed(NOW - HOUR)
    filed(NOW - HOUR, chosen="phu-yen")  # Phú Yên is Đắk Lắk's since 2025
    filed(NOW - DAY, S.RESOLVED, first_action=HOUR, closed=HOUR)
    filed(NOW - HOUR, province="ha-noi")
    filed(NOW - DAY, S.REJECTED, first_action=HOUR, closed=HOUR, province="ha-noi")
    filed(NOW - HOUR, province=None)  # no province: national staff only

    client.force_login(staff("binh", NATIONAL_INSPECTORS))
    response = page(client)
    rows = [(row["name"], row["open"], row["total"]) for row in response.context["provinces"]]
    assert rows == [("Đắk Lắk", 2, 3), ("Hà Nội", 1, 2), (None, 1, 1)]
    html = response.content.decode()
    assert "Theo tỉnh, thành phố" in html
    assert f'<a href="{LIST}?province=dak-lak">Đắk Lắk</a>' in html
    assert "Chưa rõ tỉnh, thành phố" in html
    assert "Số liệu của mọi tỉnh, thành phố." in html


def test_an_inspector_has_no_province_table(client, ha):
    filed(NOW - HOUR)
    filed(NOW - HOUR, province="ha-noi")
    response = page(client)
    assert response.context["provinces"] is None
    html = response.content.decode()
    assert "Theo tỉnh, thành phố" not in html and "Hà Nội" not in html
    assert "Số liệu của các phản ánh bạn được xem: Đắk Lắk." in html
