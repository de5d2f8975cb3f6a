"""Hà works down the list she filtered: "Lưu và mở phản ánh tiếp theo", and previous/next.

The list's filters, search and order travel with the report page
(`_changelist_filters`, as Django keeps them); the next report is the next
row of that list, in her scope, found by one query without loading the list.
At the end of the list the save goes back to it, saying so.
"""

import datetime
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reports.models import Report
from reports.roles import INSPECTORS

from .conftest import make_report, staff, triage_page

pytestmark = pytest.mark.django_db

S = Report.Status
LIST = "/admin/reports/report/"
# The list's columns, as its `o` counts them: 0 is the box, 1 the case number, 11 the age.
BY_CASE_NUMBER = "o=1"
OLDEST_LAST = "o=-11"


@pytest.fixture
def ha(client):
    user = staff("ha", INSPECTORS, "dak-lak")
    client.force_login(user)
    return user


@pytest.fixture
def queue():
    """Three new Đắk Lắk reports, filed an hour apart, a report in review and one of Hà Nội."""
    now = timezone.now()
    reports = []
    for hours in (3, 2, 1):
        report = make_report()
        Report.objects.filter(pk=report.pk).update(created_at=now - datetime.timedelta(hours=hours))
        reports.append(report)
        make_report(province="ha-noi")
    make_report(status=S.IN_REVIEW)
    return reports


def page_url(report, filters):
    if not filters:
        return f"{LIST}{report.pk}/change/"
    return f"{LIST}{report.pk}/change/?_changelist_filters={quote(filters)}"


def open_page(client, report, filters):
    response = client.get(page_url(report, filters))
    assert response.status_code == 200
    return response


def save_and_next(client, report, filters, **fields):
    data = {
        "step": "",
        "target": "",
        "reason": "",
        "original": "",
        "template": "",
        "reply": "",
        "note": "",
        "assignee": "",
        "_savenext": "1",
        **triage_page(client, report),
        **fields,
    }
    return client.post(page_url(report, filters), data)


def test_previous_and_next_follow_the_lists_filter_and_order(client, ha, queue):
    first, second, third = queue
    filters = f"{BY_CASE_NUMBER}&status__exact=new"
    middle = open_page(client, second, filters)
    assert middle.context["previous_url"] == page_url(first, filters)
    assert middle.context["next_url"] == page_url(third, filters)
    assert "Lưu và mở phản ánh tiếp theo" in middle.content.decode()
    assert open_page(client, first, filters).context["previous_url"] is None
    # The same reports, newest first: the order turns around.
    newest_first = f"{OLDEST_LAST}&status__exact=new"
    turned = open_page(client, second, newest_first)
    assert turned.context["previous_url"] == page_url(third, newest_first)
    assert turned.context["next_url"] == page_url(first, newest_first)


def test_save_and_next_opens_the_next_report_with_the_same_filters(client, ha, queue):
    first, second, _third = queue
    filters = f"{BY_CASE_NUMBER}&status__exact=new"
    # Forwarding takes the report out of the "new" list: the next is the one after it still.
    response = save_and_next(client, first, filters, step="forward", target="police")
    assert response.status_code == 302
    assert response["Location"] == page_url(second, filters)
    first.refresh_from_db()
    assert first.status == S.FORWARDED
    opened = client.get(response["Location"])
    messages = [str(m) for m in opened.context["messages"]]
    assert messages == [f"Đã chuyển phản ánh {first.case_number} cho Công an."]


def test_at_the_end_of_the_list_it_goes_back_to_the_list(client, ha, queue):
    third = queue[-1]
    filters = f"{BY_CASE_NUMBER}&status__exact=new"
    response = save_and_next(client, third, filters, step="review")
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?{filters}"
    listed = client.get(response["Location"])
    messages = [str(m) for m in listed.context["messages"]]
    assert messages == [
        f"Đã bắt đầu xem xét phản ánh {third.case_number}.",
        f"Phản ánh {third.case_number} là phản ánh cuối cùng của danh sách.",
    ]


def test_a_search_and_no_filters_work_too(client, ha, queue):
    first, second, third = queue
    # The whole list, Django's default order (newest first): Hà Nội's reports are not Hà's.
    whole = open_page(client, second, "")
    assert whole.context["previous_url"] == page_url(third, "")
    assert whole.context["next_url"] == page_url(first, "")
    searched = open_page(client, second, f"q={second.case_number}")
    assert (searched.context["previous_url"], searched.context["next_url"]) == (None, None)


def test_refused_filters_leave_no_links_and_the_page_opens(client, ha, queue):
    page = open_page(client, queue[0], "secret__exact=1")
    assert (page.context["previous_url"], page.context["next_url"]) == (None, None)


def test_the_report_page_stays_bounded(client, ha, queue, django_assert_max_num_queries):
    filters = f"{BY_CASE_NUMBER}&status__exact=new"
    client.get(page_url(queue[1], filters))  # warm: sessions, permissions, templates
    with django_assert_max_num_queries(40) as captured:
        open_page(client, queue[1], filters)
    windows = [q["sql"] for q in captured.captured_queries if "LAG(" in q["sql"].upper()]
    assert len(windows) == 1  # previous and next: one query, not the list


def test_ordered_by_date_previous_and_next_are_one_keyset_query(client, ha, queue):
    filters = f"{OLDEST_LAST}&status__exact=new"
    open_page(client, queue[1], filters)
    with CaptureQueriesContext(connection) as captured:
        page = open_page(client, queue[1], filters)
    # One query, its two subqueries each the first row before or after this report.
    beside = [q["sql"] for q in captured.captured_queries if q["sql"].count("LIMIT 1") >= 2]
    assert len(beside) == 1
    assert not [q for q in captured.captured_queries if "LAG(" in q["sql"].upper()]
    assert (page.context["previous_url"], page.context["next_url"]) == (
        page_url(queue[2], filters),
        page_url(queue[0], filters),
    )


def test_the_lists_filters_cost_the_page_nothing_more(client, ha, queue):
    client.get(page_url(queue[1], ""))
    with CaptureQueriesContext(connection) as plain:
        open_page(client, queue[1], "")
    with CaptureQueriesContext(connection) as filtered:
        open_page(client, queue[1], f"{BY_CASE_NUMBER}&status__exact=new&q=0912345678")
    assert len(filtered.captured_queries) <= len(plain.captured_queries)
