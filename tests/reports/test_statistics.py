"""A journalist of Đồng Nai watches the wave of scam calls: public counts, nothing more."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from portal.page_cache import queries_added
from reports.models import Report

pytestmark = pytest.mark.django_db

STATS = "/statistics/"


def file(client, province, kind="LD", patterns=(), months_ago=0, content="Mạo danh công an"):
    response = client.post(
        "/report/",
        {
            "kind": kind,
            "source": "0912345678",
            "content": content,
            "province": province,
            "patterns": list(patterns),
            "contact": "0987654321",
            "consent": "on",
        },
    )
    code = response["Location"].split("/")[2]
    if months_ago:
        then = timezone.now() - datetime.timedelta(days=31 * months_ago)
        Report.objects.filter(code=code).update(created_at=then)
    return code


def test_counts_by_month_kind_province_and_pattern_and_nothing_personal(client):
    first = file(client, "Bình Phước", patterns=["khoa-sim"], content="Gọi từ số lạ lúc 2 giờ")
    file(client, "Đồng Nai", patterns=["khoa-sim", "chuyen-tien"])
    file(client, "Hà Nội", kind="V", months_ago=2)
    file(client, "Hà Nội", months_ago=14)  # older than a year: not counted
    cache.clear()

    response = client.get(STATS)
    assert response.status_code == 200
    context = response.context
    assert context["total"] == 3
    assert dict(context["kinds"])["V — cuộc gọi rác"] == 1
    assert context["months"][-1][1] == 2  # this month
    assert len(context["months"]) == 12
    assert [(name, n) for _slug, name, n in context["provinces"]] == [
        ("Đồng Nai", 2),
        ("Hà Nội", 1),
    ]
    assert context["patterns"][0] == ("Dọa khóa, thu hồi SIM", 2)
    html = response.content.decode()
    for private in (first, "0987654321", "0912345678", "Gọi từ số lạ"):
        assert private not in html


def test_english_readers_get_the_pattern_names_in_english(client):
    file(client, "Đồng Nai", patterns=["khoa-sim"])
    cache.clear()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(STATS).content.decode()
    assert "Threatening to block or revoke the SIM: 1" in html


def test_an_empty_portal_shows_zeros_not_an_error(client):
    response = client.get(STATS)
    assert response.status_code == 200
    assert response.context["total"] == 0


def test_figures_come_from_the_cache_between_visits(client, django_assert_max_num_queries):
    file(client, "Đồng Nai")
    cache.clear()
    client.get(STATS)
    with django_assert_max_num_queries(queries_added(hit=True)):  # the page itself is cached
        client.get(STATS)
