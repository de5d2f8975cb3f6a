"""Ops engineer Hùng runs `clean_evidence` from cron: files no report points to are removed.

A file left behind (its deletion failed when its report went) is found and
removed; a file an upload saved a moment ago, whose report is not committed
yet, is left alone; `--dry-run` only lists.
"""

import datetime
import os
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import CommandError, call_command
from django.utils import timezone

from reports.models import Evidence, Report

from .media import png, upload

pytestmark = pytest.mark.django_db


def clean(*args):
    out = StringIO()
    call_command("clean_evidence", *args, stdout=out)
    return out.getvalue()


def leftover(name, minutes_ago):
    """A file in the evidence folder that no row points to, saved `minutes_ago`."""
    saved = default_storage.save(f"evidence/{name}", ContentFile(b"left behind"))
    when = (timezone.now() - datetime.timedelta(minutes=minutes_ago)).timestamp()
    os.utime(default_storage.path(saved), (when, when))
    return saved


@pytest.fixture
def stored(client, report_data):
    """A report's screenshot, stored long ago: it must survive every run."""
    response = client.post("/report/", {**report_data, "evidence": [upload("a.png", png())]})
    assert response.status_code == 302
    name = Evidence.objects.get().file.name
    os.utime(default_storage.path(name), (0, 0))  # 1970
    return name


def test_an_orphan_older_than_an_hour_is_removed_and_reported_in_vietnamese(stored):
    old = leftover("a1b2c3.jpg", minutes_ago=120)
    out = clean()
    assert old in out
    assert "Tìm thấy 1 tệp trong evidence/ không thuộc phản ánh nào" in out
    assert "đã xóa 1 tệp" in out
    assert not default_storage.exists(old)
    assert default_storage.exists(stored)


def test_a_file_an_upload_just_saved_is_left_alone(stored):
    # Its report is still being written: its row is not committed yet.
    fresh = leftover("d4e5f6.mp3", minutes_ago=1)
    out = clean()
    assert "Tìm thấy 0 tệp" in out
    assert default_storage.exists(fresh)
    assert fresh in clean("--older-than", "0")
    assert not default_storage.exists(fresh)


def test_the_grace_period_is_an_option(stored):
    name = leftover("0a0b0c.png", minutes_ago=30)
    clean("--older-than", "45")
    assert default_storage.exists(name)
    clean("--older-than", "15")
    assert not default_storage.exists(name)


def test_dry_run_lists_and_removes_nothing(stored):
    names = [leftover("111.jpg", 120), leftover("sub/222.ogg", 120)]
    out = clean("--dry-run")
    assert all(name in out for name in names)
    assert stored not in out
    assert "Tìm thấy 2 tệp" in out and "không xóa tệp nào" in out
    assert all(default_storage.exists(name) for name in names)


def test_nothing_ever_uploaded_is_not_an_error():
    assert "Tìm thấy 0 tệp" in clean()


def test_a_negative_grace_period_is_refused():
    with pytest.raises(CommandError, match="không âm"):
        clean("--older-than", "-5")


def test_a_file_that_cannot_be_removed_is_counted_and_named(stored, monkeypatch):
    old = leftover("333.jpg", 120)

    def refuse(self, name):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(FileSystemStorage, "delete", refuse)
    out = clean()
    assert "Tìm thấy 1 tệp" in out and "đã xóa 0 tệp" in out
    assert "1 tệp không xóa được" in out
    assert default_storage.exists(old)


def test_it_goes_through_the_storage_api_not_the_file_system(settings):
    # Evidence may move to an object store: only listdir, get_modified_time and delete.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    kept = Evidence._meta.get_field("file").storage.save("evidence/kept.png", ContentFile(b"x"))
    gone = default_storage.save("evidence/gone.png", ContentFile(b"x"))
    nested = default_storage.save("evidence/2026/11/gone.wav", ContentFile(b"x"))
    report = Report.objects.create(
        kind="LD", source="0912345678", content="alo", occurred_at=timezone.now()
    )
    Evidence.objects.create(
        report=report, file=kept, type="image", content_type="image/png", extension="png", size=1
    )
    out = clean("--older-than", "0")
    assert "Tìm thấy 2 tệp" in out and "đã xóa 2 tệp" in out
    assert default_storage.exists(kept)
    assert not default_storage.exists(gone) and not default_storage.exists(nested)
