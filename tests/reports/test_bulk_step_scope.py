"""A queued bulk step applies the person's scope again when it runs, and never widens it.

Hà inspects Đắk Lắk. She reviews her whole list, more than a request may do
(REPORT_BULK_IN_REQUEST_MAX is 5 here), so it is queued. If Đắk Lắk is
taken from her before the worker gets to it, or half-way, the worker
changes nothing of Đắk Lắk's any more, and says so; if she is given Hà Nội
meanwhile, Hà Nội's reports (which her list never showed) stay untouched.
"""

import pytest

from advisories.models import Province
from reports import bulk_jobs, triage_bulk
from reports.models import BulkStep, InspectorProvince, Report
from reports.roles import INSPECTORS
from tests.jobs import run_jobs

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

LIST = "/admin/reports/report/"
PAGE = "/admin/reports/bulk-steps/"
S = Report.Status


@pytest.fixture(autouse=True)
def small_chunks(settings, monkeypatch):
    settings.REPORT_BULK_IN_REQUEST_MAX = 5
    monkeypatch.setattr(bulk_jobs, "CHUNK", 5)


@pytest.fixture
def ha(client):
    user = staff("ha", INSPECTORS, "dak-lak")
    client.force_login(user)
    return user


def queue(client, capture, action="review", query="", **data):
    with capture(execute=True):
        response = client.post(
            LIST + query,
            {"action": action, "select_across": "1", "_selected_action": ["0"], **data},
        )
    assert response.status_code == 302, response.content.decode()[:2000]


def move(user, to):
    """Hà is given `to` instead of Đắk Lắk."""
    InspectorProvince.objects.filter(user=user).delete()
    InspectorProvince.objects.create(user=user, province=Province.objects.get(slug=to))


def test_a_province_taken_away_before_the_run_is_not_touched_nor_another_given(
    client, ha, django_capture_on_commit_callbacks
):
    dak_lak = [make_report() for _ in range(7)]
    ha_noi = [make_report(province="ha-noi") for _ in range(4)]
    queue(client, django_capture_on_commit_callbacks)
    move(ha, "ha-noi")

    run_jobs()

    assert Report.objects.filter(status=S.NEW).count() == len(dak_lak) + len(ha_noi)
    step = BulkStep.objects.get()
    assert (step.status, step.selected, step.total, step.done) == ("done", 7, 0, 0)
    html = client.get(PAGE).content.decode()
    assert (
        "Đã chuyển 0 phản ánh sang “Đang xem xét”. 7 phản ánh đã chọn không còn trong "
        "danh sách hay phạm vi của bạn khi bắt đầu chạy."
    ) in html


def test_a_province_taken_away_half_way_stops_the_rest_with_the_reason(
    client, ha, monkeypatch, django_capture_on_commit_callbacks
):
    reports = [make_report() for _ in range(8)]
    queue(client, django_capture_on_commit_callbacks)
    real = triage_bulk.act_in_bulk

    def then_moved(*args, **kwargs):
        outcome = real(*args, **kwargs)
        move(ha, "ha-noi")  # while the first chunk's transaction is still open
        return outcome

    monkeypatch.setattr(triage_bulk, "act_in_bulk", then_moved)
    run_jobs()

    step = BulkStep.objects.get()
    assert (step.status, step.total, step.done, step.skipped) == (
        "done",
        8,
        5,
        {"out_of_scope": 3},
    )
    assert Report.objects.filter(status=S.IN_REVIEW).count() == 5
    html = client.get(PAGE).content.decode()
    assert (
        "Đã chuyển 5 phản ánh sang “Đang xem xét”. Bỏ qua 3 phản ánh: 3 ngoài phạm vi bạn xử lý."
    ) in html
    assert len(reports) == 8


def test_the_lists_filter_is_applied_again_when_the_job_runs(
    client, ha, django_capture_on_commit_callbacks
):
    mine = [make_report(assigned_to=ha) for _ in range(6)]
    others = [make_report() for _ in range(3)]
    queue(client, django_capture_on_commit_callbacks, query="?assignee=mine")
    run_jobs()
    assert set(Report.objects.filter(status=S.IN_REVIEW)) == set(mine)
    assert all(r.status == S.NEW for r in Report.objects.filter(pk__in=[o.pk for o in others]))
    assert "người xử lý: Của tôi" in client.get(PAGE).content.decode()


def test_a_filter_no_longer_offered_stops_the_job_before_anything_changes(
    client, ha, django_capture_on_commit_callbacks
):
    for _ in range(6):
        make_report()
    queue(client, django_capture_on_commit_callbacks, query="?province=dak-lak")
    move(ha, "ha-noi")  # Đắk Lắk is no longer among her list's provinces
    run_jobs()
    step = BulkStep.objects.get()
    assert step.status == "failed"
    assert Report.objects.filter(status=S.NEW).count() == 6
    html = client.get(PAGE).content.decode()
    assert "Chưa làm 6 phản ánh vì lỗi: Bộ lọc của danh sách không còn dùng được" in html
