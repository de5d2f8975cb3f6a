"""Issue 18 end to end: a fake VCB-BANK SMS, reported, looked up, and confirmed.

Chị Lan of Đồng Nai got an SMS from "VCB-BANK" with a link, and paid into
the account it named. She reports it on a 320 px phone; her receipt opens
with what to do now. Anyone looking up the account, or typing the sender in
lower case, finds her report. Inspector Bảo sees the account on the repeat
screen (another citizen named it last week) and confirms it as a scam; the
look-up then says so.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from advisories.models import Province
from reports.models import Bank, InspectorProvince, NumberMark, Report, ReportBankAccount
from reports.roles import INSPECTORS

from .conftest import axe_violations, log_in_as

pytestmark = pytest.mark.django_db(transaction=True)

ACCOUNT = "0011001234567"


def earlier_report_of_the_same_account():
    dong_nai = Province.objects.get(slug="dong-nai")
    report = Report.objects.create(
        kind="LD",
        channel="zalo",
        source="",
        content="Bảo chuyển tiền để nhận quà",
        occurred_at=timezone.now(),
        province=dong_nai,
        province_as_chosen=dong_nai,
    )
    ReportBankAccount.objects.create(
        report=report, bank=Bank.objects.get(abbr="VCB"), number=ACCOUNT
    )


def test_a_fake_bank_sms_is_reported_found_and_confirmed(narrow_phone, browser, live_server):
    earlier_report_of_the_same_account()
    page = narrow_phone
    page.goto("/report/")
    page.get_by_label("Tin nhắn SMS", exact=True).check()
    page.get_by_label("Lừa đảo: đòi tiền").check()
    page.get_by_label("Số điện thoại hoặc tên đã gọi").fill("VCB-BANK")
    page.get_by_label("Người gọi nói gì").fill("Tài khoản của quý khách bị khóa, bấm link")
    page.get_by_label("Tỉnh, thành phố nơi bạn ở").fill("Đồng Nai")
    page.get_by_text("Họ có đưa đường link, tài khoản ngân hàng").click()
    page.get_by_label("Đường link họ gửi").fill("https://vietcombank-vn.com/xac-thuc")
    page.get_by_label("Ngân hàng, ví điện tử (tài khoản 1)").fill("Ngân hàng Ngoại thương")
    page.get_by_label("Số tài khoản, số thẻ, số ví 1").fill("0011 0012 34567")
    page.get_by_label("Tôi đã chuyển tiền").check()
    page.get_by_label("Số tiền đã mất").fill("5.000.000")
    page.get_by_role("button", name="Gửi phản ánh").click()

    # The receipt opens with the help, before anything else.
    page.wait_for_url("**/report/*-*-*/")
    help_steps = page.get_by_role("heading", name="Bạn đã chuyển tiền")
    assert help_steps.is_visible()
    assert page.locator("main h2").first.text_content().startswith("Bạn đã chuyển tiền")
    assert "mặt sau thẻ" in page.content()  # the list gives Vietcombank no hotline
    assert "Phản ánh về ANTT" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []
    filed = Report.objects.get(source="VCB-BANK")
    assert (filed.kind, filed.channel, filed.paid, filed.amount_lost) == (
        "LD",
        "sms",
        True,
        5_000_000,
    )
    # The link is shown nowhere as a link to follow.
    assert page.locator("a[href*='vietcombank-vn']").count() == 0

    # The look-up of the account, and of the sender in lower case, finds it.
    page.goto(f"/lookup/?q={ACCOUNT}")
    assert page.locator("#lookup-q").get_attribute("inputmode") in (None, "text")
    result = page.locator(".lookup-result").text_content()
    assert "2" in result and "gọi lại" not in result
    page.goto("/lookup/?q=vcb-bank")
    result = page.locator(".lookup-result").text_content()
    assert "VCB-BANK" in result and "gọi lại" not in result
    assert "1" in page.locator(".lookup-result ul").first.text_content()

    # Inspector Bảo sees the account on the repeat screen and confirms it.
    bao = get_user_model().objects.create_user("bao", password="mat-khau-bao", is_staff=True)
    bao.groups.add(Group.objects.get(name=INSPECTORS))
    InspectorProvince.objects.create(user=bao, province=Province.objects.get(slug="dong-nai"))
    office = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 768})
    admin = office.new_page()
    log_in_as(admin, "bao", "mat-khau-bao")
    admin.goto("/admin/reports/report/repeat-numbers/?subject=bank_account")
    row = admin.locator("tr", has_text=ACCOUNT)
    assert row.count() == 1
    assert axe_violations(admin) == []
    row.get_by_role("link", name="Kết luận…").click()
    scam_form = admin.locator("form", has=admin.locator("input[value='Xác nhận lừa đảo']"))
    scam_form.get_by_label("Căn cứ").fill("Hai người dân chuyển tiền theo tin nhắn giả VCB-BANK")
    with admin.expect_navigation():
        scam_form.locator("input[type=submit]").click()
    mark = NumberMark.objects.get(subject="bank_account")
    assert (mark.source, mark.kind, mark.is_active) == (f"VCB:{ACCOUNT}", "scam", True)
    office.close()

    page.goto(f"/lookup/?q=Vietcombank {ACCOUNT}")
    assert page.locator(".lookup-scam").is_visible()
