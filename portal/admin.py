"""Every ModelAdmin of the site is bounded (portal.admin_bounds), those of other apps too.

Imported by the admin's autodiscovery after the other apps' admin modules
(portal is the last of INSTALLED_APPS): auth's User and Group admins and
django-axes' get BoundedAdmin here; the project's own inherit it.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.contrib import admin

from .admin_bounds import bound_every_admin

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
