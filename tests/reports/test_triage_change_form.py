"""Inspector Hà works a report from its admin page: the next step, a reply, a note, the history.

Only the steps the report can take are offered; a refused one is said in
Vietnamese and changes nothing; every change lands in a history Hà reads
in Vietnam's time.
"""

import datetime
import re

import pytest
from django.utils import timezone

from reports import triage
from reports.models import ForwardTarget, RejectReason, ReplyTemplate, Report, ReportEvent
from reports.roles import INSPECTORS, SUPERVISORS

from .conftest import make_report, staff, triage_page
from .media import png, upload, wav

pytestmark = pytest.mark.django_db


@pytest.fixture
def ha(client):
    user = staff("ha", INSPECTORS, "dak-lak")
    client.force_login(user)
    return user


def page(client, report):
    response = client.get(f"/admin/reports/report/{report.pk}/change/")
    assert response.status_code == 200
    return response


def change(client, report, opened=True, **fields):
    report.refresh_from_db()
    data = {
        "step": "",
        "target": "",
        "reason": "",
        "original": "",
        "template": "",
        "reply": report.public_reply,
        "note": "",
        "assignee": report.assigned_to_id or "",
    }
    if opened:
        data.update(triage_page(client, report))  # as freshly opened
    data.update({key: "" if value is None else value for key, value in fields.items()})
    return client.post(f"/admin/reports/report/{report.pk}/change/", data)


def offered_steps(response):
    return re.findall(r'name="step" value="(\w*)"', response.content.decode())


def test_only_the_steps_the_report_can_take_are_offered(client, ha):
    assert offered_steps(page(client, make_report())) == ["", "review", "forward", "reject"]
    in_review = make_report(status=Report.Status.IN_REVIEW)
    assert offered_steps(page(client, in_review)) == ["", "forward", "reject"]
    resolved = make_report(status=Report.Status.RESOLVED)
    assert offered_steps(page(client, resolved)) == [""]  # reopening is a supervisor's


def test_review_then_forward_to_the_police_with_a_template_reply(client, ha):
    report = make_report(source="0912345678")
    assert change(client, report, step="review").status_code == 302
    template = ReplyTemplate.objects.get(title="Chuyển công an")
    response = change(
        client, report, step="forward", target="police", template=template.pk, note="Gửi PA05"
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.forward_target) == ("forwarded", "police")
    assert "Phản ánh về số 0912345678 đã được chuyển tới cơ quan công an" in report.public_reply
    steps = list(report.events.filter(kind="step").values_list("from_status", "status", "target"))
    assert steps == [("new", "in_review", ""), ("in_review", "forwarded", "police")]
    assert report.events.get(status="forwarded").note == "Gửi PA05"


def test_a_typed_reply_wins_over_the_template(client, ha):
    report = make_report(status=Report.Status.IN_REVIEW)
    template = ReplyTemplate.objects.get(title="Chuyển công an")
    change(client, report, step="forward", target="police", template=template.pk, reply="Đã nhận.")
    report.refresh_from_db()
    assert report.public_reply == "Đã nhận."


def test_a_refused_step_is_said_in_vietnamese_and_changes_nothing(client, ha):
    report = make_report()
    response = change(client, report, step="resolve")
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()  # not even offered
    response = change(client, report, step="reject")
    assert "Hãy chọn lý do không xử lý." in response.content.decode()
    in_review = make_report(status=Report.Status.IN_REVIEW)
    response = change(client, in_review, step="forward")
    assert "Hãy chọn cơ quan nhận chuyển" in response.content.decode()
    assert Report.objects.filter(status__in=["new", "in_review"]).count() == 2
    assert not ReportEvent.objects.filter(kind="step").exists()


def test_rejecting_as_a_duplicate_needs_an_original(client, ha):
    report = make_report()
    response = change(client, report, step="reject", reason="duplicate")
    assert "hãy ghi số hồ sơ của phản ánh gốc" in response.content.decode()
    response = change(client, report, step="reject", reason="duplicate", original="ZZZZ-ZZZZ-ZZZZ")
    assert "Không tìm thấy phản ánh gốc trong phạm vi của bạn." in response.content.decode()

    original = make_report()
    typed = original.code.replace("-", " ").lower()  # as read aloud on the phone
    assert (
        change(client, report, step="reject", reason="duplicate", original=typed).status_code == 302
    )
    report.refresh_from_db()
    assert (report.status, report.reject_reason, report.duplicate_of) == (
        "rejected",
        "duplicate",
        original,
    )
    html = page(client, original).content.decode()
    assert "1 phản ánh trùng với phản ánh này" in html and report.case_number in html


def test_a_supervisor_reopens_with_a_reason(client):
    minh = staff("minh", SUPERVISORS, "dak-lak")
    client.force_login(minh)
    report = make_report(status=Report.Status.REJECTED, reject_reason=RejectReason.NOT_SCAM)
    assert offered_steps(page(client, report)) == ["", "reopen"]
    response = change(client, report, step="reopen")
    assert "Hãy ghi lý do mở lại" in response.content.decode()
    assert (
        change(client, report, step="reopen", note="Người dân gửi thêm ghi âm").status_code == 302
    )
    report.refresh_from_db()
    assert (report.status, report.reject_reason) == ("in_review", "")


def test_a_note_alone_is_kept_internal_and_shown_in_the_history(client, ha):
    report = make_report()
    change(client, report, note="Gọi lại cho người dân lúc 14h")
    report.refresh_from_db()
    assert report.status == "new"
    assert report.notes.get().author == ha
    html = page(client, report).content.decode()
    assert "Gọi lại cho người dân lúc 14h" in html


def test_the_history_reads_in_vietnams_time_from_state_to_state(client, ha):
    report = make_report()
    triage.take_step(report, "reject", by=ha, reason=RejectReason.NOT_SCAM, note="Số tổng đài")
    ReportEvent.objects.filter(kind="step").update(
        at=datetime.datetime(2026, 1, 1, 0, 30, tzinfo=datetime.UTC)
    )
    html = page(client, report).content.decode()
    history = html.split('class="report-history"')[1]
    assert "01/01/2026 07:30" in history  # 00:30 UTC is 07:30 in Hà Nội
    assert "UTC" not in history
    assert "Chuyển trạng thái: Mới tiếp nhận → Không xử lý" in history
    assert "Không phải lừa đảo hay tin nhắn, cuộc gọi rác" in history
    assert "Số tổng đài" in history


def test_evidence_is_seen_and_heard_in_place_through_the_checked_view(client, ha):
    client.logout()
    filed = client.post(
        "/report/",
        {
            "kind": "LD",
            "source": "0912345678",
            "content": "Tin nhắn giả ngân hàng",
            "province": "Đắk Lắk",
            "evidence": [
                upload("tin-nhan.png", png(), "image/png"),
                upload("cuoc-goi.wav", wav(), "audio/wav"),
            ],
        },
    )
    report = Report.objects.get(code=filed["Location"].split("/")[2])
    client.force_login(ha)
    evidence, recording = report.evidence.order_by("pk")
    html = page(client, report).content.decode()
    assert (
        f'<audio controls preload="none" src="/admin/reports/report/evidence/{recording.pk}/view/"'
        in html
    )
    view = f"/admin/reports/report/evidence/{evidence.pk}/view/"
    assert f'<img src="{view}"' in html
    assert f'href="/admin/reports/report/evidence/{evidence.pk}/"' in html  # download stays
    response = client.get(view)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "inline" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    client.force_login(staff("lan", INSPECTORS, "ha-noi"))
    assert client.get(view).status_code == 404


def test_the_report_page_is_a_constant_number_of_queries(client, ha, django_assert_max_num_queries):
    quiet = make_report()
    busy = make_report()
    triage.take_step(busy, "review", by=ha)
    for n in range(12):
        triage.add_note(busy, f"Ghi chú {n}", by=ha)
        triage.take_step(
            make_report(), "reject", by=ha, reason=RejectReason.DUPLICATE, original=busy
        )
    triage.reply(busy, "Đang xem xét", by=ha)
    with django_assert_max_num_queries(40) as quiet_queries:
        page(client, quiet)
    with django_assert_max_num_queries(len(quiet_queries.captured_queries)):
        page(client, busy)


def test_a_report_of_another_province_is_not_found(client, ha):
    elsewhere = make_report(province="ha-noi")
    response = client.get(f"/admin/reports/report/{elsewhere.pk}/change/")
    assert response.status_code == 302  # the admin's "not found" goes back to the list
    assert change(client, elsewhere, opened=False, step="review").status_code == 302
    elsewhere.refresh_from_db()
    assert elsewhere.status == "new"


def test_forward_targets_and_reasons_are_the_ones_the_issue_names():
    assert ForwardTarget.labels == ["Công an", "Nhà mạng", "Sở, ngành chức năng"]
    assert RejectReason.values == ["duplicate", "not_scam", "not_enough_info", "other"]
    assert timezone.get_current_timezone_name() == "Asia/Ho_Chi_Minh"
