"""Shown next to the SMS: hotlines with their source letter, and matching advisories."""

from django.db.models import Q
from django.urls import NoReverseMatch

from advisories.models import Advisory

RELATED_LIMIT = 5


def advisory_url(advisory):
    """The letter's public page, or None while the advisories pages are not routed."""
    try:
        return advisory.get_absolute_url()
    except NoReverseMatch:
        return None


def related_advisories(province=None, patterns=(), limit=RELATED_LIMIT):
    """Published letters of the province's family, or warning of the same scam patterns."""
    where = Q()
    if province is not None:
        current = province.resolve()
        where |= Q(issuer__province=current) | Q(issuer__province__merged_into=current)
    pattern_ids = [pattern.pk for pattern in patterns]
    if pattern_ids:
        where |= Q(patterns__in=pattern_ids)
    if not where:
        return []
    ids = Advisory.objects.published().filter(where).values("pk")
    return list(Advisory.objects.filter(pk__in=ids).select_related("issuer__province")[:limit])


def advisory_payload(advisory):
    """A published letter as the JSON API gives it (needs `issuer`)."""
    return {
        "number": advisory.display_number,
        "date": advisory.date_display,
        "issuer": advisory.issuer.name,
        "summary": advisory.summary,
        "url": advisory_url(advisory),
    }


def hotline_payload(line):
    """A line from `hotlines_for` as the JSON API gives it.

    `source_advisory` is null when no letter is linked or the letter is not
    published (any more): a line from elsewhere, without `published_source`,
    shows no letter rather than risk showing a draft.
    """
    advisory = getattr(line, "published_source", None)
    source = advisory_payload(advisory) if advisory is not None else None
    return {
        "label": line.label,
        "number": line.number,
        "channel": line.channel,
        "kinds": line.kind_list,
        "scope": line.scope,
        "note": line.note,
        "announced": str(line.announced_display),
        "announced_by": line.announced_by.name if line.announced_by else None,
        "source_advisory": source,
    }
