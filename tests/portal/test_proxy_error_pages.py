"""The pages nginx shows when it answers by itself are the portal's, in its two languages.

`manage.py error_pages` writes them as plain files (portal/proxy_pages.py):
they are shown when Django may be down, so they need nothing of it, nothing
from another site, and no script or inline style (their CSP forbids both).
tests/portal/test_make_stack.py sees nginx serve them.
"""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from portal.proxy_pages import PAGES, write_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(tmp_path):
    write_pages(tmp_path)
    return lambda language, status: (tmp_path / language / f"{status}.html").read_text()


def test_every_page_is_written_in_vietnamese_and_english(pages, tmp_path):
    assert sorted(path.name for path in (tmp_path / "vi").iterdir()) == [
        "400.html",
        "413.html",
        "502.html",
        "503.html",
        "504.html",
    ]
    assert sorted(PAGES) == [400, 413, 502, 503, 504]
    assert "<title>Cổng tạm thời không phản hồi · Cổng cảnh báo lừa đảo</title>" in pages("vi", 502)
    assert '<html lang="vi">' in pages("vi", 502)
    english = pages("en", 502)
    assert '<html lang="en">' in english
    assert "<title>The portal is not answering for now" in english
    assert "Cổng tạm thời không phản hồi" in english  # its title in the other language, marked
    assert '<p class="small text-body-secondary" lang="vi">Cổng tạm thời không phản hồi</p>' in (
        english
    )


@pytest.mark.parametrize("status", sorted(PAGES))
@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_page_needs_nothing_but_the_portals_own_stylesheets(pages, status, language):
    page = pages(language, status)
    assert "<script" not in page and "<form" not in page
    assert "style=" not in page and "<style" not in page
    addresses = re.findall(r'(?:href|src)="([^"]*)"', page)
    assert addresses
    for address in addresses:
        assert re.match(r"(/|sms:|tel:)", address), address  # ours, no other origin
        if address.startswith("/static/"):
            assert finders.find(address.removeprefix("/static/")), address


def test_the_413_page_states_the_limits_the_portal_has(pages, settings, tmp_path):
    page = pages("vi", 413)
    assert "Mỗi phản ánh gửi được tối đa 3 tệp, mỗi tệp đến 10 MB" in page
    assert "chưa có gì được lưu" in page
    assert "Bấm nút Quay lại của trình duyệt" in page
    assert 'href="/report/"' in page

    settings.REPORT_EVIDENCE_MAX_SIZE = 5 * 1024 * 1024
    write_pages(tmp_path / "five")
    assert "mỗi tệp đến 5 MB" in (tmp_path / "five" / "vi" / "413.html").read_text()


def test_the_command_writes_them_under_static_root(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("error_pages", verbosity=0)
    assert (tmp_path / "static" / "_errors" / "en" / "413.html").is_file()
    assert (tmp_path / "static" / "_errors" / "vi" / "504.html").stat().st_mode & 0o044 == 0o044
