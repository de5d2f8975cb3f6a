"""Administrator Quân deletes reports; their screenshots and recordings go with them.

However an Evidence row disappears, its file is deleted once that is
committed: a file left on disk is personal data no later erasure can reach.
"""

import logging
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import transaction

from advisories.roles import ADMINISTRATORS
from reports.filing import erase_on_request
from reports.models import Evidence, Report

from .conftest import staff
from .media import fixture, png, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def file_report(client, report_data):
    """File a report with a screenshot and a recording; returns (report, paths of its files)."""

    def make(source="0912345678"):
        files = [upload("anh.png", png()), upload("ghi-am.mp3", fixture("recording-id3.mp3"))]
        response = client.post("/report/", {**report_data, "source": source, "evidence": files})
        assert response.status_code == 302
        report = Report.objects.get(code=response["Location"].split("/")[2])
        paths = [Path(evidence.file.path) for evidence in report.evidence.all()]
        assert len(paths) == 2 and all(path.exists() for path in paths)
        return report, paths

    return make


@pytest.fixture
def quan(client):
    client.force_login(staff("quan", ADMINISTRATORS))


def test_deleting_a_report_in_admin_deletes_its_files(
    client, quan, file_report, django_capture_on_commit_callbacks
):
    report, paths = file_report()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/reports/report/{report.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Report.objects.exists() and not Evidence.objects.exists()
    assert not any(path.exists() for path in paths)


def test_the_bulk_delete_action_deletes_every_report_s_files(
    client, quan, file_report, django_capture_on_commit_callbacks
):
    first, first_paths = file_report()
    second, second_paths = file_report("0987654321")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/reports/report/",
            {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert not Report.objects.exists()
    assert not any(path.exists() for path in first_paths + second_paths)


@pytest.mark.parametrize(
    "delete",
    [
        lambda report: Report.objects.filter(pk=report.pk).delete(),  # a data fix in the shell
        lambda report: report.delete(),  # the rows of Evidence go by cascade
        lambda report: Evidence.objects.filter(report=report).delete(),
        lambda report: report.evidence.first().delete(),
    ],
    ids=["report queryset", "report", "evidence queryset", "one evidence"],
)
def test_every_way_a_row_goes_takes_its_file(
    file_report, django_capture_on_commit_callbacks, delete
):
    report, paths = file_report()
    with django_capture_on_commit_callbacks(execute=True):
        delete(report)
    remaining = {Path(e.file.path) for e in Evidence.objects.all()}
    assert {path for path in paths if path.exists()} == remaining


def test_files_stay_until_the_deletion_is_committed(
    file_report, django_capture_on_commit_callbacks
):
    report, paths = file_report()
    with django_capture_on_commit_callbacks() as callbacks:
        report.delete()
        assert all(path.exists() for path in paths)  # the transaction could still roll back
    assert callbacks
    for callback in callbacks:
        callback()
    assert not any(path.exists() for path in paths)


def test_a_rolled_back_deletion_leaves_rows_and_files_in_place(
    file_report, django_capture_on_commit_callbacks
):
    report, paths = file_report()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        Report.objects.filter(pk=report.pk).delete()
        raise RuntimeError("the deletion fails half-way")
    assert callbacks == []
    assert report.evidence.count() == 2
    assert all(path.exists() for path in paths)


def test_erasure_on_request_deletes_the_files_the_same_way(
    file_report, django_capture_on_commit_callbacks
):
    report, paths = file_report()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert erase_on_request(report) == 2
    assert len(callbacks) == 2  # one per row, from the one place every deletion goes through
    assert not any(path.exists() for path in paths)


def test_a_file_that_cannot_be_deleted_is_logged_by_name_never_a_500(
    client, quan, file_report, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    report, paths = file_report()
    names = sorted(evidence.file.name for evidence in report.evidence.all())

    def refuse(storage, name):
        raise PermissionError(13, "Permission denied", str(storage.path(name)))

    monkeypatch.setattr(FileSystemStorage, "delete", refuse)
    with (
        caplog.at_level(logging.ERROR, logger="reports.models"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(f"/admin/reports/report/{report.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Report.objects.exists()
    logged = [record for record in caplog.records if record.name == "reports.models"]
    assert sorted(name for record in logged for name in names if name in record.getMessage()) == (
        names
    )
    for record in logged:
        assert record.exc_info is None  # the name, not a traceback
        assert str(paths[0].parent) not in record.getMessage()
