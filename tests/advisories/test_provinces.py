"""Every provincial unit, old or new name, resolves to its unit since 1 July 2025."""

import pytest

from advisories.models import Province

pytestmark = pytest.mark.django_db

# Former unit -> current unit, from Resolution 202/2025/QH15 (PRODUCT.md).
MERGED = {
    "thua-thien-hue": "hue",
    "ha-giang": "tuyen-quang",
    "yen-bai": "lao-cai",
    "bac-kan": "thai-nguyen",
    "vinh-phuc": "phu-tho",
    "hoa-binh": "phu-tho",
    "bac-giang": "bac-ninh",
    "thai-binh": "hung-yen",
    "hai-duong": "hai-phong",
    "ha-nam": "ninh-binh",
    "nam-dinh": "ninh-binh",
    "quang-binh": "quang-tri",
    "quang-nam": "da-nang",
    "kon-tum": "quang-ngai",
    "binh-dinh": "gia-lai",
    "ninh-thuan": "khanh-hoa",
    "dak-nong": "lam-dong",
    "binh-thuan": "lam-dong",
    "phu-yen": "dak-lak",
    "binh-duong": "ho-chi-minh",
    "ba-ria-vung-tau": "ho-chi-minh",
    "binh-phuoc": "dong-nai",
    "long-an": "tay-ninh",
    "soc-trang": "can-tho",
    "hau-giang": "can-tho",
    "ben-tre": "vinh-long",
    "tra-vinh": "vinh-long",
    "tien-giang": "dong-thap",
    "bac-lieu": "ca-mau",
    "kien-giang": "an-giang",
}
UNCHANGED = [
    "ha-noi", "lai-chau", "dien-bien", "son-la", "lang-son", "quang-ninh",
    "thanh-hoa", "nghe-an", "ha-tinh", "cao-bang",
]  # fmt: skip
MERGED_KEEPING_NAME = sorted(set(MERGED.values()) - {"hue"})
CITIES = {"ha-noi", "hai-phong", "hue", "da-nang", "ho-chi-minh", "can-tho"}


def test_there_are_34_current_units_and_the_63_of_before_2025():
    assert Province.objects.current().count() == 34
    before_2025 = set(UNCHANGED) | set(MERGED) | set(MERGED_KEEPING_NAME)
    assert len(before_2025) == 63
    assert set(Province.objects.values_list("slug", flat=True)) == before_2025 | {"hue"}


@pytest.mark.parametrize(("old", "new"), sorted(MERGED.items()))
def test_a_former_unit_resolves_to_the_unit_it_was_merged_into(old, new):
    assert Province.resolve_slug(old).slug == new
    assert not Province.objects.get(slug=old).is_current


@pytest.mark.parametrize("slug", UNCHANGED + MERGED_KEEPING_NAME + ["hue"])
def test_a_current_unit_resolves_to_itself(slug):
    province = Province.objects.get(slug=slug)
    assert province.is_current
    assert province.resolve() == province


def test_a_current_unit_knows_the_former_units_merged_into_it():
    ho_chi_minh = Province.objects.get(slug="ho-chi-minh")
    assert {p.slug for p in ho_chi_minh.former_units.all()} == {"binh-duong", "ba-ria-vung-tau"}
    assert {p.slug for p in ho_chi_minh.family()} == {
        "ho-chi-minh",
        "binh-duong",
        "ba-ria-vung-tau",
    }
    assert not Province.objects.get(slug="ha-noi").former_units.exists()


def test_the_six_centrally_run_cities_are_cities():
    cities = Province.objects.current().filter(kind=Province.Kind.CITY)
    assert set(cities.values_list("slug", flat=True)) == CITIES
    assert Province.objects.get(slug="hue").full_name == "Thành phố Huế"
    assert Province.objects.get(slug="dak-lak").full_name == "Tỉnh Đắk Lắk"


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("Bình Phước", "dong-nai"),
        ("binh phuoc", "dong-nai"),
        ("Tỉnh Ninh Thuận", "khanh-hoa"),
        ("Thành phố Hồ Chí Minh", "ho-chi-minh"),
        ("Bà Rịa - Vũng Tàu", "ho-chi-minh"),
        ("Thừa Thiên Huế", "hue"),
        ("ĐẮK LẮK", "dak-lak"),
        ("HA-NOI", "ha-noi"),
    ],
)
def test_a_citizen_may_type_an_old_or_new_name(typed, slug):
    assert Province.resolve_slug(typed).slug == slug


@pytest.mark.parametrize("typed", ["", "Atlantis", "ha", None])
def test_an_unknown_name_resolves_to_nothing(typed):
    assert Province.resolve_slug(typed) is None
