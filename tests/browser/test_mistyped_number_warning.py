"""Chị Hoa types a landline without its area code: she is warned, never refused.

With JavaScript the preview says it as she types, and her report is filed at
the first tap (she has seen it). Without JavaScript the page asks once, keeps
everything, and files the same number when she sends again.
"""

import pytest
from playwright.sync_api import expect

from reports.models import Report

from .conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

CONTENT = "Goi xung nhan vien dien luc, doi cat dien neu khong chuyen tien"


def fill(page, source):
    page.goto("/report/")
    page.get_by_label("V — cuộc gọi rác").check()
    page.get_by_label("Số điện thoại hoặc tên đã gọi").press_sequentially(source)
    page.get_by_label("Người gọi nói gì").press_sequentially(CONTENT)


def test_the_preview_warns_as_she_types_and_the_report_goes_at_once(phone):
    fill(phone, "3822 5678")
    warning = phone.locator('[data-preview="warning"]')
    expect(warning).to_contain_text("thiếu mã vùng")
    expect(warning).to_contain_text("028 (TP. Hồ Chí Minh)")
    expect(phone.locator('[data-preview="sms"]')).to_have_text(f"V 038225678 {CONTENT}")
    assert axe_violations(phone) == []
    phone.get_by_role("button", name="Gửi phản ánh").click()
    phone.wait_for_url("**/report/*-*-*/")
    assert Report.objects.get().source == "038225678"


def test_the_warning_goes_away_once_the_number_is_fixed(phone):
    fill(phone, "3822 5678")
    warning = phone.locator('[data-preview="warning"]')
    expect(warning).to_contain_text("thiếu mã vùng")
    phone.get_by_label("Số điện thoại hoặc tên đã gọi").fill("028 3822 5678")
    expect(phone.locator('[data-preview="sms"]')).to_have_text(f"V 02838225678 {CONTENT}")
    expect(warning).to_have_text("")


def test_without_javascript_the_page_asks_once_and_keeps_everything(browser, live_server):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/report/")
    page.get_by_label("LD — lừa đảo").check()
    page.get_by_label("Số điện thoại hoặc tên đã gọi").fill("0168 8888 888")
    page.get_by_label("Người gọi nói gì").fill(CONTENT)
    page.get_by_role("button", name="Gửi phản ánh").click()
    assert "nay là 0388888888" in page.content()
    assert not Report.objects.exists()
    assert page.get_by_label("Người gọi nói gì").input_value() == CONTENT
    assert page.get_by_label("Số điện thoại hoặc tên đã gọi").input_value() == "0168 8888 888"
    page.get_by_role("button", name="Gửi phản ánh").click()
    page.wait_for_url("**/report/*-*-*/")
    assert f"LD 0388888888 {CONTENT}" in page.content()
    context.close()


def test_the_preview_names_the_chosen_provinces_area_code(phone):
    fill(phone, "382 2567")
    phone.get_by_label("Tỉnh, thành phố nơi bạn ở").fill("Bình Dương")
    expect(phone.locator('[data-preview="warning"]')).to_contain_text("0274 (Bình Dương)")
