"""Chị Lan on a 320 px Android: the live SMS preview, then the receipt with its sms: links."""

from urllib.parse import unquote

import pytest

from reports.models import Report

from .conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_preview_follows_the_typing_and_the_report_ends_on_its_receipt(narrow_phone):
    page = narrow_phone
    page.goto("/report/")
    assert axe_violations(page) == []
    page.get_by_label("LD — lừa đảo").check()
    page.get_by_label("Số điện thoại hoặc tên đã gọi").fill("+84 912 345 678")
    page.get_by_label("Người gọi nói gì").fill("Mạo danh công an,\nyêu cầu  chuyển tiền")
    preview = page.locator('[data-preview="sms"]')
    preview.wait_for(state="visible")
    page.wait_for_function(
        "document.querySelector('[data-preview=\"sms\"]').textContent.includes('tiền')"
    )
    assert preview.text_content() == "LD 0912345678 Mạo danh công an, yêu cầu chuyển tiền"
    assert "UCS-2" in page.locator('[data-preview="parts"]').text_content()
    page.get_by_label("Tỉnh, thành phố nơi bạn ở").fill("Bình Phước")
    page.get_by_role("button", name="Gửi phản ánh").click()

    page.wait_for_url("**/report/*-*-*/")
    assert Report.objects.get().province.slug == "dong-nai"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    bodies = {
        unquote(link.get_attribute("href"))
        for link in page.locator("a[href^='sms:']").all()
        if "?body=" in link.get_attribute("href")
    }
    assert "sms:156?body=LD 0912345678 Mạo danh công an, yêu cầu chuyển tiền" in bodies
    assert "sms:5656?body=LD 0912345678 Mao danh cong an, yeu cau chuyen tien" in bodies
    assert page.get_by_role("link", name="Nhắn 156", exact=True).is_visible()
    # Bình Phước's inspectorate line, announced in its 2024 letter, now serves Đồng Nai.
    assert page.get_by_role("link", name="0888596677").get_attribute("href") == "tel:0888596677"
    assert axe_violations(page) == []


def test_without_javascript_an_error_gives_everything_back(browser, live_server):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/report/")
    page.get_by_label("V — cuộc gọi rác").check()
    page.get_by_label("Số điện thoại hoặc tên đã gọi").fill("VCB-BANK")
    page.get_by_label("Người gọi nói gì").fill("Tài khoản bị khóa")
    page.get_by_role("button", name="Gửi phản ánh").click()
    # A sender name only comes with an SMS: the message says so, nothing typed is lost.
    assert "chọn loại S" in page.content()
    assert page.get_by_label("Người gọi nói gì").input_value() == "Tài khoản bị khóa"
    assert page.get_by_label("Số điện thoại hoặc tên đã gọi").input_value() == "VCB-BANK"

    page.get_by_label("S — tin nhắn rác").check()
    page.get_by_role("button", name="Gửi phản ánh").click()
    page.wait_for_url("**/report/*-*-*/")
    assert "S VCB-BANK Tài khoản bị khóa" in page.content()
    context.close()
