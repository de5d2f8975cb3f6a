"""A citizen on a phone opens the portal."""

import pytest

from .conftest import axe_violations

# Transactional (live server): the conftest puts the reference data back.
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_home_page_fits_a_320_px_screen_and_passes_axe(phone):
    phone.set_viewport_size({"width": 320, "height": 640})
    phone.goto("/")
    assert phone.locator("html").get_attribute("lang") == "vi"
    scroll_width = phone.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, "the page scrolls sideways on a 320 px phone"
    assert axe_violations(phone) == []


def test_a_visitor_switches_to_english_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/")
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Scam alerts").is_visible()
    context.close()
