"""A cited document links to the portal's own letter when the portal has exactly that one.

Actors: a made-up Công văn 1386/STTTT-BCVT of Sở TTTT Đắk Lắk (19/7/2024),
the Ea Súp seed letter that cites it, and a namesake 1386/STTTT-BCVT of
Sở TTTT Ninh Bình (numbers and symbols repeat from province to province).
Only an unambiguous match is linked: a wrong link would mislead citizens.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from advisories.models import Advisory, CitedDocument

from .letter_samples import seed, write_letter

pytestmark = pytest.mark.django_db

DAK_LAK_1386 = {
    "header": "UBND TỈNH ĐẮK LẮK\n\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    "number": "Số: 1386/STTTT-BCVT",
    "date": "Đắk Lắk, ngày 19 tháng 7 năm 2024",
    "summary": "V/v tiếp tục phối hợp tuyên truyền, cảnh báo các cuộc gọi rác",
}
NINH_BINH_1386 = {"number": "Số: 1386/STTTT-BCVT", "date": "Ninh Bình, ngày 19 tháng 7 năm 2024"}


def run(*paths):
    call_command("import_advisories", *map(str, paths), stdout=StringIO(), stderr=StringIO())


def citation_of_1386():
    return CitedDocument.objects.get(number_symbol="1386/STTTT-BCVT")


def test_a_citation_links_to_a_letter_imported_before_it(tmp_path):
    run(write_letter(tmp_path, **DAK_LAK_1386), seed("000"))
    cited = Advisory.objects.get(number="1386")
    assert citation_of_1386().cited_advisory == cited
    # The others (Chỉ thị, Quyết định) are not on the portal.
    assert CitedDocument.objects.filter(cited_advisory__isnull=True).count() == 2


def test_a_citation_links_when_the_cited_letter_comes_later(tmp_path):
    run(seed("000"))
    assert citation_of_1386().cited_advisory is None
    run(write_letter(tmp_path, **DAK_LAK_1386))
    assert citation_of_1386().cited_advisory == Advisory.objects.get(number="1386")


def test_namesakes_in_other_provinces_are_told_apart_by_the_citing_letters_province(tmp_path):
    run(
        write_letter(tmp_path, "ninh-binh.txt", **NINH_BINH_1386),
        write_letter(tmp_path, "dak-lak.txt", **DAK_LAK_1386),
        seed("000"),
    )
    assert citation_of_1386().cited_advisory.issuer.slug == "stttt-dak-lak"


def test_a_letter_of_another_date_or_another_province_is_not_linked(tmp_path):
    other_date = {**DAK_LAK_1386, "date": "Đắk Lắk, ngày 19 tháng 7 năm 2023"}
    run(write_letter(tmp_path, "2023.txt", **other_date), seed("000"))
    assert citation_of_1386().cited_advisory is None

    # The only 1386/STTTT-BCVT of that day is Ninh Bình's: not the one Ea Súp meant.
    run(write_letter(tmp_path, "ninh-binh.txt", **NINH_BINH_1386))
    assert citation_of_1386().cited_advisory is None


def test_two_letters_that_could_be_meant_are_not_guessed_between(tmp_path):
    run(
        write_letter(tmp_path, "a.txt", **DAK_LAK_1386),
        write_letter(tmp_path, "b.txt", **DAK_LAK_1386, body="Nội dung khác.\n\nTrân trọng./."),
    )
    assert Advisory.objects.count() == 1  # the same letter twice is one letter
    run(write_letter(tmp_path, "c.txt", **{**DAK_LAK_1386, "summary": "V/v một việc khác"}))
    run(seed("000"))
    assert citation_of_1386().cited_advisory is None
