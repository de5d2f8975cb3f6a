"""A PDF letter: its pages (pypdf), its text layer (advisories.pdf_text), its scanned pages.

Every step is bounded before it starts: pypdf counts the pages (at most
MAX_PAGES); pdfminer reads the text layer in a child process killed at
LETTER_PDF_SECONDS; a scanner's pages are sized from the PDF's own
dictionaries (/Width, /Height) and refused like an image's before one is
decoded, and then decoded one at a time. A scanner's PDF is one picture per
page; pypdf hands each page's picture to Pillow, so no renderer (poppler's
pdftoppm) is needed on the server.
"""

import io
import warnings

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image

from . import ocr, pdf_text
from .letter_parser import LetterError
from .limits import MAX_IMAGE_PIXELS, MAX_PAGES, MAX_TOTAL_PIXELS, too_many_pixels_message


def pdf_seconds():
    """Seconds for pdfminer to read a PDF's text layer.

    A dense 30-page letter takes about 1.2 s. It is read in the request (a
    text PDF becomes a draft at once), well under gunicorn's 30 s; a PDF found
    to be a scan is then read by OCR in the job worker (advisories.reading_jobs).
    """
    return getattr(settings, "LETTER_PDF_SECONDS", 8)


def broken_message():
    return _("tệp PDF bị hỏng, không đọc được.")


def pdf_reader(data, source):
    """pypdf's reader, once the file opens, has no password and has at most MAX_PAGES pages."""
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
        raise LetterError(broken_message(), None, source) from None
    if pages > MAX_PAGES:
        message = _("tệp PDF có %(pages)d trang, quá %(max)d trang của một công văn.")
        raise LetterError(message % {"pages": pages, "max": MAX_PAGES}, None, source)
    return reader


def text_layer(data, source):
    """The text pdfminer reads, "" when it cannot read the file (then it is read as a scan)."""
    try:
        return pdf_text.text_layer(data, seconds=pdf_seconds(), max_pages=MAX_PAGES)
    except pdf_text.TooSlow:
        message = _(
            "đọc lớp chữ của tệp PDF quá %(seconds)d giây: tệp quá nặng so với một công văn. "
            "Hãy in lại công văn ra PDF, hoặc gõ công văn rồi đính kèm tệp làm bản gốc."
        )
        raise LetterError(message % {"seconds": pdf_seconds()}, None, source) from None
    except pdf_text.Unreadable:
        return ""


def scanned_pages(reader, source):
    """[(page, picture name)] of the pages OCR would read, sized from the PDF alone.

    A scanner's page is one picture; a logo beside it is smaller: the largest
    picture is the page. At most one more page than OCR reads is looked at,
    so that a longer scan can be refused for its length.
    """
    found, total = [], 0
    try:
        for page in reader.pages[: ocr.max_pages() + 1]:
            sizes = _picture_sizes(page)
            if not sizes:
                continue
            picture = max(sizes, key=sizes.get)
            if sizes[picture] > MAX_IMAGE_PIXELS:
                raise LetterError(too_many_pixels_message(), None, source)
            total += sizes[picture]
            found.append((page, picture))
    except LetterError:
        raise
    except Exception:  # whatever a broken file makes pypdf raise: never a 500
        raise LetterError(broken_message(), None, source) from None
    if total > MAX_TOTAL_PIXELS:
        raise LetterError(too_many_pixels_message(), None, source)
    return found


def _picture_sizes(page):
    """{name: pixels} of the pictures a page draws, from their dictionaries: nothing decoded."""
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else {}
    xobjects = resources.get("/XObject")
    if xobjects is None:
        return {}
    sizes = {}
    for name, reference in xobjects.get_object().items():
        xobject = reference.get_object()
        if xobject.get("/Subtype") == "/Image":
            width, height = int(xobject.get("/Width", 0)), int(xobject.get("/Height", 0))
            sizes[name] = max(width, 0) * max(height, 0)
    return sizes


def pictures(pages, source):
    """Each page's picture, decoded one at a time, as OCR asks for it."""
    for page, name in pages:
        try:
            with warnings.catch_warnings():
                # A JPEG inside may be larger than the PDF says: then Pillow's own bound.
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                picture = page.images[name].image
        except Exception:
            raise LetterError(broken_message(), None, source) from None
        if picture.width * picture.height > MAX_IMAGE_PIXELS:
            raise LetterError(too_many_pixels_message(), None, source)
        yield picture
