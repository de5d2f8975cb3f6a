"""Saved searches of the report list: saving, who sees which, and their counts.

A saved search is a name for a query string of the report list
(reports.models.SavedSearch). It is always opened as a plain link to the list
with that query string, so the list's own filters, scope and order apply: the
browser walks its reports in the list's order. Its owner sees it, and so do
the staff of the province it is shared with (reports.access.provinces_of);
nobody else. Its count is counted the way the list counts, in the viewer's
own scope: the list's ChangeList is built on a copy of the viewer's request
carrying the saved query, so a filter that a later version removed, or a
choice the viewer does not have, gives no count ("—"), never a 500.
"""

import copy

from django.contrib import messages
from django.contrib.admin.filters import SimpleListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ORDER_VAR, SEARCH_VAR
from django.core.exceptions import (
    FieldError,
    PermissionDenied,
    SuspiciousOperation,
    ValidationError,
)
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from advisories.models import Province
from portal.admin_bounds import bounded_search
from portal.admin_values import valid_pk

from .access import provinces_of
from .models import SavedSearch
from .models.saved_searches import NAME_LENGTH, QUERY_LENGTH

# Shown on the dashboard, one count query each; the list's sidebar names at most SIDEBAR.
DASHBOARD = 10
SIDEBAR = 50


class Refused(Exception):
    """A saved search that cannot be stored; its text says why, in Vietnamese."""


# -- the query string -------------------------------------------------------------------


def _known(model_admin):
    """The list's own parameter names, and the field paths whose lookups its filters take."""
    names = {SEARCH_VAR, ORDER_VAR, *model_admin.allowed_lookups}
    paths = []
    for item in model_admin.list_filter:
        if isinstance(item, str):
            paths.append(item)
        elif isinstance(item, (list, tuple)):
            paths.append(item[0])
        elif isinstance(item, type) and issubclass(item, SimpleListFilter):
            names.add(item.parameter_name)
    return names, paths


def normalise(model_admin, query):
    """The list's query string with only its filters, `q` and `o`: no page, no popup, no
    `_changelist_filters`, no facets; empty values dropped, the search bounded like the list's."""
    names, paths = _known(model_admin)
    asked = QueryDict(query.lstrip("?"))
    kept = QueryDict(mutable=True)
    for name, values in asked.lists():
        if not (name in names or any(name == p or name.startswith(f"{p}__") for p in paths)):
            continue
        values = [value for value in values if value.strip()]
        if name == SEARCH_VAR:
            values = [bounded_search(value) for value in values[-1:]]
        if values:
            kept.setlist(name, values)
    return kept.urlencode()


# -- who sees which ---------------------------------------------------------------------


def visible_to(user):
    """The user's own saved searches and those shared with a province of their scope."""
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return SavedSearch.objects.none()
    # The provinces as a subquery: one query, for national staff too (who never read theirs).
    provinces = user.inspected_provinces.values("province_id")
    return (
        SavedSearch.objects.filter(Q(owner=user) | Q(shared_with_id__in=provinces))
        .select_related("owner", "shared_with")
        .order_by("name", "pk")
    )


def may_share_with(user, province_id):
    return province_id in provinces_of(user)


# -- counting as the list counts -------------------------------------------------------


def _remembered(filter_class, memo):
    """`filter_class` whose choices are read once per page, however many lists are built."""
    if filter_class not in memo:

        def lookups(self, request, model_admin):
            key = ("lookups", filter_class)
            if key not in memo:
                memo[key] = list(filter_class.lookups(self, request, model_admin) or ())
            return memo[key]

        memo[filter_class] = type(filter_class.__name__, (filter_class,), {"lookups": lookups})
    return memo[filter_class]


def _changelist(model_admin, request, query, memo):
    """The list the viewer gets at `?<query>` (its count made, its rows not read)."""
    request = copy.copy(request)
    request.method = "GET"
    request.GET = QueryDict(query)
    request.POST = QueryDict()
    list_filter = [
        _remembered(item, memo)
        if isinstance(item, type) and issubclass(item, SimpleListFilter)
        else item
        for item in model_admin.get_list_filter(request)
    ]
    list_display = model_admin.get_list_display(request)
    changelist_class = model_admin.get_changelist(request)
    return changelist_class(
        request,
        model_admin.model,
        list_display,
        model_admin.get_list_display_links(request, list_display),
        list_filter,
        model_admin.date_hierarchy,
        model_admin.get_search_fields(request),
        model_admin.get_list_select_related(request),
        model_admin.list_per_page,
        model_admin.list_max_show_all,
        model_admin.list_editable,
        model_admin,
        model_admin.get_sortable_by(request),
        model_admin.search_help_text,
    )


# What a query string the list no longer takes raises while its ChangeList is built.
NOT_A_LIST = (
    IncorrectLookupParameters,
    SuspiciousOperation,  # the bounds' LookupRefused, a field that cannot be referenced
    ValidationError,
    FieldError,
    ValueError,
    TypeError,
)


def count(model_admin, request, query, memo=None):
    """How many reports the viewer's list shows at `?<query>`; None if it cannot be opened."""
    try:
        return _changelist(model_admin, request, query, {} if memo is None else memo).result_count
    except NOT_A_LIST:
        return None


def list_url(search):
    base = reverse("admin:reports_report_changelist")
    return f"{base}?{search.query}" if search.query else base


def dashboard_section(model_admin, request):
    """The dashboard's "Bộ lọc đã lưu": at most DASHBOARD searches, each with its count.

    One query for the searches, the filters' choices once, then one count per search.
    """
    searches = list(visible_to(request.user)[: DASHBOARD + 1])
    memo = {}
    rows = [
        {
            "search": search,
            "url": list_url(search),
            "count": count(model_admin, request, search.query, memo),
            "mine": search.owner_id == request.user.pk,
        }
        for search in searches[:DASHBOARD]
    ]
    return {"rows": rows, "more": len(searches) > DASHBOARD, "shown": DASHBOARD}


def sidebar(request):
    """The searches the report list's sidebar names (one query, no count)."""
    return [
        {"search": search, "url": list_url(search), "mine": search.owner_id == request.user.pk}
        for search in visible_to(request.user)[:SIDEBAR]
    ]


def list_context(model_admin, request):
    """What the report list's sidebar shows: the saved searches, and the form saving this one.

    "Chia sẻ với tỉnh của tôi" is a box when the viewer inspects one province, a
    choice among theirs when several (one query more), absent when none.
    """
    ids = provinces_of(request.user)
    share = None
    if len(ids) == 1:
        share = {"province": ids[0]}
    elif ids:
        share = {"choices": list(Province.objects.filter(pk__in=ids).order_by("name"))}
    return {
        "saved_searches": sidebar(request),
        "saved_search_share": share,
        "saved_search_query": normalise(model_admin, request.GET.urlencode()),
        "saved_search_name_length": NAME_LENGTH,
    }


# -- saving and deleting -----------------------------------------------------------------


def save(model_admin, request, name, query, shared_with_id=None):
    """Store (or, under a name the owner already used, replace) a search of the list.

    Refused: no name or a long one, a query too long, a province outside the
    owner's scope, or a query the owner's own list cannot open.
    """
    user = request.user
    name = " ".join(name.split())
    if not name:
        raise Refused(_("Hãy đặt tên cho bộ lọc."))
    if len(name) > NAME_LENGTH:
        raise Refused(_("Tên bộ lọc dài tối đa %(count)d ký tự.") % {"count": NAME_LENGTH})
    query = normalise(model_admin, query)
    if len(query) > QUERY_LENGTH:
        raise Refused(_("Bộ lọc này quá dài để lưu."))
    if shared_with_id is not None and not may_share_with(user, shared_with_id):
        raise Refused(_("Bạn chỉ chia sẻ được với tỉnh, thành phố mình phụ trách."))
    if count(model_admin, request, query) is None:
        raise Refused(_("Danh sách không mở được với bộ lọc này, nên không lưu."))
    try:
        with transaction.atomic():
            search, created = SavedSearch.objects.update_or_create(
                owner=user,
                name=name,
                defaults={"query": query, "shared_with_id": shared_with_id},
            )
    except IntegrityError as clash:  # saved at the same moment from another tab
        raise Refused(_("Bộ lọc “%(name)s” vừa được lưu; hãy thử lại.") % {"name": name}) from clash
    return search, created


def _province_id(value):
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit() or len(value) > 18:
        raise Refused(_("Bạn chỉ chia sẻ được với tỉnh, thành phố mình phụ trách."))
    return int(value)


def add_view(model_admin, request):
    """POST from the report list: store its query under a name, back to the list."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    query = request.POST.get("query", "")
    try:
        search, created = save(
            model_admin,
            request,
            request.POST.get("name", ""),
            query,
            _province_id(request.POST.get("shared_with")),
        )
    except Refused as refused:
        messages.error(request, str(refused))
        back = reverse("admin:reports_report_changelist")
        kept = normalise(model_admin, query)
        return HttpResponseRedirect(f"{back}?{kept}" if kept else back)
    saved = _("Đã lưu bộ lọc “%(name)s”.") if created else _("Đã cập nhật bộ lọc “%(name)s”.")
    messages.success(request, saved % {"name": search.name})
    return HttpResponseRedirect(list_url(search))


def delete_view(model_admin, request, pk):
    """POST: the owner deletes their own saved search; anyone else's is "not found"."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    search = None
    if valid_pk(SavedSearch, pk):
        search = SavedSearch.objects.filter(pk=pk, owner=request.user).first()
    if search is None:
        raise Http404
    search.delete()
    messages.success(request, _("Đã xóa bộ lọc “%(name)s”.") % {"name": search.name})
    return HttpResponseRedirect(reverse("admin:reports_report_changelist"))
