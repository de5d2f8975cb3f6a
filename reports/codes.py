"""Receipt codes: the only key to a report's receipt, read aloud and typed back.

Crockford base32 (no I, L, O, U), 12 characters from `secrets` = 60 bits,
shown in three groups of four: `7KQ2-M9XD-4TPA`.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
GROUP = 4
# What a citizen may type instead of the right symbol (Crockford's decoding).
_TYPED = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-–—_.]+")


def new_code():
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, LENGTH, GROUP))


def normalize_code(value):
    """`7kq2 m9xd 4tpa`, `7KQ2M9XD4TPA` → `7KQ2-M9XD-4TPA`; None when it cannot be a code."""
    if not value or len(value) > 40:
        return None
    raw = _SEPARATORS.sub("", str(value)).upper().translate(_TYPED)
    if len(raw) != LENGTH or any(ch not in ALPHABET for ch in raw):
        return None
    return "-".join(raw[i : i + GROUP] for i in range(0, LENGTH, GROUP))
