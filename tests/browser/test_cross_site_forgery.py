"""A page on another site auto-submits forms to the portal while staff are logged in.

Administrator Hùng and citizen Lan browse the web in the browser where they
use the portal. A hostile page (served here from a second origin) posts a
scammer's number as an official hotline, and a withdrawal of Lan's consent.
The security check refuses both; the refusal page has nothing to click that
would send them again with their session, and nothing is created or erased.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.html import escape

from reports.models import Hotline, Report

from .conftest import log_in_as

pytestmark = pytest.mark.django_db(transaction=True)

TRAP = """<!doctype html><html><body>
<h1>Bạn đã trúng thưởng!</h1>
<form id="trap" method="post" action="{action}">{fields}</form>
<script>document.getElementById("trap").submit();</script>
</body></html>"""

SCAMMER_LINE = {
    "scope": "national",
    "number": "0987654321",
    "channel": "call",
    "kinds": "LD",
    "label": "Tổng đài hỗ trợ chính thức",
    "announced_year": "2024",
    "position": "0",
    "is_active": "on",
}


@pytest.fixture(params=["127.0.0.1", "localhost"], ids=["another-site", "same-site-other-port"])
def hostile_site(request):
    """`hostile_site(action, fields)` → the URL of a page that posts them to `action` on load.

    127.0.0.1 is another site to a portal on localhost (cookies stay home);
    localhost on another port is the same site, another origin (cookies go,
    the token does not).
    """
    pages = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = pages.get(self.path, "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer((request.param, 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def page(action, fields):
        inputs = "".join(
            f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">'
            for k, v in fields.items()
        )
        path = f"/trap-{len(pages)}.html"
        pages[path] = TRAP.format(action=escape(action), fields=inputs)
        return f"http://{request.param}:{server.server_address[1]}{path}"

    yield page
    server.shutdown()


def logged_in(context, username, password):
    page = log_in_as(context.new_page(), username, password)
    assert urlsplit(page.url).path == "/admin/"
    return page


def land_on_refusal(page, trap_url, our_path):
    """Open the trap; it submits itself and the portal's refusal page is what remains."""
    page.goto(trap_url)
    page.wait_for_url(f"**{our_path}")
    page.wait_for_load_state()
    main = page.locator("main")
    assert "Yêu cầu bị từ chối" in main.inner_text()
    # The staff member would click whatever the page offers: it offers no form.
    assert main.locator("form").count() == 0
    assert main.get_by_role("button").count() == 0
    return main


def test_a_forged_hotline_is_not_added_with_the_administrators_session(
    browser, live_server, hostile_site
):
    get_user_model().objects.create_superuser("hung", password="mat-khau-hung-dai")
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    page = logged_in(context, "hung", "mat-khau-hung-dai")

    action = f"{live_server.url}/admin/reports/hotline/add/"
    main = land_on_refusal(page, hostile_site(action, SCAMMER_LINE), "/admin/reports/hotline/add/")
    assert "0987654321" not in main.inner_text()
    # "Mở lại trang" only opens the empty form: a GET never adds anything.
    main.get_by_role("link", name="Mở lại trang").click()
    page.wait_for_load_state()
    assert not Hotline.objects.filter(number="0987654321").exists()
    context.close()


def test_a_forged_withdrawal_erases_nothing(browser, live_server, hostile_site):
    now = timezone.now()
    report = Report.objects.create(
        kind="LD",
        source="0912345678",
        content="Giả danh công an, đòi chuyển tiền",
        occurred_at=now,
        contact="lan@example.com",
        contact_consent_text="Tôi đồng ý",
        contact_consented_at=now,
    )
    get_user_model().objects.create_superuser("hung", password="mat-khau-hung-dai")
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    page = logged_in(context, "hung", "mat-khau-hung-dai")
    page.goto(f"/report/{report.code}/")  # Lan (or staff) had her receipt open

    path = f"/report/{report.code}/withdraw"
    land_on_refusal(page, hostile_site(f"{live_server.url}{path}", {}), path)
    report.refresh_from_db()
    assert report.contact == "lan@example.com"
    context.close()


def test_a_forged_report_is_not_filed_from_a_visitors_browser(browser, live_server, hostile_site):
    """The page files a report about the number it wants counted, from each visitor's browser."""
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    page = context.new_page()
    fields = {"kind": "LD", "source": "0354836427", "content": "Số này lừa đảo, hãy chặn"}
    page.goto(hostile_site(f"{live_server.url}/api/v1/reports", fields))
    page.wait_for_url("**/api/v1/reports")
    page.wait_for_load_state()
    assert "trang web khác" in page.locator("body").inner_text()
    assert not Report.objects.exists()
    context.close()
