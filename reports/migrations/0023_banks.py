"""The banks and e-wallets of reports.bank_list, with their NAPAS BINs (issue 18).

The data lives in reports.bank_list, with its source, where
load_reference_data finds it too (a bank added to the list later reaches an
existing database that way). Administrators edit the rows; every staff role
that reads reports sees them (a report's account names its bank).
"""

from django.db import migrations

from advisories.roles import ADMINISTRATORS, extend
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS, SUPERVISORS


def load(apps, schema_editor):
    from reports.bank_list import load_banks

    load_banks(apps.get_model("reports", "Bank"))


def grant(apps, schema_editor):
    extend(
        apps,
        ADMINISTRATORS,
        [f"reports.{action}_bank" for action in ("view", "add", "change", "delete")],
    )
    for group in (INSPECTORS, SUPERVISORS, NATIONAL_INSPECTORS):
        extend(apps, group, ["reports.view_bank"])


class Migration(migrations.Migration):
    dependencies = [("reports", "0022_what_the_scammer_used")]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
