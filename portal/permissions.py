"""Permission names as staff read them, in the admin's language.

Django stores a model's four permissions with English names made from the
model's verbose name at migrate time ("Can add phản ánh"), so the group and
user pages showed them half in English. Here a default permission (add,
change, delete, view: its codename is `<action>_<model_name>`) is named anew
from its model's verbose name, through gettext: "Phản ánh của người dân |
phản ánh | Có thể thêm phản ánh" in Vietnamese, "… | report | Can add report"
in English. A custom permission keeps the name its model gives it (written in
Vietnamese).

Models that name themselves in English only (django-otp's devices, Django's
log entry, which Django's Vietnamese calls "đăng nhập") and the change
histories django-simple-history adds ("historical phản ánh") get a name here.
"""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "add": _("Có thể thêm %(name)s"),
    "change": _("Có thể sửa %(name)s"),
    "delete": _("Có thể xóa %(name)s"),
    "view": _("Có thể xem %(name)s"),
}

MODEL_NAMES = {
    "admin.logentry": _("mục nhật ký quản trị"),
    "auth.permission": _("quyền"),
    "otp_static.staticdevice": _("bộ mã khôi phục"),
    "otp_static.statictoken": _("mã khôi phục"),
    "otp_totp.totpdevice": _("ứng dụng xác thực"),
    "portal.counter": _("bộ đếm"),
}


def model_name(model):
    """The model's name as the picker says it: "phản ánh", "lịch sử thay đổi của phản ánh"."""
    original = getattr(model, "instance_type", None)  # a django-simple-history model
    if isinstance(original, type):
        return _("lịch sử thay đổi của %(name)s") % {"name": model_name(original)}
    related = [field.related_model for field in model._meta.fields if field.is_relation]
    if model._meta.auto_created and len(related) == 2:  # a many-to-many's table
        return _("quan hệ %(one)s – %(other)s") % {
            "one": model_name(related[0]),
            "other": model_name(related[1]),
        }
    return MODEL_NAMES.get(model._meta.label_lower, model._meta.verbose_name)


def permission_name(permission):
    """The name alone, translated when Django made it (no query once content_type is joined)."""
    model = permission.content_type.model_class()
    action, _sep, codename_model = permission.codename.partition("_")
    if model is None or action not in ACTIONS or codename_model != model._meta.model_name:
        return permission.name
    return ACTIONS[action] % {"name": model_name(model)}


def permission_label(permission):
    """What the group and user pages' permission pickers show: its app, its model, its name."""
    model = permission.content_type.model_class()
    if model is None:  # a model since removed
        return str(permission)
    app = model._meta.app_config.verbose_name
    return f"{app} | {model_name(model)} | {permission_name(permission)}"
