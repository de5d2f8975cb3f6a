"""Money as citizens type it: "5.000.000", "5 triệu", "5tr", "500k" → whole đồng."""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

# A sane ceiling: more than any one person's loss reported so far (10,000 tỷ
# would be a typo); keeps the number well inside a 64-bit column.
MAX_AMOUNT = 100_000_000_000  # 100 tỷ đồng

_UNITS = {
    "k": 1_000,
    "nghin": 1_000,
    "ngan": 1_000,
    "tr": 1_000_000,
    "trieu": 1_000_000,
    "m": 1_000_000,
    "ty": 1_000_000_000,
    "ti": 1_000_000_000,
}
_CURRENCY = re.compile(r"(vnd|vnđ|đồng|dong|đ|d)$")
_AMOUNT = re.compile(r"^(?P<number>[0-9][0-9.,\s]*?)\s*(?P<unit>[a-z]*)$")


def _fold(text):
    text = unicodedata.normalize("NFKC", text).lower().replace("đ", "d")
    text = "".join(
        ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn"
    )
    return text.strip()


def _number(text, with_unit):
    """ "5.000.000" → 5000000; with a unit, "5,5" and "5.5" are decimals."""
    text = re.sub(r"\s+", "", text)
    if with_unit:
        if text.count(",") + text.count(".") > 1:
            raise ValueError
        return Decimal(text.replace(",", "."))
    # Without a unit: dots and commas group thousands ("5.000.000", "5,000,000").
    if not re.fullmatch(r"[0-9]{1,3}([.,][0-9]{3})*|[0-9]+", text):
        raise ValueError
    return Decimal(re.sub(r"[.,]", "", text))


def parse_amount(value):
    """Whole đồng, or None when blank; ValueError with the message to show."""
    text = _fold(str(value or ""))
    if not text:
        return None
    text = _CURRENCY.sub("", text).strip()
    match = _AMOUNT.match(text)
    try:
        if not match or match["unit"] not in ("", *_UNITS):
            raise ValueError
        unit = _UNITS.get(match["unit"], 1)
        amount = _number(match["number"], bool(match["unit"])) * unit
    except (ValueError, InvalidOperation):
        raise ValueError(_("Hãy ghi số tiền bằng đồng, ví dụ 5.000.000 hoặc 5 triệu.")) from None
    if amount != amount.to_integral_value() or amount <= 0:
        raise ValueError(_("Hãy ghi số tiền đồng chẵn, lớn hơn 0, ví dụ 5.000.000."))
    if amount > MAX_AMOUNT:
        raise ValueError(_("Số tiền lớn hơn 100 tỷ đồng: hãy kiểm tra lại số chữ số 0."))
    return int(amount)
