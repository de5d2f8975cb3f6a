"""Chị Lan answers two plain questions, how they came and whether it was a scam: the S, V
or LD of the SMS to 156/5656 follows. Old clients that send `kind` keep working."""

import re

import pytest

from reports.channels import ChannelError, channel_for, resolve_kind
from reports.models import Report

pytestmark = pytest.mark.django_db

CONTENT = "Tự xưng nhân viên ngân hàng, bảo bấm link để mở khóa tài khoản"


def post(client, **fields):
    return client.post("/report/", {"content": CONTENT, **fields})


@pytest.mark.parametrize(
    ("channel", "scam", "kind"),
    [
        ("call", True, "LD"),
        ("sms", True, "LD"),
        ("zalo", True, "LD"),
        ("email", True, "LD"),
        ("call", False, "V"),
        ("sms", False, "S"),
    ],
)
def test_the_keyword_follows_from_the_channel_and_whether_it_was_a_scam(channel, scam, kind):
    assert resolve_kind(channel, scam, "") == kind


def test_the_form_asks_how_they_came_first_in_plain_words(client):
    html = client.get("/report/").content.decode()
    assert html.index("Họ liên lạc với bạn bằng cách nào?") < html.index('name="kind"')
    assert "Đây là lừa đảo hay quảng cáo, làm phiền?" in html
    for label in ("Gọi điện thoại", "Tin nhắn SMS", "Zalo", "Trang web", "Email"):
        assert label in html


def test_a_fake_bank_sms_from_a_sender_name_is_filed_as_a_scam(client):
    response = post(client, channel="sms", scam="1", source="vcb-bank")
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.kind, report.channel, report.source) == ("LD", "sms", "VCB-BANK")
    assert report.composition().sms.startswith("LD VCB-BANK ")


def test_spam_by_call_and_by_sms_get_v_and_s(client):
    assert post(client, channel="call", scam="0", source="0912345678").status_code == 302
    assert post(client, channel="sms", scam="0", source="0912345679").status_code == 302
    assert sorted(Report.objects.values_list("kind", "channel")) == [("S", "sms"), ("V", "call")]


@pytest.mark.parametrize(
    ("kind", "source", "channel"),
    [
        ("V", "0912345678", "call"),
        ("S", "0912345678", "sms"),
        ("LD", "0912345678", "call"),
        ("LD", "VCB-BANK", "sms"),
    ],
)
def test_an_old_client_sending_kind_alone_gets_the_channel_it_implies(
    client, kind, source, channel
):
    response = client.post("/api/v1/reports", {"kind": kind, "source": source, "content": CONTENT})
    assert response.status_code == 201
    assert response.json()["channel"] == channel
    assert Report.objects.get().channel == channel
    assert channel_for("", kind, Report.objects.get().source) == channel


def test_a_kind_at_odds_with_the_channel_is_a_clear_400(client):
    response = client.post(
        "/api/v1/reports",
        {"kind": "V", "channel": "sms", "source": "0912345678", "content": CONTENT},
    )
    assert response.status_code == 400
    message = response.json()["errors"]["kind"][0]
    assert "V" in message and "không khớp" in message and "Tin nhắn SMS" in message
    assert not Report.objects.exists()


def test_a_kind_at_odds_with_the_scam_answer_is_refused():
    with pytest.raises(ChannelError) as error:
        resolve_kind("call", False, "LD")
    assert "LD là lừa đảo" in error.value.errors["kind"][0]


def test_spam_by_a_zalo_message_says_where_it_goes_and_keeps_what_was_typed(client):
    response = post(client, channel="zalo", scam="0", source="0912345678")
    assert response.status_code == 400
    html = response.content.decode()
    assert "chỉ nhận cuộc gọi và tin nhắn SMS rác" in html
    assert "Báo xấu" in html
    assert 'value="0912345678"' in html and CONTENT in html
    assert re.search(r'value="zalo"\s+id="id_channel_\d+" checked', html)
    assert not Report.objects.exists()


def test_email_spam_points_to_the_mailbox_report_button(client):
    response = post(client, channel="email", scam="0")
    assert "Báo cáo thư rác" in response.content.decode()


def test_neither_a_channel_nor_a_kind_asks_the_first_question(client):
    response = client.post("/api/v1/reports", {"source": "0912345678", "content": CONTENT})
    assert response.status_code == 400
    assert "bằng cách nào" in response.json()["errors"]["channel"][0]


def test_a_channel_without_the_scam_answer_asks_for_it(client):
    response = client.post(
        "/api/v1/reports", {"channel": "call", "source": "0912345678", "content": CONTENT}
    )
    assert response.status_code == 400
    assert "lừa đảo, hay quảng cáo" in response.json()["errors"]["scam"][0]


def test_a_scam_by_zalo_with_only_a_social_account_has_no_sms_and_says_where_to_go(client):
    response = post(client, channel="zalo", scam="1", platform_1="zalo", handle_1="0987654321")
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.kind, report.channel, report.source) == ("LD", "zalo", "")
    assert report.composition() is None
    html = client.get(response["Location"]).content.decode()
    assert "sms:156?body" not in html
    assert "Kiến nghị, phản ánh về ANTT" in html and "canhbao.khonggianmang.vn" in html


def test_a_scam_by_a_website_with_a_number_still_gets_its_ld_line(client):
    response = post(
        client, channel="website", scam="1", source="0912345678", links="vietcombank-vn.com/x"
    )
    assert response.status_code == 302
    assert Report.objects.get().composition().sms.startswith("LD 0912345678 ")


def test_a_scam_by_a_website_with_nothing_at_all_asks_for_something(client):
    response = post(client, channel="website", scam="1")
    assert response.status_code == 400
    assert "đường link, tài khoản" in response.content.decode()
