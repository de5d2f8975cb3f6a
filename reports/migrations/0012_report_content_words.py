"""PostgreSQL: a full-text index on the folded content, for inspectors' word search.

SQLite has no such index and searches substrings (ReportQuerySet.containing_words).
"""

from django.db import migrations

INDEX = "report_content_words"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON reports_report "
            "USING gin (to_tsvector('simple', content_search))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("reports", "0011_triage_indexes")]
    operations = [migrations.RunPython(create, drop)]
