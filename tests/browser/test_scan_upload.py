"""Chị Hoa of Sở TTTT Đắk Lắk sends a scanned letter and waits for it to be read, in a real browser.

Without JavaScript (the page must not need it): she uploads the scan on
"Nhập công văn từ tệp" and lands on its reading page, which says the scan
waits. The worker reads it meanwhile (tests.jobs.run_jobs, the real
Tesseract); the page reloads itself (a meta refresh) and offers the draft,
which opens with the OCR warning. The waiting page passes axe.
"""

import os

import pytest
from django.contrib.auth.models import Group

from advisories import ocr
from advisories.models import Advisory, Organization
from advisories.roles import PUBLISHERS
from tests.jobs import run_jobs

from ..advisories.letter_samples import image_bytes, scan_image
from .conftest import axe_violations, log_in_as

pytestmark = pytest.mark.django_db(transaction=True)

DAK_LAK = {
    "header": "UBND TỈNH ĐẮK LẮK\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    "date": "Đắk Lắk, ngày 05 tháng 3 năm 2024",
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tesseract():
    """As tests/advisories/conftest.py's: CI (REQUIRE_TESSERACT=1) fails without it."""
    if not ocr.available():
        message = "Tesseract with Vietnamese is not installed (apt-get install tesseract-ocr-vie)"
        if os.environ.get("REQUIRE_TESSERACT"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def hoa(django_user_model):
    user = django_user_model.objects.create_user("hoa", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=PUBLISHERS))
    Organization.objects.get(slug="stttt-dak-lak").members.add(user)
    return user


@pytest.fixture
def contexts(browser, live_server):
    """New browser contexts, closed even when the test fails (a page left reloading itself
    would keep asking the live server while the test tears down)."""
    opened = []

    def new(**options):
        context = browser.new_context(base_url=live_server.url, locale="vi-VN", **options)
        opened.append(context)
        return context

    yield new
    for context in opened:
        context.close()


def test_hoa_sends_a_scan_and_the_page_brings_her_the_draft_without_javascript(
    contexts, hoa, tesseract
):
    admin = log_in_as(contexts(java_script_enabled=False).new_page(), "hoa")
    admin.goto("/admin/advisories/advisory/import/")
    scan = image_bytes(scan_image(**DAK_LAK))
    admin.get_by_label("Tệp công văn").set_input_files(
        {"name": "ban-quet.png", "mimeType": "image/png", "buffer": scan}
    )
    with admin.expect_navigation():
        admin.get_by_role("button", name="Đọc tệp và tạo bản nháp").click()
    assert "/import/readings/" in admin.url
    waiting = admin.get_by_role("status").get_by_text("Bản quét đang chờ máy đọc chữ (1 trang)…")
    assert waiting.is_visible()

    run_jobs()  # the worker, while her page is open
    # The page reloads itself every 3 s: the draft's link comes without her doing anything.
    link = admin.get_by_role("link", name="Mở bản nháp để kiểm tra")
    link.wait_for(timeout=15_000)
    assert admin.get_by_text("Đã đọc công văn từ tệp “ban-quet.png”").is_visible()
    with admin.expect_navigation():
        link.click()
    advisory = Advisory.objects.get()
    assert admin.url.endswith(f"/admin/advisories/advisory/{advisory.pk}/change/")
    assert admin.get_by_text("Đọc bằng OCR: hãy kiểm tra mọi ô").is_visible()
    assert admin.locator("#id_number").input_value() == "15"


def test_the_waiting_page_can_stop_reloading_and_then_passes_axe(contexts, hoa, django_user_model):
    """axe's meta-refresh rule refuses any timed reload; WCAG 2.2.1 asks that it can be
    turned off: "Dừng tự tải lại" gives the same page without it, reloaded by hand."""
    from advisories.readings import LetterReading

    reading = LetterReading.objects.create(
        uploaded_by=hoa,
        original_name="ban-quet.png",
        pages_total=3,
        pages_read=1,
        status=LetterReading.Status.READING,
    )
    page = log_in_as(contexts().new_page(), "hoa")
    page.goto(f"/admin/advisories/advisory/import/readings/{reading.pk}/")
    assert page.locator('meta[http-equiv="refresh"]').count() == 1
    with page.expect_navigation():
        page.get_by_role("link", name="Dừng tự tải lại").click()
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    assert page.get_by_text("Đang đọc bản quét… (trang 1/3)").is_visible()
    assert axe_violations(page) == []
