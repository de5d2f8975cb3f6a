"""Every ModelAdmin of the site is bounded (portal.admin_bounds), those of other apps too.

Imported by the admin's autodiscovery after the other apps' admin modules
(portal is the last of INSTALLED_APPS): auth's User and Group admins and
django-axes' get BoundedAdmin here; the project's own inherit it.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetUnusablePasswordMixin
from django.contrib.auth.models import Group
from django.http import Http404
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from .admin_bounds import bound_every_admin
from .models import JobRun
from .permissions import permission_label
from .two_factor import reset_factors


@admin.register(JobRun)
class JobRunAdmin(DBTaskResultAdmin):
    """The job queue as administrators see it: read only, failures first to find.

    Registered in place of django-tasks-db's own admin (an English section of
    its own); nobody adds, changes or deletes a run by hand.
    """

    list_display = ("task_name", "status", "enqueued_at", "started_at", "finished_at", "run_after")
    search_fields = ("task_path",)

    def delete_view(self, request, object_id, extra_context=None):
        raise Http404  # never allowed, for any id


admin.site.unregister(DBTaskResult)

# Second-factor devices are never edited by hand: django-otp's own admins would show
# an app's key (its QR code) to whoever may view devices. A lost phone is handled by
# an administrator's "reset" on the user (below); everyone manages their own factors
# at /admin/second-factor/devices/.
for _device in (TOTPDevice, StaticDevice, WebAuthnCredential):
    if admin.site.is_registered(_device):
        admin.site.unregister(_device)


class PermissionNamesInTheirLanguage:
    """A group's or a user's permission picker says "Có thể thêm phản ánh" (portal.permissions)."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        if db_field.name in ("permissions", "user_permissions") and field is not None:
            field.queryset = field.queryset.select_related("content_type")
            field.label_from_instance = permission_label
        return field


_UserAdmin = type(admin.site.get_model_admin(get_user_model()))


def _family_name_first(fields):
    """("first_name", "last_name", "email") → ("last_name", "first_name", "email")."""
    fields = list(fields)
    if "first_name" in fields and "last_name" in fields:
        i, j = fields.index("first_name"), fields.index("last_name")
        if i < j:
            fields[i], fields[j] = fields[j], fields[i]
    return tuple(fields)


_GroupAdmin = type(admin.site.get_model_admin(Group))


class _PasswordForm(_UserAdmin.change_password_form):
    """The password page's "Đăng nhập bằng mật khẩu" help, in the admin's language.

    Django 5.2 glues its warning to the translated help at import time, in English.
    """

    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("Nếu tắt, mật khẩu hiện tại của người dùng này sẽ mất."),
    )


class StaffUserAdmin(PermissionNamesInTheirLanguage, _UserAdmin):
    """auth's user admin, with the reset of a person's second factor (a lost phone)."""

    actions = [*(_UserAdmin.actions or []), "reset_second_factor"]
    change_password_form = _PasswordForm
    # Vietnamese names, family name first (portal.names): "Họ" before "Tên".
    list_display = ("username", "last_name", "first_name", "email", "is_staff")
    fieldsets = [
        (title, {**options, "fields": _family_name_first(options["fields"])})
        for title, options in _UserAdmin.fieldsets
    ]
    NAME_HELP = {
        "last_name": _("Họ, viết đầu tiên: “Nguyễn” trong “Nguyễn Văn An”."),
        "first_name": _("Tên đệm và tên: “Văn An” trong “Nguyễn Văn An”."),
    }

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.NAME_HELP:
            kwargs.setdefault("help_text", self.NAME_HELP[db_field.name])
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.action(
        description=_(
            "Xóa các yếu tố xác thực thứ hai (mất điện thoại): đăng ký lại khi đăng nhập"
        ),
        permissions=["change"],
    )
    def reset_second_factor(self, request, queryset):
        done = 0
        for user in queryset:
            removed = reset_factors(user)
            self.log_change(
                request,
                user,
                _("Đã xóa %(count)d yếu tố xác thực thứ hai; lần đăng nhập sau phải đăng ký lại.")
                % {"count": removed},
            )
            done += 1
        self.message_user(
            request,
            ngettext(
                "Đã xóa yếu tố xác thực thứ hai của %(count)d tài khoản.",
                "Đã xóa yếu tố xác thực thứ hai của %(count)d tài khoản.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )


class StaffGroupAdmin(PermissionNamesInTheirLanguage, _GroupAdmin):
    """auth's group admin, its permissions named in the admin's language."""


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), StaffUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, StaffGroupAdmin)
bound_every_admin(admin.site)

_AxesAttemptAdmin = type(admin.site.get_model_admin(AccessAttempt))


class AccessAttemptAdmin(_AxesAttemptAdmin):
    """django-axes' list of login attempts, with its clean-up action mended.

    django-axes 8.3.1's "Clean up expired attempts" reads the request's
    `axes_attempt_time`, which only its login path sets: the action was a 500
    every time (found by tests/portal/test_admin_fuzz.py).
    """

    def cleanup_expired_attempts(self, request, queryset):
        AxesProxyHandler.update_request(request)  # sets axes_attempt_time (now) and the rest
        return super().cleanup_expired_attempts(request, queryset)

    cleanup_expired_attempts.short_description = (
        _AxesAttemptAdmin.cleanup_expired_attempts.short_description
    )


admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, AccessAttemptAdmin)
