"""Two workers side by side (two machines, or two CPUs of one) never run one job twice.

Each job writes a row whose key is unique, so a job run a second time fails.
Both workers take jobs from the same table at the same moment: on PostgreSQL
they claim with SELECT … FOR UPDATE SKIP LOCKED, on SQLite in an exclusive
transaction.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

JOBS = 200


def manage(url, *args, timeout=120):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )


def scratch_database(tmp_path):
    """A database the worker processes can open: this test's own on PostgreSQL, a file on SQLite."""
    if connection.vendor == "postgresql":
        params = connection.settings_dict
        return f"postgres://{params['USER']}@{params['HOST']}:{params['PORT']}/{params['NAME']}"
    url = f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
    manage(url, "migrate", "-v0")
    return url


def test_two_workers_share_the_jobs_and_run_each_once(tmp_path):
    url = scratch_database(tmp_path)
    manage(
        url,
        "shell",
        "-c",
        "from tests.portal.sample_jobs import note_once\n"
        f"for n in range({JOBS}): note_once.enqueue(f'job-{{n}}')",
    )

    command = [sys.executable, "manage.py", "worker", "--batch", "--interval", "0"]
    command += ["--no-startup-delay"]
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1"}
    workers = [
        subprocess.Popen(
            [*command, "--worker-id", f"worker-{n}"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in (1, 2)
    ]
    for worker in workers:
        _, errors = worker.communicate(timeout=180)
        assert worker.returncode == 0, errors

    report = manage(
        url,
        "shell",
        "-c",
        "import json\n"
        "from collections import Counter\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "from portal.models import Counter as Row\n"
        # The sample jobs only: the periodic housekeeping (expired exports) runs beside them.
        "ours = DBTaskResult.objects.filter(task_path='tests.portal.sample_jobs.note_once')\n"
        "print(json.dumps([Row.objects.filter(key__startswith='job-').count(),"
        " Counter(ours.values_list('status', flat=True)),"
        " Counter(w for ids in ours.values_list('worker_ids', flat=True)"
        " for w in ids)]))\n",
    ).stdout.splitlines()
    rows, statuses, counts = json.loads(report[-1])
    assert rows == JOBS
    assert statuses == {"SUCCESSFUL": JOBS}
    # Both took part, and every job was claimed once.
    assert set(counts) == {"worker-1", "worker-2"}
    assert sum(counts.values()) == JOBS
