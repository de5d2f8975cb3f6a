"""Inspector Hà wants what is still open, and her own open reports, in one click each.

The state filter has "Đang mở" (new, in review, forwarded) beside each state;
the assignee filter "Của tôi, đang mở" beside "Của tôi". The dashboard's old
links (`?status__in=…`, `?status__exact=…`) still open the same reports.
"""

import re

import pytest

from reports import triage
from reports.models import Report
from reports.roles import INSPECTORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

S = Report.Status
LIST = "/admin/reports/report/"
OPEN = "status__in=new%2Cin_review%2Cforwarded"


@pytest.fixture
def ha(client):
    user = staff("ha", INSPECTORS, "dak-lak")
    client.force_login(user)
    return user


@pytest.fixture
def queue(ha):
    """One report in each state, Hà's; and an open and a closed one of her colleague's."""
    minh = staff("minh", INSPECTORS, "dak-lak")
    mine = {state: make_report(assigned_to=ha) for state in S}
    for state, report in mine.items():
        Report.objects.filter(pk=report.pk).update(status=state)
    theirs = [make_report(assigned_to=minh), make_report(assigned_to=minh)]
    Report.objects.filter(pk=theirs[1].pk).update(status=S.RESOLVED)
    return {"mine": mine, "theirs": theirs}


def shown(client, query=""):
    response = client.get(LIST + query)
    assert response.status_code == 200
    return response, set(response.context["cl"].result_list)


def filter_links(html, title):
    block = html.split(f"Theo {title}")[1].split("</details>")[0]
    return re.findall(r'<li( class="selected")?>\s*<a href="([^"]*)"[^>]*>([^<]*)</a>', block)


def test_open_is_one_choice_of_the_state_filter(client, queue):
    response, _rows = shown(client)
    links = filter_links(response.content.decode(), "trạng thái")
    labels = [label.strip() for _sel, _href, label in links]
    assert labels[:2] == ["Tất cả", "Đang mở (mới, đang xem xét, đã chuyển)"]
    assert "Mới tiếp nhận" in labels and "Đã xử lý xong" in labels
    assert links[1][1] == f"?{OPEN}"

    response, rows = shown(client, links[1][1])
    mine = queue["mine"]
    assert rows == {mine[S.NEW], mine[S.IN_REVIEW], mine[S.FORWARDED], queue["theirs"][0]}
    links = filter_links(response.content.decode(), "trạng thái")
    assert [label.strip() for sel, _href, label in links if sel] == [
        "Đang mở (mới, đang xem xét, đã chuyển)"
    ]
    # Choosing one state from there replaces "open", it does not add to it.
    single = next(href for _sel, href, label in links if label.strip() == "Mới tiếp nhận")
    assert "status__in" not in single
    assert shown(client, single)[1] == {mine[S.NEW], queue["theirs"][0]}


def test_the_dashboard_s_links_still_work(client, queue):
    mine = queue["mine"]
    _response, rows = shown(client, "?status__in=new,in_review")
    assert rows == {mine[S.NEW], mine[S.IN_REVIEW], queue["theirs"][0]}
    assert shown(client, "?status__exact=forwarded")[1] == {mine[S.FORWARDED]}


def test_my_open_reports_leave_out_the_closed_ones(client, queue):
    mine = queue["mine"]
    assert shown(client, "?assignee=mine")[1] == set(mine.values())
    response, rows = shown(client, "?assignee=mine_open")
    assert rows == {mine[S.NEW], mine[S.IN_REVIEW], mine[S.FORWARDED]}
    labels = [
        label.strip() for _sel, _h, label in filter_links(response.content.decode(), "người xử lý")
    ]
    assert labels[:4] == ["Tất cả", "Của tôi", "Của tôi, đang mở", "Chưa giao cho ai"]


def test_a_report_closed_while_i_look_leaves_my_open_queue(client, ha, queue):
    report = queue["mine"][S.FORWARDED]
    triage.take_step(Report.objects.get(pk=report.pk), "resolve", by=ha)
    assert report not in shown(client, "?assignee=mine_open")[1]
    assert report in shown(client, "?assignee=mine")[1]


def test_with_counts_shown_open_has_its_count(client, queue):
    response, _rows = shown(client, "?_facets=True")
    labels = [
        label.strip() for _s, _h, label in filter_links(response.content.decode(), "trạng thái")
    ]
    assert "Đang mở (mới, đang xem xét, đã chuyển) (4)" in labels
    assert "Mới tiếp nhận (2)" in labels
