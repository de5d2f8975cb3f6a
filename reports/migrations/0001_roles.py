from django.db import migrations

from advisories.roles import grant
from reports.roles import INSPECTORS


def create_roles(apps, schema_editor):
    grant(apps, INSPECTORS, ["advisories.view_province", "advisories.view_organization"])


class Migration(migrations.Migration):
    dependencies = [("advisories", "0004_roles")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
