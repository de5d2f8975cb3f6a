"""The statistics page on a 320 px phone: an SVG chart without inline styles, axe-clean."""

import pytest

from .conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_statistics_fit_a_small_phone_and_pass_axe(narrow_phone):
    phone = narrow_phone
    phone.goto("/")
    phone.get_by_role("link", name="Thống kê phản ánh").click()
    phone.wait_for_url("**/statistics/")
    chart = phone.get_by_role("img", name="Phản ánh mỗi tháng")
    assert chart.bounding_box()["width"] <= 320
    assert phone.get_by_role("table", name="Phản ánh mỗi tháng").locator("tbody tr").count() == 12
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(phone) == []
