"""Staff roles as Django groups. Migrations create them; nobody clicks them together."""

from django.utils.translation import gettext_lazy as _

PUBLISHERS = "Cán bộ đăng công văn"
ADMINISTRATORS = "Quản trị viên"

ROLE_LABELS = {
    PUBLISHERS: _("Cán bộ đăng công văn: soạn và đăng công văn của cơ quan mình"),
    ADMINISTRATORS: _("Quản trị viên: quản lý mọi công văn, cơ quan và tài khoản"),
}


def grant(apps, group_name, codenames):
    """Create the group if needed and give it exactly `codenames` ("app_label.codename").

    Called from data migrations with the historical `apps`; permissions are
    created first because Django otherwise only makes them after migrate.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=group_name)
    wanted = []
    for label in codenames:
        app_label, codename = label.split(".")
        wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    group.permissions.set(wanted)
    return group
