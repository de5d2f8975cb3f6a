"""Inspector Hà opens her dashboard on a 1366 px office screen; a journalist reads /statistics/.

Both pages draw their charts as SVG under the Content Security Policy (no
violation printed in the console) and pass axe.
"""

import datetime

import pytest
from django.utils import timezone

from reports.models import Report
from reports.roles import INSPECTORS

from ..reports.conftest import make_report, staff
from .conftest import axe_violations, log_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def watch_csp(page):
    found = []
    page.on("console", lambda msg: found.append(msg.text) if "Content Security" in msg.text else 0)
    return found


def desk(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1366, "height": 768}, locale="vi-VN"
    )
    return context.new_page()


def a_busy_week():
    now = timezone.now()
    for n, (days, kind) in enumerate([(0, "S"), (0, "LD"), (2, "V"), (5, "LD"), (9, "LD")]):
        report = make_report(kind=kind, source=f"09123456{n % 2:02d}")
        created = now - datetime.timedelta(days=days, hours=1)
        Report.objects.filter(pk=report.pk).update(created_at=created)


def test_ha_reaches_her_dashboard_from_the_admin_index_under_the_policy(browser, live_server):
    a_busy_week()
    staff("ha", INSPECTORS, "dak-lak")
    page = desk(browser, live_server)
    violations = watch_csp(page)
    log_in_as(page, "ha")

    page.get_by_role("link", name="Phản ánh đang chờ, quá hạn").click()
    page.wait_for_url("**/admin/reports/dashboard/")
    page.wait_for_load_state("networkidle")
    charts = page.get_by_role("img")
    assert charts.count() == 2
    assert charts.first.get_attribute("aria-labelledby") == "chart-backlog-title chart-backlog-desc"
    # Past its service level (reports.service_levels) and waiting on the inspectors.
    assert page.get_by_text("3 phản ánh quá hạn đang chờ cán bộ xử lý.").is_visible()
    box = page.locator("svg.chart-svg").first.bounding_box()
    assert box["width"] > 300 and box["height"] > 100  # drawn, not collapsed
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    assert axe_violations(page) == []
    assert violations == []
    page.context.close()


def test_the_statistics_chart_runs_under_the_policy_and_passes_axe(browser, live_server):
    a_busy_week()
    page = desk(browser, live_server)
    violations = watch_csp(page)
    page.goto("/statistics/")
    page.wait_for_load_state("networkidle")
    chart = page.get_by_role("img", name="Phản ánh mỗi tháng")
    assert chart.locator("rect.chart-bar").count() == 1  # this month's column
    assert page.get_by_role("table", name="Phản ánh mỗi tháng").is_visible()
    assert axe_violations(page) == []
    assert violations == []
    page.context.close()
