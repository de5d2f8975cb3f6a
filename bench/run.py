"""Benchmark the portal under load on SQLite and PostgreSQL (run by hand: `make bench`).

For each database: a fresh, throw-away database; migrate, reference data and
collectstatic as in production; gunicorn on a free port; bench/load.py drives a
realistic mix for --duration seconds; then every report answered 201 must be in
the database. Prints a table per database and writes bench/results/<time>-<db>.json.

Not part of the test suite or CI: timings depend on the machine. Compare runs
on the same machine with bench/README.md's baseline. Run it with the venv's
Python (make bench does): the PostgreSQL set-up uses psycopg.
"""

import argparse
import datetime
import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import support  # bench/support.py: Python puts the script's folder first on sys.path

RESULTS = support.ROOT / "bench" / "results"
LOAD = support.ROOT / "bench" / "load.py"
NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
PERCENTILES = ("p50_ms", "p95_ms", "p99_ms", "max_ms")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--concurrency", type=int, default=16, help="client threads (16)")
    parser.add_argument("--duration", type=float, default=20, help="measured seconds (20)")
    parser.add_argument("--warmup", type=float, default=3, help="unmeasured seconds first (3)")
    parser.add_argument(
        "--redis",
        nargs="?",
        const="redis://127.0.0.1:6379/0",
        help="use Redis as the cache (default URL redis://127.0.0.1:6379/0)",
    )
    parser.add_argument(
        "--pg-url",
        default="postgres://postgres@127.0.0.1:5432",
        help="PostgreSQL server; a bench_portal_<random> database is created and dropped there",
    )
    return parser.parse_args()


def bench_one(db, args):
    """Set up one database and server, load it, check the reports; always cleans up."""
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    server = pg_name = None
    try:
        if db == "sqlite":
            database_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
        else:
            name = f"bench_portal_{secrets.token_hex(4)}"  # never someone else's database
            database_url = support.create_postgres(args.pg_url, name)
            pg_name = name  # only now is there something to drop
        env = support.server_env(database_url, workdir, args.redis)
        print(f"[{db}] migrate, load_reference_data, collectstatic")
        support.manage(env, "migrate", "--noinput", "-v0")
        support.manage(env, "load_reference_data", "-v0")
        support.manage(env, "collectstatic", "--noinput", "-v0")

        port, log_path = support.free_port(), workdir / "gunicorn.log"
        base_url = f"http://127.0.0.1:{port}"
        server = support.start_gunicorn(env, port, args.workers, log_path)
        support.wait_healthy(base_url, server, log_path)
        print(
            f"[{db}] {args.warmup:g}s warm-up + {args.duration:g}s load, "
            f"{args.concurrency} clients, {args.workers} workers"
        )
        codes_file = workdir / "codes.txt"
        load = run_load(base_url, args, codes_file)
        reports = support.count_reports(env, codes_file)
        reports["answered_201"] = load.pop("reports_created")
        reports["ok"] = reports["missing"] == 0 and reports["stored"] == reports["answered_201"]
        if load["overall"]["errors"]:
            # What the server said about the failures, before the log is deleted.
            print(support.tail(log_path))
        return {"database": db, **load, "reports": reports}
    finally:
        support.stop_gunicorn(server)
        if pg_name:
            support.drop_postgres(args.pg_url, pg_name)
        shutil.rmtree(workdir, ignore_errors=True)


def run_load(base_url, args, codes_file):
    command = [sys.executable, str(LOAD), "--url", base_url, "--codes-file", str(codes_file)]
    command += ["--concurrency", str(args.concurrency), "--duration", str(args.duration)]
    command += ["--warmup", str(args.warmup)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"load generator failed ({done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout)


def machine():
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    revision = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=support.ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "git": revision,
    }


def print_table(result, args):
    name = NAMES[result["database"]] + (" + Redis" if args.redis else "")
    print(
        f"\n{name}: {args.workers} workers, {result['concurrency']} clients, "
        f"{result['duration_s']:g} s measured (+{result['warmup_s']:g} s warm-up)"
    )
    header = f"{'endpoint':<10}{'requests':>10}{'errors':>8}{'req/s':>9}"
    print(header + f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    rows = [*result["endpoints"].items(), ("all", result["overall"])]
    for endpoint, row in rows:
        times = "".join(f"{row[k] if row[k] is not None else '-':>9}" for k in PERCENTILES)
        print(f"{endpoint:<10}{row['count']:>10}{row['errors']:>8}{row['rps']:>9}{times}")
    for endpoint, row in result["endpoints"].items():
        if row["errors"]:
            print(f"  {endpoint} answers: {row['statuses']}")
    reports = result["reports"]
    verdict = "OK" if reports["ok"] else "MISMATCH"
    print(
        f"reports: {reports['answered_201']} answered 201, {reports['stored']} stored, "
        f"{reports['missing']} missing, {reports['unexpected']} without a 201 — {verdict}"
    )


def main():
    args = parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # progress and tables in order under `| tee`
    # `kill` (SIGTERM) must clean up like Ctrl-C: SystemExit runs the finally blocks.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    now = datetime.datetime.now()
    stamp = now.strftime("%Y%m%dT%H%M%S")  # shared by both databases' files: one run, one pair
    about = {"date": now.isoformat(timespec="seconds"), "machine": machine()}
    config = {key: getattr(args, key) for key in ("workers", "concurrency", "duration", "warmup")}
    config["redis"] = bool(args.redis)
    RESULTS.mkdir(parents=True, exist_ok=True)
    healthy = True
    for db in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        result = bench_one(db, args)
        print_table(result, args)
        path = RESULTS / f"{stamp}-{db}.json"
        path.write_text(json.dumps({**about, "config": config, **result}, indent=2) + "\n")
        print(f"written to {path.relative_to(support.ROOT)}")
        healthy &= result["overall"]["errors"] == 0 and result["reports"]["ok"]
    # Speed is for a person to judge; failures and lost reports are not.
    return 0 if healthy else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\ninterrupted: server stopped, temporary databases removed", file=sys.stderr)
        sys.exit(130)
    except RuntimeError as error:  # a set-up step failed; its output says why
        print(f"benchmark stopped: {error}", file=sys.stderr)
        sys.exit(2)
