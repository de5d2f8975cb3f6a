"""Running queued jobs inside a test, as `manage.py worker --batch` would."""

from unittest import mock

from django_tasks_db.management.commands import db_worker


def run_jobs(max_tasks=None):
    """Run every job that is ready now, in this process, then return.

    The worker closes "old" connections between jobs; inside a test's
    transaction that would close the test's own connection, so it is skipped.
    """
    worker = db_worker.Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        worker.run()
