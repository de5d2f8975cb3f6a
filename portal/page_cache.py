"""Whole public pages, cached for anonymous visitors; never stale after staff act.

A citizen's page (home, the letters, a letter, search, statistics, the
number look-up, the report form) is the same for every anonymous visitor
of a language and host. Rendering one costs 3–20 ms; serving it from the
cache costs about what a constant page does (bench/README.md: 0.6–0.9 of
Django's ceiling). So those views are wrapped by `public_page`:

- Only GET/HEAD from a visitor with no session and no pending message, and
  only a 200 answer, is cached; staff (who have a session) always get the
  page fresh, drafts and previews included.
- The key holds a *generation*: a number every change that shows bumps
  (a letter published, edited or unpublished, a hotline, a number marked
  official or scam, a province or an issuer renamed: see `bump` and the
  signals in portal.apps). The generation lives where every worker sees it
  (portal.counters: the database, or Redis), so a change made through one
  worker is seen by all at once; old entries just expire.
- The page's CSRF token (the language switch and the report form carry
  one) is stored as a placeholder and each visitor gets their own token in
  its place, with its cookie: the report form stays correct with CSRF.
  So are the hidden fields a view names in `fresh` (the report form's
  one-time submission key): each visitor gets a new value, from the view's
  own function.
- An entry lives at most its view's timeout, and never past the next
  scheduled publication (`published_at` in the future), which no one acts
  on when it comes. That moment is asked once per generation.
- A hit is one read of the generation (a raw SELECT, or Redis) and one of
  the page, stored deflated: no ORM, no template.
"""

import functools
import hashlib
import re
import secrets
import zlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

from . import counters

GENERATION = "public-pages:generation"
PLACEHOLDER = b"__CSRF_TOKEN_FOR_THIS_VISITOR__"
# What {% csrf_token %} renders; the token differs for every visitor.
TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
FOREVER = 10 * 365 * 86400
NOT_CACHED = object()


def generation():
    """The current generation, as every worker sees it."""
    if settings.SHARED_COUNTERS == "cache":
        value = cache.get(GENERATION)
        if value is None:
            # Redis may have evicted it: start somewhere no old entry could match.
            cache.add(GENERATION, secrets.randbelow(2**31), timeout=None)
            value = cache.get(GENERATION)
        return value
    return counters.read(GENERATION)


def bump():
    """A change that shows: every cached page is stale from the moment it commits."""

    def now():
        if settings.SHARED_COUNTERS == "cache":
            generation()  # make sure it exists before incr
            cache.incr(GENERATION)
        else:
            counters.hit(GENERATION, timeout=FOREVER)

    transaction.on_commit(now)


def queries_added(hit, first_miss=True):
    """What the cache adds to a page's own queries (for the tests that count them).

    The generation is read from the database unless Redis holds it; the first
    miss of a generation also asks for the next scheduled publication.
    """
    generation_queries = 0 if settings.SHARED_COUNTERS == "cache" else 1
    return generation_queries + (0 if hit or not first_miss else 1)


def _cacheable_visitor(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _key(request, current):
    parts = [
        str(current),
        request.scheme,
        request.get_host(),
        translation.get_language(),
        request.get_full_path(),
    ]
    return "page-bytes:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _timeout(default, current):
    """The view's timeout, but never past the next scheduled publication."""
    upcoming = _next_publication(current)
    if upcoming is None:
        return default
    return max(1, min(default, int((upcoming - timezone.now()).total_seconds())))


def _next_publication(current):
    """When the next scheduled letter appears, or None; asked of the database once a
    generation (a letter saved bumps it) and again when that time has come.

    Cached rather than indexed: an index on published_at made SQLite read the
    public list through it and sort every letter, instead of walking
    advisory_public_list.
    """
    from advisories.models import Advisory  # portal's models must not import the apps'

    key = f"public-pages:next-publication:{current}"
    known = cache.get(key, NOT_CACHED)
    if known is not NOT_CACHED:
        return known
    upcoming = (
        Advisory.objects.filter(status=Advisory.Status.PUBLISHED, published_at__gt=timezone.now())
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    until = (upcoming - timezone.now()).total_seconds() if upcoming else FOREVER
    cache.set(key, upcoming, max(1, min(int(until), 86400)))
    return upcoming


def _fresh_field(name):
    """What `<input type="hidden" name=… value=…>` renders, as Django's widget writes it."""
    return re.compile(rb'(name="' + re.escape(name.encode()) + rb'" value=")[^"]*(")')


def public_page(timeout=300, fresh=None):
    """Cache the view's page for anonymous visitors; see the module's docstring.

    `fresh`: {hidden field name: function making its value}, for values no two
    visitors may share.
    """
    fields = [
        (_fresh_field(name), f"__FRESH_{name}_FOR_THIS_VISITOR__".encode(), make)
        for name, make in (fresh or {}).items()
    ]

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _cacheable_visitor(request):
                return view(request, *args, **kwargs)
            current = generation()
            key = _key(request, current)
            stored = cache.get(key)
            if stored is not None:
                content_type, packed = stored
                body = zlib.decompress(packed)
                if PLACEHOLDER in body:  # this visitor's own token, and its cookie
                    body = body.replace(PLACEHOLDER, get_token(request).encode())
                for _pattern, placeholder, make in fields:
                    body = body.replace(placeholder, make().encode())
                response = HttpResponse(body, content_type=content_type)
                response["X-Page-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            # A cookie other than CSRF's would be this visitor's own: such a page is not shared.
            only_csrf = set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
            if response.status_code == 200 and not response.streaming and only_csrf:
                body = TOKEN.sub(rb"\g<1>" + PLACEHOLDER + rb"\g<2>", response.content)
                for pattern, placeholder, _make in fields:
                    body = pattern.sub(rb"\g<1>" + placeholder + rb"\g<2>", body)
                # Compressed: a page is 30–60 KB of HTML and 6–10 KB deflated, so five
                # times the pages fit in a worker's memory or in Redis; inflating one
                # costs ~0.1 ms. Bytes, not text: a hit sends them without decoding.
                packed = zlib.compress(body, 1)
                cache.set(key, (response["Content-Type"], packed), _timeout(timeout, current))
                response["X-Page-Cache"] = "miss"
            return response

        return wrapper

    return decorator
