"""Which bank the citizen meant: `find_bank("VCB")`, "Vietcombank", the BIN.

A STUB on this branch (wt-form): the bank-list helper's reports/banks.py,
with the aliases ("Ngân hàng Ngoại thương") and the rows of migration 0023,
replaces it. Only the name and its contract are relied on: a Bank or None.
"""

from django.db.models import Q

from .models.used import Bank


def find_bank(text):
    """The Bank the citizen's words name, or None (then the words are kept as typed)."""
    text = str(text or "").strip()
    if not text:
        return None
    return Bank.objects.filter(
        Q(abbr__iexact=text) | Q(bin=text) | Q(short_name__iexact=text)
    ).first()
