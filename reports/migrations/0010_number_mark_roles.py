"""Inspectors, supervisors, national inspectors and administrators mark numbers."""

from django.db import migrations

from advisories.roles import ADMINISTRATORS, extend
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS, SUPERVISORS

MARKING = ["reports.add_numbermark", "reports.change_numbermark", "reports.view_numbermark"]


def grant(apps, schema_editor):
    for name in (INSPECTORS, SUPERVISORS, NATIONAL_INSPECTORS, ADMINISTRATORS):
        extend(apps, name, MARKING)


class Migration(migrations.Migration):
    dependencies = [("reports", "0009_number_marks")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
