"""What the scammer used, normalised: links to domains, accounts to keys, handles to keys.

Plain functions, no database (but `find_bank`, in reports.banks): the form,
the JSON API, the look-up and the repeat screen all go through them, so a
thing typed two ways is one thing everywhere. Each raises ValueError with
the message to show, in the user's language.
"""

import functools
import ipaddress
import re
import unicodedata

import idna
from django.utils.translation import gettext as _
from publicsuffixlist import PublicSuffixList

from portal.phones import drop_format_characters, format_phone, parse_phone, plain

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


_DEFANGED = [
    (re.compile(r"^h[xX]{2}p(s?)(?=:)", re.IGNORECASE), r"http\1"),
    (re.compile(r"\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)", re.IGNORECASE), "."),
    (re.compile(r"\[:\]"), ":"),
]
# Dots that phones and IMEs type in place of "." (ideographic, full-width, half-width).
_DOTS = re.compile("[\u3002\uff0e\uff61]")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
HOST_MAX_LENGTH = 253
# A host name's label as browsers resolve it (underscores included), at most 63 characters.
_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")


@functools.cache
def _suffixes():
    """The Public Suffix List bundled with publicsuffixlist: read once, never fetched.

    accept_unknown=False: a name under no known suffix ("abc.xyz1") is not a
    domain, so the look-up can tell a domain from a sender name like "VCB.SMS".
    Private suffixes count (github.io, web.app): "scam.github.io" is its own site.
    """
    return PublicSuffixList(accept_unknown=False)


def _bad_link():
    return ValueError(_("Hãy ghi đường link như đã nhận, ví dụ vietcombank-vn.com/dang-nhap."))


def link_host(url):
    """The host of a link as typed: lower case, IDNA (`xn--`), or an IP address.

    Takes what browsers take: no scheme (`vietcombank.com.vn/x`), a port,
    userinfo (`http://vietcombank.com.vn@evil.com/` goes to evil.com), a
    trailing dot, capitals, full-width dots, and the defanged forms that
    warnings print (`hxxp://`, `evil[.]com`). ValueError otherwise.
    """
    text = unicodedata.normalize("NFKC", drop_format_characters(str(url or ""))).strip()
    if len(text) > URL_MAX_LENGTH:
        raise ValueError(_("Đường link dài quá %(limit)s ký tự.") % {"limit": URL_MAX_LENGTH})
    for pattern, replacement in _DEFANGED:
        text = pattern.sub(replacement, text)
    text = _DOTS.sub(".", text).replace("\\", "/")
    text = _SCHEME.sub("", text)
    authority = re.split(r"[/?#]", text, maxsplit=1)[0]
    host = authority.rsplit("@", 1)[-1]  # what follows the last @ is where it goes
    if host.startswith("["):  # [2001:db8::1]:8080
        host = host[1:].split("]", 1)[0]
    elif host.count(":") == 1:
        host, port = host.split(":")
        if port and not port.isdigit():
            raise _bad_link()
    host = host.strip().rstrip(".").lower()
    if not host or any(ch.isspace() for ch in host):
        raise _bad_link()
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    if len(host) > HOST_MAX_LENGTH:
        raise _bad_link()
    labels = host.split(".")
    try:
        # UTS 46, as browsers map names: "vietcombаnk.com" with a Cyrillic а is xn--.
        # ASCII labels as they are: browsers take "login_vcb.example.com", IDNA not.
        labels = [
            label if label.isascii() else idna.encode(label, uts46=True).decode("ascii")
            for label in labels
        ]
    except idna.IDNAError:
        raise _bad_link() from None
    if not all(_LABEL.fullmatch(label) for label in labels):
        raise _bad_link()
    return ".".join(labels)


def link_domain(url):
    """The registrable domain of a link as typed, lower case, IDNA: the key of a link.

    `https://Login.VietcomBank.com.vn:443/x` → `vietcombank.com.vn`, by the
    Public Suffix List (so `com.vn` is a suffix and `evil.github.io` a site);
    an IP address is its own key. ValueError with the message to show for
    anything with no known suffix.
    """
    host = link_host(url)
    if ":" in host or re.fullmatch(r"[0-9.]+", host):
        return host  # an IP address: validated by link_host
    domain = _suffixes().privatesuffix(host)
    if not domain:
        raise ValueError(
            _(
                "“%(host)s” không phải tên miền có đuôi hợp lệ (như .vn, .com.vn, .com). "
                "Hãy ghi đường link như đã nhận, ví dụ vietcombank-vn.com/dang-nhap."
            )
            % {"host": host[:100]}
        )
    return domain


# Where each platform's profile links live, and the platform they name.
PLATFORM_HOSTS = {
    "zalo.me": Platform.ZALO,
    "chat.zalo.me": Platform.ZALO,
    "id.zalo.me": Platform.ZALO,
    "facebook.com": Platform.FACEBOOK,
    "fb.com": Platform.FACEBOOK,
    "fb.me": Platform.FACEBOOK,
    "messenger.com": Platform.FACEBOOK,
    "m.me": Platform.FACEBOOK,
    "t.me": Platform.TELEGRAM,
    "telegram.me": Platform.TELEGRAM,
    "telegram.dog": Platform.TELEGRAM,
}
# Path segments that are not the account: facebook.com/people/Name/1000…, t.me/s/abc.
_NOT_HANDLES = {"people", "s", "profile.php", "pg", "messages", "t", "add"}


def platform_of_link(text):
    """(platform, handle) for a profile link (`https://zalo.me/0912345678`), or None.

    The handle is "" for a platform's link that names no account (`facebook.com/`).
    `m.facebook.com`, `www.`, `web.` and other subdomains count as their site;
    `profile.php?id=1000…` gives the id, `facebook.com/people/Name/1000…` too.
    """
    text = str(text or "").strip()
    if "/" not in text:
        return None
    try:
        host = link_host(text)
    except ValueError:
        return None
    platform = None
    for known, which in PLATFORM_HOSTS.items():
        if host == known or host.endswith("." + known):
            platform = which
            break
    if platform is None:
        return None
    rest = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", text).split("/", 1)
    path, _sep, query = (rest[1] if len(rest) > 1 else "").partition("?")
    query = query.split("#", 1)[0]
    segments = [part for part in path.split("#", 1)[0].split("/") if part]
    if segments[:1] == ["profile.php"]:
        found = re.search(r"(?:^|&)id=(\d+)", query)
        return (platform, found.group(1) if found else "")
    if segments[:1] == ["people"]:
        ids = [part for part in segments if part.isdigit()]
        return (platform, ids[-1] if ids else "")
    handles = [part for part in segments if part.lower() not in _NOT_HANDLES]
    return (platform, handles[0] if handles else "")


def _is_phone_handle(platform, text):
    """Whether a handle is a phone number (Zalo and Telegram accounts go by phone).

    A Facebook handle of digits alone is a profile id (`1000123…`): a phone
    only when written as one, with its 0 or +.
    """
    if parse_phone(text) is None:
        return False
    return platform != Platform.FACEBOOK or text.startswith(("0", "+"))


def social_key(platform, handle):
    """`zalo:0912345678`, `telegram:abc`: one account however its handle was written.

    A profile link gives its handle, and its site names the platform whatever
    was chosen (a facebook.com link is a Facebook account); `@abc` is `abc`;
    a phone number (Zalo by phone) takes the phone's normal form; the rest is
    compared in lower case, as the platforms do.
    """
    if platform not in Platform.values:
        raise ValueError(_("Hãy chọn nền tảng: Zalo, Facebook, Telegram hoặc khác."))
    text = plain(handle)
    if not text:
        raise ValueError(_("Hãy ghi tên tài khoản, số điện thoại hoặc đường link trang cá nhân."))
    if len(text) > HANDLE_MAX_LENGTH:
        raise ValueError(_("Tài khoản dài quá %(limit)s ký tự.") % {"limit": HANDLE_MAX_LENGTH})
    linked = platform_of_link(text)
    if linked is not None:
        platform, text = linked
    text = text.strip().lstrip("@").rstrip("/").strip()
    if not text:
        raise ValueError(_("Hãy ghi tên tài khoản, số điện thoại hoặc đường link trang cá nhân."))
    if _is_phone_handle(platform, text):
        return f"{platform}:{format_phone(parse_phone(text))}"
    return f"{platform}:{text.lower()}"


__all__ = [
    "ACCOUNT_MAX_DIGITS",
    "ACCOUNT_MIN_DIGITS",
    "HANDLE_MAX_LENGTH",
    "PLATFORM_HOSTS",
    "URL_MAX_LENGTH",
    "account_key",
    "link_domain",
    "link_host",
    "normalize_account_number",
    "platform_of_link",
    "social_key",
]
