"""SQLite: a full-text index (FTS5) on the folded content, for inspectors' word search.

PostgreSQL has its GIN index (0012). On SQLite a word search scanned the
100,000 reports' text, 100 ms for the national inspector and three times that
under load. `reports_report_words` is an external-content FTS5 table: it
holds only the index, and three triggers keep it in step with every insert,
update and delete, bulk ones included. Both databases now match words by
their beginning (ReportQuerySet.containing_words).

A later migration that makes Django rebuild reports_report on SQLite (some
field changes copy the table) drops the triggers with the old table:
tests/reports/test_report_word_search.py fails until it recreates them.
"""

from django.db import migrations

TABLE = "reports_report_words"

CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "content_search, content='reports_report', content_rowid='id', tokenize='unicode61')",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_insert AFTER INSERT ON reports_report BEGIN "
    f"INSERT INTO {TABLE}(rowid, content_search) VALUES (new.id, new.content_search); END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON reports_report BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, content_search) "
    "VALUES ('delete', old.id, old.content_search); END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_update AFTER UPDATE OF content_search "
    "ON reports_report BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, content_search) "
    "VALUES ('delete', old.id, old.content_search); "
    f"INSERT INTO {TABLE}(rowid, content_search) VALUES (new.id, new.content_search); END",
    # The reports already there.
    f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')",
]
DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {TABLE}_update",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("reports", "0012_report_content_words")]
    operations = [migrations.RunPython(create, drop)]
