"""Exports as a staff member makes them: the action, the worker, the download.

`export_rows(client, ...)` posts the list's action as the admin's form does,
follows it to the exports page, runs the queued job as the worker would
(tests.jobs.run_jobs) and downloads the file: the CSV's rows, header first.
`export_cells(client, ...)` does the same with the action "Xuất tệp Excel":
the .xlsx's cells (openpyxl's, with their types), header first.
`many_reports(n, ...)` stores n reports in a few bulk inserts (a test of
20,000 reports must not file them one by one).
"""

import csv
import datetime
import io

from django.utils import timezone
from openpyxl import load_workbook

from advisories.models import Province
from portal.bulk import given_timestamps
from reports.case_numbers import number_all
from reports.codes import new_code
from reports.models import Export, Report
from tests.jobs import run_jobs

LIST = "/admin/reports/report/"
EXPORTS = "/admin/reports/exports/"


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def ask(client, reports=(), query="", select_across=False, capture=None, action="export_csv"):
    """The action "Xuất tệp CSV" posted; returns the response (a redirect to the exports page)."""
    data = {"action": action, "index": "0"}
    if select_across:
        data |= {"select_across": "1", "_selected_action": "0"}
    else:
        data["_selected_action"] = [report.pk for report in reports]
    url = f"{LIST}?{query}" if query else LIST
    if capture is None:
        return client.post(url, data)
    with capture(execute=True):
        return client.post(url, data)


def download(client, export):
    response = client.get(f"{EXPORTS}{export.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="phan-anh_')
    # Never kept by a browser or a proxy (the admin adds its own no-cache directives).
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def download_xlsx(client, export):
    """The workbook's one sheet as rows of openpyxl cells (header first)."""
    response = client.get(f"{EXPORTS}{export.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith('attachment; filename="phan-anh_')
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert "no-store" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(body)).worksheets[0]
    return [list(row) for row in sheet.iter_rows()]


def _asked_and_written(client, capture, reports, query, select_across, action):
    response = ask(client, reports, query, select_across, capture, action)
    assert response.status_code == 302
    assert response["Location"] == EXPORTS
    run_jobs()
    export = Export.objects.latest("created_at")
    assert export.status == Export.Status.DONE, export.failure
    return export


def export_rows(client, capture, reports=(), query="", select_across=False):
    """Ask, run the worker, download: the file's rows (header first)."""
    export = _asked_and_written(client, capture, reports, query, select_across, "export_csv")
    return download(client, export)


def export_cells(client, capture, reports=(), query="", select_across=False):
    """The same through the action "Xuất tệp Excel": the sheet's cells (header first)."""
    export = _asked_and_written(client, capture, reports, query, select_across, "export_xlsx")
    return download_xlsx(client, export)


def many_reports(count, province="ha-noi", source="0912345678", start=None):
    """`count` reports of one province filed a second apart, in bulk inserts (no history lines)."""
    place = Province.objects.get(slug=province)
    start = start or timezone.now() - datetime.timedelta(days=30)
    second = datetime.timedelta(seconds=1)
    reports = [
        Report(
            code=new_code(),
            kind="LD",
            source=source,
            content=f"Giả danh công an, số {i}",
            content_search=f"gia danh cong an, so {i}",
            occurred_at=start + i * second,
            province=place.resolve(),
            province_as_chosen=place,
            created_at=start + i * second,
            updated_at=start + i * second,
        )
        for i in range(count)
    ]
    number_all(reports)  # bulk_create skips save(), which numbers one report at a time
    with given_timestamps(Report):
        return Report.objects.bulk_create(reports, batch_size=2000)
