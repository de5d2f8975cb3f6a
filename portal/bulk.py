"""Bulk loading helpers shared by the apps' demo-data generators."""

from contextlib import contextmanager
from enum import Enum

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, models


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


def insert_rows(model, rows, using=DEFAULT_DB_ALIAS):
    """INSERT plain rows ({attname: value} for every column but the key) into model's table.

    bulk_create without model instances, for the largest table of a bulk
    load: bulk_create spends some microseconds per value on pre_save and
    get_db_prep_save, three quarters of the time of inserting 400,000
    history lines. Values are what the columns store (keys for foreign keys,
    the choices' values); datetimes are adapted for the backend here. No
    signals, no defaults, no keys returned: the caller knows its rows.
    """
    connection = connections[using]
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    adapt = connection.ops.adapt_datetimefield_value
    datetimes = {field.attname for field in fields if isinstance(field, models.DateTimeField)}
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )

    def plain(field, value):
        if field.attname in datetimes:
            return adapt(value)
        # A TextChoices member (Status.NEW): its value, as the ORM would store it.
        return value.value if isinstance(value, Enum) else value

    values = [[plain(field, row[field.attname]) for field in fields] for row in rows]
    if values:
        with connection.cursor() as cursor:
            cursor.executemany(sql, values)
