"""Inspector Bảo of Đồng Nai triages in the admin, in a real browser, after citizens report."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from advisories.models import Province
from reports.models import InspectorProvince, Report
from reports.roles import INSPECTORS

from .conftest import axe_violations, log_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def file(page, source, province):
    page.goto("/report/")
    page.get_by_label("LD — lừa đảo").check()
    page.get_by_label("Số điện thoại hoặc tên đã gọi").fill(source)
    page.get_by_label("Người gọi nói gì").fill("Giả danh công an, đòi chuyển tiền")
    page.get_by_label("Tỉnh, thành phố nơi bạn ở").fill(province)
    page.get_by_role("button", name="Gửi phản ánh").click()
    page.wait_for_url("**/report/*-*-*/")


def test_an_inspector_finds_a_repeat_number_and_moves_its_reports_on(browser, live_server):
    call_command("load_reference_data", verbosity=0)
    citizen = browser.new_context(base_url=live_server.url, locale="vi-VN")
    page = citizen.new_page()
    file(page, "0912 345 678", "Bình Phước")
    file(page, "+84912345678", "Đồng Nai")
    file(page, "0912345678", "Hà Nội")  # not Bảo's province
    citizen.close()

    bao = get_user_model().objects.create_user("bao", password="mat-khau-bao", is_staff=True)
    bao.groups.add(Group.objects.get(name=INSPECTORS))
    InspectorProvince.objects.create(user=bao, province=Province.objects.get(slug="dong-nai"))

    office = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    admin = office.new_page()
    log_in_as(admin, "bao", "mat-khau-bao")
    admin.goto("/admin/reports/report/")
    admin.get_by_role("link", name="Số bị phản ánh nhiều lần").click()
    assert axe_violations(admin) == []
    admin.get_by_role("link", name="0912345678").click()
    admin.wait_for_url("**source__exact=0912345678*")
    assert admin.locator("#result_list tbody tr").count() == 2  # Hà Nội's is not his

    admin.locator("#action-toggle").check()
    admin.select_option("select[name=action]", "review")
    with admin.expect_navigation():
        admin.locator("button[name=index]").click()  # the actions bar's "Go"
    in_review = Report.objects.filter(status=Report.Status.IN_REVIEW)
    assert sorted(in_review.values_list("province__slug", flat=True)) == ["dong-nai", "dong-nai"]
    assert Report.objects.get(province__slug="ha-noi").status == Report.Status.NEW
    office.close()
