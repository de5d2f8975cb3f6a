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
