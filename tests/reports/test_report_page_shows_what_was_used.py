"""Bảo reads, on a report's page and in the list, what the scammer used and what was lost.

Links are shown as text and never as a link: not an `<a>`, whatever the
citizen typed (a `javascript:` address, markup), so that no inspector opens
a phishing page from the admin.
"""

import datetime
from html.parser import HTMLParser

import pytest

from reports.roles import INSPECTORS

from .conftest import make_report, staff
from .used import used, vietcombank

pytestmark = pytest.mark.django_db

LIST = "/admin/reports/report/"
PHISHING = "https://login.vcb-bank.com/xac-thuc?next=<b>x</b>"


class Anchors(HTMLParser):
    """Every `<a href>` of a page, and the text inside each."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.texts, self._inside = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")
            self._inside += 1
            self.texts.append("")

    def handle_endtag(self, tag):
        if tag == "a" and self._inside:
            self._inside -= 1

    def handle_data(self, data):
        if self._inside:
            self.texts[-1] += data


def anchors(html):
    parser = Anchors()
    parser.feed(html)
    return parser


@pytest.fixture
def bao(client):
    user = staff("bao", INSPECTORS, "dong-nai")
    client.force_login(user)
    return user


@pytest.fixture
def report(bao):
    made = make_report(
        province="dong-nai",
        kind="LD",
        source="VCB-BANK",
        channel="sms",
        paid=True,
        gave_code=True,
        amount_lost=50_000_000,
        payment_method="transfer",
        lost_on=datetime.date(2026, 11, 30),
    )
    return used(
        made,
        links=[PHISHING, ("javascript:alert(1)//vcb-bank.com", "vcb-bank.com")],
        accounts=[(vietcombank(), "0011001234567"), (None, "19031234567890", "qr")],
        socials=[("telegram", "https://t.me/vcb_hotro")],
    )


def test_the_report_page_says_what_was_used_and_lost(client, report):
    html = client.get(f"{LIST}{report.pk}/change/").content.decode()
    assert "Tin nhắn SMS" in html
    assert "https://login.vcb-bank.com/xac-thuc?next=&lt;b&gt;x&lt;/b&gt;" in html  # escaped
    assert "<b>x</b>" not in html
    assert "tên miền vcb-bank.com" in html
    assert "Vietcombank 0011001234567" in html
    assert "ngân hàng không rõ 19031234567890 (đọc từ mã QR trong ảnh)" in html
    assert "Telegram: <code" in html and "https://t.me/vcb_hotro</code>" in html
    assert "đã chuyển tiền, đã đọc mã OTP, mật khẩu" in html
    assert "50.000.000 đồng" in html
    assert "Chuyển khoản" in html and "30/11/2026" in html


def test_links_and_handles_are_never_a_link_on_the_page(client, report):
    found = anchors(client.get(f"{LIST}{report.pk}/change/").content.decode())
    for href, text in zip(found.hrefs, found.texts, strict=True):
        assert "vcb-bank" not in href and "javascript" not in href and "t.me" not in href
        assert "vcb-bank" not in text and "t.me" not in text


def test_an_old_report_without_any_says_so_quietly(client, bao):
    old = make_report(province="dong-nai")
    html = client.get(f"{LIST}{old.pk}/change/").content.decode()
    assert "không ghi đã mất tiền, mã hay cài ứng dụng" in html


def test_the_list_has_a_compact_column_and_no_link_in_it(client, report):
    response = client.get(LIST)
    html = response.content.decode()
    assert "Đã dùng" in html
    assert "đã mất tiền, 2 TK, 2 link, 1 MXH" in html
    # Its tooltip lists them as text (escaped in the attribute).
    assert "link: https://login.vcb-bank.com/xac-thuc?next=&lt;b&gt;x&lt;/b&gt;" in html
    found = anchors(html)
    assert not any("vcb-bank" in href or "javascript" in href for href in found.hrefs)


def test_the_list_stays_within_its_queries_with_what_was_used(
    client, report, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30) as few:
        client.get(LIST)
    bank = vietcombank()
    for n in range(30):
        used(
            make_report(province="dong-nai", source=""),
            links=[f"https://scam{n}.vn/a", f"scam{n}.vn/b"],
            accounts=[(bank, f"0011001234{n:03d}")],
            socials=[("zalo", f"09123450{n:02d}")],
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST)


def test_the_list_filters_by_what_was_used(client, report):
    make_report(province="dong-nai", source="0912345678")  # nothing used, nothing lost
    assert client.get(LIST).context["cl"].result_count == 2
    for value in ("bank_account", "link", "social", "harmed"):
        listing = client.get(LIST, {"used": value})
        assert listing.context["cl"].result_count == 1, value  # two links: still one report
    assert client.get(LIST, {"used": "x"}).status_code == 400
