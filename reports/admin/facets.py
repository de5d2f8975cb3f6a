"""The report list's "Hiện số lượng" (facet counts) at 100,000 reports in well under 300 ms.

Django counts a SimpleListFilter's choices with one `COUNT(…) FILTER (WHERE id IN
(subquery))` per choice: a national inspector's province filter (34 choices),
the provinces as chosen (63) and the patterns made it 1.7 s on SQLite and 4.2 s
on PostgreSQL. Here a filter whose choices are values of one column is counted
by one GROUP BY of that column, and a choice that is no plain value (`mine`,
`open`…) falls back to Django's own count, for that choice only. The counts stay
exact: the same reports the filter would show.
"""

import functools

from django.db.models import Count, Q

NOT_GROUPED = object()


def choices_once(lookups):
    """A filter's `lookups`, read once a request.

    With counts shown, Django builds every filter again for each filter's counts
    (ChangeList.get_queryset): the provinces, patterns and staff were read ten times.
    """

    @functools.wraps(lookups)
    def once(self, request, model_admin):
        read = request.__dict__.setdefault("_report_filter_choices", {})
        key = type(self).__qualname__
        if key not in read:
            read[key] = list(lookups(self, request, model_admin))
        return read[key]

    return once


class GroupedFacets:
    """Mixed into a SimpleListFilter: set `facet_field`; map choices in `facet_value`."""

    facet_field = None  # the column the choices are values of, e.g. "province__slug"
    # Through a many-to-many (patterns): a report counts once per value, so rows of the
    # join are (report, value) pairs already; set to count the join table's rows instead.
    facet_through = None  # e.g. ("patterns", "scampattern__slug")

    def facet_value(self, lookup):
        """The column's value a choice stands for, or NOT_GROUPED to count it Django's way."""
        return lookup

    def get_facet_queryset(self, changelist):
        filtered = changelist.get_queryset(
            self.request, exclude_parameters=self.expected_parameters()
        )
        grouped = dict(self._grouped(filtered))
        counts, rest = {}, {}
        for i, (lookup, _title) in enumerate(self.lookup_choices):
            value = self.facet_value(lookup)
            if value is NOT_GROUPED:
                rest[i] = lookup
            else:
                counts[f"{i}__c"] = grouped.get(value, 0)
        if rest:
            counts.update(self._counted_one_by_one(filtered, rest))
        return counts

    def _grouped(self, filtered):
        """(value, reports) pairs: one GROUP BY, on the join table for a many-to-many."""
        if self.facet_through:
            relation, field = self.facet_through
            rows = getattr(filtered.model, relation).through.objects.all()
            if not unfiltered(filtered):
                rows = rows.filter(**{f"{filtered.model._meta.model_name}__in": ids(filtered)})
            return (
                rows.order_by().values_list(field).annotate(n=Count("pk")).values_list(field, "n")
            )
        return (
            filtered.order_by()
            .values_list(self.facet_field)
            .annotate(n=Count("pk"))
            .values_list(self.facet_field, "n")
        )

    def _counted_one_by_one(self, filtered, choices):
        """Django's own way (a subquery each), for the few choices that are no value."""
        original = self.used_parameters.get(self.parameter_name)
        aggregates = {}
        try:
            for i, lookup in choices.items():
                self.used_parameters[self.parameter_name] = lookup
                chosen = self.queryset(self.request, filtered)
                if chosen is not None:
                    aggregates[f"{i}__c"] = Count("pk", filter=Q(pk__in=chosen.values("pk")))
        finally:
            if original is None:
                self.used_parameters.pop(self.parameter_name, None)
            else:
                self.used_parameters[self.parameter_name] = original
        return filtered.aggregate(**aggregates) if aggregates else {}


class RowsFacets:
    """Mixed into a filter whose choices are "has a row in this table": `facet_tables`.

    Counted from the (small) tables' side: distinct reports among the rows whose
    report is in the list, one query a table, instead of a correlated EXISTS per report.
    """

    facet_tables = {}  # choice → model with a `report` foreign key

    def facet_extra(self, filtered, found):
        """Counts of the choices that are no table, given the tables' `found`: {choice: n}."""
        return {}

    def get_facet_queryset(self, changelist):
        filtered = changelist.get_queryset(
            self.request, exclude_parameters=self.expected_parameters()
        )
        found = {}
        for choice, model in self.facet_tables.items():
            rows = model.objects.all()
            if not unfiltered(filtered):
                rows = rows.filter(report__in=ids(filtered))
            found[choice] = rows.values("report").distinct().count()
        found.update(self.facet_extra(filtered, found))
        return {
            f"{i}__c": found[lookup]
            for i, (lookup, _title) in enumerate(self.lookup_choices)
            if lookup in found
        }


def unfiltered(queryset):
    """Whether the queryset is the whole table (a national inspector's list, no filter)."""
    return not queryset.query.where


def ids(queryset):
    return queryset.order_by().values("pk")
