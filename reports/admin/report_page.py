"""The report page's own helpers: what a save says, the list's next and previous report,
and the candidates for a duplicate's original.

Plain functions, called by ReportAdmin's change-page methods (reports.admin.reports).
"""

from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db.models import F, Max, OuterRef, Q, Subquery, Window
from django.db.models.functions import Lag, Lead
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import triage
from ..access import reports_for
from ..models import ForwardTarget, RejectReason, Report

CANDIDATES = 10


# -- what a save says ------------------------------------------------------------------


def save_summary(code, done):
    """`Đã chuyển phản ánh DL-2026-000123 cho Công an. Đã lưu ghi chú.`: what the save did.

    `done` is what ReportAdmin.save_model recorded: {"assigned": (user or None, by),
    "step": (name, target, reason, original), "reply": text, "note": True}.
    """
    said = []
    if "assigned" in done:
        assignee, by = done["assigned"]
        if assignee is None:
            said.append(_("Đã trả lại phản ánh %(code)s.") % {"code": code})
        elif assignee == by:
            said.append(_("Bạn đã nhận phản ánh %(code)s.") % {"code": code})
        else:
            said.append(
                _("Đã giao phản ánh %(code)s cho %(name)s.")
                % {"code": code, "name": triage.display_name(assignee)}
            )
    if "step" in done:
        said.append(_step_said(code, *done["step"]))
    if "reply" in done:
        if done["reply"]:
            said.append(_("Đã lưu trả lời người dân."))
        else:
            said.append(_("Đã xóa trả lời người dân."))
    if done.get("note"):
        said.append(_("Đã lưu ghi chú."))
    if not said:
        return _("Không có gì thay đổi ở phản ánh %(code)s.") % {"code": code}
    return " ".join(said)


def _step_said(code, name, target, reason, original):
    values = {"code": code}
    if name == "review":
        return _("Đã bắt đầu xem xét phản ánh %(code)s.") % values
    if name == "forward":
        values["target"] = ForwardTarget(target).label if target in ForwardTarget.values else "—"
        return _("Đã chuyển phản ánh %(code)s cho %(target)s.") % values
    if name == "resolve":
        return _("Đã đánh dấu phản ánh %(code)s là đã xử lý xong.") % values
    if name == "reject":
        if reason == RejectReason.DUPLICATE and original is not None:
            values["original"] = original.case_number
            return _("Đã ghi phản ánh %(code)s là trùng với %(original)s.") % values
        values["reason"] = RejectReason(reason).label if reason in RejectReason.values else "—"
        return _("Đã ghi phản ánh %(code)s là không xử lý: %(reason)s.") % values
    if name == "reopen":
        return _("Đã mở lại phản ánh %(code)s để xem xét.") % values
    return _("Đã lưu phản ánh %(code)s.") % values


# -- the list's next and previous report -------------------------------------------------


def listed(model_admin, request):
    """The report list's queryset for the filters the page came from (`_changelist_filters`),
    scoped, filtered, searched and ordered as the list shows it, without reading it.

    None when those filters are refused (the list would say why).
    """
    params = QueryDict(request.GET.get("_changelist_filters", ""))
    listing = _ListRequest(request, params)
    base = model_admin.get_changelist(listing)

    class Unread(base):
        def get_results(self, request):  # the rows and counts are the list's to read
            self.result_list, self.result_count, self.full_result_count = [], 0, 0

    list_display = model_admin.get_list_display(listing)
    if model_admin.get_actions(listing):  # as Django's list: `o` counts the box as column 0
        list_display = ["action_checkbox", *list_display]
    try:
        changelist = Unread(
            listing,
            model_admin.model,
            list_display,
            [],
            model_admin.get_list_filter(listing),
            model_admin.date_hierarchy,
            model_admin.get_search_fields(listing),
            model_admin.get_list_select_related(listing),
            model_admin.list_per_page,
            model_admin.list_max_show_all,
            model_admin.list_editable,
            model_admin,
            model_admin.get_sortable_by(listing),
            model_admin.search_help_text,
        )
    except (IncorrectLookupParameters, DisallowedModelAdminLookup, FieldError):
        return None
    return changelist.queryset


class _ListRequest:
    """The page's request as the list would have it: the same user and session, the
    list's own parameters."""

    method = "GET"

    def __init__(self, request, params):
        self._request = request
        self.GET = params
        self.POST = QueryDict()

    def __getattr__(self, name):
        return getattr(self._request, name)


def neighbours(queryset, pk):
    """(previous id, next id) of report `pk` in `queryset`'s order; None for none.

    The list itself is never loaded. Ordered by the report's own columns (the
    usual case: dates, states), one query: two subqueries, each the first row
    before or after this report's values (a keyset, LIMIT 1); ordered
    otherwise (a count, a related name that may be empty), one query where the
    database numbers the list in its order (a window) and returns both ids.
    """
    if queryset is None:
        return None, None
    ordering = list(queryset.query.order_by) or ["-pk"]
    keys = _plain_keys(queryset.model, ordering)
    if keys is None:
        return _by_window(queryset, ordering, pk)
    around = (
        queryset.model.objects.filter(pk=pk)
        .annotate(
            _previous=Subquery(_after(queryset, keys, backwards=True)),
            _next=Subquery(_after(queryset, keys)),
        )
        .values_list("_previous", "_next")
    )
    found = list(around[:1])
    return found[0] if found else (None, None)


def _plain_keys(model, ordering):
    """[(column name, descending)] when every key is a non-null column of the report
    itself ending with its id (unique); else None."""
    keys = []
    for item in ordering:
        if not isinstance(item, str):
            return None
        descending, name = item.startswith("-"), item.lstrip("-")
        if name == "pk":
            name = model._meta.pk.name
        if "__" in name or name == "?":
            return None
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        if field.null or field.is_relation:
            return None
        keys.append((name, descending))
    if not keys or keys[-1][0] != model._meta.pk.name:
        return None
    return keys


def _after(queryset, keys, backwards=False):
    """The id of the first report after the outer one in the keys' order (before it:
    backwards), as a subquery."""
    condition = Q(pk__in=[])
    equal = Q()
    for name, descending in keys:
        value = OuterRef(name)
        later = "lt" if descending != backwards else "gt"
        condition |= equal & Q(**{f"{name}__{later}": value})
        equal &= Q(**{name: value})
    order = [f"-{name}" if descending != backwards else name for name, descending in keys]
    return queryset.filter(condition).order_by(*order).values("pk")[:1]


def _by_window(queryset, ordering, pk):
    around = (
        queryset.order_by()
        .annotate(
            _previous=Window(Lag("pk"), order_by=ordering),
            _next=Window(Lead("pk"), order_by=ordering),
            _self=Window(Max("pk"), partition_by=[F("pk")]),
        )
        .filter(_self=pk)
        .values_list("_previous", "_next")
    )
    found = list(around[:1])
    return found[0] if found else (None, None)


def change_url(model_admin, pk, preserved_filters):
    """A report page's address, keeping the list's filters (as Django's own links do)."""
    url = reverse(
        f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_change", args=[pk]
    )
    return add_preserved_filters(
        {"preserved_filters": preserved_filters, "opts": model_admin.opts}, url
    )


# -- a duplicate's original -----------------------------------------------------------------


def original_candidates(report, user, limit=CANDIDATES):
    """Reports that may be this one's original: same source and province, in the user's
    scope, not itself nor a duplicate of anything, newest first; at most `limit`."""
    if report.province_id is None:
        same_province = Q(province__isnull=True)
    else:
        same_province = Q(province_id=report.province_id)
    return list(
        reports_for(user, Report.objects.all())
        .filter(same_province, source=report.source, duplicate_of__isnull=True)
        .exclude(pk=report.pk)
        .order_by("-created_at", "-pk")
        .only("pk", "case_number", "created_at", "status")[:limit]
    )
