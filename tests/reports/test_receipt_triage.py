"""Chị Lan opens her receipt a week later: where her report is, what it means, the reply.

Never an internal note, never another citizen's code, even when her report
was merged into theirs.
"""

import pytest

from reports import triage
from reports.models import ForwardTarget, RejectReason, Report
from reports.roles import INSPECTORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def ha():
    return staff("nguyen.thu.ha", INSPECTORS, "dak-lak")


def receipt(client, report):
    response = client.get(f"/report/{report.code}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_report_says_it_was_received_and_what_to_do_meanwhile(client):
    html = receipt(client, make_report())
    assert "Tình trạng xử lý" in html
    assert "<strong>Mới tiếp nhận</strong>" in html
    assert "Bạn chưa cần làm gì thêm" in html


def test_a_forwarded_report_shows_where_with_the_reply_and_its_date(client, ha):
    report = triage.take_step(make_report(), "review", by=ha)
    triage.take_step(
        report,
        "forward",
        by=ha,
        target=ForwardTarget.POLICE,
        note="Đã gọi điện cho Đội CSHS, anh Tùng",
        reply="Số 0912345678 đã được chuyển tới công an tỉnh để xác minh.",
    )
    triage.add_note(report, "Người dân có vẻ lớn tuổi, cần gọi lại", by=ha)
    html = receipt(client, report)
    assert "<strong>Đã chuyển cơ quan chức năng</strong>: Công an" in html
    assert "“Số 0912345678 đã được chuyển tới công an tỉnh để xác minh.”" in html
    assert "Trả lời của cán bộ tiếp nhận, ngày" in html
    assert "hãy đến cơ quan công an gần nhất" in html
    for internal in ("Đội CSHS", "anh Tùng", "lớn tuổi", "nguyen.thu.ha"):
        assert internal not in html


def test_a_rejected_report_says_why_and_what_can_still_be_done(client, ha):
    report = triage.take_step(
        make_report(), "reject", by=ha, reason=RejectReason.NOT_ENOUGH_INFORMATION
    )
    html = receipt(client, report)
    assert "<strong>Không xử lý</strong>" in html
    assert "Lý do: Không đủ thông tin để xử lý" in html
    assert "hãy gửi phản ánh mới kèm thông tin đó" in html


def test_a_duplicate_shows_it_was_merged_and_the_originals_state_never_its_code(client, ha):
    original = make_report(content="Tự xưng công an tỉnh, đòi chuyển tiền")
    triage.take_step(original, "review", by=ha)
    triage.take_step(original, "forward", by=ha, target=ForwardTarget.OPERATOR)
    duplicate = triage.take_step(
        make_report(), "reject", by=ha, reason=RejectReason.DUPLICATE, original=original
    )
    html = receipt(client, duplicate)
    assert "đã được gộp lại để xử lý chung" in html
    assert "<strong>Đã chuyển cơ quan chức năng</strong>: Nhà mạng" in html
    assert original.code not in html
    assert "Tự xưng công an tỉnh" not in html
    assert "Lý do:" not in html


def test_the_receipt_stays_a_few_queries_whatever_happened(
    client, ha, django_assert_max_num_queries
):
    original = make_report()
    duplicate = triage.take_step(
        make_report(), "reject", by=ha, reason=RejectReason.DUPLICATE, original=original
    )
    with django_assert_max_num_queries(10):
        client.get(f"/report/{duplicate.code}/")


def test_a_state_the_citizen_reads_has_plain_words_for_every_state():
    assert set(triage.CITIZEN_MEANING) == set(Report.Status.values)
