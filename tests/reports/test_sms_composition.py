"""Anh Minh's report becomes the exact SMS the 156 / 5656 switchboard understands."""

import re
from urllib.parse import unquote

import pytest

from reports.sms import CompositionError, compose, count_parts, encoding_of, sms_link

CONTENT = "goi mao danh"


@pytest.mark.parametrize(
    ("typed", "kind"),
    [("S", "S"), ("s", "S"), ("V", "V"), ("v", "V"), ("LD", "LD"), ("ld", "LD"), (" Ld ", "LD")],
)
def test_the_kind_is_read_in_any_case_and_written_in_upper_case(typed, kind):
    assert compose(typed, "0912345678", CONTENT).kind == kind
    assert compose(typed, "0912345678", CONTENT).sms.startswith(f"{kind} ")


@pytest.mark.parametrize("typed", ["", "X", "SMS", "L D", "lừa đảo", None])
def test_an_unknown_kind_says_which_kinds_exist(typed):
    with pytest.raises(CompositionError) as error:
        compose(typed, "0912345678", CONTENT)
    assert list(error.value.errors) == ["kind"]
    assert "S (tin nhắn rác), V (cuộc gọi rác) hoặc LD (lừa đảo)" in error.value.errors["kind"][0]


@pytest.mark.parametrize(
    ("kind", "typed", "source"),
    [
        # One Vietnamese mobile number, however it is typed.
        ("LD", "+84 912 345 678", "0912345678"),
        ("LD", "84912345678", "0912345678"),
        ("LD", "0912.345.678", "0912345678"),
        ("LD", "0912-345-678", "0912345678"),
        ("LD", "(+84) 912 345 678", "0912345678"),
        ("LD", "０９１２３４５６７８", "0912345678"),  # full-width digits
        # A landline.
        ("V", "028 3822 5678", "02838225678"),
        # The police duty line: possible, not valid to libphonenumber; still accepted.
        ("V", "0692348560", "0692348560"),
        # A pre-2018 eleven-digit mobile number.
        ("LD", "0123 456 7890", "01234567890"),
        # Foreign numbers become E.164.
        ("LD", "+855 12 345 678", "+85512345678"),
        ("V", "00855 12 345 678", "+85512345678"),
        ("V", "+1 650 253 0000", "+16502530000"),
        # Short codes stay as typed.
        ("S", "156", "156"),
        ("S", "5656", "5656"),
        ("V", "9029", "9029"),
        ("S", "123456", "123456"),
        ("S", "  8088 ", "8088"),
        # Sender names, in capitals: for spam SMS, and for a scam SMS (a fake bank brandname).
        ("S", "VCB-BANK", "VCB-BANK"),
        ("LD", "vcb-bank", "VCB-BANK"),
        ("S", "Viettel", "VIETTEL"),
        ("S", "shop_gia.re", "SHOP_GIA.RE"),
        ("s", "A", "A"),
        ("S", "ABCDEFGHIJK", "ABCDEFGHIJK"),
    ],
)
def test_the_source_is_normalised(kind, typed, source):
    assert compose(kind, typed, CONTENT).source == source


@pytest.mark.parametrize(
    ("kind", "typed"),
    [
        ("V", "VCB-BANK"),  # a call never comes from a sender name
        ("V", "Viettel"),  # a sender name, yet a call
        ("S", "ABCDEFGHIJKL"),  # 12 letters: too long for a sender name
        ("S", "VCB BANK"),  # spaces
        ("S", "Ngân-hàng"),  # letters with diacritics are not in a sender name
        ("S", ""),
        ("S", "   "),
        ("V", "12"),  # too short for a short code, not a number
        ("V", "1-800-FLOWERS"),  # no keypad letters
        ("LD", "0" * 41),
        ("LD", "+84"),
        ("S", "<script>"),
    ],
)
def test_anything_else_says_what_is_expected(kind, typed):
    with pytest.raises(CompositionError) as error:
        compose(kind, typed, CONTENT)
    message = error.value.errors["source"][0]
    assert "0912345678" in message  # an example of what would work
    if kind.upper() in ("S", "LD"):
        assert "VCB-BANK" in message
    else:
        assert "3–6 chữ số" in message


@pytest.mark.parametrize(
    ("kind", "pasted", "source"),
    [
        ("LD", "\u202a0912 345 678\u202c", "0912345678"),  # copied from Zalo
        ("V", "\u2066+84\u00a0912\u200b345\u200b678\u2069", "0912345678"),
        ("LD", "\ufeff\u200e0912345678\u200f", "0912345678"),
        ("S", "\u202bVCB-BANK\u202c", "VCB-BANK"),
        ("S", "90\u00ad29", "9029"),
    ],
)
def test_a_number_pasted_with_invisible_marks_is_the_same_number(kind, pasted, source):
    assert compose(kind, pasted, CONTENT).source == source


def test_invisible_characters_in_the_content_do_not_force_ucs2():
    # Anh Minh pastes the scam SMS; it carries zero-width spaces and a BOM he cannot see.
    composition = compose("LD", "0912345678", "\ufeffTai\u200b khoan\u200b bi khoa\u2060")
    assert composition.sms_ascii == "LD 0912345678 Tai khoan bi khoa"
    assert composition.encoding["sms_ascii"] == "GSM-7"
    assert composition.parts["sms_ascii"] == 1


def test_a_call_from_a_sender_name_suggests_the_sms_kind():
    with pytest.raises(CompositionError) as error:
        compose("V", "VCB-BANK", CONTENT)
    assert "chọn loại S" in error.value.errors["source"][0]


@pytest.mark.parametrize(
    ("typed", "content"),
    [
        ("  Alo  ", "Alo"),
        ("Dòng một\nDòng hai", "Dòng một Dòng hai"),
        ("a\t\tb\r\n\r\nc", "a b c"),
        ("no\u00a0break\u2003space", "no break space"),
        ("ca\u0301ch go\u0303 to\u0302\u0309 hợp", "cách gõ tổ hợp"),  # decomposed → NFC
        ("nul\x00 and escape\x1b", "nul and escape"),
        ("ca\u00ad\u0301ch", "cách"),  # a soft hyphen between a letter and its accent
    ],
)
def test_the_content_is_trimmed_and_whitespace_collapsed(typed, content):
    assert compose("LD", "0912345678", typed).content == content


@pytest.mark.parametrize("typed", ["", "   ", "\n\t\u00a0", None])
def test_the_content_is_required(typed):
    with pytest.raises(CompositionError) as error:
        compose("LD", "0912345678", typed)
    assert "nội dung" in error.value.errors["content"][0]


def test_the_content_is_at_most_1000_characters_after_collapsing():
    assert len(compose("LD", "0912345678", "a" * 1000).content) == 1000
    # 1,200 typed characters, but only 1,000 once the double spaces collapse.
    assert len(compose("LD", "0912345678", "ab " * 333 + "a" + "  " * 100).content) == 1000
    with pytest.raises(CompositionError) as error:
        compose("LD", "0912345678", "a" * 1001)
    assert "1001" in error.value.errors["content"][0]
    assert "1000" in error.value.errors["content"][0]


def test_every_problem_is_reported_at_once():
    with pytest.raises(CompositionError) as error:
        compose("X", "", "")
    assert set(error.value.errors) == {"kind", "source", "content"}


def test_the_sms_and_its_folded_twin():
    composition = compose("ld", "+84 912 345 678", "Đây là Sở TTTT, đề nghị kết bạn Zalo")
    assert composition.sms == "LD 0912345678 Đây là Sở TTTT, đề nghị kết bạn Zalo"
    assert composition.sms_ascii == "LD 0912345678 Day la So TTTT, de nghi ket ban Zalo"
    assert composition.encoding == {"sms": "UCS-2", "sms_ascii": "GSM-7"}
    assert composition.parts == {"sms": 1, "sms_ascii": 1}
    assert composition.shortcodes == ("156", "5656")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("S 156 hello", "GSM-7"),
        ("V 0912345678 Ca phe [khuyen mai] {50%} ~ | ^ € \\", "GSM-7"),
        ("è é ù ì ò Ç Ø ø Å å Δ _ Φ Γ Λ Ω Π Ψ Σ Θ Ξ Æ æ ß É ¡ Ä Ö Ñ Ü § ¿ ä ö ñ ü à", "GSM-7"),
        ("LD 0912345678 lừa đảo", "UCS-2"),
        ("S 156 đ", "UCS-2"),
        ("S 156 `", "UCS-2"),  # the backtick is not in GSM 03.38
        ("S 156 á", "UCS-2"),  # neither is á (only à)
        ("S 156 📞", "UCS-2"),
    ],
)
def test_the_encoding(text, encoding):
    assert encoding_of(text) == encoding


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("a" * 159 + "€", 2),  # € counts two: 161 septets
        ("a" * 158 + "€", 1),  # exactly 160
        ("{" * 80, 1),
        ("{" * 81, 2),
        ("a" * 152 + "[" + "a" * 10, 2),  # the escape pair is not cut: fits 153 + 11
        ("a" * 152 + "[" * 77, 3),  # 152+154 septets, pairs kept whole → 3 parts
        ("ư" * 70, 1),
        ("ư" * 71, 2),
        ("ư" * 134, 2),
        ("ư" * 135, 3),
        ("📞" * 35, 1),  # 70 UTF-16 units
        ("📞" * 36, 2),
        ("ư" * 66 + "📞", 1),  # 68 units
        ("ư" * 66 + "📞" * 34, 3),  # 134 units, but a surrogate pair is never split
        ("", 1),
    ],
)
def test_the_part_count_at_the_edges(text, parts):
    assert count_parts(text) == parts


def test_part_counts_follow_the_composed_sms():
    # "LD 0912345678 " is 14 characters.
    assert compose("LD", "0912345678", "a" * 146).parts["sms"] == 1
    assert compose("LD", "0912345678", "a" * 147).parts["sms"] == 2
    assert compose("LD", "0912345678", "ạ" * 56).parts == {"sms": 1, "sms_ascii": 1}
    assert compose("LD", "0912345678", "ạ" * 57).parts == {"sms": 2, "sms_ascii": 1}


def test_links_are_rfc_5724_with_the_body_percent_encoded_in_utf8():
    composition = compose("LD", "0912345678", "Mạo danh & lừa #1 50%?")
    assert sms_link("156", "a b") == "sms:156?body=a%20b"
    hrefs = {(link["number"], link["text"]): link["href"] for link in composition.links}
    assert set(hrefs) == {
        ("156", "sms"),
        ("156", "sms_ascii"),
        ("5656", "sms"),
        ("5656", "sms_ascii"),
    }
    body = hrefs[("156", "sms")].removeprefix("sms:156?body=")
    assert unquote(body) == composition.sms
    assert "%E1%BA%A1" in body  # ạ in UTF-8
    for char in " &#?%":
        assert char not in re.sub("%[0-9A-F]{2}", "", body)
    assert unquote(hrefs[("5656", "sms_ascii")].split("body=")[1]) == composition.sms_ascii


def test_a_plain_ascii_sms_gets_one_link_per_shortcode():
    composition = compose("S", "VCB-BANK", "Tai khoan bi khoa")
    assert [link["number"] for link in composition.links] == ["156", "5656"]
