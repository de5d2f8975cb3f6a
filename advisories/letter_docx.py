"""The text of a .docx letter (python-docx), with every part's size checked before it is parsed.

A .docx is a ZIP of XML parts. Issue 15: a 185 KB file whose document.xml
unpacks to 51 MB took python-docx 30 s and 950 MB. So, before python-docx
opens the file: the ZIP's central directory (which zipfile reads whole), the
sizes every part declares (zipfile never unpacks more than a part declares:
a part that lies fails its checksum), each XML part and all of them together
(advisories.limits). While reading, the text stops at the longest a file's
text may be.

Paragraphs and table cells come in document order; a header laid out in a
two-column table or with tabs comes out one column part per line.
"""

import io
import re
import struct
import zipfile

from django.utils.translation import gettext as _

from .letter_parser import LetterError, too_long_message
from .limits import (
    MAX_DOCX_XML,
    MAX_DOCX_XML_PART,
    MAX_LETTER_TEXT,
    MAX_UNPACKED,
    MAX_ZIP_DIRECTORY,
)

END_OF_DIRECTORY = b"PK\x05\x06"  # a ZIP's last record: where its directory is, how long
ZIP64_LOCATOR = b"PK\x06\x07"  # archives of more than 65,535 parts or 4 GB: never a .docx
LONGEST_ZIP_COMMENT = 65_535


def broken_message():
    return _("tệp .docx bị hỏng hoặc không phải văn bản Word.")


def docx_document(data, source):
    """The python-docx Document, once the package's parts are checked; raises LetterError."""
    import docx

    _check_directory(data, source)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise LetterError(broken_message(), None, source) from None
    if "word/document.xml" not in {part.filename for part in parts}:
        raise LetterError(broken_message(), None, source)
    xml = [part.file_size for part in parts if part.filename.endswith((".xml", ".rels"))]
    if (
        sum(part.file_size for part in parts) > MAX_UNPACKED
        or max(xml) > MAX_DOCX_XML_PART
        or sum(xml) > MAX_DOCX_XML
    ):
        raise LetterError(_("tệp .docx giải nén ra quá lớn."), None, source)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception:  # whatever a broken package makes python-docx raise: never a 500
        raise LetterError(broken_message(), None, source) from None


def _check_directory(data, source):
    """The central directory's size from the ZIP's end record, before zipfile reads it all."""
    end = data.rfind(END_OF_DIRECTORY, max(0, len(data) - 22 - LONGEST_ZIP_COMMENT))
    if end < 0 or len(data) < end + 22:
        raise LetterError(broken_message(), None, source)
    (directory_size,) = struct.unpack_from("<I", data, end + 12)
    if ZIP64_LOCATOR in data[max(0, end - 20) : end] or directory_size > MAX_ZIP_DIRECTORY:
        raise LetterError(_("tệp .docx giải nén ra quá lớn."), None, source)


def docx_text(document, source):
    """The letter's text: one printed line per line, lines separated by a blank line."""
    lines = _Lines(source)
    try:
        _read(document.element.body, lines)
    except LetterError:
        raise
    except Exception:  # an element python-docx cannot read: never a 500
        raise LetterError(broken_message(), None, source) from None
    return "\n\n".join(lines)


class _Lines(list):
    """The lines read so far; refuses, as they come, a text longer than any letter's."""

    def __init__(self, source):
        super().__init__()
        self.source, self.length = source, 0

    def add(self, line):
        self.length += len(line) + 2  # and the blank line after it
        if self.length > MAX_LETTER_TEXT:
            raise LetterError(too_long_message(), None, self.source)
        self.append(line)


def _tag(name):
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + name


P, TABLE, ROW, CELL, RUN, HYPERLINK = map(_tag, ["p", "tbl", "tr", "tc", "r", "hyperlink"])
# What python-docx reads as a run's text (each element's str(): "\t" for a tab, "\n"
# for a line break…).
RUN_TEXT = [_tag(name) for name in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab")]


def _read(element, lines):
    """Paragraphs in order; a table cell by cell, row by row, a merged cell once.

    The XML's children one by one, not python-docx's walks, which are not
    linear: its iter_inner_content() and a paragraph's text ask libxml2 for
    the union of two kinds of children ("./w:p | ./w:tbl"), which costs the
    square of their number (here 100,000 paragraphs beside a table: 53 s);
    a row's cells repeat a cell once per column it spans (a span of two
    billion is a few bytes of XML) and climb every row above a vertically
    merged cell, recursively. The text is what python-docx gives.
    """
    for child in element.iterchildren(P, TABLE):
        if child.tag == TABLE:
            for row in child.iterchildren(ROW):
                for cell in row.iterchildren(CELL):
                    # The rest of a vertical merge holds nothing: its text is the first cell's.
                    if cell.vMerge != "continue":
                        _read(cell, lines)
            continue
        # A tab lays out two columns on one line ("Số: 15/STTTT\tĐắk Lắk, ngày …").
        for part in re.split(r"\t+", _paragraph_text(child)):
            for line in part.splitlines() or [""]:
                lines.add(line)


def _paragraph_text(paragraph):
    runs = []
    for child in paragraph.iterchildren(RUN, HYPERLINK):
        runs.extend([child] if child.tag == RUN else child.iterchildren(RUN))
    return "".join(str(part) for run in runs for part in run.iterchildren(*RUN_TEXT))
