"""After a save, Hà reads what happened to the report, not Django's generic sentence.

"Đã chuyển phản ánh DL-2026-000123 cho Công an.", "Đã giao … cho …",
"Đã lưu ghi chú.": the message names the report and what was done.
"""

import pytest

from reports.models import Report
from reports.roles import INSPECTORS, SUPERVISORS

from .conftest import make_report, staff, triage_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def ha(client):
    user = staff("ha", INSPECTORS, "dak-lak")
    client.force_login(user)
    return user


def save(client, report, button="_save", **fields):
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
        button: "1",
        **triage_page(client, report),
    }
    data.update(fields)
    return client.post(f"/admin/reports/report/{report.pk}/change/", data, follow=True)


def said(response):
    return [str(message) for message in response.context["messages"]]


def test_forwarding_says_to_whom(client, ha):
    report = make_report()
    response = save(client, report, step="forward", target="police")
    assert said(response) == [f"Đã chuyển phản ánh {report.case_number} cho Công an."]
    assert "thành công" not in response.content.decode()


def test_a_note_alone_says_it_was_kept(client, ha):
    report = make_report(status=Report.Status.IN_REVIEW)
    assert said(save(client, report, note="Gọi lại cho người dân")) == ["Đã lưu ghi chú."]


def test_taking_a_report_and_replying_say_both(client, ha):
    report = make_report(status=Report.Status.IN_REVIEW)
    response = save(client, report, assignee=ha.pk, reply="Cảm ơn bạn đã phản ánh.")
    assert said(response) == [
        f"Bạn đã nhận phản ánh {report.case_number}. Đã lưu trả lời người dân."
    ]


def test_a_supervisor_giving_a_report_names_the_assignee(client):
    minh = staff("minh", SUPERVISORS, "dak-lak")
    tuan = staff("tuan", INSPECTORS, "dak-lak")
    tuan.first_name, tuan.last_name = "Tuấn", "Lê"
    tuan.save()
    client.force_login(minh)
    report = make_report()
    response = save(client, report, assignee=tuan.pk)
    # Family name first (portal.names), as Vietnamese say it.
    assert said(response) == [f"Đã giao phản ánh {report.case_number} cho Lê Tuấn."]


def test_a_duplicate_names_its_original(client, ha):
    original = make_report()
    duplicate = make_report()
    response = save(
        client, duplicate, step="reject", reason="duplicate", original=original.case_number
    )
    assert said(response) == [
        f"Đã ghi phản ánh {duplicate.case_number} là trùng với {original.case_number}."
    ]


def test_saving_nothing_says_so_and_continue_stays_on_the_page(client, ha):
    report = make_report()
    response = save(client, report, button="_continue")
    assert response.redirect_chain[-1][0] == f"/admin/reports/report/{report.pk}/change/"
    assert said(response) == [f"Không có gì thay đổi ở phản ánh {report.case_number}."]
