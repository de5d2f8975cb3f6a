"""The home page shows the five newest published letters, in a bounded number of queries."""

import pytest

from portal.page_cache import queries_added

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_latest_five_published_letters(client, make_advisory):
    for month in range(1, 8):
        make_advisory("stttt-dak-lak", summary=f"cảnh báo tháng {month}", issued_month=month)
    make_advisory("stttt-ninh-binh", summary="bản nháp tháng 12", issued_month=12, published=False)

    response = client.get("/")

    html = response.content.decode()
    assert "Cảnh báo mới nhất" in html
    shown = [a.summary for a in response.context["latest_advisories"]]
    assert shown == [f"cảnh báo tháng {m}" for m in (7, 6, 5, 4, 3)]
    assert "bản nháp" not in html
    assert "Sở Thông tin và Truyền thông tỉnh Đắk Lắk" in html
    assert "ngày … tháng 7 năm 2024" in html
    assert 'href="/advisories/"' in html


@pytest.mark.parametrize("size", [3, 60])
def test_the_home_page_query_count_does_not_grow(
    client, make_advisory, django_assert_max_num_queries, size
):
    for _ in range(size):
        make_advisory("stttt-ninh-thuan")
    with django_assert_max_num_queries(1 + queries_added(hit=False)):
        assert client.get("/").status_code == 200


def test_the_navigation_leads_to_the_advisories(client):
    assert '<a class="nav-link" href="/advisories/">' in client.get("/").content.decode()
