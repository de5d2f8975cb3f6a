from django.db import migrations

from advisories.roles import ADMINISTRATORS, PUBLISHERS, grant


def create_roles(apps, schema_editor):
    grant(
        apps,
        PUBLISHERS,
        ["advisories.view_province", "advisories.view_organization"],
    )
    grant(
        apps,
        ADMINISTRATORS,
        [
            f"{app}.{action}_{model}"
            for app, model in [
                ("advisories", "province"),
                ("advisories", "organization"),
                ("auth", "user"),
                ("auth", "group"),
            ]
            for action in ("add", "change", "delete", "view")
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("advisories", "0003_organizations"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
