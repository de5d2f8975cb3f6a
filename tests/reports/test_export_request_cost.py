"""Asking for an export costs the request the same whatever it holds.

Hoa, a national inspector, asks for "all of the list" (a national export
is 1,000,000 reports) or ticks a page of it: the request records what was
asked and queues the job. It reads no report's row, and its queries do not
grow with the reports (the worker reads them, a chunk at a time).
"""

import pytest

from reports.models import Export
from reports.roles import NATIONAL_INSPECTORS

from .conftest import staff
from .exports import ask, many_reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def hoa(client):
    user = staff("hoa", NATIONAL_INSPECTORS)
    client.force_login(user)
    return user


def reads_report_rows(queries):
    return [q["sql"] for q in queries if '"reports_report"."content"' in q["sql"]]


def test_all_of_the_list_reads_no_row_and_costs_the_same_for_5_or_3000(
    client, hoa, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    many_reports(5)
    with django_assert_max_num_queries(30) as few:
        response = ask(client, select_across=True, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert not reads_report_rows(few.captured_queries)
    many_reports(3000, province="dong-nai")
    with django_assert_max_num_queries(len(few.captured_queries)) as same:
        ask(
            client,
            query="q=công an",
            select_across=True,
            capture=django_capture_on_commit_callbacks,
        )
    assert not reads_report_rows(same.captured_queries)
    assert Export.objects.count() == 2


def test_a_ticked_page_costs_the_same_for_1_or_200_rows(
    client, hoa, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    reports = many_reports(200)
    with django_assert_max_num_queries(30) as few:
        ask(client, reports[:1], capture=django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(len(few.captured_queries)):
        ask(client, reports, capture=django_capture_on_commit_callbacks)
    assert sorted(Export.objects.latest("created_at").picked) == sorted(r.pk for r in reports)
