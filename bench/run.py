"""Benchmark the portal with a year of data on SQLite and PostgreSQL (`make bench`).

For each database: a throw-away database seeded by seed_demo_data (100,000
reports, 10,000 letters, staff of each role), gunicorn as `make serve` runs it,
and bench/load.py's phases: the ceiling, each public page alone, then a mixed
working day of citizens and inspectors. Afterwards every acknowledged report
must be stored exactly once with its content. Then the national inspector
exports every report as a job (bench/exports.py: 100,000 on SQLite, 1,000,000
on PostgreSQL), run by one worker whose peak memory is read as it works. Prints a table per database
against the targets and writes bench/results/<time>-<db>.json.

Not part of the test suite or CI: timings depend on the machine (bench/README.md
has the latest figures). Run it with the venv's Python (make bench does).
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
import threading
import time
from pathlib import Path

import exports  # bench/exports.py, load.py, support.py: the script's folder is first on sys.path
import load
import support

RESULTS = support.ROOT / "bench" / "results"
LOAD = support.ROOT / "bench" / "load.py"
NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
# Seeded accounts the inspectors log in as: one province's, and the national
# inspector who sees all 100,000 reports (the heaviest lists).
INSPECTORS = ["thanhtra-ho-chi-minh", "thanhtra-toanquoc"]

# The targets; the run prints each with its figure. Speed never fails the run.
PUBLIC_RATIO = 0.5
POST_P99_MS = 150
INSPECTOR_P95_MS = 300
WORKER_MB = 150
PAGE_KB = 30


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--workers", type=int, default=3, help="gunicorn workers (3, as make serve)"
    )
    parser.add_argument("--concurrency", type=int, default=32, help="clients (32)")
    parser.add_argument("--inspectors", type=int, default=4, help="of them inspectors, mixed (4)")
    parser.add_argument("--seconds", type=float, default=8, help="measured per page phase (8)")
    parser.add_argument("--mixed-seconds", type=float, default=30, help="measured, mixed (30)")
    parser.add_argument("--warmup", type=float, default=2, help="unmeasured before each (2)")
    parser.add_argument("--reports", type=int, default=100_000, help="seeded reports (100000)")
    parser.add_argument("--advisories", type=int, default=10_000, help="seeded letters (10000)")
    parser.add_argument("--seed", type=int, default=7, help="seed_demo_data's seed (7)")
    parser.add_argument(
        "--redis",
        default=os.environ.get("REDIS_URL", ""),
        help="Redis for PostgreSQL's run, as in production (default: $REDIS_URL; none if unset)",
    )
    parser.add_argument("--results", default=str(RESULTS), help="where the JSON goes")
    parser.add_argument(
        "--worst-cases",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also measure the costliest file and letter page the portal accepts (about 3 min)",
    )
    parser.add_argument(
        "--export",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also export every report as a job, as the national inspector (bench/exports.py)",
    )
    parser.add_argument(
        "--pg-export-rows",
        type=int,
        default=None,
        help="reports PostgreSQL's export holds, copied in the database first "
        "(default: 10 × --reports, 1,000,000); SQLite's holds every report seeded",
    )
    parser.add_argument(
        "--pg-url",
        default="postgres://postgres@127.0.0.1:5432",
        help="PostgreSQL server; a bench_portal_<random> database is created and dropped there",
    )
    return parser.parse_args()


class Setup:
    """One database's throw-away world: its directory, database, environment."""

    def __init__(self, db, args, password):
        self.db, self.args = db, args
        self.workdir = Path(tempfile.mkdtemp(prefix=f"portal-bench-{db}-"))
        self.pg_name = None
        self.error = None
        if db == "sqlite":
            url = f"sqlite:///{self.workdir / 'bench.sqlite3'}"
            redis = ""
        else:
            name = f"bench_portal_{secrets.token_hex(4)}"  # never someone else's database
            url = support.create_postgres(args.pg_url, name)
            self.pg_name = name  # only now is there something to drop
            redis = args.redis
        self.redis = redis
        self.env = support.server_env(url, self.workdir, redis)
        self.env.update(DJANGO_STAFF_PASSWORD=password, PORTAL_BENCH_CEILING="1")

    def prepare(self):
        """migrate, reference data, seed, collectstatic; errors kept for the main thread."""
        try:
            support.manage(self.env, "migrate", "--noinput", "-v0")
            support.manage(self.env, "load_reference_data", "-v0")
            support.manage_streamed(
                self.env,
                self.db,
                "seed_demo_data",
                "--reports",
                str(self.args.reports),
                "--advisories",
                str(self.args.advisories),
                "--seed",
                str(self.args.seed),
                "--force",  # DJANGO_DEBUG=0, as in production: this database is ours
            )
            support.manage(self.env, "collectstatic", "--noinput", "-v0")
        except RuntimeError as error:
            self.error = error

    def clean_up(self):
        if self.pg_name:
            support.drop_postgres(self.args.pg_url, self.pg_name)
        shutil.rmtree(self.workdir, ignore_errors=True)


def bench_one(setup, args, password):
    """Serve one prepared database, load it, check the reports."""
    server = None
    try:
        port, log_path = support.free_port(), setup.workdir / "gunicorn.log"
        base_url = f"http://127.0.0.1:{port}"
        server = support.start_gunicorn(setup.env, port, args.workers, log_path)
        support.wait_healthy(base_url, server, log_path)
        numbers = support.shell_json(setup.env, support.TOP_NUMBERS)
        print(f"[{setup.db}] {args.concurrency} clients, {args.workers} workers")
        filed_file = setup.workdir / "filed.json"
        codes_file = setup.workdir / "codes.json"
        # Every client may log in as an inspector (mixed): one code per client and account.
        codes = support.second_factor_codes(setup.env, INSPECTORS, args.concurrency + 2)
        codes_file.write_text(json.dumps(codes))
        load = run_load(base_url, args, password, numbers, filed_file, codes_file)
        memory = support.worker_memory(server)
        reports = support.check_reports(setup.env, filed_file, load["token"])
        reports["sent"], reports["acknowledged"] = (
            load["reports_sent"],
            load["reports_acknowledged"],
        )
        reports["ok"] = not (
            reports["missing"] or reports["wrong_content"] or reports["duplicated"]
        ) and (reports["stored"] >= reports["acknowledged"])
        if errors(load):
            print(support.tail(log_path))  # what the server said, before the log is deleted
        found = {
            "database": setup.db,
            "redis": bool(setup.redis),
            **load,
            "reports": reports,
            "workers": memory,
        }
        if args.export:
            target = args.reports
            if setup.db == "postgres":
                target = args.pg_export_rows or 10 * args.reports
            print(f"[{setup.db}] exporting {target:,} reports as a job")
            found["export"] = exports.measure(setup.env, base_url, password, target)
        return found
    finally:
        support.stop_gunicorn(server)


def run_load(base_url, args, password, numbers, filed_file, codes_file):
    # --name=value: a drawn password may begin with "-", which argparse would
    # take for an option of its own.
    command = [sys.executable, str(LOAD), f"--url={base_url}", f"--password={password}"]
    for username in INSPECTORS:
        command += [f"--inspector={username}"]
    command += [f"--numbers={','.join(numbers)}", f"--filed={filed_file}"]
    command += [f"--codes={codes_file}"]
    command += ["--concurrency", str(args.concurrency), "--inspectors", str(args.inspectors)]
    command += ["--seconds", str(args.seconds), "--mixed-seconds", str(args.mixed_seconds)]
    command += ["--warmup", str(args.warmup)]
    # Progress bars on our stderr; the JSON on stdout.
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"load generator failed ({done.returncode})")
    return json.loads(done.stdout)


def errors(result):
    return sum(
        row["errors"] for phase in result["phases"].values() for row in phase["endpoints"].values()
    )


# bench/worst_*.py: the costliest single piece of work the portal accepts from anyone
# (an evidence file, a letter page), each measured in a process of its own.
WORST_CASES = {"worst_evidence": "evidence file", "worst_letter": "letter"}


def run_worst_cases():
    """{module: rows}: each module's measure(), run where its own Django set-up holds."""
    found = {}
    for module in WORST_CASES:
        code = f"import json, {module}; print(json.dumps({module}.measure()))"
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=support.ROOT / "bench",
            env=env,
            stdout=subprocess.PIPE,  # progress on our stderr; the rows on stdout
            text=True,
        )
        if done.returncode != 0:
            raise RuntimeError(f"bench/{module}.py failed ({done.returncode})")
        found[module] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def print_worst_cases(found):
    print("\nWorst cases: the costliest piece of work anyone can hand the portal")
    print(f"{'':<13}{'case':<58}{'ms':>8}{'bound':>8}")
    for module, rows in found.items():
        for row in rows:
            ms = row.get("cpu_ms", row.get("ms"))
            ok = ms < row["bound_ms"]
            print(
                f"{WORST_CASES[module]:<13}{row['case'][:57]:<58}{ms:>8}{row['bound_ms']:>8}",
                end="",
            )
            print("" if ok else "  MISSED")
    print("(evidence: CPU ms of examine(), worst files accepted, bombs refused; letter: wall ms)")


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


def mark(ok):
    return "ok" if ok else "MISSED"


def print_table(result, args):
    name = NAMES[result["database"]] + (" + Redis" if result["redis"] else "")
    print(f"\n{name}: {args.workers} workers, {result['concurrency']} clients")
    print(
        f"{'phase':<11}{'endpoint':<21}{'requests':>9}{'errors':>7}{'req/s':>8}"
        f"{'p50':>7}{'p95':>7}{'p99':>7}{'ratio':>7}{'cached':>8}"
    )
    ceiling = result["phases"]["ceiling"]["endpoints"]["ceiling"]["rps"]
    for phase, data in result["phases"].items():
        for endpoint, row in data["endpoints"].items():
            ratio = f"{row['rps'] / ceiling:.2f}" if phase != "mixed" and ceiling else ""
            hits = f"{row['cache_hits']:.0%}" if row["cache_hits"] is not None else ""
            times = "".join(
                f"{row[k] if row[k] is not None else '-':>7}"
                for k in ("p50_ms", "p95_ms", "p99_ms")
            )
            print(
                f"{phase:<11}{endpoint:<21}{row['count']:>9}{row['errors']:>7}{row['rps']:>8}"
                f"{times}{ratio:>7}{hits:>8}"
            )
            if row["errors"]:
                print(f"{'':<11}  answers: {row['statuses']}")
    print("(ms; ratio: throughput / the ceiling's; cached: share of page-cache hits)")
    for line in verdicts(result):
        print(line)


def target(label, figure, goal, ok):
    return f"  {label}: {figure} ({goal}) {mark(ok)}"


def verdicts(result):
    """One line per target: the figure, the goal, ok or MISSED."""
    phases = result["phases"]
    ceiling = phases["ceiling"]["endpoints"]["ceiling"]["rps"]
    lines = []
    for page in [p for p in load.PUBLIC if p in phases]:
        ratio = phases[page]["endpoints"][page]["rps"] / ceiling if ceiling else 0
        lines.append(
            target(
                f"{page} alone",
                f"{ratio:.2f} of the ceiling",
                f"≥ {PUBLIC_RATIO}",
                ratio >= PUBLIC_RATIO,
            )
        )
    mixed = phases.get("mixed", {}).get("endpoints", {})
    post = (mixed.get("report_post") or {}).get("p99_ms")
    ok = post is not None and post < POST_P99_MS
    lines.append(target("report POST p99, mixed", f"{post} ms", f"< {POST_P99_MS}", ok))
    for screen in load.INSPECTOR_SCREENS:
        p95 = (mixed.get(screen) or {}).get("p95_ms")
        ok = p95 is not None and p95 < INSPECTOR_P95_MS
        lines.append(target(f"{screen} p95, mixed", f"{p95} ms", f"< {INSPECTOR_P95_MS}", ok))
    peak = max((w["peak_mb"] for w in result["workers"]), default=0)
    lines.append(
        target("workers' peak memory", f"{peak} MB", f"< {WORKER_MB}", 0 < peak < WORKER_MB)
    )
    for page, weight in result["page_weight"].items():
        size = f"{weight['bytes'] / 1024:.1f} KB in {weight['files']} files"
        if weight["foreign"]:
            size += f", other origins: {', '.join(weight['foreign'])}"
        ok = weight["bytes"] <= PAGE_KB * 1024 and not weight["foreign"]
        lines.append(target(f"{page} page, first visit", size, f"≤ {PAGE_KB} KB, one origin", ok))
    reports = result["reports"]
    figure = (
        f"{reports['sent']} sent, {reports['acknowledged']} acknowledged, {reports['stored']} "
        f"stored; {reports['missing']} lost, {reports['wrong_content']} altered, "
        f"{reports['duplicated']} twice ({reports['unacknowledged']} stored whose answer "
        "the client never got)"
    )
    lines.append(target("reports", figure, "0 lost, altered or twice", reports["ok"]))
    if "export" in result:
        lines += exports.lines(result["export"])
    return lines


def main():
    args = parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # progress and tables in order under `| tee`
    # `kill` (SIGTERM) must clean up like Ctrl-C: SystemExit runs the finally blocks.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    started = time.monotonic()
    now = datetime.datetime.now()
    stamp = now.strftime("%Y%m%dT%H%M%S")  # shared by both databases' files: one run, one pair
    about = {"date": now.isoformat(timespec="seconds"), "machine": machine()}
    config = {k: v for k, v in vars(args).items() if k not in ("pg_url", "redis", "results")}
    password = secrets.token_urlsafe(18)  # the seeded staff's, for this run only
    results = Path(args.results)
    results.mkdir(parents=True, exist_ok=True)
    setups = []
    healthy = True
    try:
        for db in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
            setups.append(Setup(db, args, password))
        # Seeding is most of the set-up and single-threaded: both databases at once.
        print(f"seeding {args.reports:,} reports and {args.advisories:,} letters per database")
        threads = [threading.Thread(target=setup.prepare) for setup in setups]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for setup in setups:
            if setup.error:
                raise setup.error
        print(f"set up in {time.monotonic() - started:.0f} s")
        for setup in setups:
            result = bench_one(setup, args, password)
            config["redis"] = result["redis"]
            print_table(result, args)
            path = results / f"{stamp}-{setup.db}.json"
            path.write_text(
                json.dumps({**about, "config": config, **result}, indent=2, ensure_ascii=False)
                + "\n"
            )
            print(f"written to {path}")
            healthy &= errors(result) == 0 and result["reports"]["ok"]
            healthy &= result.get("export", {"ok": True})["ok"]
    finally:
        for setup in setups:
            setup.clean_up()
    if args.worst_cases:
        found = run_worst_cases()
        print_worst_cases(found)
        path = results / f"{stamp}-worst.json"
        path.write_text(json.dumps({**about, "cases": found}, indent=2, ensure_ascii=False) + "\n")
        print(f"written to {path}")
    print(f"done in {time.monotonic() - started:.0f} s")
    # Speed is for a person to judge; failures and lost reports are not.
    return 0 if healthy else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\ninterrupted: servers stopped, temporary databases removed", file=sys.stderr)
        sys.exit(130)
    except RuntimeError as error:  # a set-up step failed; its output says why
        print(f"benchmark stopped: {error}", file=sys.stderr)
        sys.exit(2)
