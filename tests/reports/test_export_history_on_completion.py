"""A report's history says it was exported only once the file is complete.

Bảo of Đồng Nai exports 5 reports; the worker writes them 2 at a time. While
it writes, his page shows the progress and no report's history has a line
of it; once the file is saved, all 5 have theirs, written together.
"""

import pytest

from reports import export as csv_export
from reports.models import Export, ReportEvent
from reports.roles import INSPECTORS
from tests.jobs import run_jobs

from .conftest import make_report, staff
from .exports import EXPORTS, ask

pytestmark = pytest.mark.django_db


def test_no_history_line_until_the_file_is_complete(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    reports = [make_report(province="dong-nai") for _ in range(5)]
    bao = staff("bao", INSPECTORS, "dong-nai")
    client.force_login(bao)
    ask(client, select_across=True, capture=django_capture_on_commit_callbacks)
    export = Export.objects.get()
    lines = ReportEvent.objects.filter(kind=ReportEvent.Kind.EXPORT)
    assert not lines.exists()  # asked: nothing written yet

    seen = []
    real_chunks = csv_export.chunks

    def two_at_a_time(queryset, size=None, **how):
        for chunk in real_chunks(queryset, size=2, **how):
            export.refresh_from_db()
            page = client.get(EXPORTS).content.decode()
            seen.append((export.status, export.rows_total, export.rows_done, lines.count()))
            assert 'http-equiv="refresh"' in page  # the page follows the job by itself
            assert f"{export.percent}%" in page
            yield chunk

    monkeypatch.setattr(csv_export, "chunks", two_at_a_time)
    run_jobs()

    assert seen == [("running", 5, 0, 0), ("running", 5, 2, 0), ("running", 5, 4, 0)]
    export.refresh_from_db()
    assert export.status == Export.Status.DONE
    assert lines.count() == 5
    assert set(lines.values_list("report", flat=True)) == {r.pk for r in reports}
    assert set(lines.values_list("actor", flat=True)) == {bao.pk}
    assert 'http-equiv="refresh"' not in client.get(EXPORTS).content.decode()
