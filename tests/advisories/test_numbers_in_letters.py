"""Each letter records the numbers it mentions, as numbers, for the number look-up.

Chị Lan looks up `156` or `0888 596 677`; the letters found must be those
that give her that number to call or text, not those where the digits sit
inside a date (`19/7/2024`, `năm 2024`), a document number
(`1386/STTTT-BCVT`), a word or an amount.
"""

import importlib
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from advisories.importer import find_existing, resolve_issuer
from advisories.letter_parser import read_letter
from advisories.models import Advisory
from advisories.numbers import mentioned_numbers, number_index

from .letter_samples import SEEDS, seed

# What the five real letters tell citizens to call or text, and nothing else:
# not 2024, 1386, 2019, 386 or 12 of their dates and cited documents.
SEED_NUMBERS = {
    "000": {"156", "5656"},  # Ea Súp: "Gửi 156 hay 5656", cites 1386/STTTT-BCVT ngày 19/7/2024
    "001": {"0692348560", "5656"},  # Ninh Thuận: the police line, "gui 5656."
    "002": {"156", "5656"},  # Ninh Bình: "Tổng đài 156 hoặc 5656", "gửi 156 (hoặc 5656)"
    "003": {"0888596677"},  # Bình Phước: the inspectors' line **0888596677**
    "004": {"156", "5656"},  # Đắk Lắk: "Gửi 156 \n\nhay 5656", tháng 01 năm 2024, 25/4/2019
}


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", sorted(SEED_NUMBERS))
def test_each_seed_letter_records_exactly_the_numbers_it_gives_citizens(prefix):
    call_command("import_advisories", *map(str, SEEDS), stdout=StringIO())
    letter = read_letter(seed(prefix))
    stored = find_existing(letter, resolve_issuer(letter))
    assert set(stored.numbers.split()) == SEED_NUMBERS[prefix]
    assert stored.numbers.startswith(" ") and stored.numbers.endswith(" ")


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("Gọi 0888.596.677 để xác minh.", ["0888596677"]),
        ("Gọi 0888 596 677 để xác minh.", ["0888596677"]),
        ("Gọi +84 888 596 677 để xác minh.", ["0888596677"]),
        ("Thanh tra Sở: **0888596677** (gặp đồng chí Tánh)", ["0888596677"]),
        ("trực ban hình sự 0692348560 của Cục", ["0692348560"]),  # possible, not valid
        ("Đường dây nóng (028) 3822 5678.", ["02838225678"]),
        ("Tổng đài 1900 1234 hỗ trợ", ["19001234"]),
        ("Số của họ: +855 12 345 678.", ["+85512345678"]),
        # Pre-2018 mobiles, in today's form (0162→032, 0168→038, 0199→059).
        ("Thuê bao 0168 8888 888 và 0162.123.4567 mạo danh", ["0388888888", "0321234567"]),
        ("gọi từ 01991234567", ["0591234567"]),
        ("nhắn tin tới 156 hoặc 5656", ["156", "5656"]),
        ("gửi 156 (hoặc 5656);", ["156", "5656"]),
        ("Gửi 156\n\nhay 5656.", ["156", "5656"]),
        ("gọi 113, 114 hoặc 115", ["113", "114", "115"]),
        ("đầu số **5656** để", ["5656"]),
        ("gọi ngay đầu số 1999", ["1999"]),  # a year-like short code after a cue
        ("Gọi 0888596677, rồi gọi 0888.596.677 và nhắn 156", ["0888596677", "156"]),
    ],
)
def test_phone_numbers_and_short_codes_are_found_in_their_normal_form(text, numbers):
    assert mentioned_numbers(text) == numbers


@pytest.mark.parametrize(
    "text",
    [
        # dates
        "Công văn ngày 19/7/2024 của Sở",
        "Chỉ thị ngày 25/4/2019",
        "Quyết định ngày 25/02/2019",
        "ngày 19 tháng 7 năm 2024",
        "Đắk Lắk, ngày tháng 01 năm 2024",
        "trong năm 2024 và năm 2025",
        "giai đoạn 2023-2024",
        "từ 2023 – 2024",
        "Luật An ninh mạng 2018",
        "lúc 10:30 ngày 19-7-2024",
        # document numbers
        "Thực hiện Công văn số 1386/STTTT-BCVT",
        "Chỉ thị Số 12/CT-TTg",
        "Quyết định số 386/QĐ-UBND",
        "Nghị định 15/2020/NĐ-CP",
        "Công văn số 1386 ngày 19/7/2024",
        "theo Điều 174 Bộ luật Hình sự",
        # words and codes
        "mã abc123 hoặc 123abc, tài khoản user_2024",
        "đường link lừa-đảo-456.com",
        # amounts and quantities
        "chiếm đoạt 100 triệu đồng",
        "chuyển 500.000 đồng",
        "nộp 1.500.000.000 đồng",
        "lừa 250 người, 300 thuê bao, 120 tài khoản",
        "trong vòng 30 phút hoặc 120 phút",
        "tăng 150% so với",
        "khoảng 2.000 trường hợp",
    ],
)
def test_digits_of_dates_document_numbers_words_and_amounts_are_not_numbers(text):
    assert mentioned_numbers(text) == []


def test_the_index_puts_every_number_between_spaces():
    assert number_index("gửi 156 hay 5656", "Gọi 0888.596.677 hoặc 156") == (
        " 156 5656 0888596677 "
    )
    assert number_index("Không có số nào.", "") == ""


SUMMARY = "cảnh báo các cuộc gọi mạo danh với mục đích lừa đảo"


@pytest.mark.django_db
def test_editing_a_letter_updates_its_numbers(make_advisory):
    letter = make_advisory(
        "stttt-binh-phuoc", summary=SUMMARY, content="Liên hệ Thanh tra Sở: 0888596677."
    )
    assert letter.numbers == " 0888596677 "
    letter.content = "Phản ánh tới đầu số 5656."
    letter.save()
    assert Advisory.objects.get(pk=letter.pk).numbers == " 5656 "


@pytest.mark.django_db
def test_the_migration_fills_the_numbers_of_letters_stored_before_it(make_advisory):
    letter = make_advisory("stttt-ninh-binh", summary=SUMMARY)  # "Tổng đài 156 hoặc 5656"
    Advisory.objects.filter(pk=letter.pk).update(numbers="")
    migration = importlib.import_module("advisories.migrations.0009_advisory_numbers")
    migration.index_numbers(apps, schema_editor=None)
    assert Advisory.objects.get(pk=letter.pk).numbers == " 156 5656 "


@pytest.mark.django_db
def test_letters_stored_with_an_old_mobile_are_reindexed_to_todays_number(make_advisory):
    letter = make_advisory(
        "stttt-binh-phuoc", summary=SUMMARY, content="Cảnh giác thuê bao 0168 8888 888."
    )
    assert letter.numbers == " 0388888888 "
    Advisory.objects.filter(pk=letter.pk).update(numbers=" 01688888888 ")  # as stored before
    migration = importlib.import_module("advisories.migrations.0017_reindex_old_mobile_numbers")
    migration.reindex(apps, schema_editor=None)
    assert Advisory.objects.get(pk=letter.pk).numbers == " 0388888888 "
