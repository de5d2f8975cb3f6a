"""Inspector Hà forwards a new report to the police in one save, not two.

"Mới tiếp nhận" offers "Chuyển cơ quan chức năng"; the history then reads
what happened: reviewed, then forwarded. The report page, a bulk action and
code (reports.triage) agree, since they share the one table of steps.
"""

import pytest

from reports import triage
from reports.models import Report
from reports.roles import INSPECTORS
from reports.triage_bulk import take_step_in_bulk

from .conftest import make_report, staff, triage_page

pytestmark = pytest.mark.django_db

S = Report.Status


@pytest.fixture
def ha(client):
    user = staff("ha", INSPECTORS, "dak-lak")
    client.force_login(user)
    return user


def steps_of(report):
    return list(
        report.events.filter(kind="step")
        .order_by("at", "pk")
        .values_list("from_status", "status", "target", "note")
    )


def test_a_new_report_offers_forwarding(ha):
    report = make_report()
    assert [step.name for step in triage.steps_for(report, ha)] == ["review", "forward", "reject"]


def test_forwarding_a_new_report_from_its_page_is_one_save(client, ha):
    report = make_report()
    data = {
        "step": "forward",
        "target": "police",
        "reason": "",
        "original": "",
        "template": "",
        "reply": "",
        "note": "Gửi PA05",
        "assignee": "",
        **triage_page(client, report),
    }
    response = client.post(f"/admin/reports/report/{report.pk}/change/", data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.forward_target) == (S.FORWARDED, "police")
    assert steps_of(report) == [
        (S.NEW, S.IN_REVIEW, "", ""),
        (S.IN_REVIEW, S.FORWARDED, "police", "Gửi PA05"),
    ]
    page = client.get(f"/admin/reports/report/{report.pk}/change/").content.decode()
    assert "Mới tiếp nhận → Đang xem xét" in page
    assert "Đang xem xét → Đã chuyển cơ quan chức năng" in page


def test_forwarding_new_reports_in_bulk_writes_the_same_history(ha):
    by_hand, in_bulk = make_report(), make_report()
    triage.take_step(by_hand, "forward", by=ha, target="operator")
    outcome = take_step_in_bulk(
        Report.objects.filter(pk=in_bulk.pk), "forward", by=ha, target="operator"
    )
    assert outcome.done == 1
    assert (
        steps_of(in_bulk)
        == steps_of(by_hand)
        == [
            (S.NEW, S.IN_REVIEW, "", ""),
            (S.IN_REVIEW, S.FORWARDED, "operator", ""),
        ]
    )


def test_a_report_in_review_is_forwarded_with_one_line(ha):
    report = make_report(status=S.IN_REVIEW)
    in_bulk = make_report(status=S.IN_REVIEW)
    triage.take_step(report, "forward", by=ha, target="police")
    take_step_in_bulk(Report.objects.filter(pk=in_bulk.pk), "forward", by=ha, target="police")
    assert steps_of(report) == steps_of(in_bulk) == [(S.IN_REVIEW, S.FORWARDED, "police", "")]


def test_a_forward_without_a_target_still_changes_nothing(ha):
    report = make_report()
    with pytest.raises(triage.Refused):
        triage.take_step(report, "forward", by=ha)
    report.refresh_from_db()
    assert report.status == S.NEW
    assert steps_of(report) == []
