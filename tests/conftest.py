import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache

# The suite's clock. Every test starts on Wednesday 18 November 2026 at 15:00 in
# Vietnam, and time moves on from there as usual. A test that builds its data from
# "now" (a report of three days ago, this month's column, this week's numbers) gets
# the same days, weeks and months on the 1st of a month, on New Year's Eve or on a
# Monday just after midnight: nothing in the suite reads the calendar.
NOW = datetime.datetime(2026, 11, 18, 15, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def _fixed_clock():
    # time-machine moves every clock Python reads (time.time, datetime.now, in every
    # thread: the live server's too), not the monotonic ones timeouts are measured on.
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttling and cached pages must not leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _vietnamese(settings):
    settings.LANGUAGE_CODE = "vi"


@pytest.fixture(autouse=True)
def _second_factor_passed(request, monkeypatch):
    """`client.force_login` signs in with both factors (tests/two_factor.py).

    Tests of the second step itself are marked `two_factor` and keep Django's own.
    """
    if request.node.get_closest_marker("two_factor"):
        return
    from django.test import Client

    from tests.two_factor import verified_force_login

    monkeypatch.setattr(Client, "force_login", verified_force_login)


# What the data migrations load. A transactional test (live_server, threads) runs on a
# database that is flushed afterwards, so each one that needs these rows puts them back
# (`reference_rows_restored`). Django's serialized_rollback does the same, but keeps the
# rows on the connection object, which Playwright's greenlets make a thread lose: after
# the browser tests, a PostgreSQL run found no province.
def _reference_models():
    from django.contrib.auth.models import Group

    from advisories.models import Organization, Province, ScamPattern
    from reports.models import Bank, ReplyTemplate

    return (Province, Organization, ScamPattern, Group, ReplyTemplate, Bank)


@pytest.fixture(scope="session", autouse=True)
def _reference_rows(django_db_setup, django_db_blocker):
    """The reference rows as migrated, read once at the start of the session."""
    from django.core import serializers

    with django_db_blocker.unblock():
        rows = [row for model in _reference_models() for row in model.objects.order_by("pk")]
        return serializers.serialize("json", rows, use_natural_foreign_keys=True)


@pytest.fixture
def reference_rows_restored(_reference_rows, transactional_db):
    """Provinces, issuers, scam patterns and staff roles back, if a flush took them."""
    from django.core import serializers
    from django.db import transaction

    from advisories.models import Province

    if Province.objects.exists():
        return
    with transaction.atomic():  # foreign keys are checked at commit: any order will do
        for row in serializers.deserialize("json", _reference_rows):
            row.save()


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """`make stack` as Anh Khoa runs it: nginx, gunicorn and the job worker, for the session.

    Started once (migrations and collectstatic take most of a minute), on a
    throw-away SQLite database and folders, reports limited to 2 a minute per
    client. Stopped at the end by SIGTERM to make: nothing may be left running.
    """
    from tests.servers import Stack, require_nginx

    require_nginx()
    running = Stack(tmp_path_factory.mktemp("stack"), REPORT_RATE_LIMIT="2/m", WORKERS="2")
    running.start()
    yield running
    left = running.stop()
    assert not left, f"still running after make stack stopped: {left}"
