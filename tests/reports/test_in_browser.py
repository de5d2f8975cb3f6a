"""Chị Lan on a 320 px Android: the live SMS preview, then the receipt with its sms: links."""

import pytest

from tests.browser.conftest import axe_violations, browser, phone  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def narrow_phone(phone, hotlines):  # noqa: F811
    phone.set_viewport_size({"width": 320, "height": 640})
    return phone


def test_the_preview_follows_the_typing_and_the_report_ends_on_its_receipt(narrow_phone):
    page = narrow_phone
    page.goto("/report/")
    assert axe_violations(page) == []
    page.get_by_label("LD — lừa đảo").check()
    page.get_by_label("Số điện thoại hoặc tên đã gọi").fill("+84 912 345 678")
    page.get_by_label("Người gọi nói gì").fill("Giả danh  Sở TTTT")
    preview = page.locator('[data-preview="sms"]')
    preview.wait_for(state="visible")
    page.wait_for_function(
        "document.querySelector('[data-preview=\"sms\"]').textContent.includes('TTTT')"
    )
    assert preview.text_content() == "LD 0912345678 Giả danh Sở TTTT"
    assert "UCS-2" in page.locator('[data-preview="parts"]').text_content()
    page.get_by_label("Tỉnh, thành phố nơi bạn ở").fill("Bình Phước")
    page.get_by_role("button", name="Gửi phản ánh").click()
    page.wait_for_url("**/report/*-*-*/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    link = page.get_by_role("link", name="Nhắn 156", exact=True)
    assert link.get_attribute("href").startswith("sms:156?body=LD%200912345678%20Gi%E1%BA%A3")
    assert page.get_by_role("link", name="0888596677").get_attribute("href") == "tel:0888596677"
    assert axe_violations(page) == []


def test_without_javascript_an_error_gives_everything_back(browser, live_server):  # noqa: F811
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/report/")
    page.get_by_label("V — cuộc gọi rác").check()
    page.get_by_label("Số điện thoại hoặc tên đã gọi").fill("VCB-BANK")
    page.get_by_label("Người gọi nói gì").fill("Tài khoản bị khóa")
    page.get_by_role("button", name="Gửi phản ánh").click()
    assert "chọn loại S" in page.content()
    assert page.get_by_label("Người gọi nói gì").input_value() == "Tài khoản bị khóa"
    assert page.get_by_label("Số điện thoại hoặc tên đã gọi").input_value() == "VCB-BANK"
    context.close()
