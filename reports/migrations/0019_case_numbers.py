"""Case numbers (DL-2026-000123) and the triage version of every report.

Numbered 0019 and depending on 0016 (and advisories 0016, for the provinces'
codes): 0017 and 0018 come from work done alongside; whoever merges rewires
the chain. Existing reports are numbered here, per prefix and year in the
order they were filed, and the counters start after the last number given.
The version starts at 0: a page opened before the migration carries none,
and is refused as stale once (the fields it showed may be out of date).
"""

import datetime
from importlib import import_module
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations, models

NATIONAL = "QG"  # advisories.case_codes.NATIONAL, frozen here
BATCH = 2000


def number_existing(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    CaseCounter = apps.get_model("reports", "CaseCounter")
    Province = apps.get_model("advisories", "Province")
    zone = ZoneInfo(settings.TIME_ZONE)
    codes = dict(Province.objects.values_list("pk", "case_code"))
    last = {}
    batch = []
    rows = (
        Report.objects.filter(case_number__isnull=True)
        .order_by("created_at", "pk")
        .values_list("pk", "province_id", "created_at")
    )
    for pk, province_id, created_at in rows.iterator(chunk_size=BATCH):
        prefix = codes.get(province_id) or NATIONAL
        year = (created_at or datetime.datetime.now(datetime.UTC)).astimezone(zone).year
        last[prefix, year] = last.get((prefix, year), 0) + 1
        batch.append(Report(pk=pk, case_number=f"{prefix}-{year}-{last[prefix, year]:06d}"))
        if len(batch) >= BATCH:
            Report.objects.bulk_update(batch, ["case_number"])
            batch = []
    if batch:
        Report.objects.bulk_update(batch, ["case_number"])
    for (prefix, year), value in last.items():
        counter, created = CaseCounter.objects.get_or_create(
            prefix=prefix, year=year, defaults={"last": value}
        )
        if not created and counter.last < value:
            counter.last = value
            counter.save(update_fields=["last"])


def restore_word_search(apps, schema_editor):
    """SQLite: the unique constraint made Django rebuild reports_report, which dropped
    the full-text index's triggers (0013 says so); made again, and the index rebuilt."""
    if schema_editor.connection.vendor == "sqlite":
        for statement in import_module("reports.migrations.0013_sqlite_content_words").CREATE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("advisories", "0016_province_case_code"),
        ("reports", "0018_hotline_approval"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseCounter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("prefix", models.CharField(max_length=4, verbose_name="đầu số")),
                ("year", models.PositiveSmallIntegerField(verbose_name="năm")),
                ("last", models.PositiveIntegerField(default=0, verbose_name="số cuối đã cấp")),
            ],
            options={
                "verbose_name": "bộ đếm số hồ sơ",
                "verbose_name_plural": "bộ đếm số hồ sơ",
                "constraints": [
                    models.UniqueConstraint(fields=("prefix", "year"), name="case_counter_unique")
                ],
            },
        ),
        migrations.AddField(
            model_name="report",
            name="case_number",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="Cấp một lần khi người dân gửi, ví dụ DL-2026-000123: số để trao đổi với công an, nhà mạng. Khác mã biên nhận, số này không mở được biên nhận.",
                max_length=20,
                null=True,
                verbose_name="số hồ sơ",
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="version",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="phiên bản"),
        ),
        migrations.RunPython(number_existing, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="report",
            constraint=models.UniqueConstraint(
                fields=("case_number",), name="report_case_number_unique"
            ),
        ),
        migrations.RunPython(restore_word_search, migrations.RunPython.noop),
    ]
