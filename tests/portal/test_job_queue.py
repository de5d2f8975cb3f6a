"""The job queue: after the commit, retried when the failure is passing, visible in admin."""

import datetime

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from portal.models import Counter
from tests.jobs import run_jobs

from . import sample_jobs
from .sample_jobs import broken_job, flaky_job

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_job_is_queued_only_when_its_transaction_commits():
    from portal.jobs import enqueue_after_commit

    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_after_commit(flaky_job, "rolled-back")
        raise RuntimeError("the request failed")
    assert not DBTaskResult.objects.exists()

    with transaction.atomic():
        enqueue_after_commit(flaky_job, "kept")
        assert not DBTaskResult.objects.exists()
    assert DBTaskResult.objects.get().status == TaskResultStatus.READY

    run_jobs()
    assert Counter.objects.filter(key="kept").exists()


def test_a_passing_failure_is_tried_again_later_and_then_works():
    sample_jobs.FAILURES_LEFT["count"] = 2
    flaky_job.enqueue("weather")

    run_jobs()
    first = DBTaskResult.objects.order_by("enqueued_at")
    assert [r.status for r in first] == [TaskResultStatus.FAILED, TaskResultStatus.READY]
    retry = first[1]
    wait = (retry.run_after - timezone.now()).total_seconds()
    assert 10 < wait <= 15  # the first retry waits 15 s
    # Not yet: the worker leaves it until its time.
    run_jobs()
    assert not Counter.objects.filter(key="weather").exists()

    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=16), tick=True):
        run_jobs()
    third = DBTaskResult.objects.filter(status=TaskResultStatus.READY).get()
    # The second retry waits twice as long.
    assert (third.run_after - retry.run_after).total_seconds() >= 29
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=60), tick=True):
        run_jobs()
    assert Counter.objects.filter(key="weather").exists()
    statuses = sorted(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == ["FAILED", "FAILED", "SUCCESSFUL"]


def test_a_failure_that_keeps_coming_gives_up_after_its_attempts():
    sample_jobs.FAILURES_LEFT["count"] = 10
    flaky_job.enqueue("storm")
    for minutes in range(0, 60, 5):
        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes)):
            run_jobs()
    # Three attempts, all failed, none waiting.
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED"] * 3
    sample_jobs.FAILURES_LEFT["count"] = 0


def test_a_bug_fails_at_once_and_administrators_see_why(admin_client):
    broken_job.enqueue()
    run_jobs()
    failed = DBTaskResult.objects.get()
    assert failed.status == TaskResultStatus.FAILED
    assert "a bug, not the weather" in failed.traceback

    listing = admin_client.get("/admin/portal/jobrun/", {"status__exact": "FAILED"})
    assert listing.status_code == 200
    assert "broken_job" in listing.content.decode()
    page = admin_client.get(f"/admin/portal/jobrun/{failed.pk}/change/")
    assert page.status_code == 200
    assert "a bug, not the weather" in page.content.decode()


def test_a_run_whose_worker_died_is_marked_failed_after_three_hours():
    from portal.jobs import recover_lost_runs

    flaky_job.enqueue("lost")
    run = DBTaskResult.objects.get()
    run.claim("a-worker-that-was-killed")  # and then nothing: the process is gone

    recover_lost_runs.call()
    assert DBTaskResult.objects.get(pk=run.pk).status == TaskResultStatus.RUNNING

    with time_machine.travel(timezone.now() + datetime.timedelta(hours=3, minutes=1)):
        recover_lost_runs.call()
    lost = DBTaskResult.objects.get(pk=run.pk)
    assert lost.status == TaskResultStatus.FAILED
    assert "JobLost" in lost.traceback


def test_the_worker_starts_the_housekeeping_once_however_many_start():
    from portal.jobs import recover_lost_runs, start_periodic

    start_periodic()
    start_periodic()
    waiting = DBTaskResult.objects.filter(task_path=recover_lost_runs.module_path)
    assert [r.status for r in waiting] == [TaskResultStatus.READY]
    run_jobs()
    # It ran, and its next run waits a quarter of an hour.
    next_runs = DBTaskResult.objects.filter(
        task_path=recover_lost_runs.module_path, status=TaskResultStatus.READY
    )
    assert len(next_runs) == 1
    wait = (next_runs[0].run_after - timezone.now()).total_seconds()
    assert 14 * 60 < wait <= 15 * 60
