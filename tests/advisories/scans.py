"""Scans sent to be read by the job worker (issue 16): the upload, and a request without OCR.

`send_scan(client, name, data)` posts the file on "Nhập công văn từ tệp" as
Chị Hoa would, with Tesseract made to fail the test should the request run
it, and the on-commit callbacks run (the job is queued after the commit).
"""

import io
from contextlib import contextmanager
from unittest import mock

import pytesseract
from django.core.files.uploadedfile import SimpleUploadedFile

from advisories.readings import LetterReading

from .letter_samples import image_bytes, scan_image

LIST = "/admin/advisories/advisory/"
IMPORT = f"{LIST}import/"
DAK_LAK = {
    "header": "UBND TỈNH ĐẮK LẮK\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    "date": "Đắk Lắk, ngày 05 tháng 3 năm 2024",
}


def reading_page(reading):
    return f"{IMPORT}readings/{reading.pk}/"


@contextmanager
def no_tesseract():
    """Any call into pytesseract (reading a page, listing its languages) fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("Tesseract ran inside the request")

    names = ["image_to_string", "image_to_data", "image_to_boxes", "get_languages"]
    with (
        mock.patch.object(pytesseract.pytesseract, "run_tesseract", refuse),
        mock.patch.multiple(pytesseract, **dict.fromkeys(names, refuse)),
    ):
        yield


def send_scan(client, capture_on_commit, name, data, **fields):
    """POST a file to the import page, no Tesseract allowed; the response."""
    with no_tesseract(), capture_on_commit(execute=True):
        return client.post(IMPORT, {"file": SimpleUploadedFile(name, data), **fields})


def dak_lak_scan_png():
    return image_bytes(scan_image(**DAK_LAK))


def two_page_tiff(**parts):
    """The Đắk Lắk letter scanned on two pages (its signature on the second), as one TIFF."""
    first = scan_image(**{**DAK_LAK, **parts, "distribution": "", "signature": ""})
    blank = dict.fromkeys(["header", "number", "date", "summary", "recipients", "body"], "")
    second = scan_image(**blank)
    out = io.BytesIO()
    first.save(out, "TIFF", save_all=True, append_images=[second], compression="tiff_lzw")
    return out.getvalue()


def the_reading():
    return LetterReading.objects.get()
