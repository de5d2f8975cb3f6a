"""Inspectors triage reports; administrators also manage hotlines and inspectors' provinces."""

from django.db import migrations

from advisories.roles import ADMINISTRATORS, grant
from reports.roles import INSPECTORS

INSPECTOR_PERMISSIONS = [
    "advisories.view_province",
    "advisories.view_organization",
    "advisories.view_scampattern",
    "reports.view_report",
    "reports.change_report",
    "reports.view_evidence",
    "reports.view_reportevent",
    "reports.view_hotline",
]
CRUD = ("add", "change", "delete", "view")
ADMINISTRATOR_PERMISSIONS = (
    [f"reports.{action}_{model}" for model in ("hotline", "inspectorprovince") for action in CRUD]
    + ["reports.view_report", "reports.change_report", "reports.delete_report"]
    + ["reports.view_evidence", "reports.view_reportevent"]
)


def create_roles(apps, schema_editor):
    grant(apps, INSPECTORS, INSPECTOR_PERMISSIONS)
    # Administrators' group belongs to advisories: add to it, never replace it.
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=ADMINISTRATORS)
    for label in ADMINISTRATOR_PERMISSIONS:
        app_label, codename = label.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_reports_and_hotlines")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
