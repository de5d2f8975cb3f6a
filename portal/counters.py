"""Counters shared by every worker: Redis when REDIS_URL is set, else the database.

Report throttling counts per client and window, and holds one slot per
client while its evidence is examined (`acquire`, `release`). A count kept
in a worker's own memory is no limit at all under gunicorn: with three
workers, 13 reports in a minute passed a limit of 5. Redis' INCR is atomic
and shared; without Redis, the count lives in the database
(portal.models.Counter), incremented by one statement that inserts or
updates and returns the new value, so two workers can never both read the
same count.
"""

import contextlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import F

from .models import Counter


def _now():
    return int(time.time())


def hit(key, timeout):
    """Add one to the counter `key` and return its new value; it lives `timeout` seconds."""
    if settings.SHARED_COUNTERS == "cache":
        return _cache_hit(key, timeout)
    return _database_hit(key, timeout)


def read(key):
    """The counter's value in the database, 0 when there is none (no Redis: with Redis
    the page cache reads its generation from the cache itself). Raw SQL: the public
    pages' cache asks on every page it serves, and the ORM's query building cost more
    than the query."""
    quote = connection.ops.quote_name
    sql = f"SELECT {quote('count')} FROM {quote(Counter._meta.db_table)} WHERE {quote('key')} = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [key])
        row = cursor.fetchone()
    return row[0] if row else 0


def undo(key):
    """Take one back from `key` (never below zero); nothing happens if it expired."""
    if settings.SHARED_COUNTERS == "cache":
        with contextlib.suppress(ValueError):  # expired in between: nothing to give back
            cache.decr(key)
        return
    Counter.objects.filter(key=key, count__gt=0, expires__gte=_now()).update(count=F("count") - 1)


def acquire(key, timeout):
    """Take the slot `key` if no one holds it: True when taken, False when held already.

    A slot is a counter that is 1 or absent. It frees itself `timeout`
    seconds after it was taken, so that a worker killed while holding it
    does not hold it for ever; `release` frees it sooner.
    """
    if settings.SHARED_COUNTERS == "cache":
        return cache.add(key, 1, timeout=timeout)  # SET NX: one client wins
    return _database_acquire(key, timeout)


def release(key):
    """Free the slot `key` (nothing happens if it expired already)."""
    if settings.SHARED_COUNTERS == "cache":
        cache.delete(key)
        return
    Counter.objects.filter(key=key).delete()


def _upsert(key, expires, on_conflict, params):
    """INSERT the row `key` at 1 until `expires`, or run `on_conflict` (a format string naming
    {table}, {count} and {expires}) on the row there: the count after, None if it was left."""
    quote = connection.ops.quote_name
    names = {
        "table": quote(Counter._meta.db_table),
        "key": quote("key"),
        "count": quote("count"),
        "expires": quote("expires"),
    }
    sql = (
        "INSERT INTO {table} ({key}, {count}, {expires}) VALUES (%s, 1, %s) "
        "ON CONFLICT ({key}) DO UPDATE SET " + on_conflict + " RETURNING {count}"
    ).format(**names)
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, expires, *params])
        row = cursor.fetchone()
    return None if row is None else row[0]


def _database_acquire(key, timeout):
    """One statement: insert the slot, or take over one that expired; no row back if held."""
    now = _now()
    taken = _upsert(
        key,
        now + timeout,
        "{count} = 1, {expires} = %s WHERE {table}.{expires} < %s",
        [now + timeout, now],
    )
    return taken is not None


def _cache_hit(key, timeout):
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=timeout)
        return 1


def _database_hit(key, timeout):
    """One atomic upsert; an expired row starts again at 1 (PostgreSQL, SQLite ≥ 3.35)."""
    now = _now()
    value = _upsert(
        key,
        now + timeout,
        "{count} = CASE WHEN {table}.{expires} < %s THEN 1 ELSE {table}.{count} + 1 END, "
        "{expires} = CASE WHEN {table}.{expires} < %s THEN %s ELSE {table}.{expires} END",
        [now, now, now + timeout],
    )
    if value == 1:
        _forget_expired(now)
    return value


def _forget_expired(now):
    """Rows of windows that ended; done when a new window starts, so the table stays small."""
    Counter.objects.filter(expires__lt=now).delete()
