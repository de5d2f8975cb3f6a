"""Work that must not run inside a request: a job queue, and the rules every job follows.

The queue is django-tasks (the backport of Django 6.0's `django.tasks`) with
its database backend, django-tasks-db: jobs are rows in our own database, so
the embedded default (SQLite, `make run`) needs no other server, and on
PostgreSQL any number of workers on any number of machines share them. A
worker claims a job inside a transaction (`SELECT … FOR UPDATE SKIP LOCKED`
on PostgreSQL, an exclusive transaction on SQLite), so no job runs twice.

Every job of ours is declared with `@job`:
- it is enqueued with `enqueue_after_commit`, never before the transaction
  that made its data commits (a worker must find what the job is about, and a
  rolled-back request must leave no job behind);
- a transient failure (the database or object storage briefly away) is tried
  again later, with a growing delay, up to `attempts` times; each failed try
  stays in admin ("Tasks Database Backend › Task Results") with its traceback;
- anything else fails at once, visibly, in the same place, and the job's own
  record (an export, a bulk step, a letter being read) says why.
"""

import datetime
import functools
import logging

from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task

logger = logging.getLogger(__name__)

# A worker that lost its database connection, a lock timeout, object storage
# that did not answer: worth another try. A bug or bad data is not.
TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
try:  # object storage, when it is configured
    from botocore.exceptions import BotoCoreError, ClientError

    TRANSIENT += (BotoCoreError, ClientError)
except ImportError:  # pragma: no cover - boto3 is a dependency
    pass

FIRST_RETRY_SECONDS = 15


class Transient(Exception):
    """Raised by a job to ask for another try later (e.g. a service it needs is away)."""


def retry_delay(attempt):
    """Seconds before try `attempt + 1`: 15 s, 30 s, 1 min, 2 min, … at most an hour."""
    return min(FIRST_RETRY_SECONDS * 2 ** (attempt - 1), 3600)


def job(*, attempts=5, queue_name="default", priority=0):
    """Declare a job: `@job()` above a module-level function whose arguments are JSON."""

    def declare(func):
        @functools.wraps(func)
        def run(*args, _attempt=1, **kwargs):
            try:
                return func(*args, **kwargs)
            except (Transient, *TRANSIENT) as error:
                if _attempt >= attempts:
                    logger.warning("job %s gave up after %d tries", func.__name__, _attempt)
                    raise
                delay = retry_delay(_attempt)
                logger.warning(
                    "job %s failed (%s): try %d in %d s",
                    func.__name__,
                    type(error).__name__,
                    _attempt + 1,
                    delay,
                )
                declared.using(
                    run_after=timezone.now() + datetime.timedelta(seconds=delay)
                ).enqueue(*args, _attempt=_attempt + 1, **kwargs)
                raise

        declared = task(queue_name=queue_name, priority=priority)(run)
        return declared

    return declare


# Housekeeping (expired exports removed, …): each runs every `every`, on
# whichever worker is free. django-tasks has no scheduler: a periodic job
# enqueues its own next run, and the worker command starts any that is not
# waiting already (`start_periodic`).
PERIODIC = []


def periodic(every):
    """Declare a job that runs every `every` (a timedelta) while a worker runs."""

    def declare(func):
        @functools.wraps(func)
        def run():
            try:
                return func()
            finally:
                _schedule(declared, timezone.now() + every)

        declared = job(attempts=1)(run)
        PERIODIC.append(declared)
        return declared

    return declare


def _waiting(declared):
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=declared.module_path, status=TaskResultStatus.READY
    ).exists()


def _schedule(declared, when):
    # One waiting run is enough: several workers starting together, or a run
    # started by hand, must not multiply the chain.
    if not _waiting(declared):
        declared.using(run_after=when).enqueue()


def start_periodic():
    """Enqueue every periodic job that has no run waiting (the worker command calls it)."""
    for declared in PERIODIC:
        _schedule(declared, timezone.now())


def enqueue_after_commit(declared, *args, **kwargs):
    """Enqueue once the current transaction commits (at once outside one)."""
    transaction.on_commit(functools.partial(declared.enqueue, *args, **kwargs))


class JobLost(Exception):
    """The worker running this job stopped before it finished (killed, restarted, power cut)."""


# Longer than any job's own bound (an export of 1,000,000 rows takes minutes,
# a 30-page scan at most an hour): a run still "running" after this is lost.
LOST_AFTER = datetime.timedelta(hours=3)


@periodic(every=datetime.timedelta(minutes=15))
def recover_lost_runs():
    """Mark runs whose worker died as failed, so administrators see them in admin.

    django-tasks-db leaves such a run "running" for ever: nothing else notices
    that the process that claimed it is gone.
    """
    from django_tasks_db.models import DBTaskResult

    lost = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=timezone.now() - LOST_AFTER
    )
    for run in lost:
        run.set_failed(JobLost(f"no end after {LOST_AFTER}; its worker must have stopped"))
    return len(lost)
