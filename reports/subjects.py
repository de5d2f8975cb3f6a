"""The key of a thing of any subject, from what an inspector typed: marks and the repeat screen.

The keys are those of the reports' rows (reports.models.used), so a mark
made on `Vietcombank 0011 0012 34567` is the mark of the repeat row
`VCB:0011001234567`, and a mark on `https://Login.VCB-Bank.com/x` the
mark of the domain `vcb-bank.com`. Numbers and sender names keep the
rules of reports.phones. Each function raises ValueError with the message
to show, in the user's language.
"""

import re

from django.utils.translation import gettext as _

from .banks import find_bank
from .models import Subject
from .models.used import Platform
from .phones import SENDER_NAME, SourceError, normalize_source
from .sms import Kind
from .used import account_key, link_domain, normalize_account_number, social_key

# `VCB:0011001234567`, `VCB 0011 0012 34567`, `Ngân hàng Ngoại thương 0011001234567`,
# `?:0011001234567` (the bank not known): a bank's name, then the number's digits.
_ACCOUNT = re.compile(r"^\s*(?P<bank>.*?)[\s:]*(?P<number>\d[\d\s.\-]*)\s*$")
_SOCIAL = re.compile(r"^\s*(?P<platform>[a-z_]+)\s*:\s*(?P<handle>.+)$", re.IGNORECASE)


def phone_subject(source):
    """PHONE or SENDER for a normalised source: a sender name holds a letter."""
    return Subject.SENDER if SENDER_NAME.match(source) else Subject.PHONE


def bank_account_key(text):
    """`VCB:0011001234567` from a bank and a number as typed; ValueError if either is wrong."""
    match = _ACCOUNT.match(str(text or ""))
    if not match:
        raise ValueError(
            _("Hãy ghi ngân hàng và số tài khoản, ví dụ VCB 0011001234567 hoặc VCB:0011001234567.")
        )
    number = normalize_account_number(match["number"])
    named = match["bank"].strip(" :")
    if named in ("", "?"):
        return account_key("", number)
    bank = find_bank(named)
    if bank is None:
        raise ValueError(
            _("Không tìm thấy ngân hàng “%(bank)s” trong danh sách ngân hàng.") % {"bank": named}
        )
    return account_key(bank.abbr, number)


def social_account_key(text):
    """`zalo:0912345678` from `zalo:0912 345 678`, `Zalo: @abc`; ValueError without a platform."""
    match = _SOCIAL.match(str(text or ""))
    platform = match["platform"].lower() if match else ""
    if platform not in Platform.values:
        raise ValueError(
            _("Hãy ghi nền tảng rồi tài khoản, ví dụ zalo:0912345678 hoặc telegram:abc.")
        )
    return social_key(platform, match["handle"])


def normal_key(subject, text):
    """(subject, key) of what was typed; a number typed as a name is told apart here."""
    if subject in (Subject.PHONE, Subject.SENDER):
        try:
            source = normalize_source(Kind.SPAM_SMS, text)
        except SourceError as error:
            raise ValueError(str(error)) from None
        return phone_subject(source), source
    if subject == Subject.BANK_ACCOUNT:
        return subject, bank_account_key(text)
    if subject == Subject.DOMAIN:
        return subject, link_domain(text)
    if subject == Subject.SOCIAL:
        return subject, social_account_key(text)
    raise ValueError(_("Không có loại này."))
