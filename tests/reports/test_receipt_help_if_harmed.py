"""Chị Lan already paid: her receipt opens with what to do in the next minutes, whatever
its state, with the hotline of the bank she paid into when a source gives one."""

import pytest

from reports.models import Bank, Report, ReportBankAccount

from .conftest import make_report

pytestmark = pytest.mark.django_db

HEADING = "Bạn đã chuyển tiền, đưa mã hoặc cài ứng dụng? Làm ngay:"


def receipt(client, report):
    response = client.get(f"/report/{report.code}/")
    assert response.status_code == 200
    return response.content.decode()


def help_comes_first(html):
    """The help is there, before the receipt code and the SMS steps."""
    assert HEADING in html
    return html.index(HEADING) < html.index("Mã biên nhận:")


@pytest.mark.parametrize("harm", [{"paid": True}, {"gave_code": True}, {"installed_app": True}])
def test_paying_giving_a_code_or_installing_an_app_opens_the_receipt_with_help(client, harm):
    report = make_report(**harm)
    html = receipt(client, report)
    assert help_comes_first(html)
    assert "Phản ánh về ANTT" in html and "VNeID" in html
    assert report.case_number in html[html.index(HEADING) : html.index("Mã biên nhận:")]
    assert "gỡ ứng dụng" in html and "bằng chứng" in html
    assert "lấy lại tiền nếu bạn trả phí" in html


def test_no_harm_no_help(client):
    assert HEADING not in receipt(client, make_report())


@pytest.mark.parametrize(
    ("status", "extra"),
    [
        (Report.Status.NEW, {}),
        (Report.Status.IN_REVIEW, {}),
        (Report.Status.FORWARDED, {"forward_target": "police"}),
        (Report.Status.RESOLVED, {}),
        (Report.Status.REJECTED, {"reject_reason": "not_scam"}),
    ],
)
def test_the_help_is_on_every_state_of_the_receipt(client, status, extra):
    report = make_report(paid=True, status=status, **extra)
    assert help_comes_first(receipt(client, report))


def test_a_merged_report_keeps_its_help(client):
    original = make_report(source="0912345670")
    report = make_report(paid=True, duplicate_of=original, status=Report.Status.REJECTED)
    html = receipt(client, report)
    assert help_comes_first(html) and "đã được gộp lại" in html


def test_the_hotline_of_the_bank_paid_into_when_a_source_gives_one(client):
    bank = Bank.objects.update_or_create(abbr="VCB", defaults={"hotline": "1900545413"})[0]
    report = make_report(paid=True)
    ReportBankAccount.objects.create(report=report, bank=bank, number="0011001234567")
    html = receipt(client, report)
    assert 'href="tel:1900545413"' in html and "Vietcombank" in html
    assert "mặt sau thẻ" in html  # and her own bank's


def test_without_a_known_hotline_the_number_on_the_back_of_the_card(client):
    bank = Bank.objects.create(abbr="ABC", short_name="Ngân hàng ABC", full_name="ABC", source="x")
    report = make_report(gave_code=True)
    ReportBankAccount.objects.create(report=report, bank=bank, number="123456789")
    ReportBankAccount.objects.create(report=report, bank_as_typed="không biết", number="987654321")
    html = receipt(client, report)
    assert "Gọi ngay tổng đài ngân hàng của bạn, số in ở mặt sau thẻ" in html
    assert 'href="tel:' not in html[html.index(HEADING) : html.index("Mã biên nhận:")]


def test_in_english_too(client):
    report = make_report(installed_app=True)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = receipt(client, report)
    assert "Paid, gave a code or installed an app? Do this now:" in html
    assert "the number on the back of your card" in html
    assert "Beware of anyone who offers to get the money back for a fee" in html
    assert HEADING not in html
