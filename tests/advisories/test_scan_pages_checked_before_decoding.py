"""Every page of a scan is measured before any is decoded, and pages are decoded one at a time.

The finding (issue 15): a TIFF whose first page is 100×100, followed by 16
pages of 10000×12000 (2.9 MB in all), took a worker to 3.5 GB: only the
first page was measured, and every page was decoded before the page count
was refused. Actors: Chị Hoa, publisher of Sở TTTT Đắk Lắk, importing a scan
or attaching it as a letter's original; the `import_advisories` command.
The limits (advisories.limits): 50 megapixels a page, 30 pages, 261
megapixels in all (30 pages at 300 dpi); OCR reads at most 30 pages
(LETTER_OCR_MAX_PAGES, which may be set lower).
"""

import io
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ImageFile

from advisories.letter_files import examine_document, examine_original, read_document
from advisories.letter_parser import LetterError
from advisories.models import Advisory

from .letter_samples import grey_tiff, run_import, scanners_pdf_declaring

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
THE_ISSUES_TIFF = [(100, 100)] + [(10000, 12000)] * 16
A4_300_DPI = (2480, 3508)


@pytest.fixture
def decoded(monkeypatch):
    """Every page Pillow decodes, by its size: the tests show there is none."""
    pages = []
    load = ImageFile.ImageFile.load

    def counting_load(image):
        pages.append(image.size)
        return load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counting_load)
    return pages


def refusal(read, data):
    with pytest.raises(LetterError) as refused:
        read(data, "ban-quet.tif")
    return refused.value.message


def test_the_issues_tiff_is_refused_before_a_page_is_decoded(decoded):
    data = grey_tiff(THE_ISSUES_TIFF)
    assert len(data) < 2_000_000
    assert refusal(read_document, data) == "ảnh quá lớn (quá nhiều điểm ảnh)."
    assert refusal(examine_original, data) == "ảnh quá lớn (quá nhiều điểm ảnh)."
    assert decoded == []


def test_hoa_is_told_so_in_vietnamese_and_nothing_is_stored(as_user, dak_lak_publisher, tmp_path):
    data = grey_tiff(THE_ISSUES_TIFF)
    response = as_user(dak_lak_publisher).post(
        "/admin/advisories/advisory/import/", {"file": SimpleUploadedFile("ban-quet.tif", data)}
    )
    assert "ban-quet.tif: ảnh quá lớn (quá nhiều điểm ảnh)." in response.content.decode()
    path = tmp_path / "ban-quet.tif"
    path.write_bytes(data)
    _, err, error = run_import(path)
    assert error is not None
    assert f"{path}: ảnh quá lớn (quá nhiều điểm ảnh)." in err
    assert not Advisory.objects.exists()


def test_more_pages_than_a_letter_or_than_ocr_reads_are_refused_before_decoding(decoded, settings):
    assert refusal(examine_original, grey_tiff([(200, 300)] * 31)) == (
        "ảnh có hơn 30 trang, quá số trang của một công văn."
    )
    assert refusal(read_document, grey_tiff([(200, 300)] * 31)) == (
        "ảnh có hơn 30 trang, quá số trang của một công văn."
    )
    settings.LETTER_OCR_MAX_PAGES = 5
    for read in (read_document, examine_document):
        assert refusal(read, grey_tiff([(200, 300)] * 6)) == (
            "bản quét có hơn 5 trang: hãy gửi từng công văn, mỗi tệp một công văn."
        )
    assert decoded == []


def test_pages_each_allowed_but_too_many_pixels_together_are_refused(decoded):
    # Six pages of 49 megapixels: each under 50, together over 261.
    data = grey_tiff([(7000, 7000)] * 6)
    assert refusal(examine_original, data) == "ảnh quá lớn (quá nhiều điểm ảnh)."
    assert decoded == []


def peak_megabytes_keeping(pages, tmp_path):
    """The extra peak memory of a fresh process keeping a TIFF of `pages` A4 pages as a PDF.

    Linux's VmHWM: the process's peak resident memory. Not getrusage's ru_maxrss,
    which a child inherits from the test process across exec.
    """
    path = tmp_path / f"{pages}.tif"
    path.write_bytes(grey_tiff([A4_300_DPI] * pages))
    child = (
        "import os, re, sys\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'portal.settings')\n"
        "import django; django.setup()\n"
        "from advisories.letter_files import examine_original\n"
        "def peak():\n"
        "    status = open('/proc/self/status').read()\n"
        "    return int(re.search(r'VmHWM:\\s+(\\d+) kB', status)[1])\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "before = peak()\n"
        "original = examine_original(data, 'ban-quet.tif')\n"
        "sys.stdout.buffer.write(original.content)\n"
        "sys.stderr.write(str((peak() - before) / 1024))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", child, str(path)], cwd=ROOT, capture_output=True, check=True
    )
    assert len(pypdf.PdfReader(io.BytesIO(done.stdout)).pages) == pages
    return float(done.stderr.decode().strip().splitlines()[-1])


def test_a_long_scan_is_kept_as_a_pdf_one_page_at_a_time(tmp_path):
    """Twelve A4 pages at 300 dpi (8.3 MB each in memory) cost about what one page costs:
    decoding them all first would add 95 MB at least."""
    page_mb = A4_300_DPI[0] * A4_300_DPI[1] / 2**20
    one, twelve = peak_megabytes_keeping(1, tmp_path), peak_megabytes_keeping(12, tmp_path)
    assert twelve < one + 2 * page_mb  # one page in memory at a time, and the PDF written


def test_a_scanners_pdf_page_is_measured_before_it_is_decoded():
    # Decoding 16 bytes as 120 megapixels would fail as a broken file: this is the size check.
    data = scanners_pdf_declaring(10000, 12000)
    with pytest.raises(LetterError) as refused:
        read_document(data, "ban-quet.pdf")
    assert refused.value.message == "ảnh quá lớn (quá nhiều điểm ảnh)."
