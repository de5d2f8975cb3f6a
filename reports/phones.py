"""Who called or texted: phone numbers, short codes and SMS sender names, normalised.

The normal form is what the switchboard and the inspectors compare: one
number is one string however the citizen typed it (`+84 912 345 678`,
`84912345678`, `0912.345.678` → `0912345678`), so repeat numbers group.
"""

import re
import unicodedata

import phonenumbers
from django.utils.translation import gettext as _

SOURCE_MAX_LENGTH = 40  # longer than any real number; keeps the parser cheap
SHORT_CODE = re.compile(r"^[0-9]{3,6}$")
# A brandname: up to 11 letters, digits, `.`, `-`, `_`, at least one letter.
SENDER_NAME = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9._-]{1,11}$")
# Only what people put in a number: phonenumbers would otherwise turn
# letters into keypad digits (1-800-FLOWERS) and a sender name into a number.
PHONE_LIKE = re.compile(r"^[(]?\+?[0-9 .\-()/]*[0-9][0-9 .\-()/]*$")


def drop_format_characters(text):
    """The text without invisible format characters (Unicode category Cf).

    Zalo and phone contacts wrap copied numbers in direction marks
    (U+202A…U+202C); zero-width spaces, word joiners, soft hyphens and BOMs
    come along with pasted text. Nobody sees them, yet they would make
    "0912 345 678" fail to parse and a sender name differ from itself.
    """
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def _plain(value):
    """What the citizen typed, without format characters, NFKC, trimmed."""
    # NFKC turns full-width digits and plus signs (some keyboards) into ASCII.
    return unicodedata.normalize("NFKC", drop_format_characters(str(value or ""))).strip()


class SourceError(ValueError):
    """The source is none of the accepted forms; the message says what is expected."""


def parse_phone(text):
    """A possible phone number (valid or merely possible), or None."""
    if not PHONE_LIKE.match(text):
        return None
    try:
        number = phonenumbers.parse(text, "VN")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return number


def format_phone(number):
    """Vietnamese: national digits with the leading 0; foreign: E.164.

    A valid number takes its national format (so 1900/1800 service numbers
    keep their own form); a merely possible one, like the police line
    0692348560, gets 0 + its national significant number.
    """
    if number.country_code == 84:
        if phonenumbers.is_valid_number(number):
            national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
            return re.sub(r"[^0-9]", "", national)
        return "0" + phonenumbers.national_significant_number(number)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _expected(kind):
    if kind == "S":
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
        if kind == "S":
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
