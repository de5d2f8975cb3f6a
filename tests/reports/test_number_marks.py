"""Inspectors conclude on a number: a confirmed scam in their province, or a verified official line.

Bảo inspects Đồng Nai, Toàn is a national inspector. Conclusions have
grounds, stay within the marker's scope, and are withdrawn, never deleted.
"""

import pytest

from advisories.models import Province
from reports import numbers
from reports.models import NumberMark
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS, SUPERVISORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

NUMBER = "/admin/reports/report/number/"
SCAM, OFFICIAL = NumberMark.Kind.SCAM, NumberMark.Kind.OFFICIAL


@pytest.fixture
def bao():
    return staff("bao", INSPECTORS, "dong-nai")


@pytest.fixture
def toan():
    return staff("toan", NATIONAL_INSPECTORS)


@pytest.fixture
def dong_nai():
    return Province.objects.get(slug="dong-nai")


def test_an_inspector_confirms_a_scam_for_his_province_only(bao, dong_nai):
    mark = numbers.mark("+84 912 345 678", SCAM, by=bao, province=dong_nai, reason="12 phản ánh")
    assert (mark.source, mark.province, mark.created_by) == ("0912345678", dong_nai, bao)
    with pytest.raises(numbers.MarkRefused, match="không cho Hà Nội"):
        numbers.mark(
            "0912345678", SCAM, by=bao, province=Province.objects.get(slug="ha-noi"), reason="x"
        )
    with pytest.raises(numbers.MarkRefused, match="Chỉ thanh tra toàn quốc"):
        numbers.mark("0912345678", SCAM, by=bao, province=None, reason="x")


def test_a_national_inspector_concludes_nationwide(toan):
    mark = numbers.mark("0912345678", SCAM, by=toan, province=None, reason="Nhiều tỉnh phản ánh")
    assert mark.scope_name == "toàn quốc"
    assert numbers.status("0912345678").confirmed_by == ["toàn quốc"]


def test_grounds_are_required_and_a_conclusion_is_not_made_twice(bao, dong_nai):
    with pytest.raises(numbers.MarkRefused, match="Hãy ghi căn cứ"):
        numbers.mark("0912345678", SCAM, by=bao, province=dong_nai, reason="  ")
    numbers.mark("0912345678", SCAM, by=bao, province=dong_nai, reason="ghi âm")
    with pytest.raises(numbers.MarkRefused, match="đã có kết luận này"):
        numbers.mark("0912345678", SCAM, by=bao, province=dong_nai, reason="lần nữa")


def test_a_line_a_letter_announced_is_never_confirmed_a_scam(bao, dong_nai, hotlines):
    with pytest.raises(numbers.MarkRefused, match="là số chính thức"):
        numbers.mark("0888596677", SCAM, by=bao, province=dong_nai, reason="Bị phản ánh")


def test_a_scam_mark_against_a_verified_line_waits_for_a_second_person(bao, dong_nai):
    official = numbers.mark(
        "0251123456", OFFICIAL, by=bao, province=dong_nai, reason="Công văn Sở", owner="Sở KH&CN"
    )
    numbers.decide(official, by=staff("hai", SUPERVISORS, "dong-nai"), approve=True)
    scam = numbers.mark("0251123456", SCAM, by=bao, province=dong_nai, reason="Ghi âm")
    assert scam.is_pending
    assert numbers.status("0251123456").is_official


def test_a_verified_official_line_names_its_owner(bao, dong_nai):
    with pytest.raises(numbers.MarkRefused, match="Hãy ghi cơ quan"):
        numbers.mark("0251123456", OFFICIAL, by=bao, province=dong_nai, reason="x")


def test_withdrawing_keeps_the_history(bao, dong_nai):
    mark = numbers.mark("0912345678", SCAM, by=bao, province=dong_nai, reason="nhầm")
    numbers.withdraw(mark, by=bao, reason="Số của ngân hàng, nhầm lẫn")
    mark.refresh_from_db()
    assert mark.is_active and mark.is_withdrawal_pending  # until another person approves
    hai = staff("hai", SUPERVISORS, "dong-nai")
    numbers.decide(mark, by=hai, approve=True)
    mark.refresh_from_db()
    assert (mark.is_active, mark.withdrawn_by, mark.withdrawal_requested_by) == (False, hai, bao)
    assert not numbers.status("0912345678").is_confirmed_scam
    with pytest.raises(numbers.MarkRefused, match="đã được rút lại"):
        numbers.withdraw(mark, by=bao, reason="lần nữa")
    again = numbers.mark("0912345678", SCAM, by=bao, province=dong_nai, reason="Lần này chắc")
    assert NumberMark.objects.filter(source="0912345678").count() == 2
    assert again.is_active


def test_the_number_page_marks_and_withdraws_in_vietnamese(client, bao, dong_nai):
    make_report(province="dong-nai", source="0912345678")
    client.force_login(bao)
    page = client.get(NUMBER, {"source": "0912 345 678"})
    assert page.status_code == 200
    assert "1 phản ánh trong phạm vi của bạn" in page.content.decode()
    response = client.post(
        f"{NUMBER}?source=0912345678",
        {
            "kind_submitted": "scam",
            "scam-kind": "scam",
            "scam-scope": dong_nai.pk,
            "scam-reason": "",
        },
    )
    assert response.status_code == 200  # the form again, with what is missing
    assert "This field is required" not in response.content.decode()
    response = client.post(
        f"{NUMBER}?source=0912345678",
        {
            "kind_submitted": "scam",
            "scam-kind": "scam",
            "scam-scope": dong_nai.pk,
            "scam-reason": "Ghi âm 3 cuộc gọi đòi chuyển tiền",
        },
        follow=True,
    )
    assert "Đã ghi kết luận về 0912345678." in response.content.decode()
    mark = NumberMark.objects.get()
    response = client.post(
        f"{NUMBER}?source=0912345678",
        {"withdraw": mark.pk, "withdrawal_reason": "Nhầm số"},
        follow=True,
    )
    assert "Đã đề nghị rút lại kết luận" in response.content.decode()
    assert "Nhầm số" in response.content.decode()  # the history keeps it


def test_an_inspector_of_another_province_cannot_withdraw_it(client, bao, dong_nai):
    mark = numbers.mark("0912345678", SCAM, by=bao, province=dong_nai, reason="ghi âm")
    client.force_login(staff("lan", INSPECTORS, "ha-noi"))
    client.post(f"{NUMBER}?source=0912345678", {"withdraw": mark.pk, "withdrawal_reason": "x"})
    mark.refresh_from_db()
    assert mark.is_active


def test_a_bad_number_goes_back_with_the_reason(client, bao):
    client.force_login(bao)
    response = client.get(NUMBER, {"source": "lừa đảo"}, follow=True)
    assert "Hãy nhập số điện thoại" in response.content.decode()


def test_a_national_inspector_confirms_a_scam_nationwide_from_the_numbers_page(client, toan):
    """The form's "Toàn quốc" choice had the value "", refused as a missing field."""
    make_report(province="dong-nai", source="0912345678")
    client.force_login(toan)
    page = client.get(NUMBER, {"source": "0912345678"}).content.decode()
    assert '<option value="national"' in page
    response = client.post(
        f"{NUMBER}?source=0912345678",
        {
            "kind_submitted": "scam",
            "scam-kind": "scam",
            "scam-scope": "national",
            "scam-reason": "Ghi âm 3 cuộc gọi đòi chuyển tiền",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Trường này là bắt buộc" not in html
    assert "Đã ghi kết luận về 0912345678." in html
    mark = NumberMark.objects.get()
    assert mark.province is None and mark.kind == "scam"
