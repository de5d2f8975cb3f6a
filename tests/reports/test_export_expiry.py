"""Files are kept 7 days, then the worker's hourly clean-up removes them.

Lan's export of Monday is on her page, and on the disk, until the Monday
after; the first clean-up after that removes the file and the row. A
failed export goes the same way. An export whose worker was killed half-way
stops saying "Đang xuất" after an hour, and a file no export names (a
deletion that failed) goes after a day.
"""

import datetime
import os

import pytest
import time_machine
from django.utils import timezone

from portal.jobs import PERIODIC
from reports import export_jobs
from reports.models import Export
from reports.roles import INSPECTORS
from tests.jobs import run_jobs

from .conftest import make_report, staff
from .exports import EXPORTS, ask

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def lan(client):
    user = staff("lan", INSPECTORS, "ha-noi")
    client.force_login(user)
    return user


@pytest.fixture
def done(client, lan, django_capture_on_commit_callbacks):
    make_report(province="ha-noi")
    ask(client, select_across=True, capture=django_capture_on_commit_callbacks)
    run_jobs()
    export = Export.objects.get()
    assert export.status == Export.Status.DONE
    return export


def on_disk(settings, export):
    return (settings.MEDIA_ROOT / export.file.name).exists()


def test_the_clean_up_runs_every_hour():
    assert export_jobs.remove_expired_exports in PERIODIC


def test_a_file_stays_seven_days_then_goes_with_its_row(
    client, done, settings, django_capture_on_commit_callbacks
):
    assert done.expires_at == done.finished_at + 7 * DAY
    assert on_disk(settings, done)
    with time_machine.travel(done.finished_at + 7 * DAY - datetime.timedelta(minutes=5)):
        export_jobs.remove_expired_exports.call()
        assert Export.objects.filter(pk=done.pk).exists()
        assert on_disk(settings, done)
        client.force_login(done.requested_by)  # a staff session lasts 12 hours
        assert "Tải về" in client.get(EXPORTS).content.decode()
    later = done.finished_at + 7 * DAY + datetime.timedelta(minutes=5)
    # The file goes once the row's deletion commits.
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        export_jobs.remove_expired_exports.call()
    assert not Export.objects.filter(pk=done.pk).exists()
    assert not on_disk(settings, done)
    client.force_login(done.requested_by)
    page = client.get(EXPORTS)
    assert page.status_code == 200
    assert "Tải về" not in page.content.decode()


def test_a_failed_export_goes_after_seven_days_too(lan):
    failed = Export.objects.create(
        requested_by=lan,
        description="Mọi phản ánh trong phạm vi của bạn.",
        select_across=True,
        status=Export.Status.FAILED,
        failure="Tài khoản của bạn không còn quyền xem phản ánh.",
        finished_at=timezone.now(),
        expires_at=timezone.now() + 7 * DAY,
    )
    with time_machine.travel(timezone.now() + 8 * DAY):
        export_jobs.remove_expired_exports.call()
    assert not Export.objects.filter(pk=failed.pk).exists()


def test_an_export_whose_worker_died_is_failed_after_an_hour(client, lan, settings):
    stalled = Export.objects.create(
        requested_by=lan,
        description="Mọi phản ánh trong phạm vi của bạn.",
        select_across=True,
        status=Export.Status.RUNNING,
        rows_total=100_000,
        rows_done=40_000,
        file="exports/half-written.csv",
    )
    half = settings.MEDIA_ROOT / "exports" / "half-written.csv"
    half.parent.mkdir(parents=True, exist_ok=True)
    half.write_text("Mã biên nhận,…\n")
    export_jobs.remove_expired_exports.call()
    stalled.refresh_from_db()
    assert stalled.status == Export.Status.RUNNING  # it may just be busy
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=61)):
        export_jobs.remove_expired_exports.call()
    stalled.refresh_from_db()
    assert stalled.status == Export.Status.FAILED
    assert "bị gián đoạn" in stalled.failure
    assert not half.exists()
    assert "bị gián đoạn" in client.get(EXPORTS).content.decode()


def test_a_file_no_export_names_goes_after_a_day(done, settings):
    leftover = settings.MEDIA_ROOT / "exports" / "bo-quen.csv"
    leftover.write_text("Mã biên nhận\n")
    now = timezone.now().timestamp()  # the suite's clock: the disk's is the machine's
    os.utime(leftover, (now, now))
    export_jobs.remove_expired_exports.call()
    assert leftover.exists()  # may be one being saved right now
    with time_machine.travel(timezone.now() + DAY + datetime.timedelta(minutes=1)):
        export_jobs.remove_expired_exports.call()
    assert not leftover.exists()
    assert on_disk(settings, done)  # Lan's file is hers for 6 more days
