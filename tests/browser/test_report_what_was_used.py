"""Chị Lan on a 320 px phone reports a fake Vietcombank SMS, the link and the account she
paid into; the receipt opens with what to do now. Both pages stay axe-clean."""

import re

import pytest
from playwright.sync_api import expect

from reports.models import Bank, Report

from .conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_fake_bank_sms_with_the_account_paid_into(narrow_phone):
    # The list (migration 0023) gives no hotline without a source: an administrator adds it.
    Bank.objects.filter(abbr="VCB").update(hotline="1900545413")
    page = narrow_phone
    page.goto("/report/")
    page.get_by_label("Tin nhắn SMS", exact=True).check()
    page.get_by_label("Lừa đảo: đòi tiền").check()
    page.get_by_label("Số điện thoại hoặc tên đã gọi").fill("VCB-BANK")
    page.get_by_label("Người gọi nói gì").fill("Tài khoản bị khóa, bấm link để mở")
    # The preview derives the keyword from the two answers, as the server does.
    expect(page.locator('[data-preview="sms"]')).to_have_text(re.compile(r"^LD VCB-BANK "))
    page.get_by_text("Họ có đưa đường link, tài khoản ngân hàng").click()  # opens the <details>
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_label("Đường link họ gửi").fill("vietcombank-vn.com/dang-nhap")
    page.get_by_label("Ngân hàng, ví điện tử (tài khoản 1)").fill("Vietcombank")
    page.get_by_label("Số tài khoản, số thẻ, số ví 1").fill("0011 0012 34567")
    page.get_by_label("Tôi đã chuyển tiền").check()
    page.get_by_label("Số tiền đã mất").fill("5 triệu")
    page.get_by_role("button", name="Gửi phản ánh").click()

    page.wait_for_url("**/report/*-*-*/")
    report = Report.objects.get()
    assert (report.kind, report.channel, report.source, report.amount_lost) == (
        "LD",
        "sms",
        "VCB-BANK",
        5_000_000,
    )
    assert report.bank_accounts.get().key == "VCB:0011001234567"
    assert page.get_by_role("heading", name="Bạn đã chuyển tiền").is_visible()
    assert page.get_by_role("link", name="1900545413").get_attribute("href") == "tel:1900545413"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []
