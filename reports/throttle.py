"""A fixed-window rate limit on the cache, for the report form.

`cache.add` creates the window's counter only if missing and `cache.incr`
is atomic in Redis and in local memory, so two workers never both pass the
last free slot. With REDIS_URL set the counters are shared by every worker.
django-ratelimit is not used: its checks refuse LocMemCache, our default.
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """`5/m` → (5, 60); `0`, `""` or None → None (no limit)."""
    text = str(rate or "0").strip().lower()
    if text in ("0", "off", "none"):
        return None
    match = re.fullmatch(r"(\d+)/(\d*)([smhd])", text)
    if not match or int(match.group(1)) == 0:
        raise ImproperlyConfigured(f"REPORT_RATE_LIMIT={rate!r}: expected e.g. 5/m, 30/h or 0")
    count, multiplier, unit = match.groups()
    return int(count), int(multiplier or 1) * PERIODS[unit]


def client_key(request):
    """REMOTE_ADDR, or the address our trusted proxies saw (X-Forwarded-For).

    With REPORT_TRUSTED_PROXIES = n, the n-th address from the right of
    X-Forwarded-For is the one the outermost trusted proxy received; anything
    left of it can be forged by the client. Hashed: the cache keeps no address.
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.REPORT_TRUSTED_PROXIES
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def allow(request, scope, rate=None):
    """Count one hit; False once the client went over the limit in this window."""
    limit = parse_rate(settings.REPORT_RATE_LIMIT if rate is None else rate)
    if limit is None:
        return True
    count, period = limit
    window = int(time.time() // period)
    key = f"throttle:{scope}:{client_key(request)}:{window}"
    cache.add(key, 0, timeout=period + 1)
    try:
        hits = cache.incr(key)
    except ValueError:  # the window expired between add and incr
        cache.add(key, 1, timeout=period + 1)
        hits = 1
    return hits <= count
