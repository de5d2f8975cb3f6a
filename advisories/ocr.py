"""Reading a scanned letter with Tesseract's Vietnamese model (Debian's tesseract-ocr-vie).

Tesseract is a program on the server, not a Python package: when it (or its
Vietnamese model) is missing, `OcrUnavailable` says so and the publisher types
the letter instead. Work is bounded: a few pages, each at most a 300 dpi A4
page's pixels, and a time budget that stays under gunicorn's 30 s timeout, so
the publisher gets a message rather than a dropped connection.
"""

import math
import shutil
import time

import pytesseract
from django.conf import settings
from PIL import Image, ImageOps

from .limits import A4_300_DPI_PIXELS

LANGUAGE = "vie"
# An A4 page scanned at 300 dpi: enough for Tesseract, no more.
MAX_PIXELS = A4_300_DPI_PIXELS


class OcrUnavailable(Exception):
    """Tesseract or its Vietnamese model is not installed on this server."""


class OcrTooSlow(Exception):
    """The pages did not fit in the time budget."""


def max_pages():
    return getattr(settings, "LETTER_OCR_MAX_PAGES", 5)


def time_budget():
    """Seconds for all the pages of one file."""
    return getattr(settings, "LETTER_OCR_SECONDS", 20)


def available():
    """Whether Tesseract runs here and has the Vietnamese model."""
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        return False
    try:
        return LANGUAGE in pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        return False


def read_images(images, deadline=None):
    """The text of the page images (any iterable), pages separated by a blank line.

    Raises OcrUnavailable, or OcrTooSlow when the budget (time_budget() from
    now, or the `deadline` on time.monotonic()'s clock) runs out.
    """
    if not available():
        raise OcrUnavailable
    if deadline is None:
        deadline = time.monotonic() + time_budget()
    pages = []
    for image in images:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise OcrTooSlow
        try:
            text = pytesseract.image_to_string(_prepared(image), lang=LANGUAGE, timeout=remaining)
        except RuntimeError as error:  # pytesseract's way of saying it killed a slow run
            if "timeout" in str(error).lower():
                raise OcrTooSlow from error
            raise
        except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError) as error:
            raise OcrUnavailable from error
        pages.append(text)
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
