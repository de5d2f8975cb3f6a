"""Bulk loading helpers shared by the apps' demo-data generators."""

from contextlib import contextmanager

from django.conf import settings


@contextmanager
def given_timestamps(*models):
    """Inside the block, `auto_now` / `auto_now_add` fields keep the value they are given.

    bulk_create (and save) would otherwise stamp every row with the moment
    of loading; demo data needs reports filed over a year and letters
    created when they were published. Only for one-off loading commands:
    it changes the fields for the whole process until the block ends.
    """
    fields = [
        field
        for model in models
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


@contextmanager
def queries_not_logged():
    """Inside the block, Django does not keep a copy of every query, even with DEBUG on.

    With DEBUG on (a developer's machine, where demo data is loaded), Django
    logs each query with its parameters quoted into the text (on SQLite by
    running one more query per statement): for a bulk load that doubles the
    time and keeps the last 9,000 multi-row INSERTs in memory.
    """
    debug = settings.DEBUG
    settings.DEBUG = False
    try:
        yield
    finally:
        settings.DEBUG = debug
