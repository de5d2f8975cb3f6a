from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _

# The admin's sections, and the first part of a permission's label ("Theo dõi đăng nhập |
# lần đăng nhập | Có thể xem lần đăng nhập"), in the admin's language: these apps name
# themselves in English only ("Axes", "Tasks Database Backend"). A verbose name is no
# part of a migration.
OTHER_APPS = {
    "axes": _("Theo dõi đăng nhập"),
    "django_tasks_database": _("Hàng đợi công việc nền"),
    "otp_totp": _("Ứng dụng xác thực (TOTP)"),
    "otp_static": _("Mã khôi phục dùng một lần"),
}


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Hệ thống")

    def ready(self):
        # Records the sign-in time of every login, however it happens (the admin's
        # form, a test's force_login): staff sessions' lifetime counts from it.
        from . import staff_sessions  # noqa: F401

        for label, verbose_name in OTHER_APPS.items():
            if label in apps.app_configs:
                apps.get_app_config(label).verbose_name = verbose_name
