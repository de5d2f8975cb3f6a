"""Vietnamese text helpers shared by search, slugs and SMS composition."""

import re
import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text):
    """Remove Vietnamese diacritics: every combining mark goes, đ→d, Đ→D.

    The result is recomposed (NFC) so that characters outside Vietnamese keep
    their usual form.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def search_key(text):
    """Case- and diacritic-free form used to match a citizen's query."""
    return re.sub(r"\s+", " ", fold(text).casefold()).strip()


def vn_slug(name):
    """`Bà Rịa - Vũng Tàu` → `ba-ria-vung-tau` (the rule in PRODUCT.md)."""
    words = re.findall(r"[a-z0-9]+", fold(name).lower())
    return "-".join(words)
