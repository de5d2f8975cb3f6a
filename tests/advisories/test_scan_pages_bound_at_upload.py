"""A scan's pages are counted at upload, from its headers, before anything is stored.

The worker reads up to 30 pages (LETTER_OCR_MAX_PAGES, a letter's most). Chị
Hoa, publisher of Sở TTTT Đắk Lắk, sends a TIFF and a scanner's PDF of 31
pages: each is refused on the upload page with a Vietnamese message, and
nothing is stored or queued. A scan of 30 pages is queued, every page
measured and none decoded in the request. A deployment may read fewer pages
(LETTER_OCR_MAX_PAGES=5): a longer scan is refused the same way.
"""

import io

import pypdf
import pytest
from django.conf import settings
from django_tasks_db.models import DBTaskResult
from PIL import ImageFile

from advisories.models import Advisory
from advisories.readings import READINGS_DIR, LetterReading

from .letter_samples import grey_tiff, scanners_pdf_declaring
from .scans import send_scan, the_reading

pytestmark = pytest.mark.django_db

PAGE = (1240, 1754)  # A4 at 150 dpi


@pytest.fixture
def decoded(monkeypatch):
    """Every page Pillow decodes: in the request, none."""
    pages = []
    load = ImageFile.ImageFile.load

    def counting_load(image):
        pages.append(image.size)
        return load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counting_load)
    return pages


def scanners_pdf(pages):
    """A scanner's PDF of `pages` pages, each one picture of A4 at 150 dpi (never decoded)."""
    page = pypdf.PdfReader(io.BytesIO(scanners_pdf_declaring(*PAGE))).pages[0]
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def nothing_stored():
    return (
        not LetterReading.objects.exists()
        and not DBTaskResult.objects.exists()
        and not Advisory.objects.exists()
        and not (settings.MEDIA_ROOT / READINGS_DIR).exists()
    )


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        (
            "31-trang.tif",
            lambda: grey_tiff([PAGE] * 31),
            "31-trang.tif: ảnh có hơn 30 trang, quá số trang của một công văn.",
        ),
        (
            "31-trang.pdf",
            lambda: scanners_pdf(31),
            "31-trang.pdf: tệp PDF có 31 trang, quá 30 trang của một công văn.",
        ),
    ],
    ids=["tiff", "pdf"],
)
def test_31_pages_are_refused_before_anything_is_stored(
    as_user, dak_lak_publisher, django_capture_on_commit_callbacks, decoded, name, make, message
):
    client = as_user(dak_lak_publisher)
    response = send_scan(client, django_capture_on_commit_callbacks, name, make())
    assert response.status_code == 200
    assert f"Chưa đọc được công văn: {message}" in response.content.decode()
    assert nothing_stored()
    assert decoded == []


@pytest.mark.parametrize("make", [lambda: grey_tiff([PAGE] * 30), lambda: scanners_pdf(30)])
def test_30_pages_are_queued_with_none_decoded(
    as_user, dak_lak_publisher, django_capture_on_commit_callbacks, decoded, make
):
    client = as_user(dak_lak_publisher)
    response = send_scan(client, django_capture_on_commit_callbacks, "30-trang", make())
    assert response.status_code == 302
    reading = the_reading()
    assert (reading.status, reading.pages_total) == (LetterReading.Status.QUEUED, 30)
    assert DBTaskResult.objects.count() == 1
    assert decoded == []


def test_a_deployment_reading_fewer_pages_refuses_longer_scans(
    as_user, dak_lak_publisher, django_capture_on_commit_callbacks, settings
):
    settings.LETTER_OCR_MAX_PAGES = 5
    client = as_user(dak_lak_publisher)
    response = send_scan(client, django_capture_on_commit_callbacks, "6.tif", grey_tiff([PAGE] * 6))
    page = response.content.decode()
    assert "6.tif: bản quét có hơn 5 trang: hãy gửi từng công văn, mỗi tệp một công văn." in page
    assert nothing_stored()
