"""make bench's national export (issue 16): "all of the list" as a job, measured.

After the load phases, on the same database and server: the national
inspector (who sees every report) posts the list's action "Xuất tệp CSV"
with "all of the list", as a browser does; the request only queues it. Then
one worker (`manage.py worker --batch`, what `make worker` runs, in batch
mode so it exits when the queue is empty) writes the file, while this
process reads the worker's peak resident memory (VmHWM in /proc/<pid>/status)
a few times a second. Afterwards the file is downloaded through the exports
page's link and its rows counted, and the reports' history lines of it too.

Rows: every report of the database. To export more than were seeded (a
million on PostgreSQL), reports are first copied inside the database with
one INSERT … SELECT (each copy a new receipt code, its patterns copied
too), up to exactly the number asked for: faster than seeding by far, and
the export reads the same kind of rows.
"""

import csv
import http.client
import io
import re
import subprocess
import time
from pathlib import Path
from urllib.parse import urlencode

import load
import support

LIST = "/admin/reports/report/"
EXPORTS = "/admin/reports/exports/"
NATIONAL = "thanhtra-toanquoc"

# Copies of the reports up to BENCH_TARGET, inside the database. A copy's code is
# "~" + its copy number + the original's id in 12 digits (14 characters, unique, and
# never a real code: those are groups of letters and digits), which is how its
# patterns find the original's.
GROW = """
import json, os
from django.db import connection, transaction
from reports.models import Report
target = int(os.environ["BENCH_TARGET"])
seeded = Report.objects.count()
missing = target - seeded
if missing > 0:
    copies = min(9, -(-missing // seeded))
    columns = [f.column for f in Report._meta.concrete_fields if not f.primary_key]
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    values = []
    for column in columns:
        if column in ("code", "case_number"):  # both unique: a copy's own, never a real one
            values.append("'~' || CAST(g.n * 1000000000000 + r.id AS TEXT)")
        elif column == "duplicate_of_id":
            values.append("NULL")
        else:
            values.append("r." + connection.ops.quote_name(column))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO reports_report (" + names + ") "
            "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < %s) "
            "SELECT " + ", ".join(values) + " FROM reports_report r CROSS JOIN g "
            "WHERE r.code NOT LIKE '~%%' ORDER BY g.n, r.id LIMIT %s",
            [copies, missing],
        )
        cursor.execute(
            "INSERT INTO reports_report_patterns (report_id, scampattern_id) "
            "SELECT c.id, p.scampattern_id FROM reports_report c "
            "JOIN reports_report_patterns p "
            "ON p.report_id = CAST(substr(c.code, 3) AS BIGINT) WHERE c.code LIKE '~%%'",
            [],
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
print(json.dumps({"seeded": seeded, "rows": Report.objects.count()}))
"""

# The job's time is its run's in the queue, from its start to its end: the commit of the
# history lines (PostgreSQL checks their foreign keys then) included.
RESULT = """
import json
from django_tasks_db.models import DBTaskResult
from reports.models import Export, ReportEvent
e = Export.objects.latest("created_at")
run = DBTaskResult.objects.filter(
    task_path="reports.export_jobs.export_reports", status="SUCCESSFUL"
).latest("finished_at")
print(json.dumps({
    "status": e.status, "failure": e.failure, "rows": e.rows_total, "attempts": e.attempts,
    "seconds": (run.finished_at - run.started_at).total_seconds(),
    "id": e.pk,
    "history_lines": ReportEvent.objects.filter(
        kind="export", actor=e.requested_by, at__gte=e.started_at
    ).count(),
}))
"""


def grow(env, target):
    """The database holds `target` reports (copies made if fewer); {"seeded", "rows"}."""
    started = time.monotonic()
    found = support.shell_json({**env, "BENCH_TARGET": str(target)}, GROW)
    found["seconds"] = round(time.monotonic() - started, 1)
    return found


def ask(env, base_url, password):
    """The national inspector's action, posted as the list's form does; (client, ms, Location)."""
    codes = support.second_factor_codes(env, [NATIONAL], 1)
    site = load.Site(base_url, password, [NATIONAL], [], "export", codes)
    client = load.Client(0, site, 0, None)
    client.log_in(NATIONAL)
    _status, _response, page = client.request("GET", LIST)
    token = load.CSRF_INPUT.search(page.decode(errors="replace")).group(1)
    body = urlencode(
        {
            "csrfmiddlewaretoken": token,
            "action": "export_csv",
            "select_across": "1",
            "index": "0",
            "_selected_action": "0",  # the list's form ticks one row with "all of the list"
        }
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": site.origin,
        "Referer": f"{site.origin}{LIST}",
    }
    started = time.perf_counter()
    status, response, _ = client.request("POST", LIST, body, headers)
    elapsed = (time.perf_counter() - started) * 1000
    location = response.getheader("Location", "") if response else ""
    if status != 302 or location != EXPORTS:
        raise RuntimeError(f"the export action answered {status} {location!r}")
    return client, round(elapsed, 1)


def peak_mb(pid):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return round(int(found.group(1)) / 1024, 1) if found else None


def run_worker(env):
    """One worker in batch mode until the queue is empty; (seconds, peak MB)."""
    command = [str(support.BIN / "python"), "manage.py", "worker", "--batch", "--no-startup-delay"]
    started = time.monotonic()
    worker = subprocess.Popen(
        command, cwd=support.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = 0.0
    while worker.poll() is None:
        seen = peak_mb(worker.pid)  # the peak so far: the last reading is the process's peak
        peak = max(peak, seen or 0)
        time.sleep(0.1)
    _out, errors = worker.communicate()
    if worker.returncode != 0:
        raise RuntimeError(f"the worker failed ({worker.returncode}):\n{errors.decode()[-3000:]}")
    return round(time.monotonic() - started, 1), peak


def download(client, base_url, export_id):
    """The file through the page's link, streamed: (rows with the header, bytes)."""
    # A new connection: the kept-alive one sat idle through the worker's run, and the
    # server may have closed it meanwhile (CI once saw RemoteDisconnected here).
    client.close()
    status, _r, page = client.request("GET", EXPORTS)
    link = f"{EXPORTS}{export_id}/download/"
    if link not in page.decode(errors="replace"):
        raise RuntimeError(f"the exports page has no download link (it answered {status})")
    conn = http.client.HTTPConnection(client.site.host, client.site.port, timeout=600)
    cookies = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
    conn.request("GET", link, headers={"Cookie": cookies, "User-Agent": "portal-bench"})
    response = conn.getresponse()
    if response.status != 200:
        raise RuntimeError(f"the download answered {response.status}")
    counted = _Counted(response)
    rows = sum(1 for _row in csv.reader(io.TextIOWrapper(counted, encoding="utf-8-sig")))
    conn.close()
    return rows, counted.bytes


class _Counted(io.RawIOBase):
    def __init__(self, response):
        self.response, self.bytes = response, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.response.read(len(buffer))
        buffer[: len(data)] = data
        self.bytes += len(data)
        return len(data)


def measure(env, base_url, password, target):
    """The export of `target` reports as a job, from the request to the downloaded file."""
    grown = grow(env, target)
    client, request_ms = ask(env, base_url, password)
    worker_seconds, worker_peak = run_worker(env)
    result = support.shell_json(env, RESULT)
    if result["status"] != "done":
        raise RuntimeError(f"the export failed: {result['failure']}")
    rows, size = download(client, base_url, result["id"])
    client.close()
    seconds = result["seconds"]
    return {
        "rows": result["rows"],
        "seeded": grown["seeded"],
        "copied_seconds": grown["seconds"],
        "request_ms": request_ms,
        "job_seconds": round(seconds, 1),
        "rows_per_second": round(result["rows"] / seconds) if seconds else None,
        "worker_seconds": worker_seconds,
        "worker_peak_mb": worker_peak,
        "file_mb": round(size / 1024 / 1024, 1),
        "downloaded_rows": rows - 1,
        "history_lines": result["history_lines"],
        "attempts": result["attempts"],
        # Every report of the database, in the file and in the history, once.
        "ok": rows - 1 == result["rows"] == result["history_lines"] == grown["rows"],
    }


def lines(export):
    """The table's lines for one database's export."""
    return [
        f"  export of {export['rows']:,} reports as a job: {export['rows_per_second']:,} rows/s "
        f"({export['job_seconds']} s in the worker, history lines included), worker's peak "
        f"memory {export['worker_peak_mb']} MB, file {export['file_mb']} MB, "
        f"request {export['request_ms']} ms",
        f"  export check: {export['downloaded_rows']:,} rows downloaded, "
        f"{export['history_lines']:,} history lines " + ("ok" if export["ok"] else "MISSED"),
    ]
