"""What a look-up is about: a number, a sender name, a bank account, a domain or a chat account.

`recognise` takes what a citizen typed in the look-up's one field and says
what it most likely is, with its normal key (reports.used), so that the
look-up counts the same thing the report form stored however it was typed.
"""

import re

import phonenumbers
from django.utils.translation import gettext as _

from portal.phones import plain as _plain
from portal.phones import today_form

from .banks import find_bank
from .models.used import Platform, Subject, account_key
from .phones import (
    SENDER_NAME,
    SHORT_CODE,
    SOURCE_MAX_LENGTH,
    SourceError,
    parse_phone,
)
from .used import (
    URL_MAX_LENGTH,
    link_domain,
    normalize_account_number,
    platform_of_link,
    social_key,
)

TYPED_MAX_LENGTH = URL_MAX_LENGTH  # a pasted link may be long; only its domain counts

# "zalo 0912345678", "fb nguyen.van.a", "telegram: @abc": a platform's word, then the handle.
_PLATFORM_WORDS = {
    "zalo": Platform.ZALO,
    "facebook": Platform.FACEBOOK,
    "fb": Platform.FACEBOOK,
    "messenger": Platform.FACEBOOK,
    "telegram": Platform.TELEGRAM,
    "tele": Platform.TELEGRAM,
    "tg": Platform.TELEGRAM,
}
_PLATFORM_HANDLE = re.compile(r"^(?P<word>[a-zA-Z]+)\s*[:\s]\s*(?P<handle>\S.*)$")
# "VCB 0011 0012 34567", "Vietcombank: 0011001234567", "VCB:0011001234567" (the key).
_BANK_AND_NUMBER = re.compile(r"^(?P<bank>.*?[^\W\d_].*?)[\s:,.\-]+(?P<number>[0-9][0-9 .\-]*)$")
_DIGITS = re.compile(r"^[0-9][0-9 .\-]*$")


def _expected():
    return _(
        "Hãy nhập số điện thoại (ví dụ 0912345678), đầu số ngắn (ví dụ 9029), tên người gửi "
        "tin nhắn (ví dụ VCB-BANK), số tài khoản ngân hàng (ví dụ VCB 0011001234567), "
        "đường link hay tên miền (ví dụ vietcombank-vn.com) hoặc tài khoản Zalo, Facebook, "
        "Telegram (ví dụ zalo 0912345678, t.me/abc)."
    )


def recognise_with_note(value):
    """(Subject, key, bank as typed but not recognised or "") for what was typed.

    In this order, so each form is taken for what it most likely is:
    a phone number or short code when it parses as one; a chat account (a
    platform's word or profile link); a bank name followed by 6–19 digits;
    6–19 digits alone (an account at any bank); a name with a known public
    suffix (a domain, or an IP address); a sender name, in capitals.
    """
    text = _plain(value)
    if not text:
        raise SourceError(_("Hãy nhập điều cần tra cứu. ") + _expected())
    if len(text) > TYPED_MAX_LENGTH:
        raise SourceError(_("Quá dài để tra cứu. ") + _expected())
    if text[:4].lower() == "tel:":  # a number copied from a link on a web page
        text = text[4:].strip()
    short = len(text) <= SOURCE_MAX_LENGTH
    if re.fullmatch(r"[0-9]{1,3}(\.[0-9]{1,3}){3}", text):
        try:
            return Subject.DOMAIN, link_domain(text), ""  # an IP address, not a number
        except ValueError:
            pass
    if short:
        if SHORT_CODE.match(text):
            return Subject.PHONE, text, ""
        number = _phone(text)
        if number is not None:
            return Subject.PHONE, today_form(number), ""
    social = _social(text)
    if social:
        return Subject.SOCIAL, social, ""
    if short:
        account = _account(text)
        if account:
            return (Subject.BANK_ACCOUNT, *account)
    if "." in text:
        try:
            return Subject.DOMAIN, link_domain(text), ""
        except ValueError:
            pass
    if short and SENDER_NAME.match(text):
        # In capitals: "vcb-bank" and "VCB-BANK" are one sender (migration 0022).
        return Subject.SENDER, text.upper(), ""
    if not short and "." not in text and "/" not in text:
        raise SourceError(_("Quá dài để tra cứu. ") + _expected())
    raise SourceError(_expected())


def _phone(text):
    """The phone number typed, or None: as the report form takes it, but for account numbers.

    parse_phone takes any *possible* number, and "0011001234567" (an account
    at Vietcombank) is possible as 00 (abroad) +1…; digits alone are a phone
    only when valid, or written as Vietnamese numbers are, with one leading 0
    (the police line 0692348560 is possible, not valid, and still a phone).
    """
    number = parse_phone(text)
    if number is None or phonenumbers.is_valid_number(number):
        return number
    digits = re.sub(r"[^0-9+]", "", text)
    if digits.startswith("+") or (digits.startswith("0") and not digits.startswith("00")):
        return number
    return None


def _social(text):
    """A chat account's key from "zalo 0912345678" or a profile link, or None."""
    linked = platform_of_link(text)
    if linked is not None:
        if not linked[1]:
            return None  # "facebook.com/": the site, not an account
        return social_key(linked[0], linked[1])
    found = _PLATFORM_HANDLE.match(text)
    if found and found.group("word").lower() in _PLATFORM_WORDS:
        try:
            return social_key(_PLATFORM_WORDS[found.group("word").lower()], found.group("handle"))
        except ValueError:
            return None
    return None


def _account(text):
    """(key, bank name not recognised) for a bank account, or None.

    With a bank the key is the bank's (`VCB:0011001234567`); digits alone, or
    a name that is no bank we know, give `?:0011001234567`: that number at
    any bank.
    """
    named = _BANK_AND_NUMBER.match(text)
    digits = named.group("number") if named else text
    if not _DIGITS.match(digits):
        return None
    try:
        number = normalize_account_number(digits)
    except ValueError:
        return None
    if not named:
        return account_key("", number), ""
    bank = find_bank(named.group("bank").strip())
    if bank is None:
        return account_key("", number), named.group("bank").strip()[:60]
    return account_key(bank.abbr, number), ""


def recognise(value):
    """(Subject, key) of a look-up: what was typed, recognised, in its normal form.

    Raises SourceError, with every form the look-up takes, for anything else.
    """
    subject, key, _unknown_bank = recognise_with_note(value)
    return subject, key


__all__ = ["TYPED_MAX_LENGTH", "find_bank", "recognise", "recognise_with_note"]
