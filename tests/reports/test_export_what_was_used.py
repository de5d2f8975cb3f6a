"""The CSV file says what the scammer used and what the citizen lost (issue 18).

For the police and the banks: the channel, each link as typed, the bank
accounts (bank and number, those read from a QR code said so), the chat
accounts, and whether and how much was paid, how and when.
"""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports import export as csv_export
from reports.models import Report
from reports.roles import INSPECTORS

from .conftest import make_report, staff
from .exports import export_rows
from .test_export_csv import WHAT_WAS_USED
from .used import used, vietcombank

pytestmark = pytest.mark.django_db


@pytest.fixture
def export(client, django_capture_on_commit_callbacks):
    client.force_login(staff("bao", INSPECTORS, "dong-nai"))

    def rows(reports):
        return export_rows(client, django_capture_on_commit_callbacks, reports)

    return rows


def fake_bank_sms():
    report = make_report(
        province="dong-nai",
        source="VCB-BANK",
        channel="sms",
        paid=True,
        amount_lost=50_000_000,
        payment_method="transfer",
        lost_on=datetime.date(2026, 11, 30),
    )
    return used(
        report,
        links=["https://login.vcb-bank.com/xac-thuc", ("vcb-bank.com/?=1", "vcb-bank.com")],
        accounts=[(vietcombank(), "0011001234567"), (None, "0190312345678", "qr")],
        socials=[("telegram", "@vcb_hotro"), ("zalo", "0912345678")],
    )


def test_the_new_columns_follow_the_old_ones(export):
    header, _row = export([make_report(province="dong-nai")])
    assert header[13:23] == WHAT_WAS_USED  # then the desk's (issue 19)


def test_a_row_says_what_was_used_and_lost(export):
    _header, row = export([fake_bank_sms()])
    assert dict(zip(WHAT_WAS_USED, row[13:23], strict=True)) == {
        "Cách liên lạc": "Tin nhắn SMS",
        "Đường link": "https://login.vcb-bank.com/xac-thuc; vcb-bank.com/?=1",
        # Numbers inside the bank's words: Excel keeps them as text, leading zeros and all.
        "Tài khoản nhận tiền": (
            "Vietcombank 0011001234567; ngân hàng không rõ 0190312345678 (đọc từ mã QR trong ảnh)"
        ),
        "Tài khoản mạng xã hội": "Telegram: @vcb_hotro; Zalo: 0912345678",
        "Đã chuyển tiền": "có",
        "Đã đọc mã OTP, mật khẩu": "không",
        "Đã cài ứng dụng theo hướng dẫn": "không",
        "Số tiền mất (đồng)": "50000000",
        "Chuyển bằng": "Chuyển khoản",
        "Ngày mất tiền": "30/11/2026",
    }


def test_a_link_that_is_a_formula_is_neutralised(export):
    report = used(make_report(province="dong-nai"), links=[("=cmd|' /C calc'!A0", "calc.vn")])
    _header, row = export([report])
    assert row[14] == "'=cmd|' /C calc'!A0"


def test_an_old_report_has_empty_cells_not_guesses(export):
    _header, row = export([make_report(province="dong-nai")])
    assert row[13:23] == ["", "", "", "", "không", "không", "không", "", "", ""]


def test_the_file_reads_what_was_used_in_a_few_queries_whatever_the_rows():
    fake_bank_sms()
    with CaptureQueriesContext(connection) as few:
        csv_export.write(Report.objects.all(), io.StringIO())
    for _ in range(20):
        fake_bank_sms()
    with CaptureQueriesContext(connection) as many:
        written = csv_export.write(Report.objects.all(), io.StringIO())
    assert written == 21
    assert len(many.captured_queries) == len(few.captured_queries)
