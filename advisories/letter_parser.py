"""Read an advisory letter (công văn) from plain text into a ParsedLetter. No database.

The letters come as text pasted out of Word or PDF (see advisories/seeds/):
Markdown emphasis, hard-wrapped lines separated by blank lines, trailing and
doubled spaces, a two-column header flattened into lines, blank numbers and
days. The parts are found by the markers Decree 30/2020/NĐ-CP puts in every
letter ("Số", "…, ngày … tháng … năm …", "V/v", "Kính gửi", "Nơi nhận"), and
wrapped lines are rejoined by what Vietnamese official prose looks like: a
paragraph ends with punctuation and the next one starts with a capital or an
item marker.
"""

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from .citations import Citation, find_citations
from .limits import MAX_LETTER_TEXT, grouped
from .text import search_key


class LetterError(ValueError):
    """A letter that cannot be read; says which file and which line."""

    def __init__(self, message, line=None, source=""):
        super().__init__(message)
        self.message = message
        self.line = line
        self.source = source

    def __str__(self):
        if self.line:
            return _("%(file)s, dòng %(line)d: %(message)s") % {
                "file": self.source,
                "line": self.line,
                "message": self.message,
            }
        return _("%(file)s: %(message)s") % {"file": self.source, "message": self.message}


@dataclass
class ParsedLetter:
    source: str
    number: str
    symbol: str
    number_line: int
    place: str
    place_line: int
    year: int
    month: int | None
    day: int | None
    precision: str  # the values of advisories.models.DatePrecision
    summary: str
    content: str
    signer_title: str
    signer_authority: str = ""
    signer_name: str = ""
    header: list[str] = field(default_factory=list)
    header_line: int | None = None  # where the header starts, when there is one
    recipients: list[str] = field(default_factory=list)
    distribution: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)

    @property
    def symbol_base(self):
        """`STTTT-TTra` → `STTTT`: the issuer's abbreviation, before the unit's."""
        return self.symbol.split("-")[0].upper()


@dataclass
class _Line:
    no: int
    text: str  # spaces tidied, Markdown emphasis kept

    @property
    def plain(self):
        """Without emphasis markers: what the markers are matched against."""
        return self.text.replace("*", "").strip()


NUMBER_RE = re.compile(r"^Số\s*:?\s*(?P<number>\d[\w.]*)?\s*/\s*(?P<symbol>\S.*)$", re.I)
# A blank day or month is printed as spaces, dots or underscores.
DATE_RE = re.compile(
    r"^(?P<place>[^,\d]{2,60}?)\s*,\s*ngày(?P<day>[\d\s.…_]*)tháng(?P<month>[\d\s.…_]*)"
    r"năm\s*(?P<year>\d{4})\s*\.?$",
    re.I,
)
SUMMARY_RE = re.compile(r"^(?:V/v|Về việc)\b\s*:?\s*(?P<text>.*)$", re.I)
RECIPIENTS_RE = re.compile(r"^Kính gửi\s*:?\s*(?P<rest>.*)$", re.I)
DISTRIBUTION_RE = re.compile(r"^Nơi nhận\s*:?\s*(?P<rest>.*)$", re.I)
CLOSING_RE = re.compile(r"^Trân trọng(?: cảm ơn)?\s*[./!]*$", re.I)
# What starts a new paragraph or list entry whatever the line before it.
ITEM_RE = re.compile(
    r"^(?:[-+•–]\s|\(?\d{1,2}[.)]{1,2}\s|\(\d{1,2}\)\.?\s|[IVX]{1,4}\.\s|[a-zđ]\)\s|Cách \d+\s*:)"
)
BULLET_RE = re.compile(r"^[-•–]\s+")
ENTRY_RE = re.compile(r"^(?:[-•–]\s*|\+\s+)")
# Characters that close a sentence or a clause at the end of a line.
TERMINAL = ".:;!?…"
# A line shorter than this was not cut by a word processor's wrap.
WRAP_WIDTH = 50
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def read_letter(path):
    """Parse the file at `path`; LetterError names the file (and the line) on failure."""
    path = Path(path)
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LetterError(
            _("không đọc được tệp (%(error)s).") % {"error": exc.strerror}, None, source
        ) from exc
    return parse_letter(decode_text(data, source), source)


def decode_text(data, source=""):
    """A text file's bytes as text; LetterError at the line of the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LetterError(
            _(
                "tệp không phải văn bản UTF-8 (byte lạ ở vị trí %(pos)d); "
                "hãy lưu lại dưới dạng UTF-8."
            )
            % {"pos": exc.start},
            line,
            source,
        ) from exc


def too_long_message(length=None):
    """A file's text over MAX_LETTER_TEXT: `length` when it is known (it is not when the
    reading stopped there)."""
    if length is None:
        message = _(
            "văn bản trong tệp dài hơn %(limit)s ký tự của một công văn (khoảng 30 trang): "
            "mỗi tệp chỉ chứa một công văn."
        )
        return message % {"limit": grouped(MAX_LETTER_TEXT)}
    message = _(
        "văn bản trong tệp dài %(length)s ký tự, quá %(limit)s ký tự của một công văn "
        "(khoảng 30 trang): mỗi tệp chỉ chứa một công văn."
    )
    return message % {"length": grouped(length), "limit": grouped(MAX_LETTER_TEXT)}


def parse_letter(text, source=""):
    if len(text) > MAX_LETTER_TEXT:
        # Before any parsing: no letter is that long, and a file of one is one letter.
        raise LetterError(too_long_message(len(text)), None, source)
    lines = _split(text)
    if not any(line.text for line in lines):
        raise LetterError(_("tệp rỗng."), None, source)

    def fail(message, line):
        raise LetterError(message, line.no if line else None, source)

    first = next(line for line in lines if line.text)
    start = _find(lines, RECIPIENTS_RE)
    head = lines[:start] if start is not None else lines
    number_at = _find(head, NUMBER_RE)
    if number_at is None:
        fail(_("không thấy dòng số, ký hiệu (“Số: …/…”) ở đầu văn bản."), first)
    number_line = head[number_at]
    date_at = _find(head, DATE_RE)
    if date_at is None:
        fail(_("không thấy dòng địa danh, ngày tháng (“…, ngày … tháng … năm …”)."), number_line)
    summary_at = _find(head, SUMMARY_RE)
    if summary_at is None:
        fail(_("không thấy dòng trích yếu “V/v …”."), number_line)
    if start is None:
        fail(_("không thấy dòng “Kính gửi”."), head[summary_at])

    number = NUMBER_RE.match(number_line.plain)
    date_line = head[date_at]
    year, month, day, precision = _date(DATE_RE.match(date_line.plain), date_line, fail)
    summary = _summary(head, summary_at, {number_at, date_at})
    if not summary:
        fail(_("dòng “V/v” không có trích yếu."), head[summary_at])

    inline = RECIPIENTS_RE.match(lines[start].plain)["rest"]
    recipients, body_at = _entries(lines, start + 1, inline, allow_unmarked=True)
    body_end, tail_at = _body_end(lines, body_at)
    if body_end is None:
        fail(_("không thấy phần kết “Trân trọng./.” hay “Nơi nhận:”."), lines[start])
    content = _content(lines[body_at:body_end])
    if not content:
        fail(_("văn bản không có nội dung giữa “Kính gửi” và phần kết."), lines[start])
    distribution, signature = _tail(lines[tail_at:])
    authority, title, name = _signer(signature)
    if not title:
        last = next(line for line in reversed(lines) if line.text)
        fail(_("không thấy chức vụ người ký (ví dụ: GIÁM ĐỐC) ở cuối văn bản."), last)

    return ParsedLetter(
        source=source,
        header=_header(head[:number_at]),
        header_line=next(
            (line.no for line in head[:number_at] if line.text and not _is_motto(line.plain)), None
        ),
        number=number["number"] or "",
        # `/STTTT- CNBCVT`: the spaces are typing slips, never part of a symbol.
        symbol=re.sub(r"\s+", "", number["symbol"]),
        number_line=number_line.no,
        place=DATE_RE.match(date_line.plain)["place"].strip(),
        place_line=date_line.no,
        year=year,
        month=month,
        day=day,
        precision=precision,
        summary=summary,
        recipients=recipients,
        content=content,
        signer_authority=authority,
        signer_title=title,
        signer_name=name,
        distribution=distribution,
        citations=find_citations(summary + "\n" + content.replace("*", "")),
    )


def _split(text):
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    return [
        _Line(no, re.sub(r"\s+", " ", raw).strip())
        for no, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1)
    ]


def _find(lines, regex):
    return next((i for i, line in enumerate(lines) if line.text and regex.match(line.plain)), None)


def _date(match, line, fail):
    """Year, month, day and precision; a blank day stays blank (never invented)."""
    year = int(match["year"])
    day = int(re.sub(r"\D", "", match["day"]) or 0) or None
    month = int(re.sub(r"\D", "", match["month"]) or 0) or None
    if not 1945 <= year <= 2100:
        fail(_("năm ban hành %(year)d không hợp lệ.") % {"year": year}, line)
    if month is not None and not 1 <= month <= 12:
        fail(_("tháng %(month)d không hợp lệ.") % {"month": month}, line)
    if day is not None and month is None:
        fail(_("có ngày mà không có tháng."), line)
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        message = _("tháng %(month)d năm %(year)d không có ngày %(day)d.")
        fail(message % {"month": month, "year": year, "day": day}, line)
    precision = "day" if day else "month" if month else "year"
    return year, month, day, precision


def _summary(head, at, stops):
    """The text after "V/v", with its wrapped lines (blank-separated or not) joined."""
    parts = [SUMMARY_RE.match(head[at].plain)["text"]]
    for i in range(at + 1, len(head)):
        if i in stops:
            break
        if not _is_motto(head[i].plain):  # a two-column header flattened after it
            parts.append(head[i].plain)
    return " ".join(p for p in parts if p).strip()


def _header(lines):
    """Issuing body and its parent as printed above the number; the national motto is not."""
    return [line.plain for line in lines if line.text and not _is_motto(line.plain)]


def _is_motto(text):
    key = search_key(text)
    return key.startswith("cong hoa xa hoi chu nghia") or key.startswith("doc lap - tu do")


def _terminated(text):
    text = text.rstrip('*”"’)_ ')
    return bool(text) and text[-1] in TERMINAL


def _starts_lower(text):
    return bool(text) and text[0].isalpha() and text[0].islower()


def _entries(lines, at, first="", allow_unmarked=False):
    """One entry per "- " line (recipients, distribution); returns them and where they end.

    An entry wrapped over two lines (004's third recipient) continues on a line
    that starts in lower case after an entry left without its closing ; or .
    Each entry is a list of its lines, joined at the end: adding to a string
    held in a list copies it, which is quadratic in an entry of many lines.
    """
    entries = [[ENTRY_RE.sub("", first)]] if first else []
    i = at
    while i < len(lines):
        line = lines[i]
        if not line.text:
            i += 1
            continue
        text = line.plain
        if ENTRY_RE.match(text):
            entries.append([ENTRY_RE.sub("", text)])
        elif entries and not _terminated(entries[-1][-1]) and _starts_lower(text):
            entries[-1].append(text)
        elif not entries and allow_unmarked and not CLOSING_RE.match(text):
            entries.append([text])  # "Kính gửi:" over a single recipient, without a dash
        else:
            break
        i += 1
    return [entry for entry in map(" ".join, entries) if entry], i


def _body_end(lines, at):
    """(end of content, start of the tail). "Trân trọng./." stays in the content."""
    for i in range(at, len(lines)):
        if not lines[i].text:
            continue
        if CLOSING_RE.match(lines[i].plain):
            return i + 1, i + 1
        if DISTRIBUTION_RE.match(lines[i].plain):
            return i, i
    return None, None


def _joins(previous, line, after_blank):
    """Whether `line` continues the paragraph whose last printed line is `previous`."""
    if ITEM_RE.match(line):
        return False
    if not after_blank:
        return True  # a single newline never ends a paragraph (as in Markdown)
    # 004 puts a blank line after every wrapped line: only the prose tells.
    return _starts_lower(line) or (not _terminated(previous) and len(previous) >= WRAP_WIDTH)


def _content(lines):
    """Structured text: blank-line separated paragraphs, "- " bullets, emphasis kept.

    A block is a list of its paragraphs or bullets, each a list of its printed
    lines, joined at the end: a paragraph wrapped over many lines is read in
    linear time (adding to a string held in a list copies it at every line).
    """
    blocks = []
    previous, after_blank = "", True
    for line in lines:
        if not line.text:
            after_blank = True
            continue
        text = BULLET_RE.sub("- ", line.text)
        if blocks and _joins(previous, line.plain, after_blank):
            blocks[-1][-1].append(text)
        elif blocks and not after_blank and text.startswith("- ") and _is_bullet(blocks[-1][-1]):
            blocks[-1].append([text])  # a list printed without blank lines stays one list
        else:
            blocks.append([[text]])
        previous, after_blank = line.plain, False
    return "\n\n".join("\n".join(map(" ".join, block)) for block in blocks)


def _is_bullet(parts):
    """Whether the paragraph printed as the lines `parts` starts with "- " once joined."""
    start = parts[0] if len(parts[0]) > 1 or len(parts) == 1 else f"{parts[0]} {parts[1]}"
    return start.startswith("- ")


def _tail(lines):
    """Distribution list and signature lines, in whichever order they were flattened."""
    distribution, signature = [], []
    i = 0
    while i < len(lines):
        line = lines[i]
        match = DISTRIBUTION_RE.match(line.plain) if line.text else None
        if match and not distribution:
            distribution, i = _entries(lines, i + 1, match["rest"])
            continue
        if line.text and not CLOSING_RE.match(line.plain):
            signature.append(line.plain)
        i += 1
    return distribution, signature


def _signer(lines):
    """(authority, title, name): capitals are the authority and title, the rest the name."""
    lines = [s for s in lines if not re.fullmatch(r"[(\[].*[)\]]", s)]  # "(Đã ký)"
    capitals = [i for i, s in enumerate(lines) if s == s.upper() and any(c.isalpha() for c in s)]
    if not capitals:
        return "", "", ""
    title_at = capitals[-1]
    authority = " ".join(lines[i] for i in capitals[:-1])
    capital = set(capitals)  # asked once per line: a list would make it quadratic
    names = [s for i, s in enumerate(lines) if i > title_at and i not in capital]
    if not names:
        names = [s for i, s in enumerate(lines) if i not in capital]
    return authority, lines[title_at], " ".join(names)
