"""The workflow in code: only sensible steps, each with what it needs, each in the history.

Inspector Hà triages Đắk Lắk; Trưởng nhóm Minh supervises it. Every pair
(state, step) is tried: the allowed ones go through and are recorded with
from, to, target or reason; the others are refused with a reason in Vietnamese.
"""

import itertools

import pytest

from reports import triage
from reports.models import ForwardTarget, RejectReason, Report, ReportEvent
from reports.roles import INSPECTORS, SUPERVISORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

S = Report.Status
ALLOWED = {
    (S.NEW, "review"): S.IN_REVIEW,
    (S.NEW, "reject"): S.REJECTED,
    (S.NEW, "forward"): S.FORWARDED,  # reviewed, then forwarded: test_forward_in_one_save.py
    (S.IN_REVIEW, "forward"): S.FORWARDED,
    (S.IN_REVIEW, "reject"): S.REJECTED,
    (S.FORWARDED, "resolve"): S.RESOLVED,
    (S.RESOLVED, "reopen"): S.IN_REVIEW,
    (S.REJECTED, "reopen"): S.IN_REVIEW,
}
DETAILS = {
    "forward": {"target": ForwardTarget.POLICE},
    "reject": {"reason": RejectReason.NOT_SCAM},
    "reopen": {"note": "Người dân gửi thêm ghi âm"},
}


@pytest.fixture
def ha():
    return staff("ha", INSPECTORS, "dak-lak")


@pytest.fixture
def minh():
    return staff("minh", SUPERVISORS, "dak-lak")


def report_in(state):
    return make_report(status=state)


@pytest.mark.parametrize(
    ("state", "step"), list(itertools.product(S.values, triage.STEPS)), ids=lambda v: str(v)
)
def test_every_step_from_every_state(minh, state, step):
    report = report_in(state)
    wanted = ALLOWED.get((state, step))
    if wanted is None:
        with pytest.raises(triage.Refused) as refused:
            triage.take_step(report, step, by=minh, **DETAILS.get(step, {}))
        assert "đang ở trạng thái" in str(refused.value)
        report.refresh_from_db()
        assert report.status == state
        assert not report.events.filter(kind=ReportEvent.Kind.STEP).exists()
        return
    stored = triage.take_step(report, step, by=minh, **DETAILS.get(step, {}))
    assert stored.status == wanted
    events = report.events.filter(kind=ReportEvent.Kind.STEP).order_by("at", "pk")
    hops = [(event.actor, event.from_status, event.status) for event in events]
    assert hops[0][:2] == (minh, state)
    assert hops[-1][2] == wanted


def test_resolving_a_new_report_is_refused_it_must_be_forwarded_first(ha):
    report = make_report()
    with pytest.raises(triage.Refused) as refused:
        triage.take_step(report, "resolve", by=ha)
    assert str(refused.value) == (
        f"Phản ánh {report.case_number} đang ở trạng thái “Mới tiếp nhận”: chỉ đánh dấu đã xử lý "
        "xong được khi phản ánh ở trạng thái “Đã chuyển cơ quan chức năng”."
    )


def test_forwarding_needs_a_target_and_records_it(ha):
    report = make_report(status=S.IN_REVIEW)
    with pytest.raises(triage.Refused, match="Hãy chọn cơ quan nhận chuyển"):
        triage.take_step(report, "forward", by=ha)
    stored = triage.take_step(report, "forward", by=ha, target=ForwardTarget.OPERATOR)
    assert stored.forward_target == "operator"
    event = stored.events.get(kind="step")
    assert (event.target, event.from_status, event.status) == ("operator", "in_review", "forwarded")


@pytest.mark.parametrize(
    ("details", "message"),
    [
        ({}, "Hãy chọn lý do không xử lý."),
        ({"reason": "dunno"}, "Hãy chọn lý do không xử lý."),
        ({"reason": RejectReason.OTHER}, "Lý do khác: hãy ghi rõ lý do trong ghi chú."),
        ({"reason": RejectReason.DUPLICATE}, "hãy ghi số hồ sơ của phản ánh gốc"),
    ],
)
def test_rejecting_needs_a_reason(ha, details, message):
    report = make_report()
    with pytest.raises(triage.Refused, match=message):
        triage.take_step(report, "reject", by=ha, **details)
    report.refresh_from_db()
    assert report.status == S.NEW


def test_a_rejection_with_its_reason_is_recorded_and_closes_the_report(ha):
    report = make_report(status=S.IN_REVIEW)
    stored = triage.take_step(
        report, "reject", by=ha, reason=RejectReason.NOT_ENOUGH_INFORMATION, note="Chỉ có số"
    )
    assert (stored.status, stored.reject_reason) == ("rejected", "not_enough_info")
    assert stored.closed_at is not None
    event = stored.events.get(kind="step")
    assert (event.reason, event.note) == ("not_enough_info", "Chỉ có số")


def test_only_a_supervisor_reopens_and_only_with_a_reason(ha, minh):
    report = make_report(status=S.RESOLVED)
    with pytest.raises(triage.Refused, match="Chỉ trưởng nhóm thanh tra"):
        triage.take_step(report, "reopen", by=ha, note="Gọi lại")
    with pytest.raises(triage.Refused, match="Hãy ghi lý do mở lại"):
        triage.take_step(report, "reopen", by=minh, note="  ")
    stored = triage.take_step(report, "reopen", by=minh, note="Số này lại gọi tiếp")
    assert (stored.status, stored.closed_at) == ("in_review", None)
    assert [step.name for step in triage.steps_for(stored, ha)] == ["forward", "reject"]


def test_an_inspector_of_another_province_cannot_take_any_step():
    report = make_report()
    outsider = staff("lan", INSPECTORS, "ha-noi")
    with pytest.raises(triage.Refused, match="không được giao"):
        triage.take_step(report, "review", by=outsider)


def test_each_step_stamps_the_times_the_dashboard_needs(ha):
    report = make_report()
    reviewed = triage.take_step(report, "review", by=ha)
    assert reviewed.first_action_at == reviewed.status_changed_at
    first = reviewed.first_action_at
    forwarded = triage.take_step(reviewed, "forward", by=ha, target=ForwardTarget.POLICE)
    assert forwarded.first_action_at == first
    assert forwarded.status_changed_at >= first
    resolved = triage.take_step(forwarded, "resolve", by=ha)
    assert resolved.closed_at == resolved.status_changed_at


def test_the_steps_offered_are_the_allowed_ones(ha, minh):
    assert [s.name for s in triage.steps_for(make_report(), ha)] == [
        "review",
        "forward",
        "reject",
    ]
    closed = make_report(status=S.REJECTED)
    assert triage.steps_for(closed, ha) == []
    assert [s.name for s in triage.steps_for(closed, minh)] == ["reopen"]


def test_a_reply_template_is_filled_with_the_receipts_context():
    report = make_report(source="0912345678", province="dak-lak")
    assert triage.fill_reply("Số {source} ({kind}) ở {province}.", report) == (
        "Số 0912345678 (LD — lừa đảo (cuộc gọi hoặc tin nhắn)) ở Đắk Lắk."
    )
    # Never a raw brace for the citizen (test_reply_template_placeholders.py has the rest):
    # what cannot be filled is left out, an unmatched brace dropped.
    assert (
        triage.fill_reply("Số {source} ở {province}, {unknown}, {source.__class__} {", report)
        == "Số 0912345678 ở Đắk Lắk, ,  "
    )
