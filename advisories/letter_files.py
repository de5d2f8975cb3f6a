"""Letter files as departments hold them: the text in them, and the original to keep.

A file is judged by its content, never by its name: a PDF starts with `%PDF-`,
a .docx is a ZIP holding `word/document.xml`, an image is what Pillow decodes
as PNG, JPEG, WebP or TIFF; anything else is read as UTF-8 text (the seeds).

- .txt: the text as it is (advisories.letter_parser reads it).
- .docx: advisories.letter_docx (python-docx).
- PDF with a text layer (pdfminer.six, whose layout analysis keeps the two
  columns of the header apart): advisories.letter_pdf.
- A scanned PDF or an image: Tesseract (advisories.ocr). A PDF with neither
  text nor pictures is refused with a message.

Reading a scan takes Tesseract seconds a page, so it is split in two:
`examine_document` does what a request may (the format, the pages and pixels
measured from the headers, a PDF's text layer) and gives a `Scan`, nothing
decoded; `read_scan` decodes and reads it, in the job worker
(advisories.reading_jobs) or in the `import_advisories` command.

PDF and OCR text comes one printed line per line: each is set apart by a
blank line, and the parser rejoins wrapped lines by the prose, as it does
for the hard-wrapped seed 004.

The original kept with the letter: PDF and .docx as sent, an image
re-encoded from its pixels (no EXIF position, nothing hidden after the
picture), a multi-page TIFF as a PDF (browsers do not show TIFF). A .txt is
a transcription, never kept as an original.

Every page's size and the number of pages are checked before a page is
decoded, and pages are decoded one at a time (advisories.limits).
"""

import io
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from . import letter_pdf, ocr
from .letter_docx import docx_document, docx_text
from .letter_parser import LetterError, decode_text
from .limits import MAX_IMAGE_PIXELS, MAX_PAGES, MAX_TOTAL_PIXELS, too_many_pixels_message

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


@dataclass(frozen=True)
class Scan:
    """A scan checked for reading (format, pages, pixels), not yet decoded: OCR reads it."""

    content: bytes
    pages: int
    name: str


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
    """What is in an uploaded file (Django's UploadedFile): a Document, or a Scan to read."""
    if upload.size > max_size():
        raise LetterError(size_message(), None, upload.name)
    upload.seek(0)
    return examine_document(upload.read(), upload.name, upload.name)


def read_document(data, source="", name=""):
    """Text (and the original to keep) from a file's bytes, by what the bytes are.

    A scan is read here and now (the command); a request calls examine_document.
    """
    found = examine_document(data, source, name)
    if isinstance(found, Scan):
        return read_scan(found.content, source, found.name)
    return found


def examine_document(data, source="", name=""):
    """A Document, or for a scan the Scan OCR is to read, measured and not decoded."""
    name = Path(name or source).name
    if data.startswith(b"%PDF-"):
        return _examine_pdf(data, source, name)
    if data.startswith(b"PK\x03\x04"):
        return _read_docx(data, source, name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: Word 97-2003
        message = _("tệp Word 97-2003 (.doc) chưa đọc được: hãy lưu lại thành .docx hoặc PDF.")
        raise LetterError(message, None, source)
    image = _open_image(data, source)
    if image is not None:
        return _scan(data, _page_count(image, source), source, name)
    if b"\x00" in data[:4096]:
        raise LetterError(unsupported_message(), None, source)
    return Document(decode_text(data, source))


def read_scan(data, source="", name="", on_page=None):
    """The Document OCR reads from a scan (an image, a scanner's PDF). Raises LetterError.

    Every bound is checked again before a page is decoded, as examine_document
    checked it; pages are then decoded and read one at a time. `on_page(pages_read,
    text_so_far)` follows the reading (advisories.reading_jobs).
    """
    name = Path(name or source).name
    if data.startswith(b"%PDF-"):
        reader = letter_pdf.pdf_reader(data, source)
        pages = letter_pdf.scanned_pages(reader, source)
        _scan(data, len(pages), source, name)
        text = _ocr(letter_pdf.pictures(pages, source), source, on_page)
        return Document(text, by_ocr=True, original=Original(data, PDF_TYPE, name))
    image = _open_image(data, source)
    if image is None:
        raise LetterError(unsupported_message(), None, source)
    count = _page_count(image, source)
    _scan(data, count, source, name)
    text = _ocr(_pages(image, count, source), source, on_page)
    original = _image_original(image, count, name, source)
    return Document(text, by_ocr=True, original=original)


def _scan(data, count, source, name):
    """A Scan of `count` pages, refused when OCR would read fewer: nothing is decoded yet."""
    if count > ocr.max_pages():
        message = _("bản quét có hơn %(max)d trang: hãy gửi từng công văn, mỗi tệp một công văn.")
        raise LetterError(message % {"max": ocr.max_pages()}, None, source)
    return Scan(data, count, name)


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
        letter_pdf.pdf_reader(data, source)
        return Original(data, PDF_TYPE, name)
    if data.startswith(b"PK\x03\x04"):
        docx_document(data, source)
        return Original(data, DOCX_TYPE, name)
    image = _open_image(data, source)
    if image is None:
        message = _("bản gốc phải là tệp PDF, .docx hoặc ảnh (PNG, JPEG, WEBP, TIFF).")
        raise LetterError(message, None, source)
    return _image_original(image, _page_count(image, source), name, source)


# --- .docx ------------------------------------------------------------------------


def _read_docx(data, source, name):
    text = docx_text(docx_document(data, source), source)
    return Document(text, original=Original(data, DOCX_TYPE, name))


# --- PDF ----------------------------------------------------------------------------


def _examine_pdf(data, source, name):
    reader = letter_pdf.pdf_reader(data, source)
    text = letter_pdf.text_layer(data, source)
    if sum(ch.isalpha() for ch in text) >= MIN_LETTERS:
        return Document(_printed_lines(text), original=Original(data, PDF_TYPE, name))
    pages = letter_pdf.scanned_pages(reader, source)
    if not pages:
        message = _("tệp PDF không có chữ cũng không có ảnh trang quét để đọc.")
        raise LetterError(message, None, source)
    return _scan(data, len(pages), source, name)


def _printed_lines(text):
    """One printed line per paragraph of text: the parser rejoins wrapped lines by the prose.

    A line that is a page number alone ("2", "- 2 -") is dropped.
    """
    lines = text.replace("\x0c", "\n").splitlines()
    return "\n\n".join(line for line in lines if line.strip() and not PAGE_NUMBER.match(line))


# --- Images -------------------------------------------------------------------------


def _open_image(data, source):
    """A Pillow image when the bytes are one of the accepted formats, else None.

    Only the file's header is read: _page_count checks every page before any is decoded.
    """
    try:
        return Image.open(io.BytesIO(data), formats=list(IMAGE_FORMATS))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise LetterError(too_many_pixels_message(), None, source) from None


def _page_count(image, source):
    """How many pages the image has, once each page's size is checked. Nothing is decoded.

    A TIFF may hold several pages, each of its own size: each page's header
    (its IFD) is read by seek(), which decodes nothing, and the first page's
    size says nothing of the others (issue 15: a 100×100 page followed by 16
    pages of 10000×12000 took a worker to 3.5 GB). At most MAX_PAGES + 1
    headers are read. An animated PNG or WebP is read by its first frame.
    """
    sizes = [image.size]
    if image.format == "TIFF":
        try:
            while len(sizes) <= MAX_PAGES:
                image.seek(len(sizes))
                sizes.append(image.size)
        except EOFError:
            pass  # no more pages
        except Exception:  # a broken page header: never a 500
            raise LetterError(_("ảnh bị hỏng, không đọc được."), None, source) from None
    if len(sizes) > MAX_PAGES:
        message = _("ảnh có hơn %(max)d trang, quá số trang của một công văn.")
        raise LetterError(message % {"max": MAX_PAGES}, None, source)
    pixels = [width * height for width, height in sizes]
    if max(pixels) > MAX_IMAGE_PIXELS or sum(pixels) > MAX_TOTAL_PIXELS:
        raise LetterError(too_many_pixels_message(), None, source)
    return len(sizes)


def _pages(image, count, source):
    """The image's first `count` pages, decoded one at a time and upright.

    One at a time, and each in the image itself (no copy): a page is used
    (read by OCR, written to the PDF) before the next is decoded in its place,
    so memory holds one page. Whoever needs a page longer copies it.
    """
    for index in range(count):
        try:
            image.seek(index)
            ImageOps.exif_transpose(image, in_place=True)  # turned if the scanner said so
            image.load()
        except Exception:
            raise LetterError(_("ảnh bị hỏng, không đọc được."), None, source) from None
        yield image


def _image_original(image, count, name, source):
    """The pixels alone, re-encoded; a TIFF (one page or several) as a PDF, page by page."""
    out = io.BytesIO()
    try:
        if image.format == "TIFF":
            for index, page in enumerate(_pages(image, count, source)):
                if page.mode not in ("RGB", "L", "1"):
                    page = page.convert("RGB")
                # Each page appended to the PDF written so far, then dropped.
                page.save(out, "PDF", append=index > 0, resolution=300)
            content_type = PDF_TYPE
            name = f"{Path(name).stem}.pdf"
        else:
            frame = next(_pages(image, 1, source))
            if image.format == "JPEG" and frame.mode not in ("RGB", "L"):
                frame = frame.convert("RGB")
            frame.info = {}  # EXIF (GPS), XMP, comments: none of it is kept
            frame.save(out, image.format, **({"quality": 90} if image.format != "PNG" else {}))
            content_type = IMAGE_FORMATS[image.format]
    except LetterError:
        raise
    except Exception:
        raise LetterError(_("ảnh bị hỏng, không đọc được."), None, source) from None
    return Original(out.getvalue(), content_type, name)


def _ocr(images, source, on_page=None):
    """The text of the page images (an iterable, decoded as they are read), printed lines."""
    # The publisher is shown the text as the parser will number its lines.
    progress = None if on_page is None else lambda read, text: on_page(read, _printed_lines(text))
    try:
        return _printed_lines(ocr.read_images(images, on_page=progress))
    except ocr.OcrUnavailable:
        message = _(
            "tệp là bản quét (không có lớp chữ) mà máy chủ chưa cài Tesseract với tiếng Việt "
            "để đọc chữ: hãy gõ công văn rồi đính kèm bản quét làm bản gốc."
        )
        raise OcrUnavailable(message, None, source) from None
    except ocr.OcrTooSlow:
        message = _(
            "một trang của bản quét đọc quá %(seconds)d giây: hãy quét lại rõ hơn (300 dpi, "
            "trang thẳng) hoặc gõ công văn rồi đính kèm bản quét làm bản gốc."
        )
        raise LetterError(message % {"seconds": ocr.page_seconds()}, None, source) from None
