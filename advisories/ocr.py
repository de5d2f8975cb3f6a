"""Reading a scanned letter with Tesseract's Vietnamese model (Debian's tesseract-ocr-vie).

Tesseract is a program on the server, not a Python package: when it (or its
Vietnamese model) is missing, `OcrUnavailable` says so and the publisher types
the letter instead. Scans are read by the job worker (advisories.reading_jobs),
never inside a request: a dense A4 page at 300 dpi takes Tesseract about 20 s
on two cores, so even a few pages would not fit under gunicorn's 30 s.

Work is bounded before it starts: at most LETTER_OCR_MAX_PAGES pages (30, a
letter's most), each at most a 300 dpi A4 page's pixels, and each page within
LETTER_OCR_PAGE_SECONDS (120: six times that dense page), after which
Tesseract is killed. A file therefore takes at most pages × that bound.
"""

import math
import shutil

import pytesseract
from django.conf import settings
from PIL import Image, ImageOps

from .limits import A4_300_DPI_PIXELS, MAX_PAGES

LANGUAGE = "vie"
# An A4 page scanned at 300 dpi: enough for Tesseract, no more.
MAX_PIXELS = A4_300_DPI_PIXELS


class OcrUnavailable(Exception):
    """Tesseract or its Vietnamese model is not installed on this server."""


class OcrTooSlow(Exception):
    """A page took longer than page_seconds(): Tesseract was stopped."""


def max_pages():
    """Pages of a scan that OCR reads; a longer scan is refused before a page is decoded."""
    return min(getattr(settings, "LETTER_OCR_MAX_PAGES", MAX_PAGES), MAX_PAGES)


def page_seconds():
    """Seconds Tesseract may spend on one page."""
    return getattr(settings, "LETTER_OCR_PAGE_SECONDS", 120)


def available():
    """Whether Tesseract runs here and has the Vietnamese model."""
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        return False
    try:
        return LANGUAGE in pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        return False


def read_images(images, on_page=None):
    """The text of the page images (any iterable), pages separated by a blank line.

    `on_page(pages_read, text_so_far)` is called after each page (the worker
    shows the publisher how far it got). Raises OcrUnavailable, or OcrTooSlow
    when a page takes longer than page_seconds().
    """
    if not available():
        raise OcrUnavailable
    pages = []
    for image in images:
        try:
            text = pytesseract.image_to_string(
                _prepared(image), lang=LANGUAGE, timeout=page_seconds()
            )
        except RuntimeError as error:  # pytesseract's way of saying it killed a slow run
            if "timeout" in str(error).lower():
                raise OcrTooSlow from error
            raise
        except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError) as error:
            raise OcrUnavailable from error
        pages.append(text)
        if on_page is not None:
            on_page(len(pages), "\n\n".join(pages))
    return "\n\n".join(pages)


def _prepared(image):
    """Grey, upright, at most MAX_PIXELS: what Tesseract reads best and fastest."""
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("L", "1"):
        image = image.convert("L")
    if image.width * image.height > MAX_PIXELS:
        ratio = math.sqrt(MAX_PIXELS / (image.width * image.height))
        size = (max(1, int(image.width * ratio)), max(1, int(image.height * ratio)))
        image = image.resize(size, Image.Resampling.LANCZOS)
    return image
