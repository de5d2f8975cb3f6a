"""Tiny synthetic letters for the importer tests, shaped like the seeds.

`sample_letter(summary="V/v …", body=None)`: each keyword replaces one part;
None or "" leaves that part out (a bad letter).
"""

from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command

import advisories

SEEDS = sorted((Path(advisories.__file__).resolve().parent / "seeds").glob("*.txt"))

DEFAULTS = {
    "header": "",
    "number": "Số: 15/STTTT-TTra",
    "date": "Ninh Bình, ngày 05 tháng 3 năm 2024",
    "summary": "V/v cảnh báo cuộc gọi giả danh Công an tỉnh",
    "recipients": "Kính gửi:\n\n- Các Sở, ban, ngành của tỉnh;\n- UBND các huyện, thành phố.",
    "body": "Thời gian gần đây xuất hiện cuộc gọi mạo danh Công an tỉnh.\n\nTrân trọng./.",
    "distribution": "Nơi nhận:\n\n- Như trên;\n- Lưu: VT.",
    "signature": "GIÁM ĐỐC\n\nNguyễn Văn An",
}


def sample_letter(**parts):
    values = {**DEFAULTS, **parts}
    return "\n\n".join(v for v in values.values() if v) + "\n"


def write_letter(directory, name="letter.txt", **parts):
    path = Path(directory) / name
    path.write_text(sample_letter(**parts), encoding="utf-8")
    return path


def seed(prefix):
    """The seed file whose name starts with `prefix` ("004")."""
    return next(path for path in SEEDS if path.name.startswith(prefix))


# --- The same letters as departments hold them: .docx, PDF, scans ----------------------
# Made here from the text, so that every format carries a letter whose fields are known.

MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _parts(parts):
    values = {**DEFAULTS, **parts}
    return {
        key: [line for line in (value or "").split("\n") if line] for key, value in values.items()
    }


def docx_letter(**parts):
    """A .docx laid out like a real công văn: the header and the signature in two-column tables."""
    import io

    import docx

    p = _parts(parts)
    document = docx.Document()
    head = document.add_table(rows=2, cols=2)
    _cell(head.cell(0, 0), p["header"])
    _cell(head.cell(0, 1), MOTTO)
    _cell(head.cell(1, 0), p["number"] + p["summary"])
    _cell(head.cell(1, 1), p["date"])
    for line in p["recipients"] + p["body"]:
        document.add_paragraph(line)
    foot = document.add_table(rows=1, cols=2)
    _cell(foot.cell(0, 0), p["distribution"])
    _cell(foot.cell(0, 1), p["signature"])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _cell(cell, lines):
    cell.paragraphs[0].text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)


def pdf_letter(**parts):
    """A text PDF (reportlab, DejaVu for the Vietnamese letters) with the two-column header."""
    import io
    import textwrap

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", DEJAVU))
    p = _parts(parts)
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setFont("DejaVu", 11)
    top = A4[1] - 60

    def column(x, y, lines, step=16):
        for line in lines:
            page.drawString(x, y, line)
            y -= step
        return y

    left = column(50, top, p["header"] + [""] + p["number"] + p["summary"])
    right = column(310, top, MOTTO + [""] + p["date"])
    y = min(left, right) - 20
    for line in p["recipients"] + p["body"]:
        wrapped = textwrap.wrap(line, 80) or [""]
        y = column(70, y, wrapped) - 8
    y -= 10
    column(50, y, p["distribution"], 14)
    column(330, y, p["signature"], 14)
    page.showPage()
    page.save()
    return out.getvalue()


def scan_image(**parts):
    """A page as a scanner sees it: the letter's lines as pixels, no text layer (Pillow)."""
    from PIL import Image, ImageDraw, ImageFont

    p = _parts(parts)
    lines = [*p["header"], *p["number"], *p["date"], *p["summary"], ""]
    for key in ("recipients", "body", "distribution", "signature"):
        lines += [*p[key], ""]
    # About 12 pt at 200 dpi, with a scanner's margins: what Tesseract reads reliably.
    font = ImageFont.truetype(DEJAVU, 36)
    image = Image.new("L", (1700, 300 + 56 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((150, 150 + 56 * i), line, font=font, fill=0)
    return image


def image_bytes(image, image_format="PNG", **options):
    import io

    out = io.BytesIO()
    image.save(out, image_format, **options)
    return out.getvalue()


def scan_pdf(**parts):
    """A scanner's PDF: one picture per page and no text (Pillow writes it)."""
    return image_bytes(scan_image(**parts).convert("RGB"), "PDF", resolution=150)


def run_import(*args, **options):
    """Run import_advisories; (stdout, stderr, the CommandError or None)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_advisories", *map(str, args), stdout=out, stderr=err, **options)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


# --- Hostile files (issue 15), built small and fast ---------------------------------


def grey_tiff(sizes):
    """A multi-page TIFF of one grey, one page per (width, height), written by hand.

    Pillow would encode every page (seconds for 10000×12000); here each page is
    one PackBits strip of white rows, and pages of one size share their strip:
    16 pages of 120 megapixels come to 2 MB, as in the issue.
    """
    import struct

    def packbits_row(width):  # runs of at most 128 bytes of 255
        runs, rest = divmod(width, 128)
        row = b"\x81\xff" * runs  # 0x81: the next byte 128 times
        return row + (bytes([257 - rest, 255]) if rest > 1 else b"\x00\xff" if rest else b"")

    header = b"II*\x00"
    body, strips = bytearray(), {}
    for width, height in sizes:
        if (width, height) not in strips:
            strips[(width, height)] = (8 + len(body), len(packbits_row(width)) * height)
            body += packbits_row(width) * height
    body += b"\x00" * (len(body) % 2)
    ifd_at = 8 + len(body)
    ifds = bytearray()
    for index, (width, height) in enumerate(sizes):
        offset, length = strips[(width, height)]
        entries = [
            (256, 4, width),  # ImageWidth, LONG
            (257, 4, height),  # ImageLength
            (258, 3, 8),  # BitsPerSample, SHORT
            (259, 3, 32773),  # Compression: PackBits
            (262, 3, 1),  # PhotometricInterpretation: black is zero
            (273, 4, offset),  # StripOffsets
            (277, 3, 1),  # SamplesPerPixel
            (278, 4, height),  # RowsPerStrip: one strip
            (279, 4, length),  # StripByteCounts
        ]
        size = 2 + 12 * len(entries) + 4
        following = ifd_at + len(ifds) + size if index < len(sizes) - 1 else 0
        ifds += struct.pack("<H", len(entries))
        for tag, kind, value in entries:
            # One value each, in the entry itself: a LONG fills it, a SHORT is padded.
            value = struct.pack("<I", value) if kind == 4 else struct.pack("<HH", value, 0)
            ifds += struct.pack("<HHI", tag, kind, 1) + value
        ifds += struct.pack("<I", following)
    return header + struct.pack("<I", ifd_at) + bytes(body) + bytes(ifds)


def scanners_pdf_declaring(width, height):
    """A scanner's PDF whose page picture says it is width × height: nothing behind it."""
    import io

    import pypdf
    from pypdf.generic import DictionaryObject, NameObject, NumberObject, StreamObject

    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(595, 842)
    picture = StreamObject()
    picture.set_data(b"\x00" * 16)
    picture.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(width),
            NameObject("/Height"): NumberObject(height),
            NameObject("/ColorSpace"): NameObject("/DeviceGray"),
            NameObject("/BitsPerComponent"): NumberObject(8),
        }
    )
    xobjects = DictionaryObject({NameObject("/Im0"): writer._add_object(picture)})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): xobjects})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_with_body_xml(body_xml, **parts):
    """docx_letter(**parts) with `body_xml` (bytes of WordprocessingML) added to its body."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(docx_letter(**parts)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:sectPr", body_xml + b"<w:sectPr", 1)
            package.writestr(info.filename, data)
    return out.getvalue()


def dense_pdf(pages, columns=4, lines=180):
    """Pages packed with tiny text in columns: what makes pdfminer's layout analysis slow
    (one such page took it 58 s). One page is drawn; pypdf repeats it."""
    import io

    import pypdf
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setFont("Helvetica", 3)
    for column in range(columns):
        x = 10 + column * (A4[0] - 20) / columns
        for line in range(lines):
            page.drawString(x, A4[1] - 10 - line * 4.5, "canh bao lua dao " * 8)
    page.showPage()
    page.save()
    writer = pypdf.PdfWriter()
    drawn = pypdf.PdfReader(io.BytesIO(out.getvalue())).pages[0]
    for _ in range(pages):
        writer.add_page(drawn)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def hostile_markup(size):
    """{name: text of about `size` characters}: what cost the old renderer (or a renderer
    reading paragraph by paragraph, or line by line) the most. For the tests and the bench."""

    def repeated(piece):
        return piece * (size // len(piece))

    return {
        "the issue's unclosed ***both***": repeated("***x "),
        "unclosed **bold**": repeated("**x "),
        "unclosed *italics*": repeated("*x "),
        "marks that only close": repeated("x* "),
        "one run of stars": "*" * size,
        "unclosed on every line": repeated("***x\n"),
        "every kind, closed": repeated("***a*** **b** *c* "),
        "every kind, never closed": repeated("***a **b *c "),
        "a paragraph a word": repeated("a\n\n"),
        "a paragraph a word, and a bullet": "- a\n\n" + repeated("a\n\n"),
        "a bullet a line": repeated("- a\n"),
        "a bullet wrapped on every line": "- a\n" + repeated("b\n"),
        "what escaping lengthens": repeated("&<>\"' "),
    }
