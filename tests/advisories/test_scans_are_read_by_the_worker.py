"""A scan is read by the job worker, never inside the request (issue 16).

Chị Hoa, publisher of Sở TTTT Đắk Lắk, uploads the scan of a letter on "Nhập
công văn từ tệp". The request only measures the file, stores it and queues
it: Tesseract, made to fail the test there, is never called. Her browser is
sent to the reading's page, which says the scan waits and reloads itself;
the worker (tests.jobs.run_jobs, with the real Tesseract) reads it page by
page, the page showing how far it got, and makes the draft exactly as a file
read in the request would: a draft of her body, "read by OCR, not yet
checked", the scan kept as its original. The page then links to the draft.
"""

import pytest
from django.conf import settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from advisories import ocr
from advisories.models import Advisory
from advisories.readings import READINGS_DIR, LetterReading
from tests.jobs import run_jobs

from .scans import (
    LIST,
    dak_lak_scan_png,
    reading_page,
    send_scan,
    the_reading,
    two_page_tiff,
)

pytestmark = pytest.mark.django_db

REFRESH = '<meta http-equiv="refresh" content="3">'


def html_of(response):
    return response.content.decode()


def test_the_upload_runs_no_tesseract_and_queues_the_scan(
    as_user, dak_lak_publisher, django_capture_on_commit_callbacks
):
    client = as_user(dak_lak_publisher)
    response = send_scan(
        client, django_capture_on_commit_callbacks, "ban-quet.png", dak_lak_scan_png()
    )

    reading = the_reading()
    assert response.status_code == 302
    assert response["Location"] == reading_page(reading)
    assert reading.status == LetterReading.Status.QUEUED
    assert (reading.uploaded_by, reading.original_name) == (dak_lak_publisher, "ban-quet.png")
    assert (reading.pages_read, reading.pages_total) == (0, 1)
    # Stored privately under a random name, apart from the letters' originals.
    assert reading.file.name.startswith(f"{READINGS_DIR}/")
    assert "ban-quet" not in reading.file.name
    assert (settings.MEDIA_ROOT / reading.file.name).read_bytes() == dak_lak_scan_png()
    job = DBTaskResult.objects.get()
    assert job.status == TaskResultStatus.READY
    assert job.task_path == "advisories.reading_jobs.read_letter_scan"
    assert not Advisory.objects.exists()

    page = html_of(client.get(response["Location"]))
    assert "Bản quét đang chờ máy đọc chữ (1 trang)…" in page
    assert REFRESH in page


def test_the_worker_reads_it_into_a_draft_flagged_as_read_by_ocr(
    as_user, dak_lak_publisher, django_capture_on_commit_callbacks, tesseract
):
    client = as_user(dak_lak_publisher)
    response = send_scan(
        client, django_capture_on_commit_callbacks, "ban-quet.png", dak_lak_scan_png()
    )
    with django_capture_on_commit_callbacks(execute=True):
        run_jobs()

    reading = the_reading()
    advisory = Advisory.objects.get()
    assert reading.status == LetterReading.Status.DONE
    assert reading.advisory == advisory
    assert (reading.pages_read, reading.pages_total) == (1, 1)
    assert reading.finished_at is not None
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    # The draft a file read in the request makes: Hoa's body, her name, not published.
    assert advisory.issuer.slug == "stttt-dak-lak"
    assert (advisory.number, advisory.symbol) == ("15", "STTTT-TTra")
    assert (advisory.issued_year, advisory.issued_month, advisory.issued_day) == (2024, 3, 5)
    assert advisory.status == Advisory.Status.DRAFT and advisory.published_at is None
    assert advisory.created_by == dak_lak_publisher
    assert advisory.read_by_ocr is True
    assert (advisory.original_content_type, advisory.original_name) == ("image/png", "ban-quet.png")
    # The scan waiting to be read is gone; the draft keeps its own original.
    assert reading.file.name == ""
    assert not any((settings.MEDIA_ROOT / READINGS_DIR).iterdir())

    page = html_of(client.get(response["Location"]))
    assert REFRESH not in page
    assert "Đã đọc công văn từ tệp “ban-quet.png”: hãy kiểm tra từng ô rồi đăng." in page
    draft = f"{LIST}{advisory.pk}/change/"
    assert f'href="{draft}"' in page
    assert "Đọc bằng OCR: hãy kiểm tra mọi ô" in html_of(client.get(draft))


def test_the_page_follows_the_reading_page_by_page(
    as_user, dak_lak_publisher, django_capture_on_commit_callbacks, tesseract, monkeypatch
):
    """Two pages: between them, the record and the page say one of two is read."""
    client = as_user(dak_lak_publisher)
    response = send_scan(
        client, django_capture_on_commit_callbacks, "hai-trang.tif", two_page_tiff()
    )
    assert the_reading().pages_total == 2

    seen = []
    read_page = ocr.pytesseract.image_to_string

    def reading_a_page(*args, **kwargs):
        reading = the_reading()
        page = html_of(client.get(response["Location"]))
        seen.append((reading.status, reading.pages_read, reading.text, page))
        return read_page(*args, **kwargs)

    monkeypatch.setattr(ocr.pytesseract, "image_to_string", reading_a_page)
    with django_capture_on_commit_callbacks(execute=True):
        run_jobs()

    (status, read, text, page), (status_2, read_2, text_2, page_2) = seen
    assert (status, read, text) == ("reading", 0, "")
    assert "Đang đọc bản quét… (trang 0/2)" in page and REFRESH in page
    assert (status_2, read_2) == ("reading", 1)
    assert "Số: 15/STTTT-TTra" in text_2 and "Nguyễn Văn An" not in text_2
    assert "Đang đọc bản quét… (trang 1/2)" in page_2 and REFRESH in page_2
    assert '<progress value="1" max="2"' in page_2

    reading = the_reading()
    assert reading.status == LetterReading.Status.DONE
    assert reading.pages_read == 2
    advisory = reading.advisory
    assert advisory.signer_name == "Nguyễn Văn An"  # read from the second page
    assert advisory.read_by_ocr is True
    assert advisory.original_content_type == "application/pdf"  # a TIFF is kept as a PDF


def test_the_import_page_lists_the_scans_she_sent(
    as_user, dak_lak_publisher, django_capture_on_commit_callbacks
):
    client = as_user(dak_lak_publisher)
    send_scan(client, django_capture_on_commit_callbacks, "ban-quet.png", dak_lak_scan_png())
    page = html_of(client.get("/admin/advisories/advisory/import/"))
    listed = page.split('id="readings"')[1].split("</table>")[0]
    assert f'href="{reading_page(the_reading())}"' in listed
    assert "ban-quet.png" in listed and "Đang chờ đọc" in listed
