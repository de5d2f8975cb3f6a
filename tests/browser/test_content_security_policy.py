"""Our Content Security Policy blocks injected scripts without breaking our own pages.

Every asset is ours and nothing is inline, so the policy allows only 'self';
a page that needed more would print a violation in the browser console.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.two_factor import totp_code
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db(transaction=True)


def violations_on(page, path):
    found = []
    page.on("console", lambda msg: found.append(msg.text) if "Content Security" in msg.text else 0)
    response = page.goto(path)
    page.wait_for_load_state("networkidle")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    return found


def test_the_citizens_pages_and_the_admin_run_under_the_policy(phone, live_server):
    call_command("load_reference_data", verbosity=0)
    get_user_model().objects.create_superuser("quan", password="mat-khau-thu")
    pages = ["/", "/report/", "/advisories/", "/advisories/verify/", "/lookup/?number=156"]
    for path in [*pages, "/statistics/", "/admin/login/"]:
        assert violations_on(phone, path) == [], path

    quan = get_user_model().objects.get(username="quan")
    phone.fill("#id_username", "quan")
    phone.fill("#id_password", "mat-khau-thu")
    with phone.expect_navigation():
        phone.get_by_role("button").last.click()
    # The second step's enrolment page (its QR code is drawn in the page), then the code.
    assert violations_on(phone, "/admin/second-factor/enrol/") == []
    device = TOTPDevice.objects.get(user=quan)
    phone.fill("#id_code", totp_code(device.key))
    with phone.expect_navigation():
        phone.get_by_role("button", name="Xác nhận").click()
    assert violations_on(phone, "/admin/second-factor/devices/") == []
    # The report page runs its triage script (static/js/report-triage.js) under it too.
    report = make_report()
    report_page = f"/admin/reports/report/{report.pk}/change/"
    for path in (
        "/admin/advisories/advisory/1/change/",
        "/admin/reports/hotline/add/",
        report_page,
    ):
        assert violations_on(phone, path) == [], path


def test_an_injected_inline_script_does_not_run(phone):
    phone.goto("/")
    # What a stored-XSS slip would amount to: an inline <script> in our page.
    phone.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.appendChild(script);
        }"""
    )
    assert phone.evaluate("() => window.injected === undefined")
