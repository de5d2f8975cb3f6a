"""The report limit holds whichever worker answers: counts are shared, never per process.

Reviewed on `make serve` without Redis (the embedded default): each gunicorn
worker kept its own count, so 13 reports in a minute passed a limit of 5.
Without Redis the counters now live in the database, incremented atomically.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core.cache import cache

from portal import counters
from portal.models import Counter
from reports.models import Report

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


@pytest.fixture
def served_portal(tmp_path):
    """gunicorn, 3 workers, no Redis, on a throw-away database of the suite's kind."""
    env = {**os.environ, "DJANGO_DEBUG": "1", "REDIS_URL": "", "REPORT_RATE_LIMIT": "5/d"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server_url = os.environ.get("DATABASE_URL", "")
    database = None
    if server_url.startswith("postgres"):
        import psycopg

        admin_url = server_url.rsplit("/", 1)[0] + "/postgres"
        database = f"test_counters_{secrets.token_hex(4)}"
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {database}")
        env["DATABASE_URL"] = server_url.rsplit("/", 1)[0] + "/" + database
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    subprocess.run([BIN / "python", "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [BIN / "gunicorn", "portal.wsgi", "--workers", "3", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/healthz", timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
        if database:
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE {database} WITH (FORCE)")


@pytest.fixture
def database_counters(settings):
    settings.SHARED_COUNTERS = "database"


@pytest.mark.django_db
def test_a_counter_counts_and_gives_back(database_counters):
    assert [counters.hit("k", 60) for _ in range(3)] == [1, 2, 3]
    counters.undo("k")
    assert counters.hit("k", 60) == 3
    assert counters.hit("other", 60) == 1


@pytest.mark.django_db
def test_a_counter_never_goes_below_zero(database_counters):
    counters.hit("k", 60)
    counters.undo("k")
    counters.undo("k")
    assert Counter.objects.get(key="k").count == 0


@pytest.mark.django_db
def test_an_expired_counter_starts_again_and_old_windows_are_forgotten(
    database_counters, monkeypatch
):
    monkeypatch.setattr(counters, "_now", lambda: 1_000)
    counters.hit("old-window", 60)
    assert counters.hit("k", 60) == 1
    assert counters.hit("k", 60) == 2
    monkeypatch.setattr(counters, "_now", lambda: 1_061)
    assert counters.hit("k", 60) == 1  # expired at 1,060: a new window
    counters.hit("new-key", 60)  # a new window clears out the rows that ended
    assert not Counter.objects.filter(key="old-window").exists()


@pytest.mark.django_db
def test_the_limit_holds_when_each_report_lands_on_a_worker_with_empty_memory(
    client, database_counters, settings
):
    settings.REPORT_RATE_LIMIT = "5/d"
    data = {"kind": "LD", "source": "0912345678", "content": "Giả danh công an"}
    statuses = []
    for _ in range(13):
        cache.clear()  # as if another gunicorn worker, with its own memory, answered
        statuses.append(client.post("/api/v1/reports", data).status_code)
    assert statuses == [201] * 5 + [429] * 8
    assert Report.objects.count() == 5


def test_under_gunicorn_with_three_workers_forty_reports_at_once_meet_one_limit(served_portal):
    """The reviewer's test, harder: 40 simultaneous reports, 3 workers, no Redis, 5 a day."""
    body = json.dumps({"kind": "LD", "source": "0912345678", "content": "Mạo danh"}).encode()

    def post(_):
        request = urllib.request.Request(
            f"{served_portal}/api/v1/reports",
            data=body,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(post, range(40)))
    assert sorted(statuses) == [201] * 5 + [429] * 35
    with urllib.request.urlopen(f"{served_portal}/api/v1/lookup?number=0912345678") as response:
        assert json.load(response)["reports"]["total"] == 5
