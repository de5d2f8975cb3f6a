"""A reading that fails for a passing reason is tried again; a bug fails once, visibly.

Chị Hoa's scan is being read when the worker loses its database connection:
the reading goes back to waiting (her page says so, not "reading") and the
queue tries again 15 s later, which reads it. Another time the portal itself
breaks (a bug): her page says the reading failed, and administrators find
the job's traceback among the job runs. OCR is stood in for here (the text
the scan holds): these tests are about the job, test_scans_are_read_by_the_worker
reads real scans.
"""

import datetime

import pytest
import time_machine
from django.db import OperationalError
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from advisories import reading_jobs
from advisories.letter_files import Document
from advisories.models import Advisory
from advisories.readings import LetterReading
from tests.jobs import run_jobs

from .letter_samples import sample_letter
from .scans import DAK_LAK, dak_lak_scan_png, send_scan, the_reading

pytestmark = pytest.mark.django_db


@pytest.fixture
def read_without_ocr(monkeypatch):
    def read_scan(data, source, name, on_page):
        on_page(1, "…")
        return Document(sample_letter(**DAK_LAK), by_ocr=True)

    monkeypatch.setattr(reading_jobs, "read_scan", read_scan)


def test_a_lost_connection_is_tried_again_and_then_reads(
    as_user, dak_lak_publisher, django_capture_on_commit_callbacks, read_without_ocr, monkeypatch
):
    client = as_user(dak_lak_publisher)
    response = send_scan(
        client, django_capture_on_commit_callbacks, "ban-quet.png", dak_lak_scan_png()
    )
    import_for_staff = reading_jobs.import_for_staff

    def connection_lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(reading_jobs, "import_for_staff", connection_lost)
    run_jobs()
    assert the_reading().status == LetterReading.Status.QUEUED
    assert "Bản quét đang chờ máy đọc chữ" in client.get(response["Location"]).content.decode()
    runs = DBTaskResult.objects.order_by("enqueued_at")
    assert [run.status for run in runs] == [TaskResultStatus.FAILED, TaskResultStatus.READY]
    assert not Advisory.objects.exists()

    monkeypatch.setattr(reading_jobs, "import_for_staff", import_for_staff)
    with (
        time_machine.travel(timezone.now() + datetime.timedelta(seconds=16), tick=True),
        django_capture_on_commit_callbacks(execute=True),
    ):
        run_jobs()
    reading = the_reading()
    assert reading.status == LetterReading.Status.DONE
    assert reading.advisory == Advisory.objects.get()
    assert reading.advisory.read_by_ocr is True


def test_a_bug_fails_the_reading_and_the_job_for_administrators_to_see(
    as_user, dak_lak_publisher, django_capture_on_commit_callbacks, monkeypatch
):
    client = as_user(dak_lak_publisher)
    response = send_scan(
        client, django_capture_on_commit_callbacks, "ban-quet.png", dak_lak_scan_png()
    )

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(reading_jobs, "read_scan", broken)
    with django_capture_on_commit_callbacks(execute=True):
        run_jobs()

    reading = the_reading()
    assert reading.status == LetterReading.Status.FAILED
    page = client.get(response["Location"]).content.decode()
    assert "ban-quet.png: lỗi ngoài dự kiến của cổng khi đọc bản quét" in page
    run = DBTaskResult.objects.get()
    assert run.status == TaskResultStatus.FAILED  # not retried: tried again, it breaks again
    assert "ZeroDivisionError" in run.traceback
    assert reading.file.name == ""
