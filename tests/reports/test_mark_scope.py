"""A provincial mark counts within its province; a national one everywhere.

Bảo inspects Đồng Nai, Toàn is a national inspector, Hai is Đồng Nai's
supervisor. Citizens elsewhere see the national verdict; ?province= shows
a province's own where it has one, and the answer says whose it is.
"""

import pytest

from advisories.models import Province
from reports import numbers
from reports.models import NumberMark
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS, SUPERVISORS

from .conftest import staff

pytestmark = pytest.mark.django_db

SCAM, OFFICIAL = NumberMark.Kind.SCAM, NumberMark.Kind.OFFICIAL


@pytest.fixture
def dong_nai():
    return Province.objects.get(slug="dong-nai")


@pytest.fixture
def bao():
    return staff("bao", INSPECTORS, "dong-nai")


@pytest.fixture
def hai():
    return staff("hai", SUPERVISORS, "dong-nai")


def api(client, **params):
    return client.get("/api/v1/lookup", {"number": "0912345678", **params}).json()


def test_a_province_s_scam_confirmation_warns_everyone_and_says_whose(client, bao, dong_nai):
    numbers.mark("0912345678", SCAM, by=bao, province=dong_nai, reason="ghi âm")
    answer = api(client)
    assert answer["verdict"] == "confirmed_scam"
    assert answer["verdict_scope"] == {
        "scope": "provinces",
        "name": "Đồng Nai",
        "organizations": ["Thanh tra Đồng Nai"],
    }
    page = client.get("/lookup/", {"number": "0912345678"}).content.decode()
    assert "Kết luận của thanh tra Đồng Nai, cho tỉnh, thành phố của họ" in page


def test_a_national_official_line_outweighs_a_province_s_scam_elsewhere(client, bao, hai, dong_nai):
    numbers.mark("0912345678", SCAM, by=bao, province=dong_nai, reason="ghi âm")
    toan = staff("toan", NATIONAL_INSPECTORS)
    official = numbers.mark(
        "0912345678", OFFICIAL, by=toan, province=None, reason="Công văn", owner="Bộ Công an"
    )
    assert official.is_pending  # an official line always waits
    numbers.decide(official, by=staff("thu", NATIONAL_INSPECTORS), approve=True)
    assert api(client)["verdict"] == "official"
    assert api(client, province="ha-noi")["verdict_scope"]["scope"] == "national"
    own = api(client, province="dong-nai")
    assert (own["verdict"], own["verdict_scope"]["scope"]) == ("confirmed_scam", "dong-nai")
    assert [m.pk for m, _national in numbers.conflicts(hai)] == [
        NumberMark.objects.get(kind=SCAM).pk
    ]


def test_a_former_unit_s_slug_shows_its_successor_s_verdict(client, bao, hai, dong_nai):
    mark = numbers.mark(
        "0912345678", OFFICIAL, by=bao, province=dong_nai, reason="Số trực ban", owner="Sở X"
    )
    numbers.decide(mark, by=hai, approve=True)
    answer = api(client, province="binh-phuoc")  # merged into Đồng Nai in 2025
    assert (answer["verdict"], answer["province"]) == ("official", "dong-nai")


def test_an_unknown_province_is_a_400_in_vietnamese(client):
    response = client.get("/api/v1/lookup", {"number": "0912345678", "province": "atlantis"})
    assert response.status_code == 400
    assert "Không có tỉnh, thành phố mã “atlantis”" in response.json()["errors"]["province"][0]


def test_approving_a_mark_replaces_the_one_it_overturns_in_its_scope(bao, hai, dong_nai):
    scam = numbers.mark("0912345678", SCAM, by=bao, province=dong_nai, reason="ghi âm")
    official = numbers.mark(
        "0912345678", OFFICIAL, by=bao, province=dong_nai, reason="Nhầm", owner="Sở X"
    )
    numbers.decide(official, by=hai, approve=True)
    scam.refresh_from_db()
    assert not scam.is_active and scam.withdrawn_by == hai
    assert f"#{official.pk}" in scam.withdrawal_reason


def test_a_province_scam_over_its_own_official_line_waits(bao, hai, dong_nai):
    official = numbers.mark(
        "0912345678", OFFICIAL, by=bao, province=dong_nai, reason="Số trực ban", owner="Sở X"
    )
    numbers.decide(official, by=hai, approve=True)
    scam = numbers.mark("0912345678", SCAM, by=bao, province=dong_nai, reason="ghi âm")
    assert scam.is_pending
    # Nationally nothing is shown yet, but a province trusts the line: a second person decides.
    national = numbers.mark(
        "0912345678", SCAM, by=staff("toan", NATIONAL_INSPECTORS), province=None, reason="x"
    )
    assert national.is_pending
    elsewhere = numbers.mark(
        "0912345678",
        SCAM,
        by=staff("lan", INSPECTORS, "ha-noi"),
        province=Province.objects.get(slug="ha-noi"),
        reason="y",
    )
    assert elsewhere.is_pending


def test_a_pending_proposal_is_withdrawn_at_once_by_its_maker(bao, dong_nai):
    mark = numbers.mark("0912345678", OFFICIAL, by=bao, province=dong_nai, reason="x", owner="Y")
    numbers.withdraw(mark, by=bao, reason="Nhầm số")
    mark.refresh_from_db()
    assert mark.withdrawn_at is not None and not mark.is_pending
