"""Chị Hoa, a national inspector, exports 20,000 reports of Hà Nội: a job, not a request.

Before issue 16 the file was written inside her request, cut at 30 s after
about 55,000 rows. Now the request only queues it; the worker writes every
row, and each report's history says it went into a file of 20,000.
"""

import pytest

from reports.models import Export, ReportEvent
from reports.roles import NATIONAL_INSPECTORS
from tests.jobs import run_jobs

from .conftest import staff
from .exports import ask, download, many_reports

pytestmark = pytest.mark.django_db

COUNT = 20_000


def test_twenty_thousand_reports_are_written_by_the_worker_and_all_in_the_file(
    client, django_capture_on_commit_callbacks
):
    reports = many_reports(COUNT, province="ha-noi")
    hoa = staff("hoa", NATIONAL_INSPECTORS)
    client.force_login(hoa)

    response = ask(
        client,
        query="province=ha-noi",
        select_across=True,
        capture=django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    export = Export.objects.get()
    assert export.status == Export.Status.QUEUED
    assert not ReportEvent.objects.filter(kind=ReportEvent.Kind.EXPORT).exists()

    run_jobs()
    export.refresh_from_db()
    assert export.status == Export.Status.DONE
    assert (export.rows_total, export.rows_done) == (COUNT, COUNT)
    rows = download(client, export)
    assert len(rows) == 1 + COUNT
    assert rows[0][0] == "Số hồ sơ"
    # Oldest first, every report once.
    assert [row[0] for row in rows[1:]] == [report.case_number for report in reports]
    events = ReportEvent.objects.filter(kind=ReportEvent.Kind.EXPORT)
    assert events.count() == COUNT
    assert set(events.values_list("note", flat=True)) == {"Xuất tệp CSV gồm 20000 phản ánh."}
