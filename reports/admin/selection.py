"""Which reports an export holds: the report list's selection, kept to be run again later.

The admin's action sees the list as its user does: their scope
(reports.access, through ReportAdmin.get_queryset), the list's filters and
search. The export is written minutes later by a worker, which must hold
exactly that, and only what the user may still see then. So the request
keeps the selection in the list's own terms, never its rows (a national
"all of the list" is 1,000,000 of them):

- "all of the list" (select across): the list's query string (its filters and
  search), run again by `selection()` through the same ChangeList the page
  uses, for the user as they are when the job starts (an inspector moved off
  Hà Nội since gets none of Hà Nội's; one no longer staff, nothing);
- rows ticked by hand (a page at most): their ids, within the user's scope
  when the job starts. Not filtered again: the inspector ticked what they
  saw, and a report that changed state meanwhile is still one they chose.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.options import IS_FACETS_VAR, IS_POPUP_VAR, TO_FIELD_VAR
from django.contrib.admin.views.main import (
    ALL_VAR,
    ERROR_FLAG,
    ORDER_VAR,
    PAGE_VAR,
    SEARCH_VAR,
    IncorrectLookupParameters,
)
from django.core.exceptions import FieldDoesNotExist, SuspiciousOperation
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils import dateparse, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Report
from ..models.exports import MAX_PICKED

# Of the list's address, what says which reports; not the page, order or display.
NOT_SELECTION = {
    PAGE_VAR,
    ALL_VAR,
    ORDER_VAR,
    ERROR_FLAG,
    IS_POPUP_VAR,
    TO_FIELD_VAR,
    IS_FACETS_VAR,
}


class Refused(Exception):
    """The selection cannot be (or no longer be) exported; the text says why, for the user."""


def selection_query(params):
    """The list's query string, without what does not change which reports it holds."""
    kept = params.copy()
    for name in NOT_SELECTION:
        kept.pop(name, None)
    return kept.urlencode()


def selects_across(request):
    """Whether "all of the list" was chosen: the admin's own action form field, read alike."""
    return forms.BooleanField(required=False).clean(request.POST.get("select_across"))


def picked_ids(request):
    """The ids ticked (each checked by portal.admin_bounds already), at most MAX_PICKED."""
    ids = sorted({int(value) for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)})
    if len(ids) > MAX_PICKED:
        raise Refused(
            _(
                "Chỉ xuất được tối đa %(count)d dòng đánh dấu. Để xuất nhiều hơn, hãy chọn "
                "“tất cả” phản ánh của danh sách."
            )
            % {"count": MAX_PICKED}
        )
    return ids


class _Discarded:
    """The messages of a list opened by a worker: nobody reads them."""

    def add(self, level, message, extra_tags=""):
        pass


def list_request(user, query=""):
    """A GET of the report list by `user`, as the admin's views would receive it."""
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = reverse("admin:reports_report_changelist")
    request.GET = QueryDict(query)
    request.META = {"SERVER_NAME": "worker", "SERVER_PORT": "80", "QUERY_STRING": query}
    request.user = user
    request._messages = _Discarded()
    return request


def may_export(user):
    """Whether `user` may export reports at all now (the action's own permission)."""
    return bool(user.is_active and user.is_staff and user.has_perm("reports.view_report"))


def selection(user, *, query="", select_across=True, picked=()):
    """The reports an export holds, for `user` as they are now; Refused if it cannot run.

    The same ChangeList as the page (ReportAdmin's get_queryset: the user's
    scope; the filters and search, bounded as on the page).
    """
    if not may_export(user):
        raise Refused(_("Tài khoản của bạn không còn quyền xem phản ánh."))
    model_admin = admin.site.get_model_admin(Report)
    request = list_request(user, query if select_across else "")
    if not select_across:
        return model_admin.get_queryset(request).filter(pk__in=list(picked))
    try:
        changelist = model_admin.get_changelist_instance(request)
        reports = changelist.get_queryset(request)
    except (IncorrectLookupParameters, SuspiciousOperation):
        raise Refused(
            _(
                "Bộ lọc của danh sách không còn dùng được (phạm vi của bạn đã đổi?). "
                "Hãy mở lại danh sách, lọc lại và xuất lại."
            )
        ) from None
    return reports


def _field_words(name, values):
    """`trạng thái = Mới tiếp nhận, Đang xem xét` for a lookup the app's own links write."""
    field_name, _sep, lookup = name.partition("__")
    try:
        field = Report._meta.get_field(field_name)
        label = None
        if field.one_to_many:  # `bank_accounts__key`: the report's rows of what was used
            related = field.related_model._meta
            field_name, _sep, lookup = lookup.partition("__")
            field = related.get_field(field_name)
            # A key is the thing itself: "tài khoản nhận tiền = VCB:0011001234567".
            label = related.verbose_name if field_name == "key" else None
    except FieldDoesNotExist:
        return f"{name} = {', '.join(values)}"
    if lookup == "in":
        values = [item for value in values for item in value.split(",")]
    labels = dict(field.flatchoices) if field.choices else {}
    shown = ", ".join(str(labels.get(value, value)) for value in values)
    return f"{label or field.verbose_name} {_bound_words(lookup, shown)}"


def _bound_words(lookup, shown):
    moment = dateparse.parse_datetime(shown) or dateparse.parse_date(shown)
    if moment is not None:
        if hasattr(moment, "hour"):
            moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
            shown = moment.strftime("%d/%m/%Y %H:%M")
        else:
            shown = moment.strftime("%d/%m/%Y")
    if lookup == "gte":
        return _("từ %(value)s") % {"value": shown}
    if lookup == "lt":
        return _("trước %(value)s") % {"value": shown}
    return f"= {shown}"


def describe(changelist, *, select_across, picked):
    """What was asked, in words, for the exports page: `Bộ lọc: trạng thái = Mới…; Tìm: “…”`.

    The search may be a citizen's number or a receipt code: fine on the
    requester's own page, never in a log.
    """
    if not select_across:
        return ngettext(
            "%(count)d phản ánh được đánh dấu trên danh sách.",
            "%(count)d phản ánh được đánh dấu trên danh sách.",
            len(picked),
        ) % {"count": len(picked)}
    asked = changelist.get_filters_params()
    words, claimed = [], set()
    for spec in changelist.filter_specs:
        used = [name for name in spec.expected_parameters() if name in asked]
        if not used:
            continue
        claimed.update(used)
        chosen = [
            str(choice["display"]) for choice in spec.choices(changelist) if choice.get("selected")
        ]
        if chosen:
            words.append(f"{spec.title} = {', '.join(chosen)}")
        else:  # e.g. a period the repeat-numbers screen wrote, no choice of the filter's own
            words += [_field_words(name, asked[name]) for name in used]
    for name in sorted(asked.keys() - claimed):
        if name != SEARCH_VAR:
            words.append(_field_words(name, asked[name]))
    parts = []
    if words:
        parts.append(_("Bộ lọc: %(filters)s.") % {"filters": "; ".join(words)})
    if changelist.query:
        parts.append(_("Tìm: “%(search)s”.") % {"search": changelist.query})
    return " ".join(parts) or _("Mọi phản ánh trong phạm vi của bạn.")
