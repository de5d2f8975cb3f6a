"""Chị Lan's report page lost its security cookie (an in-app browser, a long afternoon).

In a real browser, the form she sends from our own page fails the check, and
comes back with everything she typed and a "Gửi lại" button that files it.
"""

import pytest

from reports.models import Report

pytestmark = pytest.mark.django_db(transaction=True)


def test_what_lan_typed_comes_back_and_sending_again_files_it(phone):
    phone.goto("/report/")
    phone.get_by_label("LD — lừa đảo").check()
    phone.get_by_label("Số điện thoại hoặc tên đã gọi").fill("0912 345 678")
    phone.get_by_label("Người gọi nói gì").fill("Tự xưng công an, dọa khóa SIM")
    phone.context.clear_cookies()  # the cookie is gone: the token on the page no longer matches

    phone.get_by_role("button", name="Gửi phản ánh").click()
    phone.wait_for_load_state()
    main = phone.locator("main")
    assert "phiên làm việc đã hết hạn" in main.inner_text()
    assert "Tự xưng công an, dọa khóa SIM" in main.inner_text()
    assert not Report.objects.exists()

    phone.get_by_role("button", name="Gửi lại").click()
    phone.wait_for_url("**/report/*-*-*/")
    assert Report.objects.get().content == "Tự xưng công an, dọa khóa SIM"
