"""Chị Hoa reports a scam call from a cheap phone on 3G: 400 kbit/s, 400 ms of latency.

Through the production stack (`make stack`: nginx, gunicorn, the job worker),
with JavaScript off so that the 2 MB screenshot really crosses the slow link
as she picked it. It takes longer than gunicorn's 30 s timeout to upload: with
gunicorn's sync workers alone, she got a bare English "Internal Server Error"
and lost everything she typed. nginx takes the whole upload first, gunicorn
gets it at once, and she reaches her receipt.

Anh Tuấn, on the same stack, picks a 15 MB recording: it is over the 10 MB a
file may be, but within what nginx lets through, so the portal reads the whole
form and says so with everything he typed. A 36 MB video is beyond even that:
nginx refuses it before it reaches the portal, and he reads why in Vietnamese,
on the portal's own page.
"""

import io
import random
import time

import pytest
from PIL import Image

from tests.servers import count_rows

pytestmark = pytest.mark.django_db(transaction=True)

# Chrome DevTools' network conditions: bytes per second, milliseconds.
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400 * 1024 / 8,
    "uploadThroughput": 400 * 1024 / 8,
}


def screenshot(megabytes=2.0):
    """A real PNG of noise (it does not compress): about `megabytes` on the wire."""
    side = int((megabytes * 1024 * 1024 / 3) ** 0.5)
    pixels = random.Random(16).randbytes(side * side * 3)
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), pixels).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def phone_without_javascript(browser, stack):
    context = browser.new_context(
        java_script_enabled=False,
        base_url=stack.base,
        locale="vi-VN",
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    yield page
    context.close()


def fill(page, content):
    page.goto("/report/")
    page.get_by_label("LD — lừa đảo").check()
    page.get_by_label("Số điện thoại hoặc tên đã gọi").fill("0912345678")
    page.get_by_label("Người gọi nói gì").fill(content)


def test_a_2_mb_screenshot_over_3g_reaches_its_receipt(phone_without_javascript, stack):
    page = phone_without_javascript
    data = screenshot()
    assert 2_000_000 < len(data) < 2_300_000
    reports, evidence = (count_rows(stack.env, t) for t in ("reports_report", "reports_evidence"))
    fill(page, "Giả danh công an, gửi ảnh lệnh bắt qua Zalo")
    page.locator("input[type=file]").set_input_files(
        [{"name": "zalo.png", "mimeType": "image/png", "buffer": data}]
    )
    network = page.context.new_cdp_session(page)
    network.send("Network.enable")
    network.send("Network.emulateNetworkConditions", SLOW_3G)

    started = time.monotonic()
    with page.expect_navigation(url="**/report/*-*-*/", timeout=180_000):
        page.get_by_role("button", name="Gửi phản ánh").click(timeout=180_000)
    uploading = time.monotonic() - started

    assert uploading > 30  # longer than gunicorn's timeout: the link was that slow
    assert page.locator(".receipt-code").inner_text().count("-") == 2
    assert "Giả danh công an, gửi ảnh lệnh bắt qua Zalo" in page.content()
    assert count_rows(stack.env, "reports_report") == reports + 1
    assert count_rows(stack.env, "reports_evidence") == evidence + 1
    assert "WORKER TIMEOUT" not in stack.log.read_text()


def test_a_15_mb_file_comes_back_with_the_portals_message_and_the_text_kept(
    phone_without_javascript, stack, tmp_path
):
    page = phone_without_javascript
    recording = tmp_path / "ghi-am.m4a"
    recording.write_bytes(random.Random(15).randbytes(15 * 1024 * 1024))
    reports = count_rows(stack.env, "reports_report")
    fill(page, "Gọi tự xưng bưu điện, báo có bưu phẩm bị giữ")
    page.locator("input[type=file]").set_input_files(str(recording))

    page.get_by_role("button", name="Gửi phản ánh").click()
    page.wait_for_load_state()

    assert "Tệp “ghi-am.m4a” lớn hơn 10 MB" in page.content()
    assert page.get_by_label("Người gọi nói gì").input_value() == (
        "Gọi tự xưng bưu điện, báo có bưu phẩm bị giữ"
    )
    assert count_rows(stack.env, "reports_report") == reports


def test_a_file_too_large_for_any_report_gets_the_portals_page_and_nothing_is_stored(
    phone_without_javascript, stack, tmp_path
):
    page = phone_without_javascript
    video = tmp_path / "cuoc-goi.mp4"
    video.write_bytes(random.Random(36).randbytes(36 * 1024 * 1024))
    reports = count_rows(stack.env, "reports_report")
    fill(page, "Gọi tự xưng nhân viên ngân hàng, đòi mã OTP")
    page.locator("input[type=file]").set_input_files(str(video))

    page.get_by_role("button", name="Gửi phản ánh").click()
    page.wait_for_load_state()

    assert page.title() == "Tệp gửi lên quá lớn · Cổng cảnh báo lừa đảo"
    assert page.get_by_role("heading", level=1).inner_text() == "Tệp gửi lên quá lớn"
    text = page.locator("main").inner_text()
    assert "chưa có gì được lưu" in text
    assert "Mỗi phản ánh gửi được tối đa 3 tệp, mỗi tệp đến 10 MB" in text
    # The portal's own look: its stylesheet, served by nginx.
    assert page.locator(".site-header").evaluate("e => getComputedStyle(e).borderBottomStyle") == (
        "solid"
    )
    assert count_rows(stack.env, "reports_report") == reports

    # "Bấm nút Quay lại": the form comes back with what he typed.
    page.go_back()
    assert page.get_by_label("Người gọi nói gì").input_value() == (
        "Gọi tự xưng nhân viên ngân hàng, đòi mã OTP"
    )
