"""Toàn, a national inspector, reviews a whole filtered list: too many for a request, so a job.

Over REPORT_BULK_IN_REQUEST_MAX (5 here) a bulk step is queued: the request
changes no report and sends Toàn to the bulk steps page; the worker then
changes exactly the reports that may take the step, and the page says how
many changed and how many were skipped, and why.
"""

import pytest
from django.utils import timezone

from reports.models import BulkStep, Report, ReportEvent
from reports.roles import NATIONAL_INSPECTORS, SUPERVISORS
from tests.jobs import run_jobs

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

LIST = "/admin/reports/report/"
PAGE = "/admin/reports/bulk-steps/"
S = Report.Status


@pytest.fixture(autouse=True)
def small_threshold(settings):
    settings.REPORT_BULK_IN_REQUEST_MAX = 5


@pytest.fixture
def toan(client):
    user = staff("toan", NATIONAL_INSPECTORS)
    client.force_login(user)
    return user


def select_all(client, action, query="", **extra):
    data = {"action": action, "select_across": "1", "_selected_action": ["0"], **extra}
    return client.post(LIST + query, data)


def test_reviewing_a_whole_filter_is_queued_then_done_exactly(
    client, toan, django_capture_on_commit_callbacks
):
    new = [make_report(province=p) for p in ("dak-lak", "ha-noi") * 4]  # 8 new
    forwarded = [make_report(status=S.FORWARDED) for _ in range(3)]
    elsewhere = make_report(status=S.RESOLVED, kind="S")  # not in the filter (kind LD)
    with django_capture_on_commit_callbacks(execute=True):
        response = select_all(client, "review", "?kind__exact=LD")
    assert response.status_code == 302 and response["Location"] == PAGE
    page = client.get(PAGE)
    message = next(str(m) for m in page.context["messages"])
    assert message.startswith("Đã xếp hàng 11 phản ánh (Bắt đầu xem xét)")
    # Nothing changed yet: the request only queued it.
    assert Report.objects.filter(status=S.NEW).count() == 8
    assert not ReportEvent.objects.filter(kind="step").exists()
    html = page.content.decode()
    assert "Đang chờ" in html and 'http-equiv="refresh"' in html
    assert "loại: LD — lừa đảo" in html  # the filter, in words

    run_jobs()

    step = BulkStep.objects.get()
    assert (step.status, step.total, step.done) == ("done", 11, 8)
    assert step.skipped == {"state:forwarded": 3}
    assert set(Report.objects.filter(status=S.IN_REVIEW)) == set(new)
    for report in forwarded:
        report.refresh_from_db()
        assert report.status == S.FORWARDED
    elsewhere.refresh_from_db()
    assert elsewhere.status == S.RESOLVED
    events = ReportEvent.objects.filter(kind="step")
    assert sorted(events.values_list("report", flat=True)) == sorted(r.pk for r in new)
    assert set(events.values_list("actor__username", "from_status", "status")) == {
        ("toan", "new", "in_review")
    }
    html = client.get(PAGE).content.decode()
    assert (
        "Đã chuyển 8 phản ánh sang “Đang xem xét”. Bỏ qua 3 phản ánh: "
        "3 đang ở trạng thái “Đã chuyển cơ quan chức năng”."
    ) in html
    assert "Đã xong" in html and "100%" in html
    assert 'http-equiv="refresh"' not in html  # nothing left running


def test_a_forward_over_the_threshold_keeps_what_the_confirmation_asked(
    client, toan, django_capture_on_commit_callbacks
):
    in_review = [make_report(status=S.IN_REVIEW, source=f"09123456{n:02}") for n in range(7)]
    page = select_all(client, "forward")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Đã chọn 7 phản ánh; 7 sẽ được thay đổi." in html
    assert "xếp hàng" in html  # says it will be queued
    template = page.context["form"].fields["template"].queryset.get(title="Chuyển nhà mạng")
    with django_capture_on_commit_callbacks(execute=True):
        response = select_all(
            client, "forward", post="yes", target="operator", template=template.pk, note="Đợt 1"
        )
    assert response.status_code == 302
    assert not Report.objects.filter(status=S.FORWARDED).exists()
    run_jobs()
    for report in in_review:
        report.refresh_from_db()
        assert (report.status, report.forward_target) == (S.FORWARDED, "operator")
        assert report.public_reply.startswith(f"Phản ánh về số {report.source} đã được chuyển")
        event = report.events.get(kind="step")
        assert (event.target, event.note, event.reply) == ("operator", "Đợt 1", report.public_reply)
    assert "Đã chuyển 7 phản ánh tới cơ quan chức năng." in client.get(PAGE).content.decode()


def test_a_supervisor_hands_a_whole_list_on_through_a_job(
    client, django_capture_on_commit_callbacks
):
    minh = staff("minh", SUPERVISORS, "dak-lak")
    tuan = staff("tuan", SUPERVISORS, "dak-lak")
    reports = [make_report() for _ in range(6)] + [make_report(assigned_to=tuan)]
    client.force_login(minh)
    with django_capture_on_commit_callbacks(execute=True):
        select_all(client, "assign", post="yes", assignee=tuan.pk)
    assert Report.objects.filter(assigned_to=tuan).count() == 1
    run_jobs()
    assert Report.objects.filter(assigned_to=tuan).count() == 7
    assert ReportEvent.objects.filter(kind="assignment", assigned_to=tuan).count() == 6
    html = client.get(PAGE).content.decode()
    assert "Đã giao 6 phản ánh cho tuan. Bỏ qua 1 phản ánh: 1 đã như vậy từ trước." in html
    assert len(reports) == 7


def test_erasing_the_data_of_a_whole_list_is_queued_too(
    client, toan, django_capture_on_commit_callbacks
):
    consented = {
        "contact": "lan@example.com",
        "contact_consent_text": "Đồng ý",
        "contact_consented_at": timezone.now(),
    }
    with_data = [make_report(**consented) for _ in range(6)]
    without = [make_report() for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        select_all(client, "erase_personal_data")
    assert Report.objects.exclude(contact="").count() == 6  # not in the request
    run_jobs()
    assert not Report.objects.exclude(contact="").exists()
    notes = ReportEvent.objects.filter(kind="erasure").values_list("report", "note")
    assert sorted(pk for pk, _note in notes) == sorted(r.pk for r in with_data)
    assert {note for _pk, note in notes} == {
        "Xóa theo yêu cầu của người dân: thông tin liên hệ, nội dung đồng ý và 0 tệp đính kèm."
    }
    html = client.get(PAGE).content.decode()
    assert (
        "Đã xóa thông tin liên hệ và tệp đính kèm của 6 phản ánh. Bỏ qua 2 phản ánh: "
        "2 không còn thông tin liên hệ hay tệp đính kèm."
    ) in html
    assert len(without) == 2
