"""A scan the worker cannot make a letter of ends failed, with why and the text it read.

Chị Hoa, publisher of Sở TTTT Đắk Lắk, sends scans that go wrong: one whose
date line is missing (the parser stops at line 5), one of two pages whose
second page Tesseract does not finish in time. Each time the reading's page,
the same page she was watching, says why in Vietnamese and shows the text
that was read, in a read-only box she can copy from; nothing is stored as a
letter, the scan waiting to be read is deleted, and the job itself ended
normally (a publisher's problem is not a worker's failure to retry).
"""

import html

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from advisories import ocr
from advisories.models import Advisory
from advisories.readings import READINGS_DIR, LetterReading
from tests.jobs import run_jobs

from .letter_samples import image_bytes, scan_image
from .scans import DAK_LAK, send_scan, the_reading, two_page_tiff

pytestmark = pytest.mark.django_db


def html_of(response):
    return response.content.decode()


def text_box(page):
    """The text in the read-only box, as the browser shows it."""
    box = page.split('<textarea id="import-text" readonly')[1].split("</textarea>")[0]
    return html.unescape(box.split(">", 1)[1])


def read(client, capture, name, data):
    response = send_scan(client, capture, name, data)
    with capture(execute=True):
        run_jobs()
    return html_of(client.get(response["Location"]))


def test_a_scan_without_its_date_line_says_which_line_and_keeps_the_text(
    as_user, dak_lak_publisher, django_capture_on_commit_callbacks, tesseract, settings
):
    data = image_bytes(scan_image(**{**DAK_LAK, "date": None}))
    page = read(as_user(dak_lak_publisher), django_capture_on_commit_callbacks, "thieu.png", data)

    reading = the_reading()
    assert reading.status == LetterReading.Status.FAILED
    message = "thieu.png, dòng 5: không thấy dòng địa danh, ngày tháng"
    assert reading.error.startswith(message)
    assert f"Chưa đọc được công văn: {message}" in page
    assert '<meta http-equiv="refresh"' not in page
    box = text_box(page)
    assert "Số: 15/STTTT-TTra" in box and "Thời gian gần đây" in box
    assert box.strip() == reading.text.strip()
    assert 'href="/admin/advisories/advisory/add/"' in page  # or type it
    assert 'href="/admin/advisories/advisory/import/"' in page  # or send it again
    assert not Advisory.objects.exists()
    assert not any((settings.MEDIA_ROOT / READINGS_DIR).iterdir())
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


def test_a_page_too_slow_stops_the_reading_and_keeps_the_pages_read(
    as_user, dak_lak_publisher, django_capture_on_commit_callbacks, tesseract, monkeypatch, settings
):
    """Each page has its own bound (pytesseract kills Tesseract then), not the whole file."""
    settings.LETTER_OCR_PAGE_SECONDS = 90
    read_page, bounds = ocr.pytesseract.image_to_string, []

    def second_page_too_slow(*args, timeout, **kwargs):
        bounds.append(timeout)
        if len(bounds) == 2:
            raise RuntimeError("Tesseract process timeout")  # what pytesseract raises
        return read_page(*args, timeout=timeout, **kwargs)

    monkeypatch.setattr(ocr.pytesseract, "image_to_string", second_page_too_slow)
    client = as_user(dak_lak_publisher)
    page = read(client, django_capture_on_commit_callbacks, "hai-trang.tif", two_page_tiff())

    assert bounds == [90, 90]
    reading = the_reading()
    assert reading.status == LetterReading.Status.FAILED
    assert (reading.pages_read, reading.pages_total) == (1, 2)
    assert "hai-trang.tif: một trang của bản quét đọc quá 90 giây" in page
    assert "Số: 15/STTTT-TTra" in text_box(page)  # the first page, read before
    assert not Advisory.objects.exists()
