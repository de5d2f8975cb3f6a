"""What the scammer used, normalised: links to domains, accounts to keys, handles to keys.

Plain functions, no database (but `find_bank`, in reports.banks): the form,
the JSON API, the look-up and the repeat screen all go through them, so a
thing typed two ways is one thing everywhere. Each raises ValueError with
the message to show, in the user's language.
"""

import re
import unicodedata

from django.utils.translation import gettext as _

from .models.used import Platform, account_key

URL_MAX_LENGTH = 2000
HANDLE_MAX_LENGTH = 200
# Vietnamese account numbers run from 6 (old) to 19 digits (a card number, 16–19).
ACCOUNT_MIN_DIGITS = 6
ACCOUNT_MAX_DIGITS = 19

_SEPARATORS = re.compile(r"[\s.\-]+")


def normalize_account_number(value):
    """`0011 0012-34567` → `0011001234567`; ValueError when it is not 6–19 digits."""
    text = unicodedata.normalize("NFKC", str(value or ""))
    digits = _SEPARATORS.sub("", text)
    if not digits.isdigit() or not digits.isascii():
        raise ValueError(
            _("Số tài khoản chỉ gồm chữ số (có thể có dấu cách), ví dụ 0011 0012 34567.")
        )
    if not ACCOUNT_MIN_DIGITS <= len(digits) <= ACCOUNT_MAX_DIGITS:
        raise ValueError(
            _("Số tài khoản có %(count)s chữ số; số tài khoản, số thẻ có từ %(min)s đến %(max)s.")
            % {"count": len(digits), "min": ACCOUNT_MIN_DIGITS, "max": ACCOUNT_MAX_DIGITS}
        )
    return digits


def link_domain(url):
    """The registrable domain of a link as typed, lower case, IDNA: the key of a link.

    Replaced by the public-suffix rules (reports.links) once they land.
    """
    text = str(url or "").strip()
    text = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", text)
    host = re.split(r"[/?#]", text, maxsplit=1)[0].rsplit("@", 1)[-1].split(":")[0]
    host = host.strip(".").lower()
    if not host or "." not in host:
        raise ValueError(_("Hãy ghi đường link như đã nhận, ví dụ vietcombank-vn.com/dang-nhap."))
    return ".".join(host.split(".")[-2:])


def social_key(platform, handle):
    """`zalo:0912345678`, `telegram:abc`: one account however its handle was written."""
    if platform not in Platform.values:
        raise ValueError(_("Hãy chọn nền tảng: Zalo, Facebook, Telegram hoặc khác."))
    text = str(handle or "").strip()
    if not text:
        raise ValueError(_("Hãy ghi tên tài khoản, số điện thoại hoặc đường link trang cá nhân."))
    if len(text) > HANDLE_MAX_LENGTH:
        raise ValueError(_("Tài khoản dài quá %(limit)s ký tự.") % {"limit": HANDLE_MAX_LENGTH})
    return f"{platform}:{text.lower().lstrip('@')}"


__all__ = [
    "ACCOUNT_MAX_DIGITS",
    "ACCOUNT_MIN_DIGITS",
    "HANDLE_MAX_LENGTH",
    "URL_MAX_LENGTH",
    "account_key",
    "link_domain",
    "normalize_account_number",
    "social_key",
]
