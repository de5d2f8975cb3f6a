"""Finding a bank by what a citizen types: "VCB", "vietcombank", "ngan hang ngoai thuong", "970436".

The list is small (about 60 rows) and read on every report with an
account, so each process keeps it in memory: one query, then dictionary
look-ups. Saving or deleting a Bank empties this process's copy at once
(signals in reports.apps); other processes re-read theirs within
CACHE_SECONDS, so an administrator's correction reaches every worker
within a minute.

Matching ignores case, diacritics, spaces and punctuation: every name is
reduced to its letters and digits ("Ngân hàng Ngoại thương" and
"ngan hang ngoai-thuong" are both "nganhangngoaithuong"). Exact names first
(abbreviation, BIN, short name, full name, each alias); then the full
name without "Ngân hàng", "TMCP" or "Việt Nam" ("Ngân hàng Quân đội" for
"Ngân hàng TMCP Quân đội"), only where that shorter form names one bank.
"""

import re
import threading
import time

from advisories.text import fold

from .models import Bank

CACHE_SECONDS = 60
MAX_QUERY_LENGTH = 200

_NOT_WORD = re.compile(r"[^0-9a-z]+")
# What the full names start or end with, dropped for the second round.
_PREFIXES = ("nganhangthuongmaitnhhmtv", "nganhangtnhhmtv", "nganhangtmcp", "nganhang", "tmcp")
_SUFFIXES = ("vietnam",)

_lock = threading.Lock()
_index = None  # (built at monotonic time, {key: bank pk}, {pk: Bank})


def bank_key(text):
    """The form names are compared in: lower case, no diacritics, letters and digits only."""
    return _NOT_WORD.sub("", fold(str(text or "")).casefold())


def _shortened(key):
    for prefix in _PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            key = key[len(prefix) :]
            break
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
    return key


def _build():
    banks = {bank.pk: bank for bank in Bank.objects.all()}
    exact = {}
    for bank in banks.values():
        names = [bank.abbr, bank.bin, bank.short_name, bank.full_name, *bank.aliases.splitlines()]
        for name in names:
            key = bank_key(name)
            if key:
                # Two banks claiming one name: the first keeps it (the test of the
                # list checks there is none).
                exact.setdefault(key, bank.pk)
    shortened = {}
    for bank in banks.values():
        key = _shortened(bank_key(bank.full_name))
        if key and key not in exact:
            shortened.setdefault(key, set()).add(bank.pk)
    index = dict(exact)
    for key, pks in shortened.items():
        if len(pks) == 1:  # "Sài Gòn" would be two: left out
            index[key] = next(iter(pks))
    return banks, index


def _current():
    global _index
    with _lock:
        if _index is None or time.monotonic() - _index[0] > CACHE_SECONDS:
            banks, index = _build()
            _index = (time.monotonic(), index, banks)
        return _index


def forget():
    """Empty this process's copy: the next look-up reads the table again."""
    global _index
    with _lock:
        _index = None


def find_bank(text):
    """The Bank `text` names, or None: by abbreviation, BIN, short or full name, or an alias."""
    text = str(text or "")[:MAX_QUERY_LENGTH]
    key = bank_key(text)
    if not key:
        return None
    _built, index, banks = _current()
    pk = index.get(key)
    if pk is None:
        pk = index.get(_shortened(key))
    return banks.get(pk) if pk is not None else None


def all_banks():
    """Every bank, banks first then e-wallets, each by short name (from the cache)."""
    banks = _current()[2]
    return sorted(banks.values(), key=lambda b: (b.is_wallet, b.short_name.casefold()))


def bank_choices():
    """(abbr, "Vietcombank: Ngân hàng TMCP Ngoại Thương Việt Nam") pairs for a select."""
    return [(bank.abbr, f"{bank.short_name}: {bank.full_name}") for bank in all_banks()]


__all__ = ["all_banks", "bank_choices", "bank_key", "find_bank", "forget"]
