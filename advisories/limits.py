"""How much a letter may be: its text, and the files it is read from (issue 15).

Every limit is checked before the work it bounds: a file's pages and pixels
before a page is decoded, a .docx's unpacked parts before python-docx parses
them, a text's length before it is parsed.

Text limits are sized on real letters: the five seeds hold 1,600 to 2,700 characters of
content (one or two printed pages), a summary of at most 122 characters and
lists of at most 181. A page set out as Decree 30/2020/NĐ-CP asks (13 pt,
single spacing, its narrowest margins) holds about 3,300 characters, and a
file may have 30 pages (MAX_PAGES): the content limit is those
30 dense pages. Each limit is checked by the model (the admin form shows the
message under the field, with what was typed kept), and by the importer.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible
from django.utils.formats import get_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# 30 pages of about 3,300 characters: 37 times the longest seed.
MAX_CONTENT_LENGTH = 100_000
# "V/v …": one to three printed lines in the seeds (at most 122 characters).
MAX_SUMMARY_LENGTH = 1_000
# "Kính gửi" and "Nơi nhận": one entry a line; 5,000 is some 60 entries of 80 characters.
MAX_LIST_LENGTH = 5_000
# A whole file's text (header, lists, content, signature, and the blank lines and
# spaces of its layout: a PDF's text has a blank line after every printed line)
# is refused above this before it is parsed.
MAX_LETTER_TEXT = 2 * MAX_CONTENT_LENGTH

# --- Files (advisories.letter_files, letter_docx, letter_pdf) ------------------------

# A letter is a few pages; more is not a letter, and would only cost the server.
MAX_PAGES = 30
# An A4 page scanned at 300 dpi (2480 × 3508): what OCR reads (advisories.ocr).
A4_300_DPI_PIXELS = 2480 * 3508
# Refused before decoding, for every page of a file: far above a 600 dpi A4 scan
# (35 MP), far below a decompression bomb.
MAX_IMAGE_PIXELS = 50 * 1024 * 1024
# All the pages of a file together: 30 pages scanned at 300 dpi, or five at 600.
# Pages are decoded one at a time, so this bounds the time (decoding and
# re-encoding), not the memory, which holds about one page.
MAX_TOTAL_PIXELS = MAX_PAGES * A4_300_DPI_PIXELS
# A .docx is a ZIP: what it unpacks to is bounded (a zip bomb is a few KB). A
# file is at most 20 MB, pictures do not compress and XML compresses tenfold:
# 20 MB of pictures and the XML below fit.
MAX_UNPACKED = 40 * 1024 * 1024
# Each XML part python-docx parses (document.xml, styles, headers…): Word
# writes some 10 to 50 bytes of markup per character, a run per word in
# letters converted from old Vietnamese encodings; 5 MB is 50 bytes for each
# character of the longest content. python-docx holds about 20 times the XML in
# memory while it parses (the 51 MB document.xml: 950 MB, 30 s).
MAX_DOCX_XML_PART = 5 * 1024 * 1024
MAX_DOCX_XML = 2 * MAX_DOCX_XML_PART  # all the XML parts together
# The ZIP's central directory, which zipfile reads whole when it opens the file:
# a .docx lists 10 to 30 parts, about 100 bytes each, one more per picture.
MAX_ZIP_DIRECTORY = 256 * 1024


def too_many_pixels_message():
    """An image, or a scan's page, over MAX_IMAGE_PIXELS, or all pages over MAX_TOTAL_PIXELS."""
    return gettext("ảnh quá lớn (quá nhiều điểm ảnh).")


def grouped(number):
    """`100.000` in Vietnamese, `100,000` in English: as people read long numbers.

    By hand: Django's Vietnamese formats name the separator but group nothing.
    """
    return f"{number:,}".replace(",", get_format("THOUSAND_SEPARATOR"))


@deconstructible(path="advisories.limits.MaxTextLength")
class MaxTextLength(MaxLengthValidator):
    """At most `limit_value` characters, with a message that says how much to cut."""

    message = _("Dài %(length)s ký tự, quá giới hạn %(limit)s ký tự: hãy bớt %(excess)s ký tự.")

    def __call__(self, value):
        length, limit = self.clean(value), self.limit_value
        if self.compare(length, limit):
            raise ValidationError(
                self.message,
                code=self.code,
                params={
                    "length": grouped(length),
                    "limit": grouped(limit),
                    "excess": grouped(length - limit),
                    "value": value,
                },
            )
