"""Phone numbers and short codes in their one normal form, for every app.

Reports normalise what a citizen typed with these rules, and letters record
the numbers they mention with the same ones, so that `0888.596.677` in a
letter and `+84 888 596 677` in the look-up box are one string. Kept in the
project package because `advisories` must never import `reports`.
"""

import re
import unicodedata

import phonenumbers

SHORT_CODE = re.compile(r"^[0-9]{3,6}$")
# Only what people put in a number: phonenumbers would otherwise turn
# letters into keypad digits (1-800-FLOWERS) and a sender name into a number.
PHONE_LIKE = re.compile(r"^[(]?\+?[0-9 .\-()/]*[0-9][0-9 .\-()/]*$")


def drop_format_characters(text):
    """The text without invisible format characters (Unicode category Cf).

    Zalo and phone contacts wrap copied numbers in direction marks
    (U+202A…U+202C); zero-width spaces, word joiners, soft hyphens and BOMs
    come along with pasted text. Nobody sees them, yet they would make
    "0912 345 678" fail to parse and a sender name differ from itself.
    """
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def plain(value):
    """What was typed or pasted, without format characters, NFKC, trimmed."""
    # NFKC turns full-width digits and plus signs (some keyboards) into ASCII.
    return unicodedata.normalize("NFKC", drop_format_characters(str(value or ""))).strip()


def parse_phone(text):
    """A possible phone number (valid or merely possible), or None."""
    if not PHONE_LIKE.match(text):
        return None
    try:
        number = phonenumbers.parse(text, "VN")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return number


def format_phone(number):
    """Vietnamese: national digits with the leading 0; foreign: E.164.

    A valid number takes its national format (so 1900/1800 service numbers
    keep their own form); a merely possible one, like the police line
    0692348560, gets 0 + its national significant number.
    """
    if number.country_code == 84:
        if phonenumbers.is_valid_number(number):
            national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
            return re.sub(r"[^0-9]", "", national)
        return "0" + phonenumbers.national_significant_number(number)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
