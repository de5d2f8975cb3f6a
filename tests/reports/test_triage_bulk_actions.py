"""Inspector Hà moves many reports at once: only sensible steps, with what they need, and a count.

Reviewed: a bulk "forward" moved 399 new reports straight to forwarded.
Now forward, reject and reopen ask on a confirmation page for their target
or reason, say how many will change, and afterwards how many were skipped and why.
"""

import pytest

from reports import triage
from reports.models import Report, ReportEvent
from reports.roles import INSPECTORS, SUPERVISORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

LIST = "/admin/reports/report/"
S = Report.Status


@pytest.fixture
def ha(client):
    user = staff("ha", INSPECTORS, "dak-lak")
    client.force_login(user)
    return user


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def act(client, action, reports, **extra):
    data = {"action": action, "_selected_action": [r.pk for r in reports], **extra}
    return client.post(LIST, data, follow="post" in extra or action in ("review", "resolve"))


def test_a_bulk_review_moves_the_new_ones_and_says_why_others_stayed(client, ha):
    new = [make_report(), make_report()]
    forwarded = make_report(status=S.FORWARDED)
    response = act(client, "review", [*new, forwarded])
    assert messages_of(response) == [
        "Đã chuyển 2 phản ánh sang “Đang xem xét”. Bỏ qua 1 phản ánh: "
        "1 đang ở trạng thái “Đã chuyển cơ quan chức năng”."
    ]
    assert Report.objects.filter(status=S.IN_REVIEW).count() == 2


def test_a_bulk_forward_of_new_reports_reviews_then_forwards_them(client, ha):
    reports = [make_report() for _ in range(3)]
    page = act(client, "forward", reports)
    assert page.status_code == 200
    assert "Đã chọn 3 phản ánh; 3 sẽ được thay đổi." in page.content.decode()
    done = act(client, "forward", reports, post="yes", target="police")
    assert messages_of(done) == ["Đã chuyển 3 phản ánh tới cơ quan chức năng."]
    assert Report.objects.filter(status=S.FORWARDED).count() == 3
    steps = reports[0].events.filter(kind="step").order_by("at", "pk")
    assert list(steps.values_list("from_status", "status")) == [
        (S.NEW, S.IN_REVIEW),
        (S.IN_REVIEW, S.FORWARDED),
    ]


def test_a_bulk_forward_asks_for_the_target_then_records_it_with_the_reply(client, ha):
    reports = [make_report(status=S.IN_REVIEW, source=s) for s in ("0912345678", "0987654321")]
    page = act(client, "forward", reports, post="yes")  # no target chosen
    assert page.status_code == 200
    assert "Hãy chọn cơ quan nhận chuyển" in page.content.decode()
    assert not Report.objects.filter(status=S.FORWARDED).exists()
    template = page.context["form"].fields["template"].queryset.get(title="Chuyển nhà mạng")
    done = act(client, "forward", reports, post="yes", target="operator", template=template.pk)
    assert messages_of(done) == ["Đã chuyển 2 phản ánh tới cơ quan chức năng."]
    replies = sorted(Report.objects.values_list("public_reply", flat=True))
    assert replies[0].startswith("Phản ánh về số 0912345678 đã được chuyển tới nhà mạng")
    assert replies[1].startswith("Phản ánh về số 0987654321")  # each its own number
    assert ReportEvent.objects.filter(kind="step", target="operator", actor=ha).count() == 2


def test_the_confirmation_offers_only_the_templates_of_the_state_reached(client, ha):
    page = act(client, "reject", [make_report()])
    titles = [t.title for t in page.context["form"].fields["template"].queryset]
    assert titles == ["Trùng phản ánh khác", "Không có dấu hiệu lừa đảo", "Chưa đủ thông tin"]


def test_a_bulk_rejection_as_duplicates_needs_the_original(client, ha):
    original = make_report()
    copies = [make_report(), make_report()]
    page = act(client, "reject", copies, post="yes", reason="duplicate")
    assert "hãy ghi số hồ sơ của phản ánh gốc" in page.content.decode()
    done = act(
        client,
        "reject",
        [*copies, original],
        post="yes",
        reason="duplicate",
        original=original.code,
    )
    assert messages_of(done) == [
        "Đã chuyển 2 phản ánh sang “Không xử lý”. Bỏ qua 1 phản ánh: 1 phản ánh gốc không hợp lệ."
    ]
    assert set(original.duplicates.all()) == set(copies)


def test_ids_of_another_province_are_never_touched_whatever_is_posted(client, ha):
    elsewhere = make_report(province="ha-noi")
    act(client, "review", [elsewhere])
    elsewhere.refresh_from_db()
    assert elsewhere.status == S.NEW
    assert not elsewhere.events.filter(kind="step").exists()


def test_only_a_supervisor_reopens_in_bulk_with_a_reason(client, ha):
    closed = [make_report(status=S.RESOLVED), make_report(status=S.REJECTED)]
    act(client, "reopen", closed, post="yes", note="Số này lại gọi")
    assert Report.objects.filter(status=S.IN_REVIEW).count() == 0  # not Hà's to do
    client.force_login(staff("minh", SUPERVISORS, "dak-lak"))
    page = act(client, "reopen", closed, post="yes")
    assert "Bắt buộc; ghi vào lịch sử" in page.content.decode()
    done = act(client, "reopen", closed, post="yes", note="Số này lại gọi")
    assert messages_of(done) == ["Đã mở lại 2 phản ánh."]
    assert set(ReportEvent.objects.filter(kind="step").values_list("note", flat=True)) == {
        "Số này lại gọi"
    }


def test_resolving_in_bulk_closes_only_forwarded_reports(client, ha):
    forwarded = make_report(status=S.FORWARDED)
    new = make_report()
    response = act(client, "resolve", [forwarded, new])
    assert "Đã đánh dấu 1 phản ánh là đã xử lý xong." in messages_of(response)[0]
    forwarded.refresh_from_db()
    assert forwarded.status == S.RESOLVED and forwarded.closed_at is not None


def test_the_same_step_taken_twice_is_refused_the_second_time(ha):
    report = make_report()
    triage.take_step(report, "review", by=ha)
    with pytest.raises(triage.Refused):
        triage.take_step(report, "review", by=ha)  # the row is read again, under lock
