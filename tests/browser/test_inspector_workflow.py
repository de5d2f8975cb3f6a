"""Inspector Hà of Đắk Lắk works her queue in a real browser; Chị Lan reads the answer.

Hà takes a new report, finds it again by a word typed without diacritics,
reviews it, forwards it to the police with a template reply; Lan's receipt
shows that reply. Inspector Quang of Hà Nội cannot reach the report. The
list holds one line per report at 1366 px.
"""

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from reports.models import Report
from reports.roles import INSPECTORS

from ..reports.conftest import make_report, staff
from .conftest import axe_violations, log_in_as

pytestmark = pytest.mark.django_db(transaction=True)

LIST = "/admin/reports/report/"


def log_in(browser, live_server, username):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1366, "height": 768}, locale="vi-VN"
    )
    return log_in_as(context.new_page(), username)


def file_report(phone):
    phone.goto("/report/")
    phone.get_by_label("LD — lừa đảo").check()
    phone.get_by_label("Số điện thoại hoặc tên đã gọi").fill("0912 345 678")
    phone.get_by_label("Người gọi nói gì").fill(
        "Tự xưng cán bộ Sở TTTT, đòi xác thực sinh trắc học, nếu không sẽ khóa SIM"
    )
    phone.get_by_label("Tỉnh, thành phố nơi bạn ở").fill("Phú Yên")
    phone.get_by_role("button", name="Gửi phản ánh").click()
    phone.wait_for_url("**/report/*-*-*/")
    return urlsplit(phone.url).path


def test_ha_forwards_lans_report_to_the_police_and_lan_reads_the_reply(browser, live_server, phone):
    call_command("load_reference_data", verbosity=0)
    receipt = file_report(phone)
    for n in range(24):  # a queue, not a single report
        make_report(
            content=f"Cuộc gọi quấy rối số {n}, mời lên làm việc", source=f"09123450{n:02d}"
        )
    report = Report.objects.get(content__contains="sinh trắc")
    staff("ha", INSPECTORS, "dak-lak")
    staff("quang", INSPECTORS, "ha-noi")

    ha = log_in(browser, live_server, "ha")
    ha.goto(f"{LIST}?assignee=nobody")
    rows = ha.locator("#result_list tbody tr")
    heights = rows.evaluate_all("rows => rows.map(r => r.getBoundingClientRect().height)")
    assert len(heights) == 25 and max(heights) < 40  # one line per report
    overflow = ha.evaluate(
        "document.querySelector('#result_list').scrollWidth"
        " - document.querySelector('.results').clientWidth"
    )
    assert overflow <= 0  # no column hidden to the right
    assert axe_violations(ha) == []

    row = rows.filter(has_text=report.case_number)
    with ha.expect_navigation():
        row.get_by_role("button", name="Nhận").click()
    ha.goto(f"{LIST}?assignee=mine")
    assert ha.locator("#result_list tbody tr").count() == 1

    ha.goto(LIST)
    ha.get_by_role("textbox").first.fill("sinh trac")
    with ha.expect_navigation():
        ha.get_by_role("button", name="Tìm kiếm").click()
    assert ha.locator("#result_list tbody tr").count() == 1
    ha.get_by_role("link", name=report.case_number).click()
    ha.wait_for_load_state()
    assert "Phú Yên" in ha.locator("fieldset.report-citizen").inner_text()  # as Lan chose it
    assert axe_violations(ha) == []
    # The triage panel's script: only what the chosen step needs (report-triage.js).
    assert ha.get_by_label("Chuyển tới").is_hidden()
    ha.get_by_label("Không xử lý", exact=True).check()
    assert ha.get_by_label("Lý do không xử lý").is_visible()
    assert ha.get_by_label("Chuyển tới").is_hidden()

    # Forwarding a new report: one save (reviewed, then forwarded, in the history).
    ha.get_by_label("Chuyển cơ quan chức năng").check()
    assert ha.get_by_label("Lý do không xử lý").is_hidden()
    ha.get_by_label("Chuyển tới").select_option(label="Công an")
    ha.get_by_label("Mẫu trả lời").select_option(
        label="Đã chuyển cơ quan chức năng — Chuyển công an"
    )
    # The template's text, filled for this report, is in the box before saving.
    reply = ha.get_by_role("textbox", name="Trả lời người dân").input_value()
    assert "Phản ánh về số 0912345678 đã được chuyển tới cơ quan công an" in reply
    ha.get_by_role("textbox", name="Ghi chú nội bộ").fill("Đã báo Đội CSHS qua điện thoại")
    with ha.expect_navigation():
        ha.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").first.click()
    assert f"Đã chuyển phản ánh {report.case_number} cho Công an." in ha.content()
    history = ha.locator(".report-history").inner_text()
    assert "Mới tiếp nhận → Đang xem xét" in history
    assert "Đang xem xét → Đã chuyển cơ quan chức năng (Công an)" in history
    assert "Đã báo Đội CSHS qua điện thoại" in history

    phone.goto(receipt)
    state = phone.locator(".receipt-state").inner_text()
    assert "Đã chuyển cơ quan chức năng: Công an" in state
    assert "Phản ánh về số 0912345678 đã được chuyển tới cơ quan công an" in state
    assert "Đội CSHS" not in phone.content()

    quang = log_in(browser, live_server, "quang")
    quang.goto(f"{LIST}{report.pk}/change/")
    assert report.code not in quang.locator("#content").inner_text()
    quang.goto(f"{LIST}?q={report.code}")
    assert quang.locator("#result_list tbody tr").count() == 0
    ha.context.close()
    quang.context.close()
