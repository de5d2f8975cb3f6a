"""Supervisors and national inspectors approve hotline changes too (issue 17).

A line citizens dial changes once a second staff member of its scope agrees:
a supervisor of its province, a national inspector (any line), or another
administrator. They see the hotlines and approve or refuse what waits; only
administrators add or edit them (0003).
"""

from django.db import migrations

from advisories.roles import extend
from reports.roles import NATIONAL_INSPECTORS, SUPERVISORS

CODENAMES = ["reports.view_hotline", "reports.approve_hotline"]


def grant(apps, schema_editor):
    for group in (SUPERVISORS, NATIONAL_INSPECTORS):
        extend(apps, group, CODENAMES)


class Migration(migrations.Migration):
    dependencies = [("reports", "0020_reply_template_scope")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
