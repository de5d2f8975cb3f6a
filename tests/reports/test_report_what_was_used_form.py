"""Chị Lan, without JavaScript, adds what the scammer used: the link, the accounts she paid
into, the Zalo account, and what she lost. Each optional; nothing typed is lost on an error."""

import datetime
import gzip
import re

import pytest

from reports.models import Bank, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def vietcombank(db):
    return Bank.objects.get(abbr="VCB")


def everything(**extra):
    return {
        "channel": "sms",
        "scam": "1",
        "source": "VCB-BANK",
        "content": "Tài khoản bị khóa, bấm link để mở",
        "links": "https://Vietcombank-VN.com/dang-nhap\n\n  vcb-login.net  ",
        "bank_1": "vcb",
        "account_1": "0011 0012 34567",
        "bank_2": "Ngân hàng Không Có",
        "account_2": "123.456.789",
        "platform_1": "zalo",
        "handle_1": "0987654321",
        "paid": "on",
        "gave_code": "on",
        "amount_lost": "5 triệu",
        "payment_method": "transfer",
        "lost_on": "2026-11-17",
        **extra,
    }


def details_tag(html):
    return re.search(r"<details class=\"what-was-used[^>]*>", html).group(0)


def test_the_form_asks_it_in_a_closed_details_that_needs_no_javascript(client, vietcombank):
    html = client.get("/report/").content.decode()
    assert " open" not in details_tag(html)
    assert "Họ có đưa đường link, tài khoản ngân hàng" in html
    for name in (
        "links",
        "bank_1",
        "account_3",
        "platform_2",
        "handle_3",
        "paid",
        "gave_code",
        "installed_app",
        "amount_lost",
        "payment_method",
        "lost_on",
    ):
        assert f'name="{name}"' in html
    assert (
        '<datalist id="bank-list">' in html and '<option value="Vietcombank">VCB</option>' in html
    )
    assert 'list="bank-list"' in html


def test_the_page_stays_under_30_kb_compressed(client, vietcombank):
    assert len(gzip.compress(client.get("/report/").content)) < 30 * 1024


def test_a_post_without_javascript_files_every_row(client, vietcombank):
    response = client.post("/report/", everything())
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.kind, report.channel, report.source) == ("LD", "sms", "VCB-BANK")
    assert [(link.url, link.domain) for link in report.links.order_by("pk")] == [
        ("https://Vietcombank-VN.com/dang-nhap", "vietcombank-vn.com"),
        ("vcb-login.net", "vcb-login.net"),
    ]
    accounts = list(report.bank_accounts.order_by("pk"))
    assert [(a.bank, a.bank_as_typed, a.number, a.key) for a in accounts] == [
        (vietcombank, "vcb", "0011001234567", "VCB:0011001234567"),
        (None, "Ngân hàng Không Có", "123456789", "?:123456789"),  # unknown bank: kept
    ]
    assert [(s.platform, s.handle, s.key) for s in report.social_accounts.all()] == [
        ("zalo", "0987654321", "zalo:0987654321")
    ]
    assert (report.paid, report.gave_code, report.installed_app) == (True, True, False)
    assert report.amount_lost == 5_000_000
    assert (report.payment_method, report.lost_on) == ("transfer", datetime.date(2026, 11, 17))
    assert report.harmed


@pytest.mark.parametrize(
    ("typed", "amount"), [("5.000.000", 5_000_000), ("5tr", 5_000_000), ("2,5 triệu", 2_500_000)]
)
def test_amounts_as_people_type_them(client, typed, amount):
    response = client.post("/report/", everything(bank_1="", account_1="", amount_lost=typed))
    assert response.status_code == 302
    assert Report.objects.get().amount_lost == amount


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("account_2", "12ab", "chỉ gồm chữ số"),
        ("account_1", "", "Hãy ghi số tài khoản"),
        ("links", "khongphailink", "Đường link 1"),
        ("links", "\n".join(f"a{n}.vn" for n in range(6)), "tối đa 5 đường link"),
        ("amount_lost", "nhiều lắm", "5 triệu"),
        ("amount_lost", "500 tỷ", "100 tỷ"),
        ("lost_on", "2026-11-19", "tương lai"),
        ("payment_method", "vang", "transfer"),
        ("handle_1", "", "Hãy ghi tên tài khoản"),
    ],
)
def test_an_error_keeps_everything_typed_and_opens_the_details(
    client, vietcombank, field, value, message
):
    response = client.post("/report/", everything(**{field: value}))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert " open" in details_tag(html)
    assert "https://Vietcombank-VN.com/dang-nhap" in html or field == "links"
    assert 'value="Ngân hàng Không Có"' in html
    assert 'value="123.456.789"' in html or field == "account_2"
    assert 'value="0987654321"' in html or field == "handle_1"
    assert 'value="5 triệu"' in html or field == "amount_lost"
    assert re.search(r'name="paid"[^>]*checked', html)
    assert not Report.objects.exists()


def test_a_value_given_opens_the_details_when_the_form_comes_back(client):
    response = client.post("/report/", {"channel": "sms", "scam": "1", "amount_lost": "1tr"})
    assert response.status_code == 400  # no content: the form comes back
    assert " open" in details_tag(response.content.decode())


def test_a_social_handle_without_a_platform_takes_the_channel_it_came_by(client):
    response = client.post(
        "/report/", everything(channel="telegram", source="", platform_1="", handle_1="@lua_dao")
    )
    assert response.status_code == 302
    assert Report.objects.get().social_accounts.get().key == "telegram:lua_dao"
