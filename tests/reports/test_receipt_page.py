"""Chị Lan's receipt: the SMS to send, where to call, what happens next; nothing personal."""

import re
from urllib.parse import unquote

import pytest

from reports.codes import new_code
from reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def lan_report(client, hotlines, report_data):
    response = client.post(
        "/report/",
        {
            **report_data,
            "province": "Bình Phước",
            "patterns": ["khoa-sim"],
            "contact": "lan.nguyen@example.com",
            "consent": "on",
        },
    )
    return Report.objects.get(code=response["Location"].split("/")[2])


def test_the_receipt_has_the_sms_with_and_without_diacritics_and_one_tap_links(client, lan_report):
    html = client.get(f"/report/{lan_report.code}/").content.decode()
    assert lan_report.code in html
    sms = "LD 0912345678 Tự xưng cán bộ Sở TTTT, dọa khóa SIM nếu không chuyển tiền"
    assert sms in html
    assert "LD 0912345678 Tu xung can bo So TTTT, doa khoa SIM neu khong chuyen tien" in html
    links = re.findall(r'href="(sms:(156|5656)\?body=[^"]+)"', html)
    assert {number for _href, number in links} == {"156", "5656"}
    assert unquote(links[0][0].split("body=")[1]) == sms
    assert "UCS-2" in html and "GSM-7" in html


def test_the_receipt_lists_the_hotlines_of_the_province_with_their_letter(client, lan_report):
    html = client.get(f"/report/{lan_report.code}/").content.decode()
    assert 'href="tel:0888596677"' in html
    assert "Sở Thông tin và Truyền thông tỉnh Bình Phước, tháng 9/2024" in html
    assert 'href="tel:156"' in html
    assert "0692348560" not in html  # Ninh Thuận's line is not Đồng Nai's


def test_the_receipt_shows_the_status_and_what_happens_next(client, lan_report):
    html = client.get(f"/report/{lan_report.code}/").content.decode()
    assert "Mới tiếp nhận" in html
    assert "Điều gì xảy ra tiếp theo" in html
    Report.objects.filter(pk=lan_report.pk).update(status=Report.Status.FORWARDED)
    assert (
        "Đã chuyển cơ quan chức năng" in client.get(f"/report/{lan_report.code}/").content.decode()
    )


def test_the_receipt_shows_no_personal_data(client, lan_report):
    response = client.get(f"/report/{lan_report.code}/")
    html = response.content.decode()
    assert "lan.nguyen" not in html and "example.com" not in html
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_the_receipt_shows_the_letters_of_the_province_or_of_the_same_scam(
    client, lan_report, make_advisory
):
    own = make_advisory(issuer="stttt-binh-phuoc", summary="cảnh báo mạo danh Thanh tra Sở")
    same_scam = make_advisory(
        issuer="stttt-dak-lak", patterns=["khoa-sim"], summary="cảnh báo dọa khóa SIM"
    )
    other = make_advisory(issuer="stttt-ninh-binh", summary="cảnh báo chuyện khác")
    draft = make_advisory(issuer="stttt-binh-phuoc", published=False, summary="bản nháp chưa đăng")
    html = client.get(f"/report/{lan_report.code}/").content.decode()
    assert own.summary in html and same_scam.summary in html
    assert other.summary not in html and draft.summary not in html


def test_a_receipt_cannot_be_reached_without_its_code(client, lan_report):
    assert client.get(f"/report/{new_code()}/").status_code == 404
    assert client.get("/report/1/").status_code == 404
    assert client.get(f"/report/{lan_report.pk}/").status_code == 404
    last = "X" if lan_report.code[-1] != "X" else "Y"
    assert client.get(f"/report/{lan_report.code[:-1]}{last}/").status_code == 404
    assert client.get(f"/report/find?code={new_code()}").status_code == 404


def test_the_code_typed_back_in_lower_case_without_dashes_finds_the_receipt(client, lan_report):
    typed = lan_report.code.replace("-", "").lower()
    response = client.get(f"/report/{typed}/")
    assert response.status_code == 302 and response["Location"] == f"/report/{lan_report.code}/"
    response = client.get("/report/find", {"code": typed})
    assert response["Location"] == f"/report/{lan_report.code}/"


def test_the_receipt_runs_a_bounded_number_of_queries(
    client, lan_report, make_advisory, django_assert_max_num_queries
):
    for _ in range(4):
        make_advisory(issuer="stttt-binh-phuoc", patterns=["khoa-sim"])
    # 6, and one each for the links, accounts and social accounts read back.
    with django_assert_max_num_queries(9):
        assert client.get(f"/report/{lan_report.code}/").status_code == 200


def test_a_letter_set_back_to_draft_is_not_linked_from_the_receipt(
    client, lan_report, make_advisory
):
    from reports.hotlines import load_hotlines

    letter = make_advisory(issuer="stttt-binh-phuoc", summary="cảnh báo mạo danh Thanh tra Sở")
    load_hotlines()
    html = client.get(f"/report/{lan_report.code}/").content.decode()
    assert f'href="/advisories/{letter.slug}/"' in html

    letter.status = letter.Status.DRAFT
    letter.save()
    html = client.get(f"/report/{lan_report.code}/").content.decode()
    assert letter.slug not in html and letter.summary not in html
    assert 'href="tel:0888596677"' in html  # the line stays, with who announced it
    assert "Sở Thông tin và Truyền thông tỉnh Bình Phước, tháng 9/2024" in html
