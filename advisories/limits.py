"""How long a letter's free text may be, and the check that says so in Vietnamese.

Sized on real letters: the five seeds hold 1,600 to 2,700 characters of
content (one or two printed pages), a summary of at most 122 characters and
lists of at most 181. A page set out as Decree 30/2020/NĐ-CP asks (13 pt,
single spacing, its narrowest margins) holds about 3,300 characters, and a
file may have 30 pages (letter_files.MAX_PAGES): the content limit is those
30 dense pages. Each limit is checked by the model (the admin form shows the
message under the field, with what was typed kept), and by the importer.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _

# 30 pages of about 3,300 characters: 37 times the longest seed.
MAX_CONTENT_LENGTH = 100_000
# "V/v …": one to three printed lines in the seeds (at most 122 characters).
MAX_SUMMARY_LENGTH = 1_000
# "Kính gửi" and "Nơi nhận": one entry a line; 5,000 is some 60 entries of 80 characters.
MAX_LIST_LENGTH = 5_000
# A whole file's text (header, lists, content, signature, and the blank lines and
# spaces of its layout: a PDF's text has a blank line after every printed line)
# is refused above this before it is parsed.
MAX_LETTER_TEXT = 2 * MAX_CONTENT_LENGTH


def grouped(number):
    """`100.000` in Vietnamese, `100,000` in English: as people read long numbers.

    By hand: Django's Vietnamese formats name the separator but group nothing.
    """
    return f"{number:,}".replace(",", get_format("THOUSAND_SEPARATOR"))


@deconstructible(path="advisories.limits.MaxTextLength")
class MaxTextLength(MaxLengthValidator):
    """At most `limit_value` characters, with a message that says how much to cut."""

    message = _("Dài %(length)s ký tự, quá giới hạn %(limit)s ký tự: hãy bớt %(excess)s ký tự.")

    def __call__(self, value):
        length, limit = self.clean(value), self.limit_value
        if self.compare(length, limit):
            raise ValidationError(
                self.message,
                code=self.code,
                params={
                    "length": grouped(length),
                    "limit": grouped(limit),
                    "excess": grouped(length - limit),
                    "value": value,
                },
            )
