"""Who called or texted: phone numbers, short codes and SMS sender names, normalised.

The normal form is what the switchboard and the inspectors compare: one
number is one string however the citizen typed it (`+84 912 345 678`,
`84912345678`, `0912.345.678` → `0912345678`), so repeat numbers group.
"""

import re

import phonenumbers
from django.utils.translation import gettext as _

# The rules themselves are shared with the letters' number index (portal.phones).
from portal.phones import (
    AREA_CODES,
    PHONE_LIKE,
    SHORT_CODE,
    area_codes,
    drop_format_characters,
    format_phone,
    modern_mobile,
    parse_phone,
    read_phone,
    strip_tel,
    subscriber_length,
)
from portal.phones import plain as _plain

SOURCE_MAX_LENGTH = 40  # longer than any real number; keeps the parser cheap
# A brandname: up to 11 letters, digits, `.`, `-`, `_`, at least one letter.
SENDER_NAME = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9._-]{1,11}$")


class SourceError(ValueError):
    """The source is none of the accepted forms; the message says what is expected."""


# The kinds a sender name may come with: an SMS, spam (S) or a scam (LD, letter
# 002: "cuộc gọi hoặc tin nhắn"). A call (V) never comes from a name.
SENDER_KINDS = ("S", "LD")


def _expected(kind):
    if kind in SENDER_KINDS:
        return _(
            "Hãy nhập số điện thoại (ví dụ 0912345678 hoặc +855 12 345 678), đầu số ngắn "
            "3–6 chữ số (ví dụ 9029) hoặc tên người gửi tin nhắn: tối đa 11 chữ cái, chữ số, "
            "dấu . - _, không có khoảng trắng (ví dụ VCB-BANK)."
        )
    return _(
        "Hãy nhập số điện thoại đã gọi (ví dụ 0912345678, 028 3822 5678 hoặc "
        "+855 12 345 678) hoặc đầu số ngắn 3–6 chữ số."
    )


def normalize_source(kind, value):
    """The normal form of a reported source, or SourceError with what is expected."""
    text = _plain(value)
    if not text:
        raise SourceError(_("Hãy nhập số hoặc tên đã gọi, nhắn tin cho bạn. ") + _expected(kind))
    if len(text) > SOURCE_MAX_LENGTH:
        raise SourceError(_("Quá dài cho một số điện thoại. ") + _expected(kind))
    if SHORT_CODE.match(text):
        return text
    number = read_phone(text)
    if number is not None:
        return number
    if SENDER_NAME.match(text):
        # In capitals: "vcb-bank" and "VCB-BANK" are one sender (migration 0022).
        text = text.upper()
        if kind in SENDER_KINDS:
            return text
        raise SourceError(
            _(
                "“%(value)s” là tên người gửi tin nhắn: cuộc gọi không đến từ tên. "
                "Nếu đó là tin nhắn, hãy chọn loại S (tin nhắn rác) hoặc LD (lừa đảo)."
            )
            % {"value": text}
            + " "
            + _expected(kind)
        )
    raise SourceError(_expected(kind))


def normalize_contact_phone(value):
    """A citizen's own phone for follow-up, or None when it is not a phone number."""
    text = _plain(value)
    if len(text) > SOURCE_MAX_LENGTH:
        return None
    return read_phone(text)


# Where a landline's 7 or 8 digits were typed alone, the area codes to suggest
# without knowing the province: the two 8-digit ones, or a few 7-digit ones.
_LANDLINE_EXAMPLES = {
    8: (("024", "Hà Nội"), ("028", "TP. Hồ Chí Minh")),
    7: (("0236", "Đà Nẵng"), ("0225", "Hải Phòng"), ("0292", "Cần Thơ")),
}
# Today's mobile prefixes (03x, 05x, 07x, 08x, 09x): a mobile has 10 digits.
_MOBILE = re.compile(r"^0[35789]")


def _codes_text(pairs):
    return ", ".join(f"{code} ({name})" for code, name in pairs)


def _landline_codes(digits, province):
    """The area codes to add before `digits`: the province's that fit, else the examples."""
    if province is not None:
        current = province.resolve() if hasattr(province, "resolve") else province
        pairs = area_codes(getattr(current, "slug", None), getattr(province, "slug", None))
        fitting = tuple(pair for pair in pairs if subscriber_length(pair[0]) == len(digits))
        if fitting:
            return fitting
    return _LANDLINE_EXAMPLES[len(digits)]


def source_warnings(kind, typed, province=None):
    """What looks mistyped in a source that is still accepted: messages to show, never refusals.

    - a pre-2018 eleven-digit mobile, now converted (what was typed is named);
    - a landline's 7 or 8 digits typed without an area code (the province's
      codes when the citizen gave one, a Province; else examples);
    - a mobile of 9 or 11 digits.
    A source normalize_source() refuses gets none: its error says enough.
    """
    text = _plain(typed)
    try:
        normal = normalize_source(kind if kind in ("S", "V", "LD") else "S", text)
    except SourceError:
        return []
    if normal.startswith("+") or not normal[:1].isdigit() or SHORT_CODE.match(text):
        return []  # foreign, a sender name or a short code: nothing to guess
    bare = strip_tel(text)
    number = parse_phone(bare)
    if number is None:
        return []
    if modern_mobile(format_phone(number)) == normal:
        return [
            _("“%(typed)s” là số cũ (11 chữ số, trước năm 2018), nay là %(number)s.")
            % {"typed": bare, "number": normal}
        ]
    if phonenumbers.is_valid_number(number):
        return []
    digits = re.sub(r"[^0-9]", "", bare)
    if len(digits) in (7, 8) and not bare.lstrip("(").startswith(("0", "+")):
        return [
            _(
                "“%(typed)s” có vẻ là số máy bàn thiếu mã vùng: hãy thêm mã vùng phía trước, "
                "ví dụ %(codes)s. Nếu là số di động, hãy kiểm tra lại: số di động có 10 chữ số."
            )
            % {"typed": bare, "codes": _codes_text(_landline_codes(digits, province))}
        ]
    if _MOBILE.match(normal) and len(normal) in (9, 11):
        return [
            _(
                "Số %(number)s có %(count)s chữ số, nhưng số di động có 10 chữ số (ví dụ "
                "0912345678): hãy kiểm tra xem có thiếu hay thừa số nào không."
            )
            % {"number": normal, "count": len(normal)}
        ]
    return []


__all__ = [
    "AREA_CODES",
    "PHONE_LIKE",
    "SENDER_KINDS",
    "SENDER_NAME",
    "SHORT_CODE",
    "SOURCE_MAX_LENGTH",
    "SourceError",
    "drop_format_characters",
    "format_phone",
    "normalize_contact_phone",
    "normalize_source",
    "parse_phone",
    "source_warnings",
]
