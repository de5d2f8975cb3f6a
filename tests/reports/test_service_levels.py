"""Inspector Hà of Đắk Lắk sees which reports have waited too long in their state.

A new report may wait 2 days for someone to look at it, one in review 7 days,
one forwarded to the police 30 days for their answer (REPORT_DAYS_NEW,
REPORT_DAYS_IN_REVIEW, REPORT_DAYS_FORWARDED), counted from when it entered its
state, else from its filing. The list flags them "Quá hạn" and filters them;
the dashboard counts them, and "Cần xử lý ngay" only what waits on the
inspectors, not what waits on the police. The clock is the suite's: Wednesday
18/11/2026, 15:00 in Vietnam (tests/conftest.py), held still here.
"""

import datetime

import pytest
import time_machine
from django.db.models import Q

from reports import dashboard, service_levels
from reports.models import Report
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS

from ..conftest import NOW
from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

S = Report.Status
LIST = "/admin/reports/report/"
DASHBOARD = "/admin/reports/dashboard/"
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def still_clock(monkeypatch):
    with time_machine.travel(NOW, tick=False):
        monkeypatch.setattr(dashboard, "_now", lambda: NOW)
        yield


@pytest.fixture
def ha(client):
    user = staff("ha", INSPECTORS, "dak-lak")
    client.force_login(user)
    return user


def report_in(status, filed_ago, changed_ago=None, **fields):
    report = make_report(**fields)
    Report.objects.filter(pk=report.pk).update(
        status=status,
        created_at=NOW - filed_ago,
        status_changed_at=NOW - changed_ago if changed_ago is not None else None,
        closed_at=NOW - (changed_ago or HOUR) if status in (S.RESOLVED, S.REJECTED) else None,
    )
    return Report.objects.get(pk=report.pk)


@pytest.fixture
def desk():
    """Each state on both sides of its service level."""
    return {
        "new_fresh": report_in(S.NEW, 2 * DAY - HOUR),
        "new_late": report_in(S.NEW, 2 * DAY + HOUR),
        # Filed long ago, but in review only since yesterday: its 7 days run from then.
        "review_fresh": report_in(S.IN_REVIEW, 40 * DAY, changed_ago=DAY),
        "review_late": report_in(S.IN_REVIEW, 9 * DAY, changed_ago=8 * DAY),
        "forwarded_fresh": report_in(S.FORWARDED, 29 * DAY, changed_ago=29 * DAY),
        "forwarded_late": report_in(S.FORWARDED, 40 * DAY, changed_ago=31 * DAY),
        "resolved_old": report_in(S.RESOLVED, 363 * DAY, changed_ago=300 * DAY),
        "rejected_old": report_in(S.REJECTED, 100 * DAY, changed_ago=90 * DAY),
    }


LATE = {"new_late", "review_late", "forwarded_late"}


def test_the_rule_in_python_and_in_the_database_agree(desk):
    overdue = {name for name, report in desk.items() if service_levels.is_overdue(report, NOW)}
    assert overdue == LATE
    in_db = set(Report.objects.filter(service_levels.overdue_q(NOW)))
    assert in_db == {desk[name] for name in LATE}
    assert set(Report.objects.exclude(service_levels.overdue_q(NOW))) == {
        report for name, report in desk.items() if name not in LATE
    }
    assert isinstance(service_levels.overdue_q(NOW), Q)


def test_the_service_levels_come_from_settings(desk, settings):
    settings.REPORT_DAYS_NEW = 3  # the late new report, 2 days and an hour old, is in time now
    settings.REPORT_DAYS_FORWARDED = 20  # and the police have had 29 days: too long
    assert not service_levels.is_overdue(desk["new_late"], NOW)
    assert service_levels.is_overdue(desk["forwarded_fresh"], NOW)
    assert set(Report.objects.filter(service_levels.overdue_q(NOW))) == {
        desk["review_late"],
        desk["forwarded_fresh"],
        desk["forwarded_late"],
    }


def test_a_service_level_of_nothing_stops_the_start_up(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from portal.settings import envcount

    monkeypatch.setenv("REPORT_DAYS_NEW", "0")
    with pytest.raises(ImproperlyConfigured, match="REPORT_DAYS_NEW"):
        envcount("REPORT_DAYS_NEW", 2)
    monkeypatch.setenv("REPORT_DAYS_NEW", "two")
    with pytest.raises(ImproperlyConfigured, match="REPORT_DAYS_NEW"):
        envcount("REPORT_DAYS_NEW", 2)


def row_of(html, report):
    return html.split(f">{report.case_number}</a>")[1].split("</tr>")[0]


def test_the_list_flags_overdue_reports_and_filters_them(client, ha, desk):
    html = client.get(LIST).content.decode()
    for name, report in desk.items():
        flagged = 'class="report-overdue"' in row_of(html, report)
        assert flagged == (name in LATE), name
    assert "Quá hạn: ở trạng thái này quá 2 ngày" in row_of(html, desk["new_late"])

    listing = client.get(LIST, {"overdue": "yes"})
    assert set(listing.context["cl"].result_list) == {desk[name] for name in LATE}
    listing = client.get(LIST, {"overdue": "no"})
    assert set(listing.context["cl"].result_list) == {
        report for name, report in desk.items() if name not in LATE
    }
    assert 'href="?overdue=yes"' in listing.content.decode()  # the filter's own choice


def test_the_dashboard_counts_overdue_and_keeps_what_waits_on_the_police_apart(client, ha, desk):
    response = client.get(DASHBOARD)
    backlog = response.context["backlog"]
    inspectors, others = backlog["waiting"]
    assert (inspectors["count"], inspectors["overdue"]) == (4, 2)
    assert (others["count"], others["overdue"]) == (2, 1)
    assert [(state["status"], state["overdue"]) for state in backlog["states"]] == [
        (S.NEW, 1),
        (S.IN_REVIEW, 1),
        (S.FORWARDED, 1),
    ]
    # "Cần xử lý ngay": the new and in-review ones only, not the forwarded one.
    assert backlog["overdue"] == 2
    html = response.content.decode()
    assert "Cần xử lý ngay:" in html
    assert "2 phản ánh quá hạn đang chờ cán bộ xử lý." in html
    assert "Chờ cán bộ xử lý: 4" in html and "Chờ cơ quan khác trả lời: 2" in html
    listing = client.get(LIST + backlog["overdue_query"])
    assert set(listing.context["cl"].result_list) == {desk["new_late"], desk["review_late"]}
    listing = client.get(LIST + others["overdue_query"])
    assert list(listing.context["cl"].result_list) == [desk["forwarded_late"]]


def test_only_forwarded_reports_overdue_need_nothing_of_the_inspector_now(client, ha):
    report_in(S.FORWARDED, 60 * DAY, changed_ago=45 * DAY)
    response = client.get(DASHBOARD)
    assert response.context["backlog"]["overdue"] == 0
    html = response.content.decode()
    assert "Cần xử lý ngay" not in html
    assert "Không có phản ánh nào quá hạn đang chờ cán bộ xử lý." in html
    assert "Chờ cơ quan khác trả lời: 1" in html and "1 quá hạn" in html


def test_the_national_table_has_an_overdue_column(client, desk):
    report_in(S.NEW, 5 * DAY, province="ha-noi")
    report_in(S.NEW, HOUR, province="ha-noi")
    client.force_login(staff("binh", NATIONAL_INSPECTORS))
    response = client.get(DASHBOARD)
    rows = {row["name"]: (row["open"], row["overdue"]) for row in response.context["provinces"]}
    assert rows == {"Đắk Lắk": (6, 3), "Hà Nội": (2, 1)}
    html = response.content.decode()
    assert '<th scope="col">Quá hạn</th>' in html
    hanoi = next(row for row in response.context["provinces"] if row["name"] == "Hà Nội")
    assert f'href="{LIST}{hanoi["overdue_query"]}"'.replace("&", "&amp;") in html
    assert client.get(LIST + hanoi["overdue_query"]).context["cl"].result_count == 1
