"""Bounds on every admin list: only the queries its own pages ask for, with values a database takes.

Django's admin turns each query-string parameter that no list filter uses into
`.filter(name=value)`. An outside review found what that costs:
`?content__regex=(.*.*)*z%23` ran a backtracking regular expression over every
report for 30 s; an invalid regex, `?created_at__gte=0001-01-01…` or an id
above 2^63 were 500s; a 1,000-word search built an expression SQLite refuses.
So, for every list of every ModelAdmin (BoundedAdmin, which portal/admin.py
also gives to the admins other apps register):

- a parameter is run only when a list filter, the date hierarchy or the
  admin's `allowed_lookups` (the links the app writes itself, the dashboard's
  say, or the repeat screen's `links__domain` across a relation) uses it.
  Anything else (a regex, `__year`, a relation walked to a password) is
  refused with a 400 page in Vietnamese, before the list's query is built;
- a value is checked before a query sees it: a SimpleListFilter's value must
  be one of the choices it offers this user; other values must fit their field
  (an id the column holds, a date of admin_values' EARLIEST_YEAR to
  LATEST_YEAR, a boolean), at most MAX_VALUES of them;
- a search keeps its first MAX_SEARCH_WORDS words and MAX_SEARCH_LENGTH
  characters, and the list says so;
- the rows ticked for an action (`_selected_action`), those of a list edited
  in place and those chosen in a form's relation fields must be ids the table
  can hold (portal.admin_values).

A refusal shows nothing of the list: it cannot widen what anyone sees.
"""

import datetime
import functools
import re

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.filters import SimpleListFilter
from django.contrib.admin.views.main import SEARCH_VAR, ChangeList, ChangeListSearchForm
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .admin_values import (
    BoundedModelChoiceField,
    BoundedModelMultipleChoiceField,
    fits,
    valid_pk,
    year_in_bounds,
)

# Each word of a search is one more condition per search field (Django ORs the
# fields for a word, ANDs the words): 1,000 words over the user list's 4 fields
# passed SQLite's expression depth of 1,000. Ten words is more than any receipt
# code (1), phone number (up to 4 groups), letter number and symbol (2) or
# person's name (3 to 5) takes, and a pasted SMS still finds its report by its
# first ten words. 200 characters: ten long words, or one pasted link.
MAX_SEARCH_WORDS = 10
MAX_SEARCH_LENGTH = 200

# Values of one parameter, repeated (`?a=1&a=2`) or comma-separated (`__in`): the
# longest the app writes is the dashboard's three open states; a report has five.
MAX_VALUES = 10


# How a checked value is compared; a filter's own parameters end in one of these
# (or in nothing: `?path_info=…`). Any other lookup or transform is never run from an address.
COMPARISONS = {"exact", "in", "isnull", "isempty", "gte", "lt"}
# Django reads any text as a boolean here ("", "0", "false" are False).
ANY_TEXT = {"isnull", "isempty"}

# The id field of each row of a list edited in place, as Django's changelist formset names it.
EDITED_ROW = r"form-\d+-{pk}"

SHOWN = 50  # characters of a refused name or value repeated on the page


class LookupRefused(DisallowedModelAdminLookup):
    """A list parameter that is never run; its text says why, in Vietnamese."""


def _shown(text):
    text = str(text)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def bounded_search(term):
    """The search as typed, or its first MAX_SEARCH_WORDS words, MAX_SEARCH_LENGTH characters."""
    words = term.split()
    if len(words) <= MAX_SEARCH_WORDS and len(term) <= MAX_SEARCH_LENGTH:
        return term
    return " ".join(words[:MAX_SEARCH_WORDS])[:MAX_SEARCH_LENGTH].strip()


def _field_and_comparison(model, lookup):
    """`province__id__exact` → (Province.id, "exact"); None for a lookup we would not run."""
    opts = model._meta
    field = None
    parts = lookup.split(LOOKUP_SEP)
    for index, part in enumerate(parts):
        if field is not None and not field.is_relation:
            rest = parts[index:]
            break
        try:
            field = opts.get_field(part)
        except FieldDoesNotExist:
            rest = parts[index:]
            break
        if field.is_relation:
            opts = field.related_model._meta
    else:
        rest = []
    if field is None or len(rest) > 1:
        return None
    comparison = rest[0] if rest else "exact"
    return (field, comparison) if comparison in COMPARISONS else None


def check_values(model, name, values):
    """Refuse (LookupRefused) values of the parameter `name` that its field cannot compare."""
    target = _field_and_comparison(model, name)
    if target is None:
        raise LookupRefused(_unknown(name))
    field, comparison = target
    if comparison in ANY_TEXT:
        items = []
    elif comparison == "in":
        items = [item for value in values for item in value.split(",")]
    else:
        items = list(values)
    if max(len(items), len(values)) > MAX_VALUES:
        raise LookupRefused(
            _("Bộ lọc “%(name)s” nhận tối đa %(count)d giá trị.")
            % {"name": _shown(name), "count": MAX_VALUES}
        )
    for item in items:
        if not fits(field, item):
            raise LookupRefused(_bad_value(name, item))


def _unknown(name):
    return _(
        "Danh sách này không lọc theo “%(name)s”. Hãy lọc bằng các ô bên phải danh sách, "
        "hoặc tìm bằng ô tìm kiếm."
    ) % {"name": _shown(name)}


def _bad_value(name, value):
    return _("Bộ lọc “%(name)s” không dùng được giá trị “%(value)s”.") % {
        "name": _shown(name),
        "value": _shown(value),
    }


def _not_a_row(value):
    return _(
        "Dòng được chọn “%(value)s” không phải là một dòng của danh sách. "
        "Hãy mở lại danh sách và chọn lại."
    ) % {"value": _shown(value)}


def _check_date_hierarchy(date_hierarchy, params):
    """`?attempt_time__year=9999` was a 500 inside Django (there is no year 10000 to end at)."""
    if not date_hierarchy:
        return
    names = [f"{date_hierarchy}__{part}" for part in ("year", "month", "day")]
    asked = [params.get(name) for name in names]
    if asked == [None, None, None]:
        return
    for name, values in zip(names, asked, strict=True):
        if values is not None and len(values) > MAX_VALUES:
            raise LookupRefused(_bad_value(name, values[-1]))
    year, month, day = (values[-1] if values else "1" for values in asked)
    try:
        date = datetime.date(int(year), int(month), int(day))
    except (ValueError, OverflowError):
        date = None
    if asked[0] is None and (asked[1] or asked[2]):
        date = None  # a month or a day without its year: nothing the page writes
    if date is None or not year_in_bounds(date):
        raise LookupRefused(_bad_value(names[0], year))


class BoundedSearchForm(ChangeListSearchForm):
    def clean_q(self):
        return bounded_search(self.cleaned_data[SEARCH_VAR])


class BoundedChangeList(ChangeList):
    """Django's list, refusing what its filters do not use (see the module's docstring)."""

    search_form_class = BoundedSearchForm

    def __init__(self, request, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        if self.query != request.GET.get(SEARCH_VAR, ""):
            message = _(
                "Chỉ tìm theo %(words)d từ đầu tiên (tối đa %(chars)d ký tự): đã tìm “%(term)s”."
            ) % {"words": MAX_SEARCH_WORDS, "chars": MAX_SEARCH_LENGTH, "term": self.query}
            messages.warning(request, message)

    def get_queryset(self, request, exclude_parameters=None):
        """As Django's; with counts shown ("Hiện số lượng"), built once per set of filters.

        Each filter's counts ask for the list without its own parameter, and Django
        builds every filter again for each (eleven times on the report list). A
        parameter the request does not carry changes nothing, so lists whose excluded
        parameters are absent are one and the same queryset (unevaluated: each count
        clones it).
        """
        if exclude_parameters is None:
            return super().get_queryset(request)
        key = tuple(sorted(set(exclude_parameters) & set(self.filter_params)))
        built = self.__dict__.setdefault("_querysets_without", {})
        if key not in built:
            built[key] = super().get_queryset(request, exclude_parameters)
        return built[key]

    def get_filters(self, request):
        asked = self.get_filters_params()
        for name, values in asked.items():
            # Django checks this too, but says "400" without naming the parameter.
            if not all(self.model_admin.lookup_allowed(name, value, request) for value in values):
                raise LookupRefused(_unknown(name))
        _check_date_hierarchy(self.date_hierarchy, asked)
        specs, has_filters, remaining, duplicates, active = super().get_filters(request)
        claimed = self._check_filters(specs, asked)
        hierarchy = self._hierarchy_parameters(asked)
        for name in asked.keys() - claimed - remaining.keys() - hierarchy:
            # Taken by a filter that shows nothing to this user (no choices): never applied.
            raise LookupRefused(_unknown(name))
        for name in remaining.keys() - hierarchy:
            if name not in self.model_admin.allowed_lookups:
                raise LookupRefused(_unknown(name))
            check_values(self.model, name, asked[name])
        return specs, has_filters, remaining, duplicates, active

    def _check_filters(self, specs, asked):
        """Each filter's values checked; the names the filters took."""
        claimed = set()
        for spec in specs:
            names = set(spec.expected_parameters()) & asked.keys()
            claimed |= names
            if isinstance(spec, SimpleListFilter):
                value = spec.value()
                offered = {str(choice) for choice, _label in spec.lookup_choices}
                if value not in (None, "") and value not in offered:
                    raise LookupRefused(
                        _(
                            "Bộ lọc “%(name)s” không có lựa chọn “%(value)s”. "
                            "Hãy chọn trong các ô bên phải danh sách."
                        )
                        % {"name": _shown(spec.parameter_name), "value": _shown(value)}
                    )
                continue
            for name in names:
                check_values(self.model, name, asked[name])
        return claimed

    def _hierarchy_parameters(self, asked):
        """The date hierarchy's own names: checked already, and the two bounds it makes of them."""
        if not self.date_hierarchy:
            return set()
        made = {f"{self.date_hierarchy}__{part}" for part in ("year", "month", "day")}
        if f"{self.date_hierarchy}__year" in asked:
            made |= {f"{self.date_hierarchy}__gte", f"{self.date_hierarchy}__lt"}
        return made


def _bounded_search_results(method):
    @functools.wraps(method)
    def get_search_results(self, request, queryset, search_term):
        return method(self, request, queryset, bounded_search(search_term))

    get_search_results.bounded = True
    return get_search_results


class BoundedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose lists, searches and actions run only bounded queries."""

    # Lookups outside list_filter that the app's own links write (the dashboard's, say);
    # their values are checked like a filter's.
    allowed_lookups = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The form's relation fields (selects, autocompletes, raw ids, many-to-many) check
        # an id fits its column before looking it up: 2^70 among a group's permissions was a 500.
        for db_field, form_field in (
            (models.ForeignKey, BoundedModelChoiceField),
            (models.ManyToManyField, BoundedModelMultipleChoiceField),
        ):
            self.formfield_overrides.setdefault(db_field, {}).setdefault("form_class", form_field)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # A search of the admin's own (ReportAdmin, AdvisoryAdmin) gets the same bound as
        # Django's, whoever calls it: the list, or the autocomplete of another admin's form.
        own = cls.__dict__.get("get_search_results")
        if own is not None and not getattr(own, "bounded", False):
            cls.get_search_results = _bounded_search_results(own)

    def get_changelist(self, request, **kwargs):
        return BoundedChangeList

    def lookup_allowed(self, lookup, value, request=None):
        # Django lets a lookup across a relation (`links__domain`) through only for a list
        # filter's own; the app's own links (allowed_lookups) are named here, each exactly.
        if lookup in self.allowed_lookups:
            return True
        return super().lookup_allowed(lookup, value, request)

    @_bounded_search_results
    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_term)

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and "_save" in request.POST:
            # The rows of a list edited in place (list_editable): Django looks them all up
            # with `pk__in`, which no database check guards (2^63 was a 500).
            edited = EDITED_ROW.format(pk=re.escape(self.opts.pk.name))
            for name, value in request.POST.items():
                if re.fullmatch(edited, name) and not valid_pk(self.model, value):
                    return self.refusal(request, _not_a_row(value))
        try:
            return super().changelist_view(request, extra_context)
        except DisallowedModelAdminLookup as refused:
            problem = refused.args[0] if isinstance(refused, LookupRefused) else _unknown("?")
            return self.refusal(request, problem)

    def response_action(self, request, queryset):
        for selected in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
            if not valid_pk(self.model, selected):
                return self.refusal(request, _not_a_row(selected))
        return super().response_action(request, queryset)

    def refusal(self, request, problem):
        """The 400 page: what was refused and why, and the way back to the whole list."""
        context = {
            **self.admin_site.each_context(request),
            "title": _("Không mở được danh sách theo địa chỉ này"),
            "problem": problem,
            "opts": self.model._meta,
            "list_url": request.path,
        }
        return TemplateResponse(request, "admin/bounds_refused.html", context, status=400)


def bound_every_admin(site):
    """Give BoundedAdmin to the ModelAdmins other apps registered (auth's, axes')."""
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, BoundedAdmin):
            continue
        plain = type(model_admin)
        bounded = type(plain.__name__, (BoundedAdmin, plain), {"__module__": plain.__module__})
        site.unregister(model)
        site.register(model, bounded)
