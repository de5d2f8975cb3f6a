"""Case numbers: what staff, the police and operators call a report by (DL-2026-000123).

The receipt code is the citizen's key (whoever holds it may withdraw the
report's contact and evidence), so it never leaves the portal on the staff
side: exports, file names, the case sheet and the admin show the case
number instead. The number is the province's code (Province.case_code; a
report without a province takes NATIONAL, "QG"), the year the report was
filed in Vietnam, and a sequence per prefix and year.

A number is taken from CaseCounter by one statement that inserts the counter
or adds to it and returns the new value (INSERT … ON CONFLICT DO UPDATE …
RETURNING, PostgreSQL and SQLite ≥ 3.35): two workers can never read the
same value. Numbers are gap-tolerant (a filing that fails after taking one
leaves a gap) and never reused; Report's unique constraint backs that up.
"""

import re

from django.db import connection
from django.utils import timezone

from advisories.case_codes import NATIONAL

from .models import CaseCounter

WIDTH = 6  # DL-2026-000123; the 1,000,000th report of a year just gets a seventh digit


def prefix_for(province):
    """The report's prefix: its province's code; national without a province, or for a
    unit an administrator added without a code (a citizen's filing must not fail on it)."""
    return (province.case_code if province is not None else None) or NATIONAL


def year_of(moment=None):
    """The year in Vietnam (TIME_ZONE) at `moment`, now by default."""
    return timezone.localtime(moment or timezone.now()).year


def take(prefix, year, count=1):
    """Add `count` to the counter of (prefix, year) and return its new value: the last
    of the `count` numbers now taken (a block, for bulk inserts)."""
    quote = connection.ops.quote_name
    table = quote(CaseCounter._meta.db_table)
    last = quote("last")
    sql = (
        f"INSERT INTO {table} ({quote('prefix')}, {quote('year')}, {last}) VALUES (%s, %s, %s) "
        f"ON CONFLICT ({quote('prefix')}, {quote('year')}) "
        f"DO UPDATE SET {last} = {table}.{last} + %s RETURNING {last}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [prefix, year, count, count])
        return cursor.fetchone()[0]


def format_number(prefix, year, sequence):
    return f"{prefix}-{year}-{sequence:0{WIDTH}d}"


def next_number(province, moment=None):
    """A new case number for a report of `province` filed at `moment` (now by default)."""
    prefix, year = prefix_for(province), year_of(moment)
    return format_number(prefix, year, take(prefix, year))


def number_all(reports):
    """Give each unsaved report of `reports` without a number its number, a block per
    prefix and year (bulk inserts: seed_demo_data, benchmarks). In the list's order."""
    groups = {}
    for report in reports:
        if report.case_number:
            continue
        key = (prefix_for(report.province), year_of(report.created_at))
        groups.setdefault(key, []).append(report)
    for (prefix, year), members in groups.items():
        last = take(prefix, year, len(members))
        for offset, report in enumerate(members):
            report.case_number = format_number(prefix, year, last - len(members) + 1 + offset)
    return reports


_TYPED = re.compile(r"^\s*([A-Za-z]{2,4})\s*[-–/ ]?\s*(\d{4})\s*[-–/ ]?\s*(\d{1,9})\s*$")


def normalize_case_number(typed):
    """`dl-2026-123`, `DL 2026 000123` → `DL-2026-000123`; None if it is not one."""
    match = _TYPED.match(typed or "")
    if match is None:
        return None
    prefix, year, sequence = match.groups()
    return format_number(prefix.upper(), int(year), int(sequence))
