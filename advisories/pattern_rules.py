"""Which scam patterns (ScamPattern slugs) a letter's text clearly describes.

Keyword rules on the folded text (no diacritics, lower case), so "đe dọa" and
"đe doạ" and "de doa" match alike. A rule is a phrase a letter uses when it
describes the scam, not merely a word the subject shares with the response to it.
"""

import re

from .text import search_key

RULES = {
    "mao-danh-co-quan": [r"\bmao danh\b"],
    "khoa-sim": [r"\bthu hoi (?:so )?(?:thue bao|sim)\b", r"\bkhoa (?:sim|so thue bao|thue bao)\b"],
    # Bare "điều tra" is not enough: 001 asks agencies to help the police
    # "điều tra, xác minh" the scammers. "vụ án" but not "phục vụ an ninh".
    "lien-quan-vu-an": [r"\bvu an\b(?! ninh)", r"\bdang dieu tra\b"],
    "moi-lam-viec": [r"\bmoi (?:len )?lam viec\b"],
    "chuyen-tien": [r"\b(?:nop|chuyen) tien\b", r"\bchuyen khoan\b"],
    "ket-ban-zalo": [r"\bzalo\b"],
    "duong-link-la": [r"\blink\b", r"\bduong dan la\b"],
    "de-doa-quay-roi": [r"\b(?:de doa|quay roi|xuc pham|lang ma|uy hiep)\b"],
}
_COMPILED = {slug: [re.compile(p) for p in patterns] for slug, patterns in RULES.items()}


def detect_patterns(text):
    """Slugs of the patterns the text describes, in the order of RULES."""
    key = search_key(text)
    return [slug for slug, regexes in _COMPILED.items() if any(r.search(key) for r in regexes)]
