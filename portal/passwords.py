"""Staff passwords that a guesser of this portal would not try first.

Reviewed: Django's default rules accepted "canhbao2025" and "hanoi123". A
guesser who knows the portal tries its own words first: its name, the
provinces, the roles, the year. So beside Django's validators (at least 12
characters in settings, its list of 20,000 common passwords, not all digits,
not like the user name), `PortalWordsValidator` refuses a password whose
letters are nothing but such words, whatever digits and signs surround them,
and one that is mostly a year.

Compared without case, accents, spaces, digits or signs: "Cảnh Báo 2025!",
"canh-bao@2025" and "CANHBAO2025" are one password to a guesser.
"""

import re

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from advisories.text import fold

# The portal's own words, and what staff are called in it. Folded, letters only.
PORTAL_WORDS = frozenset(
    {
        "canhbao",
        "luadao",
        "congan",
        "thanhtra",
        "thanhtravien",
        "truongnhom",
        "toanquoc",
        "bientap",
        "quantri",
        "quantrivien",
        "canbo",
        "congvan",
        "phananh",
        "matkhau",  # "password"
        "admin",
        "vietnam",
        "vn",
        # How people write the two big cities besides their official names.
        "tphcm",
        "hcm",
        "saigon",
        "hn",
        "tp",
        "tinh",
        "thanhpho",
    }
)
# 1900 to 2099: a birth year, this year, next year.
YEAR = re.compile(r"(?:19|20)\d\d")
# What must be left once the years are taken out: fewer letters and digits, and the
# year is most of the password.
BESIDES_A_YEAR = 6


def _letters(text):
    return re.sub(r"[^a-z]", "", fold(text).lower())


def province_words():
    """Every province and city's name, current and former, as letters only (`hanoi`)."""
    from advisories.models import Province

    return {_letters(name) for name in Province.objects.values_list("name", flat=True)}


def made_of(letters, words):
    """True when `letters` is one or more of `words` end to end (`canhbaohanoi`)."""
    if not letters:
        return False
    longest = max(map(len, words), default=0)
    reachable = [True] + [False] * len(letters)
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - longest), end):
            if reachable[start] and letters[start:end] in words:
                reachable[end] = True
                break
    return reachable[-1]


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with its refusal in Vietnamese: Django 5.2 changed the message's wording
    and its Vietnamese catalog has no translation of the new one (staff read English)."""

    def get_error_message(self):
        return ngettext(
            "Mật khẩu này quá ngắn: cần ít nhất %(count)d ký tự.",
            "Mật khẩu này quá ngắn: cần ít nhất %(count)d ký tự.",
            self.min_length,
        ) % {"count": self.min_length}


class PortalWordsValidator:
    """Refuses the portal's words and province names with only digits and signs around them,
    and passwords that are mostly a year."""

    def validate(self, password, user=None):
        letters = _letters(password)
        if made_of(letters, PORTAL_WORDS | province_words()):
            raise ValidationError(
                _(
                    "Mật khẩu này chỉ gồm tên cổng, tên tỉnh, thành phố hoặc từ quen thuộc với "
                    "cán bộ (như “canhbao”, “hanoi”), thêm số hay ký hiệu: kẻ dò mật khẩu thử "
                    "những từ này trước tiên."
                ),
                code="password_portal_words",
            )
        if YEAR.search(password):
            rest = YEAR.sub("", fold(password).lower())
            if len(re.sub(r"[^a-z0-9]", "", rest)) < BESIDES_A_YEAR:
                raise ValidationError(
                    _(
                        "Mật khẩu này chủ yếu là một năm (như 2025): hãy thêm ít nhất %(count)d "
                        "chữ hoặc số khác."
                    )
                    % {"count": BESIDES_A_YEAR},
                    code="password_mostly_a_year",
                )

    def get_help_text(self):
        return _(
            "Mật khẩu không được chỉ là tên cổng, tên tỉnh, thành phố hay một năm, kèm số "
            "hoặc ký hiệu."
        )
