"""Jobs the queue's own tests enqueue (module level, as django-tasks requires)."""

from django.db import IntegrityError, OperationalError

from portal.jobs import job
from portal.models import Counter

# How many times flaky_job should fail before it works (set by the test).
FAILURES_LEFT = {"count": 0}


@job(attempts=3)
def flaky_job(key):
    if FAILURES_LEFT["count"] > 0:
        FAILURES_LEFT["count"] -= 1
        raise OperationalError("the database went away")
    Counter.objects.create(key=key, expires=0)


@job()
def broken_job():
    raise ValueError("a bug, not the weather")


@job()
def note_once(key):
    """Fails if it ever runs a second time for the same key (the row's key is unique)."""
    try:
        Counter.objects.create(key=key, expires=0)
    except IntegrityError:
        raise AssertionError(f"{key} ran twice") from None
