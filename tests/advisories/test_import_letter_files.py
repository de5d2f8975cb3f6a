"""`import_advisories` reads letters as departments hold them: .docx, text PDF, scans.

Actors: a Sở TTTT Ninh Bình letter (letter_samples) written as a .docx with
its header in a two-column table, as a PDF with a text layer, and as a scan
(an image, and a scanner's PDF) that only Tesseract can read; and the five
seed letters, which must read the same from .docx and PDF as from .txt.
"""

import io
import re
import textwrap
import zipfile

import pytest
from django.conf import settings

from advisories import ocr
from advisories.letter_files import read_document
from advisories.letter_parser import parse_letter, read_letter
from advisories.models import Advisory
from advisories.text import search_key

from .letter_samples import (
    DEJAVU,
    SEEDS,
    docx_letter,
    image_bytes,
    pdf_letter,
    scan_image,
    scan_pdf,
)
from .letter_samples import run_import as run

pytestmark = pytest.mark.django_db

NINH_BINH_HEADER = "UBND TỈNH NINH BÌNH\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG"


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def stored_bytes(advisory):
    with advisory.original_file.open("rb") as handle:
        return handle.read()


def assert_is_the_ninh_binh_letter(advisory):
    assert advisory.issuer.slug == "stttt-ninh-binh"
    assert (advisory.number, advisory.symbol) == ("15", "STTTT-TTra")
    assert (advisory.issued_year, advisory.issued_month, advisory.issued_day) == (2024, 3, 5)
    assert advisory.summary == "cảnh báo cuộc gọi giả danh Công an tỉnh"
    assert advisory.recipient_list == ["Các Sở, ban, ngành của tỉnh;", "UBND các huyện, thành phố."]
    assert advisory.signer_title == "GIÁM ĐỐC"
    assert advisory.signer_name == "Nguyễn Văn An"
    assert advisory.status == Advisory.Status.DRAFT


def test_a_docx_with_its_header_in_a_table_imports_and_is_kept_as_the_original(tmp_path):
    data = docx_letter(header=NINH_BINH_HEADER)
    out, err, error = run(write(tmp_path, "cong-van.docx", data))
    assert error is None, err
    advisory = Advisory.objects.get()
    assert_is_the_ninh_binh_letter(advisory)
    assert advisory.read_by_ocr is False
    assert advisory.original_kind == "DOCX"
    assert advisory.original_name == "cong-van.docx"
    assert stored_bytes(advisory) == data
    assert "giữ bản gốc DOCX" in out


def test_a_text_pdf_imports_with_its_two_column_header_kept_apart(tmp_path):
    data = pdf_letter(header=NINH_BINH_HEADER)
    _, err, error = run(write(tmp_path, "ky-so.pdf", data))
    assert error is None, err
    advisory = Advisory.objects.get()
    assert_is_the_ninh_binh_letter(advisory)
    assert advisory.read_by_ocr is False
    assert advisory.original_content_type == "application/pdf"
    assert stored_bytes(advisory) == data
    # A random name in the letters' own folder, nothing of the name it was sent as.
    assert re.fullmatch(r"letters/[0-9a-f]{32}\.pdf", advisory.original_file.name)


def test_a_txt_letter_is_not_an_original(tmp_path):
    path = tmp_path / "ban-go.txt"
    path.write_text(read_document(pdf_letter()).text, encoding="utf-8")
    run(path)
    advisory = Advisory.objects.get()
    assert not advisory.original_file
    assert not (settings.MEDIA_ROOT / "letters").exists()


def _paragraphs(seed):
    """The seed as paragraphs of a word processor, without Markdown's emphasis markers."""
    text = seed.read_text(encoding="utf-8").replace("*", "")
    return [line.strip() for line in text.split("\n") if line.strip()]


def _seed_docx(seed):
    import docx

    document = docx.Document()
    for paragraph in _paragraphs(seed):
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _seed_pdf(seed):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", DEJAVU))
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setFont("DejaVu", 10)
    y = A4[1] - 50
    for paragraph in _paragraphs(seed):
        for line in textwrap.wrap(paragraph, 95):
            if y < 50:  # a letter runs over pages, with the page number of page 2 on top
                page.showPage()
                page.setFont("DejaVu", 10)
                page.drawString(A4[0] / 2, A4[1] - 30, "2")
                y = A4[1] - 50
            page.drawString(50, y, line)
            y -= 14
        y -= 6
    page.showPage()
    page.save()
    return out.getvalue()


def _fields(letter):
    plain = [
        letter.summary,
        letter.signer_authority,
        letter.signer_title,
        letter.signer_name,
        *letter.recipients,
        *letter.distribution,
    ]
    return (
        letter.number,
        letter.symbol,
        letter.place,
        (letter.year, letter.month, letter.day),
        letter.header,
        [value.replace("*", "") for value in plain],
        search_key(letter.content.replace("*", "")),
    )


@pytest.mark.parametrize("make", [_seed_docx, _seed_pdf], ids=["docx", "pdf"])
@pytest.mark.parametrize("seed", SEEDS, ids=[path.name[:3] for path in SEEDS])
def test_the_five_seeds_read_the_same_from_docx_and_pdf_as_from_txt(seed, make):
    as_text = read_letter(seed)
    as_file = parse_letter(read_document(make(seed), seed.name).text, seed.name)
    assert _fields(as_file) == _fields(as_text)


def test_a_scanned_image_is_read_by_ocr_and_marked_for_checking(tmp_path, tesseract):
    out, err, error = run(write(tmp_path, "scan.png", image_bytes(scan_image())))
    assert error is None, err
    advisory = Advisory.objects.get()
    assert advisory.issuer.slug == "stttt-ninh-binh"
    assert (advisory.number, advisory.symbol, advisory.issued_month) == ("15", "STTTT-TTra", 3)
    assert advisory.read_by_ocr is True
    assert advisory.original_content_type == "image/png"
    assert "đọc bằng OCR: hãy kiểm tra từng ô" in out


def test_a_scanners_pdf_is_read_by_ocr_and_kept_as_it_came(tmp_path, tesseract):
    data = scan_pdf(header=NINH_BINH_HEADER)
    _, err, error = run(write(tmp_path, "scan.pdf", data))
    assert error is None, err
    advisory = Advisory.objects.get()
    assert (advisory.number, advisory.symbol, advisory.issuer.slug) == (
        "15",
        "STTTT-TTra",
        "stttt-ninh-binh",
    )
    assert advisory.read_by_ocr is True
    assert stored_bytes(advisory) == data


def test_without_tesseract_a_scan_says_so_and_nothing_is_stored(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr.pytesseract.pytesseract, "tesseract_cmd", "/khong/co/tesseract")
    _, err, error = run(write(tmp_path, "scan.pdf", scan_pdf()))
    assert error is not None
    assert "máy chủ chưa cài Tesseract" in err and "hãy gõ công văn" in err
    assert not Advisory.objects.exists()
    assert not (settings.MEDIA_ROOT / "letters").exists()


def test_a_dry_run_keeps_no_original(tmp_path):
    out, _, error = run(write(tmp_path, "ky-so.pdf", pdf_letter()), dry_run=True)
    assert error is None and "sẽ nhập" in out
    assert not Advisory.objects.exists()
    assert not (settings.MEDIA_ROOT / "letters").exists()


def test_a_directory_stands_for_its_letter_files_of_every_format(tmp_path):
    write(tmp_path, "a.docx", docx_letter())
    write(tmp_path, "b.pdf", pdf_letter(number="Số: 16/STTTT-TTra"))
    write(tmp_path, "ghi-chu.md", b"# not a letter")
    out, _, error = run(tmp_path)
    assert error is None
    assert "2 tệp: 2 nhập mới" in out
    assert sorted(Advisory.objects.values_list("number", flat=True)) == ["15", "16"]


def _zip(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "Word 97-2003 (.doc)"),
        ("bang.docx", _zip({"xl/workbook.xml": "<x/>"}), "không phải văn bản Word"),
        ("hong.pdf", b"%PDF-1.7\nkhong phai pdf", "tệp PDF bị hỏng"),
        ("anh.gif", b"GIF89a" + bytes(600), "cổng không đọc được loại tệp này"),
        ("nhi-phan.bin", b"\x00\x01\x02" * 300, "cổng không đọc được loại tệp này"),
    ],
    ids=["doc", "zip-not-word", "broken-pdf", "gif", "binary"],
)
def test_a_file_that_is_not_a_letter_is_refused_by_its_content_with_a_reason(
    tmp_path, name, data, message
):
    path = write(tmp_path, name, data)
    _, err, error = run(path)
    assert error is not None
    assert f"{path}: " in err and message in err
    assert not Advisory.objects.exists()


def test_an_oversize_file_is_refused_before_it_is_read(tmp_path, settings):
    settings.LETTER_FILE_MAX_SIZE = 1024 * 1024
    path = write(tmp_path, "lon.pdf", b"%PDF-1.7\n" + bytes(1024 * 1024))
    _, err, error = run(path)
    assert error is not None
    assert f"{path}: tệp lớn hơn 1 MB, quá giới hạn của cổng." in err


def test_a_pdf_with_neither_text_nor_a_scanned_page_says_so(tmp_path):
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.line(10, 10, 200, 200)
    page.showPage()
    page.save()
    _, err, _ = run(write(tmp_path, "trang.pdf", out.getvalue()))
    assert "không có chữ cũng không có ảnh trang quét" in err


def test_a_scan_of_more_pages_than_ocr_reads_is_refused_before_reading(tmp_path, settings):
    settings.LETTER_OCR_MAX_PAGES = 2
    page = scan_image().convert("RGB")
    out = io.BytesIO()
    page.save(out, "PDF", save_all=True, append_images=[page, page])
    _, err, _ = run(write(tmp_path, "ba-trang.pdf", out.getvalue()))
    assert "bản quét có hơn 2 trang" in err
