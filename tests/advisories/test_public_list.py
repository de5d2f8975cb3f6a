"""A citizen browses the published letters: newest first, filters, pages, bounded queries."""

import pytest
from django.utils import timezone

from portal.page_cache import queries_added

pytestmark = pytest.mark.django_db

LIST = "/advisories/"


def summaries(response):
    return [a.summary for a in response.context["page"].object_list]


def test_a_citizen_sees_published_letters_newest_first_and_never_drafts(client, make_advisory):
    make_advisory("stttt-dak-lak", summary="tháng một", issued_month=1)
    make_advisory("stttt-ninh-thuan", summary="tháng chín", issued_month=9)
    make_advisory("stttt-ninh-binh", summary="bản nháp", issued_month=12, published=False)
    make_advisory(
        "stttt-ninh-binh",
        summary="hẹn giờ đăng",
        status="published",
        published_at=timezone.now() + timezone.timedelta(days=1),
    )

    response = client.get(LIST)

    assert response.status_code == 200
    assert summaries(response) == ["tháng chín", "tháng một"]
    html = response.content.decode()
    assert "bản nháp" not in html and "hẹn giờ đăng" not in html
    assert "Sở Thông tin và Truyền thông tỉnh Ninh Thuận" in html
    assert "ngày … tháng 9 năm 2024" in html


def test_a_current_province_includes_the_letters_of_the_units_merged_into_it(client, make_advisory):
    make_advisory("stttt-binh-phuoc", summary="Bình Phước")  # now Đồng Nai
    make_advisory("stttt-dak-lak", summary="Đắk Lắk")

    by_new_name = client.get(LIST, {"province": "dong-nai"})
    by_old_name = client.get(LIST, {"province": "binh-phuoc"})

    assert summaries(by_new_name) == ["Bình Phước"]
    assert summaries(by_old_name) == ["Bình Phước"]
    assert by_old_name.context["province"].slug == "dong-nai"
    # The old name is shown as it was, with where it belongs now.
    assert "Bình Phước (nay thuộc Đồng Nai)" in by_new_name.content.decode()


def test_a_district_office_counts_for_its_province(client, make_advisory):
    make_advisory("pvhtt-ea-sup", summary="Ea Súp")
    assert summaries(client.get(LIST, {"province": "dak-lak"})) == ["Ea Súp"]


def test_filter_by_issuer_and_year(client, make_advisory):
    make_advisory("stttt-dak-lak", summary="Đắk Lắk 2024")
    make_advisory("stttt-dak-lak", summary="Đắk Lắk 2023", issued_year=2023)
    make_advisory("stttt-ninh-binh", summary="Ninh Bình 2024")

    assert summaries(client.get(LIST, {"issuer": "stttt-dak-lak", "year": "2023"})) == [
        "Đắk Lắk 2023"
    ]
    assert set(summaries(client.get(LIST, {"year": "2024"}))) == {"Đắk Lắk 2024", "Ninh Bình 2024"}


@pytest.mark.parametrize(
    "query",
    [
        {"province": "khong-co-tinh-nay"},
        {"year": "hai-nghin"},
        {"issuer": "<script>"},
        {"page": "abc"},
        {"page": "999"},
        {"page": "-1"},
        {"q": "x" * 500},
    ],
)
def test_bad_filter_values_never_give_an_error_page(client, make_advisory, query):
    make_advisory()
    response = client.get(LIST, query)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "query", [{"province": "khong-co-tinh-nay"}, {"year": "1990"}, {"issuer": "zzz"}]
)
def test_an_unknown_filter_shows_nothing_and_says_why(client, make_advisory, query):
    make_advisory(summary="thư Ninh Thuận")
    response = client.get(LIST, query)
    assert summaries(response) == []
    assert "Không có tỉnh, cơ quan hoặc năm như trong đường dẫn này" in response.content.decode()


def test_a_long_pasted_text_is_searched_not_ignored(client, make_advisory):
    make_advisory(summary="cảnh báo giả danh nhân viên điện lực")
    make_advisory(summary="cảnh báo khóa SIM")
    # Over 200 characters: searched by its beginning, never dropped (which
    # would list every letter as if it matched).
    padded = "dien luc" + " " * 300
    assert summaries(client.get(LIST, {"q": padded})) == ["cảnh báo giả danh nhân viên điện lực"]
    assert summaries(client.get(LIST, {"q": "dien luc " + "xyz " * 100})) == []


def test_letters_are_paginated_and_filters_survive_the_page_links(client, make_advisory):
    for _ in range(25):
        make_advisory("stttt-dak-lak")
    first = client.get(LIST, {"province": "dak-lak"})
    assert len(first.context["page"].object_list) == 20
    html = first.content.decode()
    assert "?province=dak-lak&amp;page=2" in html
    second = client.get(LIST, {"province": "dak-lak", "page": "2"})
    assert len(second.context["page"].object_list) == 5


def test_the_filter_form_works_without_javascript(client, make_advisory):
    make_advisory()
    html = client.get(LIST).content.decode()
    assert '<form class="advisory-filters" method="get" action="/advisories/"' in html
    for name in ("q", "province", "issuer", "year"):
        assert f'name="{name}"' in html
    assert "<script" not in html


def test_the_list_offers_feeds_to_follow(client, make_advisory):
    make_advisory("stttt-ninh-thuan")
    html = client.get(LIST, {"province": "ninh-thuan"}).content.decode()
    assert 'rel="alternate" type="application/atom+xml"' in html
    assert 'href="/advisories/feed/khanh-hoa/"' in html
    assert "Theo dõi" in html


@pytest.mark.parametrize("size", [3, 300])
def test_the_list_runs_a_constant_number_of_queries(
    client, make_advisory, django_assert_num_queries, size
):
    # The same counts for 3 and 300 letters: no query per row.
    from advisories.models import Advisory, Organization

    organizations = list(Organization.objects.all())
    template = make_advisory()
    rows = []
    for i in range(size - 1):
        template.pk = None
        template.slug = f"letter-{i}"
        template.issuer = organizations[i % len(organizations)]
        rows.append(
            Advisory(
                **{f.attname: getattr(template, f.attname) for f in Advisory._meta.concrete_fields}
            )
        )
    Advisory.objects.bulk_create(rows)
    assert Advisory.objects.published().count() == size

    # province lookup + its former units, then provinces, issuers, years, count, page.
    with django_assert_num_queries(7 + queries_added(hit=False)):
        response = client.get(LIST, {"province": "ninh-binh", "q": "mao danh", "year": "2024"})
    assert response.status_code == 200
    # The same generation: the next scheduled letter is already known.
    with django_assert_num_queries(5 + queries_added(hit=False, first_miss=False)):
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == min(size, 20)
