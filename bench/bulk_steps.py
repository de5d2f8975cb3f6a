"""What a bulk step costs, set based (reports.triage_bulk) against one report at a time.

    .venv/bin/python bench/bulk_steps.py                     # SQLite and PostgreSQL
    .venv/bin/python bench/bulk_steps.py --db sqlite --reports 20000

For each database: a throw-away one (as bench/run.py makes them), migrated,
reference data loaded, `seed_demo_data --reports N`; then, for selections of
100, 500 and 2,000 reports, the national inspector takes a step on all of
them (review, a reject with a reply template filled for each, an assignment)
through the set-based function, each in its one transaction (the time a
request, or a job's chunk, holds the reports' locks, and on SQLite the
database's write lock); and the review one report at a time
(triage.take_step, what the bulk actions did before) for comparison. The
reports are put back in their state between runs, untimed.

These figures set REPORT_BULK_IN_REQUEST_MAX and the job's CHUNK
(portal/settings.py, reports/bulk_jobs.py). Timings depend on the machine:
judged here, never by a test.
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = (100, 500, 2000)
RUNS = 3


def measure():
    """In a child whose DATABASE_URL is the throw-away database: the figures, as JSON."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from reports import triage, triage_bulk
    from reports.models import ReplyTemplate, Report

    national = get_user_model().objects.get(username="thanhtra-toanquoc")
    template = ReplyTemplate.objects.get(title="Không có dấu hiệu lừa đảo").text
    ids = list(Report.objects.order_by("pk").values_list("pk", flat=True))

    def reset(chosen):
        Report.objects.filter(pk__in=chosen).update(status="new", assigned_to=None)

    def timed(work, chosen):
        reset(chosen)
        start = time.perf_counter()
        work(Report.objects.filter(pk__in=chosen))
        return (time.perf_counter() - start) * 1000

    cases = {
        "review": lambda qs: triage_bulk.take_step_in_bulk(qs, "review", by=national),
        "reject_template": lambda qs: triage_bulk.take_step_in_bulk(
            qs, "reject", by=national, reason="not_scam", reply=template
        ),
        "assign": lambda qs: triage_bulk.assign_in_bulk(qs, national, by=national),
    }

    def one_by_one(qs):
        for report in qs:
            triage.take_step(report, "review", by=national)

    results = []
    offset = 0
    for size in SIZES:
        for name, work in [*cases.items(), ("review_one_by_one", one_by_one)]:
            if name == "review_one_by_one" and size > 500:
                continue  # seconds each: the point is made at 500
            times = []
            for _ in range(RUNS):
                chosen = ids[offset : offset + size]
                offset = (offset + size) % max(len(ids) - size, 1)
                times.append(timed(work, chosen))
            best = min(times)
            results.append(
                {
                    "case": name,
                    "size": size,
                    "ms": round(best, 1),
                    "rows_per_s": round(size / best * 1000),
                }
            )
    print(json.dumps({"vendor": connection.vendor, "results": results}))


def prepare(db, args):
    from bench import support

    workdir = Path(tempfile.mkdtemp(prefix=f"portal-bulk-{db}-"))
    pg_name = None
    if db == "sqlite":
        url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    else:
        pg_name = f"bench_bulk_{secrets.token_hex(4)}"
        url = support.create_postgres(args.pg_url, pg_name)
    env = support.server_env(url, workdir, "")  # DJANGO_DEBUG=0, as in production
    return workdir, pg_name, env


def run_one(db, args):
    from bench import support

    workdir, pg_name, env = prepare(db, args)
    try:
        support.manage(env, "migrate", "--noinput", "-v0")
        support.manage(env, "load_reference_data", "-v0")
        seed = ["--reports", str(args.reports), "--advisories", "10", "--seed", "7", "--force"]
        support.manage(env, "seed_demo_data", *seed)
        child = subprocess.run(
            [sys.executable, __file__, "--measure"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode:
            raise RuntimeError(child.stderr[-3000:])
        return json.loads(child.stdout.strip().splitlines()[-1])
    finally:
        if pg_name:
            support.drop_postgres(args.pg_url, pg_name)
        shutil.rmtree(workdir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--reports", type=int, default=20000, help="seed_demo_data --reports")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure()
        return
    for db in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        found = run_one(db, args)
        print(f"[{found['vendor']}] {args.reports} reports")
        print(f"  {'case':<20} {'size':>6} {'ms':>9} {'rows/s':>9}")
        for row in found["results"]:
            print(f"  {row['case']:<20} {row['size']:>6} {row['ms']:>9} {row['rows_per_s']:>9}")


if __name__ == "__main__":
    main()
