"""Staff find letters in the admin list: by province (old units included), year, status, text."""

import pytest

pytestmark = pytest.mark.django_db

ADMIN = "/admin/advisories/advisory/"


def shown(response):
    return {a.summary for a in response.context["cl"].result_list}


@pytest.fixture
def letters(make_advisory):
    plain = "Thông tin tuyên truyền."
    make_advisory("stttt-binh-phuoc", summary="Bình Phước 2024", content=plain)
    make_advisory("stttt-dak-lak", summary="Đắk Lắk 2023", issued_year=2023, content=plain)
    make_advisory("pvhtt-ea-sup", summary="Ea Súp nháp", published=False, content=plain)
    make_advisory(
        "stttt-ninh-binh", summary="Ninh Bình mạo danh", content="Đối tượng mạo danh lãnh đạo."
    )


def test_the_list_shows_issuer_province_date_and_status(as_user, administrator, letters):
    html = as_user(administrator).get(ADMIN).content.decode()
    assert "Sở Thông tin và Truyền thông tỉnh Bình Phước" in html
    assert "Bình Phước (cũ)" in html
    assert "ngày … tháng 02 năm 2024" in html
    assert "Bản nháp" in html and "Đã đăng" in html


def test_a_current_province_filter_includes_its_former_units(as_user, administrator, letters):
    client = as_user(administrator)
    assert shown(client.get(ADMIN, {"province": "dong-nai"})) == {"Bình Phước 2024"}
    assert shown(client.get(ADMIN, {"province": "dak-lak"})) == {"Đắk Lắk 2023", "Ea Súp nháp"}


def test_filters_by_year_status_and_issuer(as_user, administrator, letters):
    client = as_user(administrator)
    assert shown(client.get(ADMIN, {"year": "2023"})) == {"Đắk Lắk 2023"}
    assert shown(client.get(ADMIN, {"status__exact": "draft"})) == {"Ea Súp nháp"}
    assert shown(client.get(ADMIN, {"issuer": "pvhtt-ea-sup"})) == {"Ea Súp nháp"}


def test_search_ignores_case_and_diacritics(as_user, administrator, letters, make_advisory):
    make_advisory(
        "stttt-dak-lak", number="1386", symbol="STTTT-BCVT", summary="phối hợp", content="."
    )
    client = as_user(administrator)
    assert shown(client.get(ADMIN, {"q": "MAO DANH lanh dao"})) == {"Ninh Bình mạo danh"}
    assert shown(client.get(ADMIN, {"q": "1386/stttt-bcvt"})) == {"phối hợp"}


@pytest.mark.parametrize("size", [3, 60])
def test_the_admin_list_query_count_does_not_grow(
    as_user, administrator, make_advisory, django_assert_max_num_queries, size
):
    for _ in range(size):
        make_advisory("stttt-ninh-thuan")
    client = as_user(administrator)
    client.get(ADMIN)  # warm the session
    with django_assert_max_num_queries(14):
        assert client.get(ADMIN).status_code == 200
