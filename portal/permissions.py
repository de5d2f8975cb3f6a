"""Permission names as staff read them, in the admin's language.

Django stores a model's four permissions with English names made from the
model's verbose name at migrate time ("Can add phản ánh"), so the group and
user pages showed them half in English. Here a default permission (add,
change, delete, view: its codename is `<action>_<model_name>`) is named anew
from its model's verbose name, through gettext: "Phản ánh | phản ánh | Có thể
thêm phản ánh" in Vietnamese, "Report | report | Can add report" in English.
A custom permission keeps the name its model gives it (written in Vietnamese).
"""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "add": _("Có thể thêm %(name)s"),
    "change": _("Có thể sửa %(name)s"),
    "delete": _("Có thể xóa %(name)s"),
    "view": _("Có thể xem %(name)s"),
}


def permission_name(permission):
    """The name alone, translated when Django made it (no query once content_type is joined)."""
    model = permission.content_type.model_class()
    action, _sep, model_name = permission.codename.partition("_")
    if model is None or action not in ACTIONS or model_name != model._meta.model_name:
        return permission.name
    return ACTIONS[action] % {"name": model._meta.verbose_name}


def permission_label(permission):
    """What the group and user pages' permission pickers show: its app, its model, its name."""
    return f"{permission.content_type} | {permission_name(permission)}"
