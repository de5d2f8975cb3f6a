"""Chị Lan types her report; the live preview asks the server, but nothing she types is in a URL.

URLs are kept by every proxy and access log on the way, before she has even
decided to send. The preview sends what she typed in a POST body, with the
page's language, and still shows the SMS she would send.
"""

from urllib.parse import unquote_plus

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

CONTENT = "Gia danh canbo Thanhtra, doa khoa SIM, doi chuyen 5 trieu vao taikhoan la"
CONTACT = "lan.nguyen.rieng@example.com"


def test_nothing_typed_goes_in_a_url_and_the_preview_still_shows_the_sms(phone):
    page = phone
    requests = []
    page.on("request", lambda request: requests.append(request))
    page.goto("/report/")
    page.get_by_label("LD — lừa đảo").check()
    page.get_by_label("Số điện thoại hoặc tên đã gọi").press_sequentially("0912 345 678")
    page.get_by_label("Người gọi nói gì").press_sequentially(CONTENT)
    page.get_by_label("Số điện thoại hoặc email của bạn").fill(CONTACT)
    expect(page.locator('[data-preview="sms"]')).to_have_text(f"LD 0912345678 {CONTENT}")
    assert "GSM-7" in page.locator('[data-preview="parts"]').text_content()

    previews = [r for r in requests if "/api/v1/compose" in r.url]
    assert previews, "the preview never asked the server"
    for request in requests:
        url = unquote_plus(request.url)
        for typed in ("canbo", "Thanhtra", "taikhoan", CONTACT, "345678"):
            assert typed not in url, request.url
    last = previews[-1]
    assert last.method == "POST"
    assert CONTENT in unquote_plus(last.post_data)  # in the body instead
    assert last.headers["accept-language"] == "vi"  # the page's language, not the phone's


def test_a_phone_set_to_english_still_gets_the_previews_messages_in_the_pages_language(
    browser, live_server
):
    """Anh Tuấn's phone is set to English; the page is Vietnamese, and so is the preview."""
    context = browser.new_context(locale="en-US", base_url=live_server.url)
    page = context.new_page()
    page.goto("/report/")
    page.get_by_label("V — cuộc gọi rác").check()
    page.get_by_label("Số điện thoại hoặc tên đã gọi").fill("VCB-BANK")
    page.get_by_label("Người gọi nói gì").fill("Tai khoan bi khoa")
    error = page.locator('[data-preview="error"]')
    expect(error).to_contain_text("là tên người gửi tin nhắn")
    expect(error).to_contain_text("hãy chọn loại S")
    context.close()
