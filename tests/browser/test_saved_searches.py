"""Inspector Hà saves the list of what is new in Đắk Lắk, and finds it on her dashboard.

On a 1366 px office screen, under the Content Security Policy: the form below
the list's filters keeps the list's filters and order; the dashboard names the
saved search with its count, and its link opens the same list.
"""

import pytest

from reports.models import Report, SavedSearch
from reports.roles import INSPECTORS

from ..reports.conftest import make_report, staff
from .conftest import axe_violations, log_in_as
from .test_dashboard import desk, watch_csp

pytestmark = pytest.mark.django_db(transaction=True)


def test_ha_saves_a_filtered_list_and_opens_it_from_her_dashboard(browser, live_server):
    for n in range(3):
        make_report(source=f"091234567{n}")
    make_report(source="0987654321", status=Report.Status.RESOLVED)
    staff("ha", INSPECTORS, "dak-lak")
    page = desk(browser, live_server)
    violations = watch_csp(page)
    log_in_as(page, "ha")

    page.goto("/admin/reports/report/?status__exact=new")
    assert page.locator("#result_list tbody tr").count() == 3
    page.get_by_label("Lưu bộ lọc này").fill("Mới của Đắk Lắk")
    page.get_by_label("chia sẻ với tỉnh của tôi").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu", exact=True).click()
    assert page.get_by_text("Đã lưu bộ lọc “Mới của Đắk Lắk”.").is_visible()
    assert "status__exact=new" in page.url
    sidebar = page.locator(".saved-searches")
    assert sidebar.get_by_role("link", name="Mới của Đắk Lắk").is_visible()
    box = sidebar.bounding_box()
    assert box["x"] > 900 and box["y"] < 300  # beside the list, above its filters
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    assert axe_violations(page) == []
    # On a narrow screen Django puts the sidebar below the list: whole, never over its rows.
    page.set_viewport_size({"width": 700, "height": 768})
    rows = page.locator("#result_list").bounding_box()
    filters = page.locator("#changelist-filter").bounding_box()
    box = sidebar.bounding_box()
    assert box["y"] >= rows["y"] + rows["height"]
    assert filters["y"] >= box["y"] + box["height"]
    page.set_viewport_size({"width": 1366, "height": 768})
    search = SavedSearch.objects.get()
    assert search.shared_with.slug == "dak-lak"

    page.goto("/admin/reports/dashboard/")
    row = page.locator(".dashboard-saved-searches tbody tr")
    assert row.count() == 1
    assert row.locator("td").last.inner_text() == "3"
    assert axe_violations(page) == []
    with page.expect_navigation():
        row.get_by_role("link", name="Mới của Đắk Lắk").click()
    assert page.locator("#result_list tbody tr").count() == 3
    assert violations == []
