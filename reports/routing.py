"""Where a citizen of a province reports: the province's own lines, then the national ones.

A line announced by a former unit (Bình Phước, Ninh Thuận) still applies to
the people of the unit it was merged into, and the other way round: the
hotlines of a province are those of its whole family since the 2025 merger.
"""

from django.db.models import Case, IntegerField, Q, Value, When

from .models import Hotline


def hotlines_for(province=None, kind=None):
    """Active hotlines for a province (or none: national only), provincial first.

    One query; `kind` (S, V, LD) keeps only the lines that take that kind.
    Each line's `published_source` is its letter while citizens may read it.
    """
    where = Q(scope=Hotline.Scope.NATIONAL)
    if province is not None:
        current = province.resolve()
        where |= Q(province=current) | Q(province__merged_into=current)
    lines = (
        Hotline.objects.approved()
        .active()
        .with_sources()
        .filter(where)
        .annotate(
            national=Case(
                When(scope=Hotline.Scope.NATIONAL, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by("national", "position", "channel", "number")
    )
    return [line for line in lines if not kind or line.takes(kind)]
