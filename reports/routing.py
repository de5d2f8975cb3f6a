"""Where a citizen of a province reports: the province's own lines, then the national ones.

A line announced by a former unit (Bình Phước, Ninh Thuận) still applies to
the people of the unit it was merged into, and the other way round: the
hotlines of a province are those of its whole family since the 2025 merger.
"""

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When

from advisories.models import Advisory

from .models import Hotline


def hotlines_for(province=None, kind=None):
    """Active hotlines for a province (or none: national only), provincial first.

    One query; `kind` (S, V, LD) keeps only the lines that take that kind.
    Each line gets `published_source`: its source letter while citizens may
    read it, else None. A letter set back to draft (or scheduled) must not
    show its summary, nor a link that 404s, wherever the line is shown.
    """
    where = Q(scope=Hotline.Scope.NATIONAL)
    if province is not None:
        current = province.resolve()
        where |= Q(province=current) | Q(province__merged_into=current)
    lines = (
        Hotline.objects.active()
        .filter(where)
        .select_related("province", "announced_by", "source_advisory__issuer")
        .annotate(
            national=Case(
                When(scope=Hotline.Scope.NATIONAL, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            # A subquery, not a second query: routing stays one round trip.
            source_is_published=Exists(
                Advisory.objects.published().filter(pk=OuterRef("source_advisory"))
            ),
        )
        .order_by("national", "position", "channel", "number")
    )
    lines = [line for line in lines if not kind or line.takes(kind)]
    for line in lines:
        line.published_source = line.source_advisory if line.source_is_published else None
    return lines
