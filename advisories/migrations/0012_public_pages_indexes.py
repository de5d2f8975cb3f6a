"""Indexes for the public pages at 10,000 letters.

- advisory_public_list also holds published_at and issued_year: the list's
  count, its year filter's choices and the page cache's next scheduled letter
  then read the index instead of every row (the list's miss: 50 ms to 19).
- advisory_numbers: the number look-up finds the letters that mention a
  number. On SQLite, with `numbers LIKE '% 0912345678 %'`: no index can seek a
  LIKE with a leading wildcard, but scanning this narrow index instead of the
  table (every letter's full text) took the look-up from 37 ms to 2. On
  PostgreSQL, a GIN index over the numbers as an array, which
  Advisory.objects.mentioning() asks with `@>` (31 ms to under 1); built in,
  no extension to install.
"""

from django.db import migrations, models

NUMBERS_INDEX = "advisory_numbers"
# advisories.models.NUMBERS_ARRAY, which mentioning() compares on PostgreSQL,
# copied: a migration must not change when the model's code does.
NUMBERS_ARRAY = "string_to_array(btrim(numbers), ' ')"


def create_numbers_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {NUMBERS_INDEX} ON advisories_advisory "
            f"USING gin ({NUMBERS_ARRAY})"
        )
    else:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {NUMBERS_INDEX} ON advisories_advisory (numbers)"
        )


def drop_numbers_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {NUMBERS_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("advisories", "0011_skhcn")]

    operations = [
        migrations.RemoveIndex(model_name="advisory", name="advisory_public_list"),
        migrations.AddIndex(
            model_name="advisory",
            index=models.Index(
                fields=["status", "-issued_on", "published_at", "issued_year"],
                name="advisory_public_list",
            ),
        ),
        migrations.RunPython(create_numbers_index, drop_numbers_index),
    ]
