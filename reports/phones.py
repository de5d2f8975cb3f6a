"""Who called or texted: phone numbers, short codes and SMS sender names, normalised.

The normal form is what the switchboard and the inspectors compare: one
number is one string however the citizen typed it (`+84 912 345 678`,
`84912345678`, `0912.345.678` → `0912345678`), so repeat numbers group.
"""

import re

from django.utils.translation import gettext as _

# The rules themselves are shared with the letters' number index (portal.phones).
from portal.phones import (
    PHONE_LIKE,
    SHORT_CODE,
    drop_format_characters,
    format_phone,
    parse_phone,
)
from portal.phones import plain as _plain

SOURCE_MAX_LENGTH = 40  # longer than any real number; keeps the parser cheap
# A brandname: up to 11 letters, digits, `.`, `-`, `_`, at least one letter.
SENDER_NAME = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9._-]{1,11}$")


class SourceError(ValueError):
    """The source is none of the accepted forms; the message says what is expected."""


def _expected(kind):
    if kind in ("S", "LD"):  # a scam SMS may come from a (spoofed) sender name too
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
    number = parse_phone(text)
    if number is not None:
        return format_phone(number)
    if SENDER_NAME.match(text):
        # In capitals: "vcb-bank" and "VCB-BANK" are one sender (migration 0022).
        text = text.upper()
        # LD too: a fake bank brandname SMS is the commonest bank scam (PRODUCT.md).
        if kind in ("S", "LD"):
            return text
        raise SourceError(
            _(
                "“%(value)s” là tên người gửi tin nhắn: cuộc gọi không đến từ tên. "
                "Nếu đó là tin nhắn, hãy chọn loại S (tin nhắn rác)."
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
    number = parse_phone(text)
    return format_phone(number) if number is not None else None


__all__ = [
    "PHONE_LIKE",
    "SENDER_NAME",
    "SHORT_CODE",
    "SOURCE_MAX_LENGTH",
    "SourceError",
    "drop_format_characters",
    "format_phone",
    "normalize_contact_phone",
    "normalize_source",
    "parse_phone",
]
