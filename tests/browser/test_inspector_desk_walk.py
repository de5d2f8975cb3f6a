"""Inspector Bảo of Đồng Nai at his desk, 1366×768 (the report page's Content Security Policy is
tests/browser/test_content_security_policy.py's).

He opens a report about the Bình Phước inspectorate's own line (a letter announced
it): the page says it is an official line, and when he tries to forward it to the
police it asks first; he stops. Then he walks the saved search of what is new,
three reports, with "Lưu và mở phản ánh tiếp theo", in the list's order.
"""

import pytest
from django.core.management import call_command

from reports.models import Report, SavedSearch
from reports.roles import INSPECTORS

from ..reports.conftest import make_report, staff
from .conftest import axe_violations, log_in_as
from .test_dashboard import desk

pytestmark = pytest.mark.django_db(transaction=True)

OFFICIAL_LINE = "0888596677"  # the Bình Phước inspectorate's, in the seed letters


def test_bao_is_warned_before_forwarding_an_official_line_and_stops(browser, live_server):
    call_command("load_reference_data", verbosity=0)
    report = make_report(province="dong-nai", source=OFFICIAL_LINE, status="in_review")
    staff("bao", INSPECTORS, "dong-nai")
    page = desk(browser, live_server)
    log_in_as(page, "bao")

    page.goto("/admin/reports/report/")
    row = page.locator("#result_list tbody tr", has_text=report.case_number)
    assert "Số chính thức" in row.inner_text()
    take = row.get_by_role("button").first.bounding_box()
    table = page.locator("#result_list").bounding_box()
    assert take["x"] + take["width"] <= table["x"] + table["width"]  # not clipped

    with page.expect_navigation():
        row.get_by_role("link", name=report.case_number).click()
    facts = page.locator(".report-source-facts")
    assert "Số chính thức" in facts.inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Chuyển cơ quan chức năng").check()
    page.get_by_label("Chuyển tới").select_option(label="Công an")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").first.click()
    assert f"{OFFICIAL_LINE} là số chính thức" in page.content()
    assert page.locator('input[type="checkbox"][name="confirm_official"]').is_visible()
    report.refresh_from_db()
    assert report.status == Report.Status.IN_REVIEW  # he stopped: nothing was forwarded
    assert not report.events.filter(status=Report.Status.FORWARDED).exists()


def test_save_and_next_walks_a_saved_search_in_its_order(browser, live_server):
    bao = staff("bao", INSPECTORS, "dong-nai")
    reports = [make_report(province="dong-nai", source=f"09770001{n:02d}") for n in range(3)]
    make_report(province="dong-nai", source="0977000199", status=Report.Status.RESOLVED)
    SavedSearch.objects.create(owner=bao, name="Mới, cũ trước", query="status__exact=new&o=1")
    page = desk(browser, live_server)
    log_in_as(page, "bao")

    page.goto("/admin/reports/report/")
    with page.expect_navigation():
        page.locator(".saved-searches").get_by_role("link", name="Mới, cũ trước").click()
    listed = page.locator("#result_list tbody tr th a").all_inner_texts()
    assert listed == sorted(r.case_number for r in reports)  # the search's order: oldest first
    with page.expect_navigation():
        page.get_by_role("link", name=listed[0]).click()
    seen = []
    for _ in range(3):
        seen.append(page.locator(".report-case-number").first.inner_text())
        with page.expect_navigation():
            page.get_by_role("button", name="Lưu và mở phản ánh tiếp theo").first.click()
    assert seen == listed
    assert "/admin/reports/report/?" in page.url  # past the last: back to the list
    assert "status__exact=new" in page.url
