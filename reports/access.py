"""Which reports a staff member may triage: their provinces', or every one with the right.

Out-of-scope reports are treated as if they did not exist (404 in admin).
National inspectors and administrators hold `reports.view_all_reports`; a
report without a province goes to them only.
"""

from django.db.models import Q

from .models import ReplyTemplate, Report


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


# -- reply templates: national ones (no province) and each province's own -----------


def reply_templates_for(user, province=None):
    """Active reply templates the user may use: national ones and their provinces' own.

    National staff use every province's. With `province` (the report's),
    only the national ones and that province's.
    """
    templates = ReplyTemplate.objects.filter(is_active=True)
    if province is not None:
        templates = templates.filter(Q(province__isnull=True) | Q(province=province))
    return templates.filter(template_scope(user))


def template_scope(user):
    """The Q of the templates a staff member sees: national ones and their provinces'."""
    if sees_every_report(user):
        return Q()
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return Q(pk__in=[])
    return Q(province__isnull=True) | Q(province_id__in=provinces_of(user))


def manages_templates_of(user, province, action="change"):
    """Whether the user may add, change or delete (`action`) templates of this scope.

    `province` None: national. The permission first (supervisors); then
    national templates are national staff's only, a province's its own staff's.
    """
    if not user.has_perm(f"reports.{action}_replytemplate"):
        return False
    if sees_every_report(user):
        return True
    return province is not None and province.pk in provinces_of(user)
