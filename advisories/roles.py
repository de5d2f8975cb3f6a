"""Staff roles as Django groups. Migrations create them; nobody clicks them together."""

from django.utils.translation import gettext_lazy as _

PUBLISHERS = "Cán bộ đăng công văn"
ADMINISTRATORS = "Quản trị viên"

ROLE_LABELS = {
    PUBLISHERS: _("Cán bộ đăng công văn: soạn và đăng công văn của cơ quan mình"),
    ADMINISTRATORS: _("Quản trị viên: quản lý mọi công văn, cơ quan và tài khoản"),
}


def _permissions(apps, codenames):
    """The Permission rows of `codenames` ("app_label.codename"), created first if needed.

    Django only creates permissions after migrate; a data migration that
    grants them must create them itself (with the historical `apps`).
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    wanted = []
    for label in codenames:
        app_label, codename = label.split(".")
        wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return wanted


def grant(apps, group_name, codenames):
    """Create the group if needed and give it exactly `codenames` ("app_label.codename")."""
    group, _created = apps.get_model("auth", "Group").objects.get_or_create(name=group_name)
    group.permissions.set(_permissions(apps, codenames))
    return group


def extend(apps, group_name, codenames):
    """Add `codenames` to the group (created if needed), keeping what it has.

    For a group another app owns (administrators belong to advisories).
    """
    group, _created = apps.get_model("auth", "Group").objects.get_or_create(name=group_name)
    group.permissions.add(*_permissions(apps, codenames))
    return group
