"""The triage roles: inspector, supervisor, national inspector; administrators get it all.

Inspectors triage their provinces' reports; supervisors also reassign,
reopen and edit reply templates; national inspectors do that for every
province, without user administration (that stays with administrators).
"""

from django.db import migrations

from advisories.roles import ADMINISTRATORS, extend, grant
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS, SUPERVISORS

CRUD = ("add", "change", "delete", "view")
INSPECTOR = [
    "advisories.view_province",
    "advisories.view_organization",
    "advisories.view_scampattern",
    "reports.view_report",
    "reports.change_report",
    "reports.view_evidence",
    "reports.view_reportevent",
    "reports.view_reportnote",
    "reports.add_reportnote",
    "reports.view_replytemplate",
    "reports.view_hotline",
]
SUPERVISOR = INSPECTOR + [
    "reports.reassign_report",
    "reports.reopen_report",
    "reports.add_replytemplate",
    "reports.change_replytemplate",
    "reports.delete_replytemplate",
]
NATIONAL = SUPERVISOR + ["reports.view_all_reports"]
ADMINISTRATOR_EXTRA = NATIONAL + ["reports.delete_report"]


def create_roles(apps, schema_editor):
    grant(apps, INSPECTORS, INSPECTOR)
    grant(apps, SUPERVISORS, SUPERVISOR)
    grant(apps, NATIONAL_INSPECTORS, NATIONAL)
    # Administrators' group belongs to advisories: add to it, never replace it.
    extend(apps, ADMINISTRATORS, ADMINISTRATOR_EXTRA)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[SUPERVISORS, NATIONAL_INSPECTORS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0006_workflow_data"), ("advisories", "0009_advisory_numbers")]
    operations = [migrations.RunPython(create_roles, remove_roles)]
