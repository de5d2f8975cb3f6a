"""Anh Tuấn picks four screenshots, then a long video: the page says so before sending.

The server refuses such a body without reading it, so nothing typed could come
back; the page warns first and keeps everything he wrote.
"""

import pytest

from reports.models import Report

pytestmark = pytest.mark.django_db(transaction=True)


def fill(page):
    page.goto("/report/")
    page.get_by_label("LD — lừa đảo").check()
    page.get_by_label("Số điện thoại hoặc tên đã gọi").fill("0912345678")
    page.get_by_label("Người gọi nói gì").fill("Giả danh công an, dọa khóa SIM")


def test_too_many_files_are_stopped_before_sending_and_the_text_stays(phone):
    fill(phone)
    posts = []
    phone.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    files = [
        {"name": f"anh-{n}.png", "mimeType": "image/png", "buffer": b"\x89PNG"} for n in range(4)
    ]
    phone.locator("input[type=file]").set_input_files(files)
    alert = phone.locator("#evidence-check")
    assert alert.inner_text() == "Chỉ gửi được tối đa 3 tệp: hãy chọn lại, bớt tệp đi."
    phone.get_by_role("button", name="Gửi phản ánh").click()
    assert not [url for url in posts if url.endswith("/report/")]
    assert phone.get_by_label("Người gọi nói gì").input_value() == "Giả danh công an, dọa khóa SIM"
    assert not Report.objects.exists()


def test_a_file_over_the_limit_is_named(phone, settings):
    settings.REPORT_EVIDENCE_MAX_SIZE = 1024  # a 1 KB limit stands for 10 MB
    fill(phone)
    big = {"name": "video.mp4", "mimeType": "video/mp4", "buffer": b"\x00" * 2048}
    phone.locator("input[type=file]").set_input_files([big])
    assert "Tệp “video.mp4” lớn hơn" in phone.locator("#evidence-check").inner_text()
    phone.locator("input[type=file]").set_input_files([])
    assert phone.locator("#evidence-check").is_hidden()
