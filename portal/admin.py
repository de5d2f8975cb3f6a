"""Every ModelAdmin of the site is bounded (portal.admin_bounds), those of other apps too.

Imported by the admin's autodiscovery after the other apps' admin modules
(portal is the last of INSTALLED_APPS): auth's User and Group admins and
django-axes' get BoundedAdmin here; the project's own inherit it.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.contrib import admin
from django.http import Http404
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from .admin_bounds import bound_every_admin
from .models import JobRun


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
