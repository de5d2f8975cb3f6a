"""Real-browser tests: the system Chromium driven by Playwright against live_server.

CI sets REQUIRE_BROWSER=1 so a missing Chromium fails the run instead of
skipping; on a developer's machine without Chromium these tests are skipped
with the command that installs it.
"""

import os
import shutil

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; Django would refuse
# ORM calls from the test body without this (browser tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def reference_data(reference_rows_restored):
    """Provinces, issuers, scam patterns and staff roles, as after `migrate` (tests/conftest.py)."""


def log_in_as(page, username, password="x"):
    """Staff log in through the admin's own forms, as at the office; the page that follows.

    First the password, then the six digits of the person's authenticator app
    (tests/two_factor.py gives every account one).
    """
    code = second_factor_code(username)
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.get_by_role("button").last.click()
    if "/admin/second-factor/" in page.url:
        page.fill("#id_code", code)
        with page.expect_navigation():
            page.locator("#second-factor-form input[type=submit]").click()
    return page


def second_factor_code(username):
    """What the person's phone shows (tests/two_factor.py), for an account that exists."""
    from django.contrib.auth import get_user_model

    from tests.two_factor import fresh_code

    user = get_user_model().objects.filter(username=username).first()
    return fresh_code(user) if user is not None else ""


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = "Chromium is not installed (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, live_server):
    """A cheap Android phone: 360 px wide, Vietnamese, no stored state."""
    context = browser.new_context(
        locale="vi-VN",
        viewport={"width": 360, "height": 740},
        base_url=live_server.url,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def narrow_phone(phone):
    """The cheapest phone, 320 px wide, on a portal with its letters and hotlines loaded."""
    call_command("load_reference_data", verbosity=0)
    phone.set_viewport_size({"width": 320, "height": 640})
    return phone


def axe_violations(page, *, impacts=("serious", "critical")):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in impacts
    ]
