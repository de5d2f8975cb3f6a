"""Chị Lan looks a number up: an official line, a confirmed scam, or only what citizens reported.

Only a number inspectors confirmed is ever called a scam; the page and the
API say the same, and never show what anyone reported or who.
"""

import pytest

from advisories.models import Province
from reports import numbers
from reports.models import NumberMark
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS, SUPERVISORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db


def both(client, number, **params):
    page = client.get("/lookup/", {"number": number, **params}).content.decode()
    api = client.get("/api/v1/lookup", {"number": number, **params}).json()
    return page, api


@pytest.fixture
def bao():
    return staff("bao", INSPECTORS, "dong-nai")


def test_a_hotline_is_an_official_line_without_any_mark(client, hotlines):
    page, api = both(client, "0888 596 677")
    assert "Đây là số chính thức" in page and "đã xác nhận đây là số lừa đảo" not in page
    assert api["verdict"] == "official" and api["confirmed_scam"] is None


def test_a_verified_line_says_whose_it_is_within_its_province(client, bao):
    mark = numbers.mark(
        "0251 3822 111",
        NumberMark.Kind.OFFICIAL,
        by=bao,
        province=Province.objects.get(slug="dong-nai"),
        reason="Số trực ban",
        owner="Thanh tra Sở Khoa học và Công nghệ Đồng Nai",
    )
    make_report(province="dong-nai", source="02513822111")
    numbers.decide(mark, by=staff("hai", SUPERVISORS, "dong-nai"), approve=True)
    page, api = both(client, "02513822111", province="dong-nai")
    assert (
        "Số chính thức đã được thanh tra xác minh của Thanh tra Sở Khoa học và Công nghệ Đồng Nai."
        in page
    )
    assert "Kết luận riêng của Đồng Nai" in page
    assert api["verdict"] == "official"
    assert api["verified_official"] == [{"owner": "Thanh tra Sở Khoa học và Công nghệ Đồng Nai"}]
    assert api["verdict_scope"] == {
        "scope": "dong-nai",
        "name": "Đồng Nai",
        "organizations": ["Thanh tra Sở Khoa học và Công nghệ Đồng Nai"],
    }
    # Elsewhere a province's official line is not vouched for.
    page, api = both(client, "02513822111")
    assert "Đây là số chính thức" not in page
    assert api["verdict"] == "reported" and api["verdict_scope"] is None


def test_a_confirmed_number_says_scam_and_by_whose_inspectors(client, bao):
    for _ in range(3):
        make_report(province="dong-nai", source="0912345678", content="Bí mật của chị Lan")
    toan = staff("toan", NATIONAL_INSPECTORS)
    numbers.mark(
        "0912345678",
        NumberMark.Kind.SCAM,
        by=bao,
        province=Province.objects.get(slug="dong-nai"),
        reason="3 ghi âm",
    )
    numbers.mark("0912345678", NumberMark.Kind.SCAM, by=toan, province=None, reason="nhiều tỉnh")
    page, api = both(client, "0912345678")
    assert (
        "Số này bị phản ánh 3 lần; thanh tra Đồng Nai, toàn quốc đã xác nhận đây là số lừa đảo."
        in page
    )
    assert api["verdict"] == "confirmed_scam"
    assert api["confirmed_scam"]["by"] == ["Đồng Nai", "national"]
    assert api["verdict_scope"]["scope"] == "national"
    assert "Bí mật" not in page and "Bí mật" not in str(api) and "bao" not in str(api)


def test_only_reported_is_never_called_a_scam(client):
    make_report(source="0987654321")
    page, api = both(client, "0987654321")
    assert "đã xác nhận đây là số lừa đảo" not in page
    assert "chưa được cán bộ xác minh" in page
    assert api["verdict"] == "reported" and api["confirmed_scam"] is None


def test_a_withdrawn_confirmation_says_nothing_any_more(client, bao):
    mark = numbers.mark(
        "0912345678",
        NumberMark.Kind.SCAM,
        by=bao,
        province=Province.objects.get(slug="dong-nai"),
        reason="nhầm",
    )
    numbers.withdraw(mark, by=bao, reason="Nhầm")
    numbers.decide(mark, by=staff("hai", SUPERVISORS, "dong-nai"), approve=True)
    page, api = both(client, "0912345678")
    assert "đã xác nhận đây là số lừa đảo" not in page
    assert api["verdict"] == "unknown"


def test_an_unknown_number_is_not_called_safe(client):
    page, api = both(client, "0977000111")
    assert "không có nghĩa là số an toàn" in page
    assert api["verdict"] == "unknown"
