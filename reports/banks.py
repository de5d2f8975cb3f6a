"""Finding a bank by what a citizen or inspector calls it.

A STUB on the branch wt-desk, so that marks on bank accounts work there:
the bank-list helper's reports/banks.py (with migration 0023's real list
and its alias rules) replaces this file at merge. Same name and contract:
`find_bank(text)` → a Bank, or None.
"""

from django.db.models import Q

from .models import Bank


def find_bank(text):
    """The Bank whose abbreviation, BIN, short or full name or an alias is `text` (any case)."""
    text = " ".join(str(text or "").split())
    if not text:
        return None
    exact = Q(abbr__iexact=text) | Q(bin=text) | Q(short_name__iexact=text)
    found = Bank.objects.filter(exact | Q(full_name__iexact=text)).first()
    if found is not None:
        return found
    wanted = text.casefold()
    for bank in Bank.objects.exclude(aliases=""):
        if wanted in (line.strip().casefold() for line in bank.aliases.splitlines()):
            return bank
    return None
