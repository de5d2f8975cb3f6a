"""Letter files as departments hold them: the text in them, and the original to keep.

A file is judged by its content, never by its name: a PDF starts with `%PDF-`,
a .docx is a ZIP holding `word/document.xml`, an image is what Pillow decodes
as PNG, JPEG, WebP or TIFF; anything else is read as UTF-8 text (the seeds).

- .txt: the text as it is (advisories.letter_parser reads it).
- .docx (python-docx): paragraphs and table cells in document order; a
  header laid out in a two-column table or with tabs comes out one column
  part per line.
- PDF with a text layer (pdfminer.six, whose layout analysis keeps the two
  columns of the header apart).
- A scanned PDF or an image: Tesseract (advisories.ocr). A scanner's PDF is
  one picture per page; pypdf hands each page's picture to Pillow, so no
  renderer (poppler's pdftoppm) is needed on the server. A PDF with neither
  text nor pictures is refused with a message.

PDF and OCR text comes one printed line per line: each is set apart by a
blank line, and the parser rejoins wrapped lines by the prose, as it does
for the hard-wrapped seed 004.

The original kept with the letter: PDF and .docx as sent, an image
re-encoded from its pixels (no EXIF position, nothing hidden after the
picture), a multi-page TIFF as a PDF (browsers do not show TIFF). A .txt is
a transcription, never kept as an original.
"""

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from . import ocr
from .letter_parser import LetterError, decode_text

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# What each kept type is called on the public page, and its stored extension.
ORIGINAL_TYPES = {
    PDF_TYPE: ("PDF", "pdf"),
    DOCX_TYPE: ("DOCX", "docx"),
    "image/png": ("PNG", "png"),
    "image/jpeg": ("JPEG", "jpg"),
    "image/webp": ("WEBP", "webp"),
}
IMAGE_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "TIFF": None}

# A letter is a few pages; more is not a letter, and would only cost the server.
MAX_PAGES = 30
# Refused before decoding: far above a 600 dpi A4 scan, far below a decompression bomb.
MAX_IMAGE_PIXELS = 50 * 1024 * 1024
# A .docx is a ZIP: what it unpacks to is bounded too (a zip bomb is a few KB).
MAX_UNPACKED = 100 * 1024 * 1024
# Fewer letters than this in a PDF's text layer: a scan (perhaps with a page number).
MIN_LETTERS = 40
PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")
SUPPORTED_SUFFIXES = {".txt", ".docx", ".pdf", ".png", ".jpg", ".jpeg", ".webp", ".tif", ".tiff"}


def max_size():
    return getattr(settings, "LETTER_FILE_MAX_SIZE", 20 * 1024 * 1024)


@dataclass(frozen=True)
class Original:
    """The file to keep with the letter: bytes, detected type, and the name it was sent as."""

    content: bytes
    content_type: str
    name: str

    @property
    def label(self):
        return ORIGINAL_TYPES[self.content_type][0]


@dataclass(frozen=True)
class Document:
    text: str
    by_ocr: bool = False
    original: Original | None = None


class OcrUnavailable(LetterError):
    """A scan, and no Tesseract to read it: the publisher types the letter."""


def size_message():
    return _("tệp lớn hơn %(size)d MB, quá giới hạn của cổng.") % {
        "size": max_size() // (1024 * 1024)
    }


def read_document_file(path):
    """The Document in the file at `path`; LetterError names the file on failure."""
    path = Path(path)
    source = str(path)
    try:
        if path.stat().st_size > max_size():
            raise LetterError(size_message(), None, source)
        data = path.read_bytes()
    except OSError as exc:
        raise LetterError(
            _("không đọc được tệp (%(error)s).") % {"error": exc.strerror}, None, source
        ) from exc
    return read_document(data, source, path.name)


def read_upload(upload):
    """The Document in an uploaded file (Django's UploadedFile)."""
    if upload.size > max_size():
        raise LetterError(size_message(), None, upload.name)
    upload.seek(0)
    return read_document(upload.read(), upload.name, upload.name)


def read_document(data, source="", name=""):
    """Text (and the original to keep) from a file's bytes, by what the bytes are."""
    name = Path(name or source).name
    if data.startswith(b"%PDF-"):
        return _read_pdf(data, source, name)
    if data.startswith(b"PK\x03\x04"):
        return _read_docx(data, source, name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: Word 97-2003
        message = _("tệp Word 97-2003 (.doc) chưa đọc được: hãy lưu lại thành .docx hoặc PDF.")
        raise LetterError(message, None, source)
    image = _open_image(data, source)
    if image is not None:
        return _read_image(image, source, name)
    if b"\x00" in data[:4096]:
        raise LetterError(unsupported_message(), None, source)
    return Document(decode_text(data, source))


def unsupported_message():
    return _(
        "cổng không đọc được loại tệp này: hãy gửi tệp .txt, .docx, PDF hoặc ảnh chụp, "
        "ảnh quét (PNG, JPEG, TIFF)."
    )


def examine_original(data, source="", name=""):
    """An Original to keep (PDF, .docx, image), checked like an import; raises LetterError.

    For a signed file attached to a letter typed or imported before.
    """
    name = Path(name or source).name
    if data.startswith(b"%PDF-"):
        _pdf_reader(data, source)
        return Original(data, PDF_TYPE, name)
    if data.startswith(b"PK\x03\x04"):
        _docx_document(data, source)
        return Original(data, DOCX_TYPE, name)
    image = _open_image(data, source)
    if image is None:
        message = _("bản gốc phải là tệp PDF, .docx hoặc ảnh (PNG, JPEG, WEBP, TIFF).")
        raise LetterError(message, None, source)
    return _image_original(_frames(image, source), image.format, name, source)


# --- .docx ------------------------------------------------------------------------


def _docx_document(data, source):
    import docx

    broken = _("tệp .docx bị hỏng hoặc không phải văn bản Word.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise LetterError(broken, None, source) from None
    if "word/document.xml" not in names:
        raise LetterError(broken, None, source)
    if unpacked > MAX_UNPACKED:
        raise LetterError(_("tệp .docx giải nén ra quá lớn."), None, source)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception:  # whatever a broken package makes python-docx raise: never a 500
        raise LetterError(broken, None, source) from None


def _read_docx(data, source, name):
    document = _docx_document(data, source)
    lines = []
    _docx_lines(document, lines, set())
    return Document("\n\n".join(lines), original=Original(data, DOCX_TYPE, name))


def _docx_lines(container, lines, seen):
    """Paragraphs in order; a table cell by cell, row by row (a merged cell once)."""
    from docx.table import Table

    for item in container.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    # The element itself, kept alive in `seen`: an id() could be reused.
                    if cell._tc in seen:
                        continue
                    seen.add(cell._tc)
                    _docx_lines(cell, lines, seen)
        else:
            # A tab lays out two columns on one line ("Số: 15/STTTT\tĐắk Lắk, ngày …").
            for part in re.split(r"\t+", item.text):
                lines.extend(part.splitlines() or [""])


# --- PDF ----------------------------------------------------------------------------


def _pdf_reader(data, source):
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LetterError(
                _("tệp PDF có mật khẩu: hãy gửi bản không đặt mật khẩu."), None, source
            )
        pages = len(reader.pages)
    except LetterError:
        raise
    except Exception:  # whatever a broken file makes pypdf raise: never a 500
        raise LetterError(_("tệp PDF bị hỏng, không đọc được."), None, source) from None
    if pages > MAX_PAGES:
        message = _("tệp PDF có %(pages)d trang, quá %(max)d trang của một công văn.")
        raise LetterError(message % {"pages": pages, "max": MAX_PAGES}, None, source)
    return reader


def _read_pdf(data, source, name):
    from pdfminer.high_level import extract_text

    reader = _pdf_reader(data, source)
    original = Original(data, PDF_TYPE, name)
    try:
        text = extract_text(io.BytesIO(data), maxpages=MAX_PAGES)
    except Exception:  # pdfminer's own errors on a file pypdf opened: read it as a scan
        text = ""
    if sum(ch.isalpha() for ch in text) >= MIN_LETTERS:
        return Document(_printed_lines(text), original=original)
    images = []
    try:
        for page in reader.pages[: ocr.max_pages() + 1]:
            pictures = [picture.image for picture in page.images]
            if pictures:
                # A scanner's page is one picture; a logo beside it is smaller.
                images.append(max(pictures, key=lambda im: im.width * im.height))
    except Exception:
        raise LetterError(_("tệp PDF bị hỏng, không đọc được."), None, source) from None
    if not images:
        message = _("tệp PDF không có chữ cũng không có ảnh trang quét để đọc.")
        raise LetterError(message, None, source)
    return Document(_ocr(images, source), by_ocr=True, original=original)


def _printed_lines(text):
    """One printed line per paragraph of text: the parser rejoins wrapped lines by the prose.

    A line that is a page number alone ("2", "- 2 -") is dropped.
    """
    lines = text.replace("\x0c", "\n").splitlines()
    return "\n\n".join(line for line in lines if line.strip() and not PAGE_NUMBER.match(line))


# --- Images -------------------------------------------------------------------------


def _open_image(data, source):
    """A Pillow image when the bytes are one of the accepted formats, else None."""
    try:
        image = Image.open(io.BytesIO(data), formats=list(IMAGE_FORMATS))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise LetterError(_("ảnh quá lớn (quá nhiều điểm ảnh)."), None, source) from None
    if image.width * image.height > MAX_IMAGE_PIXELS:
        raise LetterError(_("ảnh quá lớn (quá nhiều điểm ảnh)."), None, source)
    return image


def _frames(image, source):
    """The pages of an image (a TIFF may hold several), decoded and upright."""
    frames = []
    try:
        for index in range(min(getattr(image, "n_frames", 1), MAX_PAGES)):
            image.seek(index)
            frame = ImageOps.exif_transpose(image.copy())
            frame.load()
            frames.append(frame)
    except Exception:
        raise LetterError(_("ảnh bị hỏng, không đọc được."), None, source) from None
    return frames


def _read_image(image, source, name):
    frames = _frames(image, source)
    original = _image_original(frames, image.format, name, source)
    return Document(_ocr(frames[: ocr.max_pages() + 1], source), by_ocr=True, original=original)


def _image_original(frames, image_format, name, source):
    """The pixels alone, re-encoded; a TIFF (one page or several) as a PDF."""
    out = io.BytesIO()
    try:
        if image_format == "TIFF":
            pages = [f if f.mode in ("RGB", "L", "1") else f.convert("RGB") for f in frames]
            pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=300)
            content_type = PDF_TYPE
            name = f"{Path(name).stem}.pdf"
        else:
            frame = frames[0]
            if image_format == "JPEG" and frame.mode not in ("RGB", "L"):
                frame = frame.convert("RGB")
            frame.info = {}  # EXIF (GPS), XMP, comments: none of it is kept
            frame.save(out, image_format, **({"quality": 90} if image_format != "PNG" else {}))
            content_type = IMAGE_FORMATS[image_format]
    except Exception:
        raise LetterError(_("ảnh bị hỏng, không đọc được."), None, source) from None
    return Original(out.getvalue(), content_type, name)


def _ocr(images, source):
    if len(images) > ocr.max_pages():
        message = _("bản quét có hơn %(max)d trang: hãy gửi từng công văn, mỗi tệp một công văn.")
        raise LetterError(message % {"max": ocr.max_pages()}, None, source)
    try:
        return _printed_lines(ocr.read_images(images))
    except ocr.OcrUnavailable:
        message = _(
            "tệp là bản quét (không có lớp chữ) mà máy chủ chưa cài Tesseract với tiếng Việt "
            "để đọc chữ: hãy gõ công văn rồi đính kèm bản quét làm bản gốc."
        )
        raise OcrUnavailable(message, None, source) from None
    except ocr.OcrTooSlow:
        message = _("đọc chữ bằng OCR quá lâu: hãy gửi bản quét ít trang hơn hoặc gõ công văn.")
        raise LetterError(message, None, source) from None
