"""Chị Lan's receipt reads back what she said the scammer used: the link (as text,
never a link she could tap again), the account she paid into, the Zalo account and
the amount. It is what she reads out at the police station or to her bank."""

import pytest

from .conftest import make_report
from .used import used, vietcombank

pytestmark = pytest.mark.django_db


def fake_bank_report():
    report = make_report(source="VCB-BANK", paid=True, amount_lost=15_000_000)
    return used(
        report,
        links=["vietcombank-vn.com/xac-thuc?id=1"],
        accounts=[(vietcombank(), "0011001234567")],
        socials=[("zalo", "0987654321")],
    )


def test_the_receipt_lists_the_link_account_social_account_and_amount(client):
    report = fake_bank_report()
    html = client.get(f"/report/{report.code}/").content.decode()
    receipt = html[html.index("Mã biên nhận:") :]
    assert "vietcombank-vn.com/xac-thuc?id=1" in receipt
    assert "Vietcombank 0011001234567" in receipt
    assert "Zalo: <code" in receipt and "0987654321" in receipt
    assert "15.000.000 đồng" in receipt
    assert 'href="vietcombank-vn.com' not in html and 'href="http://vietcombank' not in html


def test_a_report_of_a_number_alone_lists_nothing_more(client):
    html = client.get(f"/report/{make_report().code}/").content.decode()
    assert "Tài khoản nhận tiền" not in html and "Đường link" not in html
    assert "Số tiền mất" not in html


def test_the_receipt_reads_them_in_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    report = fake_bank_report()
    used(report, links=["https://a.example.com/1", "https://b.example.com/2"])
    with django_assert_max_num_queries(9):
        assert client.get(f"/report/{report.code}/").status_code == 200
