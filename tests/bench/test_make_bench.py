"""`make bench` runs from a clean tree and checks what it promises: a table, the
targets, every acknowledged report stored once. A tiny run (a few hundred
reports, a second a phase): whether the portal is fast is the benchmark's to
say, not a test's; that the benchmark works is ours.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_small_run_on_sqlite_prints_its_table_and_loses_no_report(tmp_path):
    command = [
        sys.executable,
        str(ROOT / "bench" / "run.py"),
        "--db=sqlite",
        "--reports=300",
        "--advisories=30",
        "--seconds=0.5",
        "--mixed-seconds=2",
        "--warmup=0.2",
        "--concurrency=6",
        "--inspectors=2",
        f"--results={tmp_path}",
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)

    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = done.stdout
    assert "SQLite: 3 workers, 6 clients" in out
    for row in ("ceiling", "home", "detail", "lookup", "report_post", "receipt", "dashboard"):
        assert f" {row} " in out
    assert "0 lost, 0 altered, 0 twice" in out
    # The costliest single file and letter page, each measured against its bound.
    assert "Worst cases: the costliest piece of work" in out
    assert "WebP lossless 7000 × 7000 (the review's)" in out
    assert "markup.render: the issue's text" in out
    [worst] = tmp_path.glob("*-worst.json")
    cases = json.loads(worst.read_text())["cases"]
    assert {row["outcome"].split(":")[0] for row in cases["worst_evidence"]} >= {"refused"}
    [written] = tmp_path.glob("*-sqlite.json")
    result = json.loads(written.read_text())
    reports = result["reports"]
    assert reports["acknowledged"] > 0
    assert reports["stored"] == reports["acknowledged"]
    assert all(worker["peak_mb"] > 0 for worker in result["workers"])
    assert result["page_weight"]["home"]["foreign"] == []
