"""Inspector Bảo of Đồng Nai looks for the numbers his citizens report again and again."""

import datetime

import pytest
from django.utils import timezone

from advisories.roles import PUBLISHERS
from reports.models import Report
from reports.roles import INSPECTORS

from .conftest import staff

pytestmark = pytest.mark.django_db

REPEATS = "/admin/reports/report/repeat-numbers/"


def file(client, source, province, days_ago=0):
    response = client.post(
        "/report/", {"kind": "LD", "source": source, "content": "Mạo danh", "province": province}
    )
    report = Report.objects.get(code=response["Location"].split("/")[2])
    if days_ago:
        then = timezone.now() - datetime.timedelta(days=days_ago)
        Report.objects.filter(pk=report.pk).update(created_at=then)
    return report


@pytest.fixture
def reports(client):
    for province in ("Bình Phước", "Đồng Nai", "Đồng Nai"):  # one family since 2025
        file(client, "0912345678", province)
    file(client, "0987654321", "Đồng Nai")  # reported once: not a repeat
    file(client, "0987654321", "Hà Nội")  # the second report is out of Bảo's scope
    file(client, "0900000001", "Đồng Nai", days_ago=60)
    file(client, "0900000001", "Đồng Nai", days_ago=61)


def test_the_repeat_numbers_of_his_provinces_most_reported_first(client, reports):
    client.force_login(staff("bao", INSPECTORS, "dong-nai"))
    response = client.get(REPEATS)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(row["source"], row["reports"]) for row in rows] == [("0912345678", 3)]
    assert rows[0]["provinces"] == 1  # Bình Phước's reports are Đồng Nai's now

    everything = client.get(REPEATS, {"days": "all"}).context["rows"]
    assert [(row["source"], row["reports"]) for row in everything] == [
        ("0912345678", 3),
        ("0900000001", 2),
    ]


def test_each_number_opens_its_reports(client, reports):
    client.force_login(staff("bao", INSPECTORS, "dong-nai"))
    html = client.get(REPEATS).content.decode()
    assert 'href="/admin/reports/report/?source__exact=0912345678"' in html
    listing = client.get("/admin/reports/report/", {"source__exact": "0912345678"})
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 3
    changelist = client.get("/admin/reports/report/").content.decode()
    assert 'href="/admin/reports/report/repeat-numbers/"' in changelist


def test_an_odd_period_falls_back_to_thirty_days(client, reports):
    client.force_login(staff("bao", INSPECTORS, "dong-nai"))
    response = client.get(REPEATS, {"days": "<script>"})
    assert response.status_code == 200
    assert response.context["period"] == "30"


def test_staff_without_reports_rights_are_refused(client, reports):
    client.force_login(staff("bien-tap", PUBLISHERS))
    assert client.get(REPEATS).status_code == 403


def test_the_screen_runs_a_bounded_number_of_queries(
    client, reports, django_assert_max_num_queries
):
    client.force_login(staff("bao", INSPECTORS, "dong-nai"))
    with django_assert_max_num_queries(8):
        client.get(REPEATS, {"days": "all"})
