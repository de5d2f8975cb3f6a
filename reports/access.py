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
    return queryset.filter(province_id__in=provinces_of(user))


def provinces_of(user):
    """The ids of the provinces a staff member inspects, read once per request.

    A list of ids, not a join: the database then walks one province's reports
    newest first on `report_inspector_list` and stops after a page, instead of
    sorting every report of the province for each page of the list.
    """
    if not hasattr(user, "_inspected_province_ids"):
        user._inspected_province_ids = list(
            user.inspected_provinces.values_list("province_id", flat=True)
        )
    return user._inspected_province_ids
