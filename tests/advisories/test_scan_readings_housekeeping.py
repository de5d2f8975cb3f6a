"""A reading whose worker died stops waiting; old readings are forgotten with their scans.

Chị Hoa's scan was being read when its worker was killed (the machine
restarted). Her page does not refresh forever: once no page has been done
for twice the per-page bound and a minute, it says the reader stopped and
asks her to send the file again; the housekeeping (tidy_letter_readings,
every 6 hours while a worker runs) records that and deletes the scan. A
retry of the job arriving after that leaves the reading as it is. Readings
finished 30 days ago leave her list, and the database.
"""

import datetime

import pytest
import time_machine
from django.utils import timezone

from advisories import reading_jobs
from advisories.readings import READINGS_DIR, LetterReading
from portal.jobs import PERIODIC
from tests.jobs import run_jobs

from .scans import IMPORT, dak_lak_scan_png, send_scan, the_reading

pytestmark = pytest.mark.django_db


@pytest.fixture
def killed_mid_way(as_user, dak_lak_publisher, django_capture_on_commit_callbacks, settings):
    """Hoa's scan, left "reading" at page 1 of 3 by a worker that died, 5 minutes ago."""
    settings.LETTER_OCR_PAGE_SECONDS = 120  # stalled after 2 × 120 s + 60 s
    send_scan(
        as_user(dak_lak_publisher), django_capture_on_commit_callbacks, "ba.png", dak_lak_scan_png()
    )
    reading = the_reading()
    LetterReading.objects.filter(pk=reading.pk).update(
        status=LetterReading.Status.READING,
        pages_read=1,
        pages_total=3,
        text="Số: 15/STTTT-TTra",
        updated_at=timezone.now() - datetime.timedelta(seconds=301),
    )
    return reading


def page_of(client, reading):
    return client.get(f"{IMPORT}readings/{reading.pk}/").content.decode()


def test_her_page_says_the_reader_stopped_instead_of_waiting_forever(
    as_user, dak_lak_publisher, killed_mid_way
):
    page = page_of(as_user(dak_lak_publisher), killed_mid_way)
    assert '<meta http-equiv="refresh"' not in page
    assert "ba.png: máy đọc bản quét đã dừng giữa chừng: hãy gửi lại tệp." in page
    assert "Số: 15/STTTT-TTra" in page  # the text of the page read
    assert "Đã dừng giữa chừng" in as_user(dak_lak_publisher).get(IMPORT).content.decode()


def test_a_reading_still_within_its_bound_is_still_waited_for(
    as_user, dak_lak_publisher, killed_mid_way
):
    LetterReading.objects.filter(pk=killed_mid_way.pk).update(
        updated_at=timezone.now() - datetime.timedelta(seconds=200)
    )
    page = page_of(as_user(dak_lak_publisher), killed_mid_way)
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "Đang đọc bản quét… (trang 1/3)" in page


def test_the_housekeeping_records_it_and_a_late_retry_leaves_it(
    killed_mid_way, django_capture_on_commit_callbacks, settings
):
    assert reading_jobs.tidy_letter_readings in PERIODIC
    stored = settings.MEDIA_ROOT / killed_mid_way.file.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        reading_jobs.tidy_letter_readings.call()
    reading = the_reading()
    assert reading.status == LetterReading.Status.FAILED
    assert reading.error == "ba.png: máy đọc bản quét đã dừng giữa chừng: hãy gửi lại tệp."
    assert reading.text == "Số: 15/STTTT-TTra"
    assert not stored.exists()

    run_jobs()  # the job queued at upload, run at last: nothing to do
    assert the_reading().status == LetterReading.Status.FAILED


def test_readings_finished_30_days_ago_are_forgotten(
    as_user, dak_lak_publisher, django_capture_on_commit_callbacks, settings
):
    client = as_user(dak_lak_publisher)
    send_scan(client, django_capture_on_commit_callbacks, "cu.png", dak_lak_scan_png())
    send_scan(client, django_capture_on_commit_callbacks, "moi.png", dak_lak_scan_png())
    old, recent = LetterReading.objects.order_by("pk")
    now = timezone.now()
    for reading, age in ((old, 31), (recent, 29)):
        LetterReading.objects.filter(pk=reading.pk).update(
            status=LetterReading.Status.FAILED, updated_at=now - datetime.timedelta(days=age)
        )
    with django_capture_on_commit_callbacks(execute=True):
        reading_jobs.tidy_letter_readings.call()
    assert list(LetterReading.objects.all()) == [recent]
    assert [p.name for p in (settings.MEDIA_ROOT / READINGS_DIR).iterdir()] == [
        recent.file.name.split("/")[-1]
    ]


def test_a_scan_no_worker_has_started_says_the_worker_may_not_run(
    as_user, dak_lak_publisher, django_capture_on_commit_callbacks
):
    client = as_user(dak_lak_publisher)
    send_scan(client, django_capture_on_commit_callbacks, "cho.png", dak_lak_scan_png())
    reading = the_reading()
    assert "có thể máy đang bận" not in page_of(client, reading)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6), tick=True):
        page = page_of(client, reading)
    assert "có thể máy đang bận với bản quét khác, hoặc chưa chạy" in page
    assert '<meta http-equiv="refresh" content="3">' in page  # still waiting for it
