"""Chị Lan on a slow connection: one tap sends, the button says so, a big capture shrinks.

After the first tap the button reads "Đang gửi…" and takes no second one; Back
from the receipt gives it back, and sending that page again lands on the same
receipt. A scrolled capture of a chat larger than a phone's screen is scaled
down in the browser before it is sent; a recording goes as it is.
"""

import io

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from reports.evidence.images import LOSSLESS_MAX_PIXELS
from reports.models import Evidence, Report
from tests.reports.media import png, wav

pytestmark = pytest.mark.django_db(transaction=True)


def fill(page, again=False):
    if not again:
        page.goto("/report/")
    page.get_by_label("LD — lừa đảo").check()
    page.get_by_label("Số điện thoại hoặc tên đã gọi").fill("0912345678")
    page.get_by_label("Người gọi nói gì").fill("Giả danh công an, dọa khóa SIM")


def report_posts(page):
    posts = []
    page.on(
        "request",
        lambda r: posts.append(r) if r.method == "POST" and r.url.endswith("/report/") else None,
    )
    return posts


def test_after_a_tap_the_button_says_sending_and_a_second_tap_sends_nothing(phone):
    fill(phone)
    posts = report_posts(phone)
    button = phone.locator("form.report-form button[type=submit]")
    # A double tap, and the button as it is right after it (the page is then on its way).
    after = button.evaluate("b => { b.click(); b.click(); return [b.disabled, b.textContent]; }")
    assert after == [True, "Đang gửi…"]
    phone.wait_for_url("**/report/*-*-*/")
    assert len(posts) == 1
    assert Report.objects.count() == 1


def test_back_from_the_receipt_then_send_again_lands_on_the_same_receipt(phone):
    """Playwright's Chromium keeps no page in memory (no bfcache): Back loads the form
    anew, as many browsers do, and the page still sends the key it was first sent with."""
    fill(phone)
    first_key = phone.locator("input[name=submission_key]").input_value()
    phone.get_by_role("button", name="Gửi phản ánh").click()
    phone.wait_for_url("**/report/*-*-*/")
    receipt = phone.url
    phone.go_back()
    assert phone.locator("input[name=submission_key]").input_value() == first_key
    button = phone.locator("form.report-form button[type=submit]")
    expect(button).to_be_enabled()
    expect(button).to_have_text("Gửi phản ánh")
    fill(phone, again=True)  # what the browser did not bring back
    button.click()
    phone.wait_for_url(receipt)
    expect(phone.get_by_role("status")).to_contain_text("chỉ được ghi nhận một lần")
    assert Report.objects.count() == 1


def test_a_page_restored_by_back_gives_the_button_back(phone):
    """What the browser tells the page when Back brings it back from its memory."""
    fill(phone)
    button = phone.locator("form.report-form button[type=submit]")
    state = """button => {
        // The send itself is stopped here: nothing goes out, the page stays.
        button.form.addEventListener("submit", event => event.preventDefault());
        button.click();
        const sending = [button.disabled, button.textContent];
        window.dispatchEvent(new PageTransitionEvent("pageshow", {persisted: true}));
        return [sending, [button.disabled, button.textContent]];
    }"""
    assert button.evaluate(state) == [[True, "Đang gửi…"], [False, "Gửi phản ánh"]]


def chat_capture():
    """A scrolled capture of a chat, 3000 × 6000: lines of text on white, as PNG."""
    image = Image.new("RGB", (3000, 6000), "white")
    draw = ImageDraw.Draw(image)
    for line in range(150):
        draw.text(
            (60, 40 * line),
            f"{line:03}: Tài khoản của bạn bị khóa, bấm vào đường link để xác thực ngay",
            fill=(20, 20, 20),
            font_size=28,
        )
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_a_large_screenshot_is_scaled_down_before_it_is_sent(phone, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    capture = chat_capture()
    small, recording = png(), wav()
    fill(phone)
    phone.locator("input[type=file]").set_input_files(
        [
            {"name": "tin-nhan.png", "mimeType": "image/png", "buffer": capture},
            {"name": "nho.png", "mimeType": "image/png", "buffer": small},
            {"name": "cuoc-goi.wav", "mimeType": "audio/wav", "buffer": recording},
        ]
    )
    phone.get_by_role("button", name="Gửi phản ánh").click()  # before or after the scaling
    phone.wait_for_url("**/report/*-*-*/")

    stored = {e.extension: e for e in Evidence.objects.filter(report=Report.objects.get())}
    assert set(stored) == {"jpg", "png", "wav"}
    with stored["jpg"].file.open() as file:
        width, height = Image.open(file).size
    # Scaled to a phone's screen worth of pixels, its proportions kept (1152 × 2305).
    assert width * height <= LOSSLESS_MAX_PIXELS
    assert width * height > 0.99 * LOSSLESS_MAX_PIXELS
    assert abs(width / height - 0.5) < 0.001
    with stored["png"].file.open() as file:
        assert Image.open(file).size == (64, 40)  # small enough: sent as it was
    assert stored["wav"].size <= len(recording)  # its tags stripped, never re-encoded


def test_the_scaled_file_replaces_the_chosen_one_in_the_form(phone):
    fill(phone)
    capture, recording = chat_capture(), wav()
    field = phone.locator("input[type=file]")
    field.set_input_files(
        [
            {"name": "tin-nhan.png", "mimeType": "image/png", "buffer": capture},
            {"name": "cuoc-goi.wav", "mimeType": "audio/wav", "buffer": recording},
        ]
    )
    expect(field).not_to_have_attribute("aria-busy", "true")  # scaled
    chosen = field.evaluate("input => [...input.files].map(f => [f.name, f.type, f.size])")
    (name, content_type, size), sound = chosen
    assert (name, content_type) == ("tin-nhan.jpg", "image/jpeg")
    assert size < len(capture) / 2
    assert sound == ["cuoc-goi.wav", "audio/wav", len(recording)]
    assert phone.locator("#evidence-check").is_hidden()
