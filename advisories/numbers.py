"""The numbers a letter mentions, in the look-up's normal form. No database.

A citizen looks up `0888 596 677` or `156`; the letters that mention it are
those whose text has that number as a number, not as digits inside a date
(`19/7/2024`, `năm 2024`), a document number (`1386/STTTT-BCVT`), a word
(`abc123`) or an amount (`100 triệu đồng`). Phone numbers are found by
phonenumbers' matcher and normalised by the same rules as reported sources
(portal.phones); short codes are 3–6 digits standing alone.
"""

import re

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from portal.phones import parse_phone, plain, today_form

from .citations import KINDS
from .text import fold

# Glued to a word or another number: `19/7/2024`, `500.000`, `386/QĐ-UBND`, `2023-2024`.
_JOINERS = "/.,\\-–+"
_JOINED_BEFORE = re.compile(rf"(?:\w[{_JOINERS}]|\d:|\d\s)$")
_JOINED_AFTER = re.compile(rf"^(?:[{_JOINERS}:]\w|\s\d)")
_CANDIDATE = re.compile(r"(?<!\w)[0-9]{3,6}(?!\w)")
_WORD_BEFORE = re.compile(r"(\w+)[\s*]*$")
_WORDS_AFTER = re.compile(r"^[\s*]*(\w+)(?:\s+(\w+))?")
_PERCENT_AFTER = re.compile(r"^\s*%")
# `Công văn số 1386 ngày …`: a cited document's number, even without its symbol.
_DOCUMENT_BEFORE = re.compile(
    r"\b(?:" + "|".join(fold(kind).lower() for kind in KINDS) + r")\s+(?:so\s*:?\s*)?$"
)
# The word before a date part, a law's article or a rough quantity (folded).
_NOT_A_CODE_AFTER_WORD = {
    "ngay",  # ngày 19
    "thang",  # tháng 01
    "nam",  # năm 2024
    "quy",  # quý 3
    "dieu",  # Điều 174 Bộ luật Hình sự
    "khoan",
    "chuong",
    "muc",
    "trang",
    "khoang",  # khoảng 300 (người)
    "hon",
    "gan",
    "tien",  # số tiền 500 (triệu)
}
# A unit or what is counted (folded): `100 triệu đồng`, `300 thuê bao`, `30 ngày`.
_UNITS = {
    "dong",
    "d",
    "vnd",
    "usd",
    "trieu",
    "ty",
    "ti",
    "nghin",
    "ngan",
    "tram",
    "phut",
    "giay",
    "gio",
    "ngay",
    "tuan",
    "thang",
    "nam",
    "nguoi",
    "vu",
    "lan",
    "luot",
    "cuoc",
    "ca",
    "tin",
    "sim",
    "km",
    "kg",
    "ho",
    "xa",
    "tai khoan",
    "thue bao",
    "truong hop",
    "doi tuong",
    "so dien",
    "so thue",
    "phan tram",
}
# A four-digit number from 1900 to 2099 is a year unless it follows one of these.
_YEAR_RANGE = range(1900, 2100)
_NUMBER_CUES = {"so", "dai", "goi", "gui", "nhan", "hotline"}


def _folded(text):
    return fold(text).lower()


def _written_as_phone(raw, number):
    """A match the matcher only found possible must look like a dialled number.

    `500.000.000` (an amount) and `2023-2024` (a span of years) are possible
    Vietnamese numbers to phonenumbers; a phone number that is not valid is
    still written with its trunk 0 or a +, like the police line 0692348560.
    """
    return phonenumbers.is_valid_number(number) or raw.lstrip("(").startswith(("0", "+"))


def _is_short_code(text, start, end):
    before, after = text[max(0, start - 60) : start], text[end : end + 40]
    if _JOINED_BEFORE.search(before) or _JOINED_AFTER.search(after):
        return False
    folded_before = _folded(before)
    if _DOCUMENT_BEFORE.search(folded_before):
        return False
    word = _WORD_BEFORE.search(folded_before)
    word = word[1] if word else ""
    if word in _NOT_A_CODE_AFTER_WORD:
        return False
    if int(text[start:end]) in _YEAR_RANGE and end - start == 4 and word not in _NUMBER_CUES:
        return False
    if _PERCENT_AFTER.search(after):
        return False
    following = _WORDS_AFTER.search(_folded(after))
    if following:
        first, second = following[1], following[2]
        if first in _UNITS or f"{first} {second}" in _UNITS:
            return False
    return True


def mentioned_numbers(text):
    """Phone numbers and short codes the text mentions, normalised, in order, each once.

    `Gọi 0888.596.677 hoặc nhắn tin tới 156 hay 5656 trước ngày 19/7/2024`
    → ["0888596677", "156", "5656"]; a pre-2018 `0168 8888 888` → "0388888888".
    """
    text = plain(text)
    found = {}  # start → normal form, so the result follows the text
    masked = list(text)
    for match in PhoneNumberMatcher(text, "VN", leniency=Leniency.POSSIBLE):
        number = parse_phone(match.raw_string)
        if number is None or not _written_as_phone(match.raw_string, number):
            continue
        # A letter from before 2018 names `0168 8888 888`; citizens look up today's
        # 0388888888 (the look-up converts what they type the same way).
        found[match.start] = today_form(number)
        # Its digit groups (`596`, `677`) are not short codes of their own.
        masked[match.start : match.end] = " " * (match.end - match.start)
    masked = "".join(masked)
    for match in _CANDIDATE.finditer(masked):
        if _is_short_code(masked, match.start(), match.end()):
            found[match.start()] = match[0]
    return list(dict.fromkeys(found[start] for start in sorted(found)))


def number_index(*texts):
    """The numbers as stored on a letter: ` 0888596677 156 5656 `, or "" for none.

    Spaces on both sides of every number make `__contains=" 156 "` a whole-number
    match on any database.
    """
    numbers = list(dict.fromkeys(n for text in texts for n in mentioned_numbers(text)))
    return f" {' '.join(numbers)} " if numbers else ""


# What a sender name is made of once folded (reports.phones.SENDER_NAME), spelled
# out rather than as ranges so that SQLite (Python's re) and PostgreSQL read it alike.
_NAME_CHARACTERS = "0123456789abcdefghijklmnopqrstuvwxyz._-"
_NAME_EDGES = "._-"  # a sentence's full stop or a dash around a name is not part of it


def sender_name_pattern(name):
    """A regex finding the sender name as a whole word in a letter's search text.

    `VCB-BANK` matches `… tin nhắn từ VCB-BANK.` but not `VCB-BANKING`, and `x`
    matches neither `xã` nor `thx`: the name must not touch a letter, digit or
    `.-_` that continues it. The search text is folded and lower case, so the
    match is case- and diacritic-insensitive.
    """
    key = fold(name).lower().strip(_NAME_EDGES)
    if not key or not set(key) <= set(_NAME_CHARACTERS):
        raise ValueError(f"not a sender name: {name!r}")
    escaped = "".join(f"[{ch}]" if ch in _NAME_EDGES else ch for ch in key)
    outside = f"[^{_NAME_CHARACTERS}]"
    return f"(^|{outside})[{_NAME_EDGES}]*{escaped}[{_NAME_EDGES}]*({outside}|$)"
