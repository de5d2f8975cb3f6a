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


# `tel:0912345678`, `TEL:+84-912-345-678;phone-context=…` (RFC 3966), as copied
# from a link in a web page or a chat: the number is what follows the scheme,
# up to the first parameter.
TEL_URI = re.compile(r"^tel:(?://)?([^;]*)(?:;.*)?$", re.IGNORECASE)


def strip_tel(text):
    """`tel:0912345678` → `0912345678`; anything else as it is."""
    match = TEL_URI.match(text)
    return match.group(1).strip() if match else text


# The pre-2018 eleven-digit mobile prefixes and the ten-digit prefixes they
# became (Ministry of Information and Communications, Circular 22/2014 and the
# 2018 conversion table; the old numbers stopped working in 2018-2019, so a
# citizen typing one from an old letter or contact means the new one).
OLD_MOBILE_PREFIXES = {
    # Viettel
    "0162": "032",
    "0163": "033",
    "0164": "034",
    "0165": "035",
    "0166": "036",
    "0167": "037",
    "0168": "038",
    "0169": "039",
    # MobiFone
    "0120": "070",
    "0121": "079",
    "0122": "077",
    "0126": "076",
    "0128": "078",
    # VinaPhone
    "0123": "083",
    "0124": "084",
    "0125": "085",
    "0127": "081",
    "0129": "082",
    # Vietnamobile
    "0186": "056",
    "0188": "058",
    # Gmobile
    "0199": "059",
}
_OLD_MOBILE = re.compile(r"^(01[0-9]{2})([0-9]{7})$")


def modern_mobile(national):
    """`01688888888` → `0388888888` (a pre-2018 mobile in today's form), else None.

    Takes a Vietnamese number in its national form (format_phone).
    """
    match = _OLD_MOBILE.match(national)
    if not match or match.group(1) not in OLD_MOBILE_PREFIXES:
        return None
    return OLD_MOBILE_PREFIXES[match.group(1)] + match.group(2)


def today_form(number):
    """format_phone, with a pre-2018 eleven-digit mobile in today's form.

    What letters index and the look-up searches by, so `0168 8888 888` in a 2017
    letter, typed in the look-up, or reported as 0388888888 are one number.
    """
    normal = format_phone(number)
    return (modern_mobile(normal) if number.country_code == 84 else None) or normal


def _foreign_without_plus(digits):
    """`85512345678` → the Cambodian +855 12 345 678, when the digits are no Vietnamese number.

    Only for 10 digits or more: a landline typed without its area code (7 or 8
    digits) must never turn into a foreign number.
    """
    if len(digits) < 10 or digits.startswith("0"):
        return None
    try:
        number = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return None
    if number.country_code == 84 or not phonenumbers.is_valid_number(number):
        return None
    return number


def read_phone(text):
    """What a citizen typed as a phone number, in its normal form, or None.

    Beyond parse_phone/format_phone: a `tel:` link, a country code typed
    without "+" (only where the digits are not a valid Vietnamese number:
    "84 912 345 678" is Vietnamese, "855 12 345 678" Cambodian) and a
    pre-2018 eleven-digit mobile, which becomes today's number.
    """
    text = strip_tel(text)
    number = parse_phone(text)
    if number is not None and number.country_code == 84:
        national = format_phone(number)
        modern = modern_mobile(national)
        if modern:
            return modern
        if phonenumbers.is_valid_number(number):
            return national
    if PHONE_LIKE.match(text) and not text.lstrip("(").startswith("+"):
        foreign = _foreign_without_plus(re.sub(r"[^0-9]", "", text))
        if foreign is not None:
            return format_phone(foreign)
    return format_phone(number) if number is not None else None


# Landline area codes since 2017 (the three-digit "02x" codes), by province as
# it is now (Resolution 202/2025/QH15): a merged province keeps each former
# unit's code. (code, slug of the unit that has it, its name). Hà Nội's and
# TP.HCM's subscriber numbers have 8 digits, every other one 7.
AREA_CODES = {
    "ha-noi": (("024", "ha-noi", "Hà Nội"),),
    "hue": (("0234", "hue", "Huế"),),
    "lai-chau": (("0213", "lai-chau", "Lai Châu"),),
    "dien-bien": (("0215", "dien-bien", "Điện Biên"),),
    "son-la": (("0212", "son-la", "Sơn La"),),
    "lang-son": (("0205", "lang-son", "Lạng Sơn"),),
    "quang-ninh": (("0203", "quang-ninh", "Quảng Ninh"),),
    "thanh-hoa": (("0237", "thanh-hoa", "Thanh Hóa"),),
    "nghe-an": (("0238", "nghe-an", "Nghệ An"),),
    "ha-tinh": (("0239", "ha-tinh", "Hà Tĩnh"),),
    "cao-bang": (("0206", "cao-bang", "Cao Bằng"),),
    "tuyen-quang": (("0207", "tuyen-quang", "Tuyên Quang"), ("0219", "ha-giang", "Hà Giang")),
    "lao-cai": (("0214", "lao-cai", "Lào Cai"), ("0216", "yen-bai", "Yên Bái")),
    "thai-nguyen": (("0208", "thai-nguyen", "Thái Nguyên"), ("0209", "bac-kan", "Bắc Kạn")),
    "phu-tho": (
        ("0210", "phu-tho", "Phú Thọ"),
        ("0211", "vinh-phuc", "Vĩnh Phúc"),
        ("0218", "hoa-binh", "Hòa Bình"),
    ),
    "bac-ninh": (("0222", "bac-ninh", "Bắc Ninh"), ("0204", "bac-giang", "Bắc Giang")),
    "hung-yen": (("0221", "hung-yen", "Hưng Yên"), ("0227", "thai-binh", "Thái Bình")),
    "hai-phong": (("0225", "hai-phong", "Hải Phòng"), ("0220", "hai-duong", "Hải Dương")),
    "ninh-binh": (
        ("0229", "ninh-binh", "Ninh Bình"),
        ("0226", "ha-nam", "Hà Nam"),
        ("0228", "nam-dinh", "Nam Định"),
    ),
    "quang-tri": (("0233", "quang-tri", "Quảng Trị"), ("0232", "quang-binh", "Quảng Bình")),
    "da-nang": (("0236", "da-nang", "Đà Nẵng"), ("0235", "quang-nam", "Quảng Nam")),
    "quang-ngai": (("0255", "quang-ngai", "Quảng Ngãi"), ("0260", "kon-tum", "Kon Tum")),
    "gia-lai": (("0269", "gia-lai", "Gia Lai"), ("0256", "binh-dinh", "Bình Định")),
    "khanh-hoa": (("0258", "khanh-hoa", "Khánh Hòa"), ("0259", "ninh-thuan", "Ninh Thuận")),
    "lam-dong": (
        ("0263", "lam-dong", "Lâm Đồng"),
        ("0261", "dak-nong", "Đắk Nông"),
        ("0252", "binh-thuan", "Bình Thuận"),
    ),
    "dak-lak": (("0262", "dak-lak", "Đắk Lắk"), ("0257", "phu-yen", "Phú Yên")),
    "ho-chi-minh": (
        ("028", "ho-chi-minh", "TP. Hồ Chí Minh"),
        ("0274", "binh-duong", "Bình Dương"),
        ("0254", "ba-ria-vung-tau", "Bà Rịa - Vũng Tàu"),
    ),
    "dong-nai": (("0251", "dong-nai", "Đồng Nai"), ("0271", "binh-phuoc", "Bình Phước")),
    "tay-ninh": (("0276", "tay-ninh", "Tây Ninh"), ("0272", "long-an", "Long An")),
    "can-tho": (
        ("0292", "can-tho", "Cần Thơ"),
        ("0299", "soc-trang", "Sóc Trăng"),
        ("0293", "hau-giang", "Hậu Giang"),
    ),
    "vinh-long": (
        ("0270", "vinh-long", "Vĩnh Long"),
        ("0275", "ben-tre", "Bến Tre"),
        ("0294", "tra-vinh", "Trà Vinh"),
    ),
    "dong-thap": (("0277", "dong-thap", "Đồng Tháp"), ("0273", "tien-giang", "Tiền Giang")),
    "ca-mau": (("0290", "ca-mau", "Cà Mau"), ("0291", "bac-lieu", "Bạc Liêu")),
    "an-giang": (("0296", "an-giang", "An Giang"), ("0297", "kien-giang", "Kiên Giang")),
}
# Thừa Thiên Huế is today's Huế under its former name (slug thua-thien-hue).
_FORMER_SLUGS = {"thua-thien-hue": "hue"}


def subscriber_length(code):
    """How many digits follow an area code: 8 after 024/028, 7 after the others."""
    return 8 if len(code) == 3 else 7


def area_codes(current_slug, unit_slug=None):
    """The (code, name) pairs of a province now (its slug), or of one former unit of it.

    `unit_slug`: the province the citizen named, when it is a former one
    (Bình Dương → only 0274). Unknown slugs give ().
    """
    entries = AREA_CODES.get(current_slug, ())
    unit_slug = _FORMER_SLUGS.get(unit_slug, unit_slug)
    own = [(code, name) for code, slug, name in entries if slug == unit_slug]
    if unit_slug and unit_slug != current_slug and own:
        return tuple(own)
    return tuple((code, name) for code, _slug, name in entries)
