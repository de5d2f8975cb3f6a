"""Which reports a staff member may triage: administrators all, inspectors their provinces'.

Out-of-scope reports are treated as if they did not exist (404 in admin).
A report without a province goes to administrators only.
"""

from advisories.roles import ADMINISTRATORS

from .models import Report


def sees_every_report(user):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists()


def reports_for(user, queryset=None):
    queryset = Report.objects.all() if queryset is None else queryset
    if sees_every_report(user):
        return queryset
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return queryset.none()
    return queryset.filter(province__inspectors__user=user)
