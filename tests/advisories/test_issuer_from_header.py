"""Any issuer: a letter's printed header makes the body the portal did not know yet.

Actors: a letter of the Sở Khoa học và Công nghệ Phú Yên (a province merged
into Đắk Lắk in 2025: the old name, as printed), of a district office, of the
Sở Khoa học và Công nghệ Đắk Lắk (reference data since it took over the Sở
TTTT's work on 1 March 2025), and letters that name no body at all.
"""

import pytest

from advisories.models import Advisory, Organization, Province

from .letter_samples import run_import as run
from .letter_samples import write_letter

pytestmark = pytest.mark.django_db

PHU_YEN = {
    "header": "UBND TỈNH PHÚ YÊN\n\nSỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "number": "Số: 212/SKHCN-TTra",
    "date": "Phú Yên, ngày 14 tháng 5 năm 2025",
    "body": (
        "Sở Khoa học và Công nghệ nhận được phản ánh về các cuộc gọi mạo danh cán bộ Sở.\n\n"
        "Trân trọng./."
    ),
}


def test_a_body_named_in_the_header_is_created_with_what_the_header_says(tmp_path):
    out, err, error = run(write_letter(tmp_path, **PHU_YEN))
    assert error is None, err
    issuer = Advisory.objects.get().issuer
    assert issuer.name == "Sở Khoa học và Công nghệ tỉnh Phú Yên"  # capitals as the text writes
    assert issuer.header_name == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert issuer.parent_body == "UBND TỈNH PHÚ YÊN"
    assert issuer.symbol == "SKHCN"
    assert issuer.level == Organization.Level.PROVINCIAL
    assert issuer.province == Province.objects.get(slug="phu-yen")  # the old name, as printed
    assert issuer.slug == "skhcn-phu-yen"
    assert "cơ quan mới theo tiêu đề" in out

    # The next letter of the same body finds it: no second body.
    run(write_letter(tmp_path, "b.txt", **{**PHU_YEN, "number": "Số: 213/SKHCN-TTra"}))
    assert Organization.objects.filter(header_name="SỞ KHOA HỌC VÀ CÔNG NGHỆ").count() == 35
    assert Advisory.objects.filter(issuer=issuer).count() == 2


def test_the_parent_may_be_written_out_and_wrapped_over_two_lines(tmp_path):
    letter = write_letter(
        tmp_path,
        **{**PHU_YEN, "header": "ỦY BAN NHÂN DÂN\nTỈNH PHÚ YÊN\nSỞ KHOA HỌC\nVÀ CÔNG NGHỆ"},
    )
    _, err, error = run(letter)
    assert error is None, err
    issuer = Advisory.objects.get().issuer
    assert (issuer.parent_body, issuer.header_name) == (
        "ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    )
    assert issuer.province.slug == "phu-yen"


def test_a_district_office_takes_its_province_from_the_place_line(tmp_path):
    letter = write_letter(
        tmp_path,
        header="UBND HUYỆN BUÔN ĐÔN\nPHÒNG VĂN HÓA VÀ THÔNG TIN",
        number="Số: 45/PVHTT",
        date="Đắk Lắk, ngày 02 tháng 8 năm 2024",
    )
    _, err, error = run(letter)
    assert error is None, err
    issuer = Advisory.objects.get().issuer
    assert issuer.level == Organization.Level.DISTRICT
    assert issuer.province.slug == "dak-lak"
    assert issuer.name == "Phòng văn hóa và thông tin huyện Buôn Đôn"  # not in the text: as best
    assert issuer.slug == "pvhtt-buon-don"


def test_a_known_body_is_found_by_its_header_whatever_its_symbol(tmp_path):
    letter = write_letter(
        tmp_path,
        header="UBND TỈNH ĐẮK LẮK\nSỞ KHOA HỌC VÀ CÔNG NGHỆ",
        number="Số: 88/SKHCN-VP",
        date="Buôn Ma Thuột, ngày 10 tháng 4 năm 2025",
    )
    before = Organization.objects.count()
    run(letter)
    assert Advisory.objects.get().issuer.slug == "skhcn-dak-lak"
    assert Organization.objects.count() == before


def test_a_letter_of_the_so_khcn_without_header_needs_no_issuer_option(tmp_path):
    """Since 1 March 2025 the Sở KHCN publishes the warnings the Sở TTTT used to."""
    letter = write_letter(
        tmp_path, number="Số: 12/SKHCN-TTra", date="Đắk Lắk, ngày 03 tháng 3 năm 2025"
    )
    _, err, error = run(letter)
    assert error is None, err
    assert Advisory.objects.get().issuer.slug == "skhcn-dak-lak"


def test_a_letter_without_header_from_an_unknown_body_keeps_todays_clear_error(tmp_path):
    letter = write_letter(tmp_path, number="Số: 7/SYT-NVY")
    _, err, error = run(letter)
    assert error is not None
    assert f"{letter}, dòng 1: không xác định được cơ quan ban hành" in err
    assert "Thêm cơ quan trong trang quản trị hoặc chỉ rõ bằng --issuer" in err
    assert not Organization.objects.filter(symbol="SYT").exists()


def test_a_header_whose_parent_names_no_province_is_not_guessed(tmp_path):
    letter = write_letter(
        tmp_path,
        header="BỘ THÔNG TIN VÀ TRUYỀN THÔNG\nCỤC AN TOÀN THÔNG TIN",
        number="Số: 5/CATTT-NCSC",
        date="Hà Nội, ngày 05 tháng 3 năm 2024",
    )
    _, err, error = run(letter)
    assert error is not None
    assert "không có cơ quan nào mang ký hiệu “CATTT”" in err
    assert not Organization.objects.filter(symbol="CATTT").exists()


def test_a_dry_run_creates_no_body(tmp_path):
    out, _, error = run(write_letter(tmp_path, **PHU_YEN), dry_run=True)
    assert error is None
    assert "sẽ thêm cơ quan mới theo tiêu đề" in out
    assert not Organization.objects.filter(slug="skhcn-phu-yen").exists()


def test_the_so_khcn_of_the_34_current_units_are_reference_data():
    bodies = Organization.objects.filter(symbol="SKHCN").select_related("province")
    assert bodies.count() == 34
    assert {body.province for body in bodies} == set(Province.objects.current())
    dak_lak = bodies.get(slug="skhcn-dak-lak")
    assert dak_lak.name == "Sở Khoa học và Công nghệ tỉnh Đắk Lắk"
    assert (dak_lak.parent_body, dak_lak.header_name) == (
        "UBND TỈNH ĐẮK LẮK",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    )
    assert dak_lak.level == Organization.Level.PROVINCIAL
    hcm = bodies.get(slug="skhcn-ho-chi-minh")
    assert hcm.name == "Sở Khoa học và Công nghệ thành phố Hồ Chí Minh"
    assert hcm.parent_body == "UBND THÀNH PHỐ HỒ CHÍ MINH"


def test_loading_the_so_khcn_again_changes_nothing():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("advisories.migrations.0011_skhcn")
    before = list(Organization.objects.order_by("pk").values())
    migration.load(apps, None)
    assert list(Organization.objects.order_by("pk").values()) == before
