"""Below the threshold a bulk action runs in the request, in a fixed number of queries.

Hà inspects Đắk Lắk; Minh supervises it. Reviewing 3 reports or 40, handing
them on, forwarding them with a reply template filled for each, erasing
their data: the same queries, however many were selected (it was one
transaction and 3–6 queries a report: 10.6 s for 6,000 on PostgreSQL). The
confirmation pages count the reports by state in the database and list 50.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reports.models import BulkStep, ReplyTemplate, Report, ReportEvent
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


def post(client, action, reports, **extra):
    data = {"action": action, "_selected_action": [r.pk for r in reports], **extra}
    return client.post(LIST, data)


def queries_of(client, action, reports, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = post(client, action, reports, **extra)
    assert response.status_code == 302
    return len(queries)


CASES = {
    "review": ({"status": S.NEW}, {}),
    "resolve": ({"status": S.FORWARDED}, {}),
    "assign_to_me": ({}, {}),
    "forward": ({"status": S.IN_REVIEW}, {"post": "yes", "target": "operator"}),
    "reject": ({}, {"post": "yes", "reason": "not_scam", "reply": "Không phải lừa đảo."}),
    "erase_personal_data": (
        {
            "contact": "lan@example.com",
            "contact_consent_text": "Đồng ý",
            "contact_consented_at": timezone.now(),
        },
        {},
    ),
}


@pytest.mark.parametrize("action", CASES)
def test_the_same_queries_for_3_reports_or_40(client, ha, action, django_assert_max_num_queries):
    fields, extra = CASES[action]
    few = [make_report(**fields) for _ in range(3)]
    many = [make_report(**fields) for _ in range(40)]
    allowed = queries_of(client, action, few, **extra)
    with django_assert_max_num_queries(allowed):
        assert post(client, action, many, **extra).status_code == 302
    assert ReportEvent.objects.exclude(kind="filed").count() == 43  # each its history line
    assert not BulkStep.objects.exists()  # nothing queued


def test_a_template_filled_for_each_report_costs_no_query_a_report(
    client, ha, django_assert_max_num_queries
):
    template = ReplyTemplate.objects.get(title="Chuyển nhà mạng")
    few = [make_report(status=S.IN_REVIEW, source=f"090000000{n}") for n in range(3)]
    many = [make_report(status=S.IN_REVIEW, source=f"09100000{n:02}") for n in range(40)]
    extra = {"post": "yes", "target": "operator", "template": template.pk}
    allowed = queries_of(client, "forward", few, **extra)
    with django_assert_max_num_queries(allowed):
        post(client, "forward", many, **extra)
    for report in Report.objects.filter(pk__in=[r.pk for r in many]):
        assert report.public_reply.startswith(f"Phản ánh về số {report.source} đã được chuyển")
        assert report.events.get(kind="step").reply == report.public_reply


def test_a_supervisor_hands_40_on_in_the_queries_of_3(client, django_assert_max_num_queries):
    minh, tuan = staff("minh", SUPERVISORS, "dak-lak"), staff("tuan", INSPECTORS, "dak-lak")
    client.force_login(minh)
    few, many = [make_report() for _ in range(3)], [make_report() for _ in range(40)]
    extra = {"post": "yes", "assignee": tuan.pk}
    allowed = queries_of(client, "assign", few, **extra)
    with django_assert_max_num_queries(allowed):
        post(client, "assign", many, **extra)
    assert Report.objects.filter(assigned_to=tuan).count() == 43


def test_the_confirmation_counts_by_state_and_lists_fifty(
    client, ha, django_assert_max_num_queries
):
    for status in [S.IN_REVIEW] * 3 + [S.FORWARDED] * 2:
        make_report(status=status)
    select_all = {"action": "forward", "select_across": "1", "_selected_action": ["0"]}
    with CaptureQueriesContext(connection) as queries:
        assert client.post(LIST, select_all).status_code == 200
    for status in [S.IN_REVIEW] * 40 + [S.FORWARDED] * 20:
        make_report(status=status)
    with django_assert_max_num_queries(len(queries)):
        page = client.post(LIST, select_all)
    html = page.content.decode()
    assert "Đã chọn 65 phản ánh; 43 sẽ được thay đổi." in html
    assert "22 đang ở trạng thái “Đã chuyển cơ quan chức năng”" in html
    assert len(page.context["reports"]) == 50
