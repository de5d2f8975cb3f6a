"""A queued bulk step that fails half-way says exactly what it did and did not do.

Toàn, a national inspector, reviews a whole list of twelve reports, five a
chunk (REPORT_BULK_IN_REQUEST_MAX is 5 here). The second chunk fails after
its reports were updated but before their history was written: that chunk
is rolled back whole (no report changed without its history line), the
first stays done, and the page says how many were done, skipped and not done.
A passing failure (the database away a moment) is tried again later and
goes on after the last chunk that was committed.
"""

import datetime

import pytest
import time_machine
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reports import bulk_jobs, triage_bulk
from reports.models import BulkStep, Report, ReportEvent
from reports.roles import NATIONAL_INSPECTORS
from tests.jobs import run_jobs

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

LIST = "/admin/reports/report/"
PAGE = "/admin/reports/bulk-steps/"
S = Report.Status


@pytest.fixture(autouse=True)
def small_chunks(settings, monkeypatch):
    settings.REPORT_BULK_IN_REQUEST_MAX = 5
    monkeypatch.setattr(bulk_jobs, "CHUNK", 5)


@pytest.fixture
def toan(client):
    user = staff("toan", NATIONAL_INSPECTORS)
    client.force_login(user)
    return user


def failing_history(monkeypatch, error, calls=2):
    """The history of the `calls`-th chunk raises `error`, after its reports were updated."""
    real = triage_bulk._history
    seen = {"calls": 0}

    def history(*args, **kwargs):
        seen["calls"] += 1
        if seen["calls"] == calls:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(triage_bulk, "_history", history)


def queue_review(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            LIST, {"action": "review", "select_across": "1", "_selected_action": ["0"]}
        )
    assert response.status_code == 302


def each_report_wholly_or_not_at_all():
    for report in Report.objects.all():
        stepped = report.events.filter(kind="step").count()
        assert stepped == (1 if report.status == S.IN_REVIEW and report.first_action_at else 0)


def test_a_failure_after_the_first_chunk_leaves_an_exact_summary(
    client, toan, monkeypatch, django_capture_on_commit_callbacks
):
    reports = [make_report() for _ in range(11)] + [make_report(status=S.FORWARDED)]
    queue_review(client, django_capture_on_commit_callbacks)
    failing_history(monkeypatch, RuntimeError("disk full"))

    run_jobs()

    step = BulkStep.objects.get()
    assert step.status == "failed" and step.total == 12
    assert (step.done, step.skipped) == (5, {})  # the first five, ids in order
    first_five = sorted(r.pk for r in reports)[:5]
    assert sorted(Report.objects.filter(status=S.IN_REVIEW).values_list("pk", flat=True)) == (
        first_five
    )
    assert Report.objects.filter(status=S.NEW).count() == 6  # the failed chunk: untouched
    each_report_wholly_or_not_at_all()
    html = client.get(PAGE).content.decode()
    assert (
        "Đã chuyển 5 phản ánh sang “Đang xem xét”. Chưa làm 7 phản ánh vì lỗi: lỗi hệ thống "
        "(RuntimeError); quản trị viên xem chi tiết trong hàng đợi công việc."
    ) in html
    assert "Dừng vì lỗi" in html
    assert DBTaskResult.objects.get().status == "FAILED"  # administrators see the traceback


def test_a_passing_failure_goes_on_from_the_last_committed_chunk(
    client, toan, monkeypatch, django_capture_on_commit_callbacks
):
    for status in [S.NEW] * 9 + [S.RESOLVED] * 3:
        make_report(status=status)
    queue_review(client, django_capture_on_commit_callbacks)
    failing_history(monkeypatch, OperationalError("database is locked"))

    run_jobs()
    step = BulkStep.objects.get()
    assert (step.status, step.done) == ("queued", 5)
    html = client.get(PAGE).content.decode()
    assert "Đã chuyển 5 phản ánh sang “Đang xem xét”." in html
    assert "Tạm dừng vì mất kết nối tạm thời (OperationalError); máy chủ sẽ chạy tiếp." in html
    each_report_wholly_or_not_at_all()

    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=16), tick=True):
        run_jobs()  # the retry, 15 s later
    step.refresh_from_db()
    assert (step.status, step.done, step.skipped, step.tries) == (
        "done",
        9,
        {"state:resolved": 3},
        2,
    )
    assert ReportEvent.objects.filter(kind="step").count() == 9  # none twice
    each_report_wholly_or_not_at_all()
    html = client.get(PAGE).content.decode()
    assert (
        "Đã chuyển 9 phản ánh sang “Đang xem xét”. Bỏ qua 3 phản ánh: "
        "3 đang ở trạng thái “Đã xử lý xong”."
    ) in html
