"""Which reports a staff member may triage: their provinces', or every one with the right.

Out-of-scope reports are treated as if they did not exist (404 in admin).
National inspectors and administrators hold `reports.view_all_reports`; a
report without a province goes to them only.
"""

from .models import Report


def sees_every_report(user):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_perm("reports.view_all_reports")


def reports_for(user, queryset=None):
    queryset = Report.objects.all() if queryset is None else queryset
    if sees_every_report(user):
        return queryset
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return queryset.none()
    return queryset.filter(province__inspectors__user=user)
