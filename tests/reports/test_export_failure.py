"""An export that fails leaves no trace in the reports' history, and its page says why.

Anh Bảo, an inspector of Đồng Nai, exports his province's reports. Whether
the job breaks half-way through the rows, the disk refuses the file or the
object store is briefly away, no report's history says it was exported
unless the file is complete, and no half-written file stays behind.
"""

import datetime

import pytest
import time_machine
from django.core.files.storage import FileSystemStorage
from django.utils import timezone

from reports import export as csv_export
from reports.models import Export, ReportEvent
from reports.roles import INSPECTORS
from tests.jobs import run_jobs

from .conftest import make_report, staff
from .exports import EXPORTS, ask, download

pytestmark = pytest.mark.django_db


@pytest.fixture
def bao(client):
    user = staff("bao", INSPECTORS, "dong-nai")
    client.force_login(user)
    return user


@pytest.fixture
def reports(db):
    return [make_report(province="dong-nai", source=f"091234567{i}") for i in range(5)]


@pytest.fixture
def asked(client, bao, reports, django_capture_on_commit_callbacks):
    ask(client, select_across=True, capture=django_capture_on_commit_callbacks)
    return Export.objects.get()


def exported_lines():
    return ReportEvent.objects.filter(kind=ReportEvent.Kind.EXPORT).count()


def stored_files(settings):
    folder = settings.MEDIA_ROOT / "exports"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_job_that_breaks_half_way_writes_no_history_line_and_says_why(
    client, asked, monkeypatch, settings
):
    written = {"rows": 0}
    real_row = csv_export._row

    def breaks_on_the_third(*args):
        written["rows"] += 1
        if written["rows"] == 3:
            raise RuntimeError("a bug in the third row")
        return real_row(*args)

    monkeypatch.setattr(csv_export, "_row", breaks_on_the_third)
    run_jobs()

    asked.refresh_from_db()
    assert asked.status == Export.Status.FAILED
    assert exported_lines() == 0
    assert stored_files(settings) == []
    assert asked.file.name == ""
    page = client.get(EXPORTS).content.decode()
    assert "Không xuất được" in page
    assert "Có lỗi khi viết tệp" in page
    assert f"{EXPORTS}{asked.pk}/download/" not in page
    assert client.get(f"{EXPORTS}{asked.pk}/download/").status_code == 404


def test_a_disk_that_refuses_the_file_leaves_no_half_file_and_no_history_line(
    client, asked, monkeypatch, settings
):
    real_save = FileSystemStorage._save

    def half_then_full(self, name, content):
        real_save(self, name, content)  # the file is there...
        raise OSError(28, "No space left on device")  # ...but the disk filled up

    monkeypatch.setattr(FileSystemStorage, "_save", half_then_full)
    run_jobs()

    asked.refresh_from_db()
    assert asked.status == Export.Status.FAILED
    assert exported_lines() == 0
    assert stored_files(settings) == []
    assert "Có lỗi khi viết tệp" in client.get(EXPORTS).content.decode()


def test_history_lines_written_in_the_same_transaction_as_done_or_not_at_all(
    client, asked, monkeypatch, settings
):
    def cannot_mark_done(*args, **kwargs):
        raise RuntimeError("the last step failed")

    # The history lines are written, then marking done fails: both roll back.
    real_record = csv_export.record

    def record_then_fail(rows, by, count):
        real_record(rows, by, count)
        assert exported_lines() == count
        cannot_mark_done()

    monkeypatch.setattr(csv_export, "record", record_then_fail)
    run_jobs()
    asked.refresh_from_db()
    assert asked.status == Export.Status.FAILED
    assert exported_lines() == 0
    assert stored_files(settings) == []


def test_object_storage_briefly_away_is_tried_again_and_then_works(
    client, asked, monkeypatch, settings
):
    real_save = FileSystemStorage._save
    away = {"times": 1}

    def away_once(self, name, content):
        if away["times"]:
            away["times"] -= 1
            raise ConnectionError("the object store did not answer")
        return real_save(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", away_once)
    run_jobs()
    asked.refresh_from_db()
    assert asked.status == Export.Status.QUEUED  # waiting for its next try
    assert exported_lines() == 0
    assert "Đang chờ" in client.get(EXPORTS).content.decode()

    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=20), tick=True):
        run_jobs()
    asked.refresh_from_db()
    assert asked.status == Export.Status.DONE
    assert asked.attempts == 2
    assert exported_lines() == 5
    assert len(download(client, asked)) == 1 + 5


def test_storage_away_for_every_try_fails_with_why(client, asked, monkeypatch, settings):
    def always_away(self, name, content):
        raise ConnectionError("the object store did not answer")

    monkeypatch.setattr(FileSystemStorage, "_save", always_away)
    for minutes in range(0, 30, 3):
        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes)):
            run_jobs()
    asked.refresh_from_db()
    assert asked.status == Export.Status.FAILED
    assert asked.attempts == 5
    assert exported_lines() == 0
    assert "đã thử 5 lần" in client.get(EXPORTS).content.decode()
