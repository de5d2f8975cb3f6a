"""The printed case sheet says what the scammer used, and never an internal note.

Inspector Bảo (Đồng Nai) prints the case of a fake Vietcombank SMS for the police:
the account the citizen paid into, the link (as text), the Zalo account and the
money lost are what the police act on.
"""

import datetime

import pytest

from reports.models import ReportNote
from reports.roles import INSPECTORS

from .conftest import make_report, staff
from .used import used, vietcombank

pytestmark = pytest.mark.django_db


def fake_bank_case():
    report = make_report(province="dong-nai", source="VCB-BANK", kind="LD")
    report.channel = "sms"
    report.paid = True
    report.amount_lost = 15_000_000
    report.payment_method = "transfer"
    report.lost_on = datetime.date(2026, 11, 30)
    report.save()
    return used(
        report,
        links=["https://vietcombank-vn.com/xac-thuc"],
        accounts=[(vietcombank(), "0011001234567"), (vietcombank(), "0071000999888", "qr")],
        socials=[("zalo", "0987654321")],
    )


def test_the_sheet_lists_the_accounts_links_and_money_lost(client):
    report = fake_bank_case()
    client.force_login(staff("bao", INSPECTORS, "dong-nai"))
    for address in ("print", "sheet"):
        html = client.get(f"/admin/reports/report/{report.pk}/{address}/").content.decode()
        assert "Kẻ gian đã dùng" in html
        assert "0011001234567" in html and "Vietcombank" in html
        assert "0071000999888" in html and ">QR<" in html  # read from a screenshot
        assert "vietcombank-vn.com/xac-thuc" in html
        assert 'href="https://vietcombank-vn.com' not in html  # text, never a link
        assert "0987654321" in html
        assert "15.000.000" in html
        assert "30/11/2026" in html


def test_the_sheet_never_prints_an_internal_note(client):
    report = fake_bank_case()
    bao = staff("bao", INSPECTORS, "dong-nai")
    ReportNote.objects.create(report=report, author=bao, text="Nghi là người quen của nạn nhân")
    client.force_login(bao)
    html = client.get(f"/admin/reports/report/{report.pk}/print/").content.decode()
    assert "Nghi là người quen" not in html
    assert report.code not in html


def test_the_print_address_is_scoped_like_the_report(client):
    report = fake_bank_case()
    client.force_login(staff("ha", INSPECTORS, "ha-noi"))
    assert client.get(f"/admin/reports/report/{report.pk}/print/").status_code == 404


def test_the_sheet_reads_what_was_used_in_a_few_queries(client, django_assert_max_num_queries):
    report = fake_bank_case()
    client.force_login(staff("bao", INSPECTORS, "dong-nai"))
    client.get(f"/admin/reports/report/{report.pk}/print/")  # sessions, permissions warmed
    with django_assert_max_num_queries(16):
        assert client.get(f"/admin/reports/report/{report.pk}/print/").status_code == 200
