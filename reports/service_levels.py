"""Service levels: how long an open report may stay in its state before it is overdue.

A new report may wait REPORT_DAYS_NEW days for someone to look at it, one in
review REPORT_DAYS_IN_REVIEW days for a decision, a forwarded one
REPORT_DAYS_FORWARDED days for the police's or a carrier's answer (settings,
from the environment). The clock of each starts when the report entered its
current state (status_changed_at), or when it was filed if it never moved.
A resolved or rejected report is never overdue.

One rule, two forms that agree: `overdue_q(now)` for querysets (the list's
filter, the dashboard's counts: one condition per state, no join) and
`is_overdue(report, now)` for a report already loaded (the list's flag).
"""

import datetime
import functools
import operator

from django.conf import settings
from django.db.models import Q

from .models import Report

Status = Report.Status

# What waits on the inspectors, and what waits on someone else (the police, a carrier).
WAITING_ON_INSPECTORS = (Status.NEW, Status.IN_REVIEW)
WAITING_ON_OTHERS = (Status.FORWARDED,)


def allowed_days():
    """{state: days it may last}, read from settings each time (tests change them)."""
    return {
        Status.NEW: settings.REPORT_DAYS_NEW,
        Status.IN_REVIEW: settings.REPORT_DAYS_IN_REVIEW,
        Status.FORWARDED: settings.REPORT_DAYS_FORWARDED,
    }


def deadline_passed_before(state, now):
    """Entered `state` before this moment: overdue at `now`."""
    return now - datetime.timedelta(days=allowed_days()[state])


def overdue_q(now, states=None):
    """Reports overdue at `now` (of `states` only, when given: the open states by default)."""
    conditions = []
    for state in allowed_days():
        if states is not None and state not in states:
            continue
        before = deadline_passed_before(state, now)
        conditions.append(
            Q(status=state)
            & (
                Q(status_changed_at__lt=before)
                | Q(status_changed_at__isnull=True, created_at__lt=before)
            )
        )
    return functools.reduce(operator.or_, conditions) if conditions else Q(pk__in=[])


def since(report):
    """When the report entered its current state."""
    return report.status_changed_at or report.created_at


def is_overdue(report, now):
    """True when `report` has stayed in its open state longer than its service level allows."""
    days = allowed_days().get(report.status)
    if days is None:
        return False
    return since(report) < now - datetime.timedelta(days=days)
