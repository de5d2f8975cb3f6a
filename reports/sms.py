"""The report SMS to 156 / 5656: `<KIND> <source> <content>`, its encoding and its parts.

Plain functions, no database: the form, the JSON API and the live preview
go through `compose()`, the receipt of a stored report through
`compose_stored()`, which builds the SMS the same way, so they never disagree.
"""

import re
import unicodedata
from dataclasses import dataclass, field, replace
from urllib.parse import quote

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advisories.text import fold

from .phones import SourceError, drop_format_characters, normalize_source, source_warnings

SHORTCODES = ("156", "5656")
CONTENT_MAX_LENGTH = 1000


class Kind(models.TextChoices):
    """The three keywords the national switchboard understands (PRODUCT.md)."""

    SPAM_SMS = "S", gettext_lazy("S — tin nhắn rác")
    SPAM_CALL = "V", gettext_lazy("V — cuộc gọi rác")
    SCAM = "LD", gettext_lazy("LD — lừa đảo (cuộc gọi hoặc tin nhắn)")


# GSM 03.38: the default alphabet (one septet each) and the extension table
# (escape + one septet: two each). Anything else forces UCS-2.
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = frozenset("^{}\\[~]|€\f")
GSM7 = "GSM-7"
UCS2 = "UCS-2"
# (single message, per part when split), in septets or UTF-16 units.
LIMITS = {GSM7: (160, 153), UCS2: (70, 67)}

_WHITESPACE = re.compile(r"\s+")


class CompositionError(Exception):
    """Bad input; `errors` maps a parameter name to a list of Vietnamese messages."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def normalize_kind(value):
    """`s`, ` ld ` → `S`, `LD`; anything else raises ValueError with the message to show."""
    kind = (value or "").strip().upper()
    if kind not in Kind.values:
        raise ValueError(
            _("Loại phản ánh phải là S (tin nhắn rác), V (cuộc gọi rác) hoặc LD (lừa đảo).")
        )
    return kind


def clean_text(value):
    """NFC, no control, format or unpaired surrogate characters, whitespace collapsed, trimmed.

    Control characters (NUL, escape...) are never typed on purpose and
    PostgreSQL refuses NUL in text. Format characters (zero-width space, BOM,
    direction marks, soft hyphen) are invisible but not in the GSM alphabet:
    one would silently turn the SMS without diacritics into UCS-2. NFC comes
    last, once nothing sits between a letter and its combining accent, so
    text typed with decomposed accents counts like any other.
    """
    text = _WHITESPACE.sub(" ", str(value or ""))
    text = drop_format_characters(text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cs"))
    text = unicodedata.normalize("NFC", text)
    return _WHITESPACE.sub(" ", text).strip()


def normalize_content(value):
    content = clean_text(value)
    if not content:
        raise ValueError(
            _("Hãy ghi nội dung cuộc gọi hoặc tin nhắn (người gọi nói gì, tin nhắn viết gì).")
        )
    if len(content) > CONTENT_MAX_LENGTH:
        raise ValueError(
            _("Nội dung dài %(length)s ký tự; tối đa %(limit)s. Hãy rút gọn, giữ phần chính.")
            % {"length": len(content), "limit": CONTENT_MAX_LENGTH}
        )
    return content


def encoding_of(text):
    """`GSM-7` when every character is in the GSM 03.38 alphabet, else `UCS-2`."""
    if all(ch in GSM_BASIC or ch in GSM_EXTENDED for ch in text):
        return GSM7
    return UCS2


def _units(text, encoding):
    """The size of each character in the encoding's units (septets or UTF-16 units)."""
    if encoding == GSM7:
        return [2 if ch in GSM_EXTENDED else 1 for ch in text]
    return [2 if ord(ch) > 0xFFFF else 1 for ch in text]


def length_in_units(text, encoding=None):
    return sum(_units(text, encoding or encoding_of(text)))


def count_parts(text, encoding=None):
    """How many SMS the text takes (1 for the empty text).

    When split, a part holds 153 septets / 67 UTF-16 units; a two-unit
    character (escape pair, surrogate pair) is never cut across two parts,
    as phones do, so the count is exact and not just a division.
    """
    encoding = encoding or encoding_of(text)
    single, per_part = LIMITS[encoding]
    units = _units(text, encoding)
    if sum(units) <= single:
        return 1
    parts, used = 1, 0
    for size in units:
        if used + size > per_part:
            parts, used = parts + 1, 0
        used += size
    return parts


def sms_link(shortcode, body):
    """RFC 5724: `sms:156?body=<percent-encoded UTF-8>`."""
    return f"sms:{shortcode}?body={quote(body, safe='')}"


@dataclass(frozen=True)
class Composition:
    kind: str
    source: str
    content: str
    sms: str
    sms_ascii: str
    encoding: dict = field(default_factory=dict)
    parts: dict = field(default_factory=dict)
    shortcodes: tuple = SHORTCODES
    # What looks mistyped in the source, though accepted (phones.source_warnings):
    # messages for the form, the preview and the API. Empty for a stored report.
    warnings: tuple = ()

    @property
    def links(self):
        """One-tap links to each shortcode, with and without diacritics."""
        links = []
        for shortcode in self.shortcodes:
            links.append(
                {"number": shortcode, "text": "sms", "href": sms_link(shortcode, self.sms)}
            )
            if self.sms_ascii != self.sms:
                links.append(
                    {
                        "number": shortcode,
                        "text": "sms_ascii",
                        "href": sms_link(shortcode, self.sms_ascii),
                    }
                )
        return links


def compose(kind, source, content, province=None):
    """Build the SMS, or raise CompositionError with every problem at once.

    `province` (a Province or None), where the citizen gave one, names the
    area codes a landline typed without one may need (`warnings`).
    """
    typed = source
    errors = {}
    try:
        kind = normalize_kind(kind)
    except ValueError as error:
        errors["kind"] = [str(error)]
    try:
        # Without a valid kind, judge the source as the most lenient kind (S)
        # so that the citizen hears about each field's own problem only.
        source = normalize_source(kind if "kind" not in errors else Kind.SPAM_SMS, source)
    except SourceError as error:
        errors["source"] = [str(error)]
    try:
        content = normalize_content(content)
    except ValueError as error:
        errors["content"] = [str(error)]
    if errors:
        raise CompositionError(errors)
    composition = compose_stored(kind, source, content)
    warnings = tuple(source_warnings(kind, typed, province))
    return replace(composition, warnings=warnings) if warnings else composition


def compose_stored(kind, source, content):
    """Build the SMS from values already normalised (a stored report), without checking them.

    A report keeps the source as it was accepted when filed; the rules may
    have changed since (a phonenumbers upgrade, a stricter kind check), and
    its receipt must still show the SMS rather than fail.
    """
    sms = f"{kind} {source} {content}"
    sms_ascii = fold(sms)
    encoding = {"sms": encoding_of(sms), "sms_ascii": encoding_of(sms_ascii)}
    parts = {
        "sms": count_parts(sms, encoding["sms"]),
        "sms_ascii": count_parts(sms_ascii, encoding["sms_ascii"]),
    }
    return Composition(kind, source, content, sms, sms_ascii, encoding, parts)
