"""Signals other parts of the portal may listen to (notifications, later).

`letter_published`: sent once each time a letter becomes public, after the
transaction that made it public commits (a rolled-back approval announces
nothing). Arguments: sender=Advisory, advisory=the letter, as stored.
"""

from django.dispatch import Signal

letter_published = Signal()
