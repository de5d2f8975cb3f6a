"""Hà marks a duplicate without copying its original's code from another tab.

Beside "Số hồ sơ của phản ánh gốc" the page lists up to ten reports of the
same source and province in her scope (never the report itself, nor a
duplicate), newest first, with case number, date and state, each a radio to
pick; the typed case number or receipt code still works, without JavaScript.
"""

import datetime

import pytest
from django.utils import timezone

from reports.models import Report
from reports.roles import INSPECTORS

from .conftest import make_report, staff, triage_page

pytestmark = pytest.mark.django_db

S = Report.Status
SOURCE = "0912345678"


@pytest.fixture
def ha(client):
    user = staff("ha", INSPECTORS, "dak-lak")
    client.force_login(user)
    return user


def filed(hours_ago, **fields):
    report = make_report(source=SOURCE, **fields)
    at = timezone.now() - datetime.timedelta(hours=hours_ago)
    Report.objects.filter(pk=report.pk).update(created_at=at)
    report.refresh_from_db()
    return report


def offered(response):
    return response.context["adminform"].form.original_candidates


def test_the_candidates_are_the_same_number_and_province_newest_first(client, ha):
    older = filed(30, status=S.FORWARDED)
    newer = filed(5)
    duplicate = filed(4, status=S.REJECTED, reject_reason="duplicate")
    Report.objects.filter(pk=duplicate.pk).update(duplicate_of=older)
    filed(3, province="ha-noi")  # not Hà's, and another province
    make_report(source="0987654321")  # another number
    report = filed(1)
    response = client.get(f"/admin/reports/report/{report.pk}/change/")
    assert offered(response) == [newer, older]
    html = response.content.decode()
    assert f'name="original_pick" value="{newer.pk}"' in html
    local = timezone.localtime(older.created_at).strftime("%d/%m/%Y %H:%M")
    assert f"{older.case_number} · {local} · Đã chuyển cơ quan chức năng" in html


def test_at_most_ten_are_offered(client, ha):
    for hours in range(12, 0, -1):
        filed(hours + 1)
    report = filed(0)
    assert len(offered(client.get(f"/admin/reports/report/{report.pk}/change/"))) == 10


def post(client, report, **fields):
    data = {
        "step": "reject",
        "target": "",
        "reason": "duplicate",
        "original": "",
        "template": "",
        "reply": "",
        "note": "",
        "assignee": "",
        **triage_page(client, report),
        **fields,
    }
    return client.post(f"/admin/reports/report/{report.pk}/change/", data)


def test_picking_a_candidate_marks_the_duplicate(client, ha):
    original = filed(5)
    report = filed(1)
    assert post(client, report, original_pick=original.pk).status_code == 302
    report.refresh_from_db()
    assert (report.status, report.duplicate_of) == (S.REJECTED, original)


def test_the_typed_case_number_still_works_and_wins(client, ha):
    offered_one, typed = filed(5), filed(6)
    report = filed(1)
    response = post(client, report, original=typed.case_number, original_pick=offered_one.pk)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.duplicate_of == typed


def test_a_report_not_offered_cannot_be_picked(client, ha):
    elsewhere = make_report(province="ha-noi", source=SOURCE)
    report = filed(1)
    response = post(client, report, original_pick=elsewhere.pk)
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.status == S.NEW


def test_a_closed_report_offers_none_and_the_page_stays_bounded(
    client, ha, django_assert_max_num_queries
):
    filed(5)
    closed = filed(1, status=S.RESOLVED)
    assert offered(client.get(f"/admin/reports/report/{closed.pk}/change/")) == []
    report = filed(2)
    client.get(f"/admin/reports/report/{report.pk}/change/")
    with django_assert_max_num_queries(32):
        client.get(f"/admin/reports/report/{report.pk}/change/")
