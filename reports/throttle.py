"""A fixed-window rate limit for the report form and the API, and one upload at a time.

Counts live in portal.counters: shared by every worker (Redis when REDIS_URL
is set, else the database), so the limit holds whichever worker answers.
django-ratelimit is not used: its checks refuse our embedded default, and
it has had no release since 2023.

A submission passes two counters (`report_gate`, `admit_report`): the
limit counts stored reports and reports whose files were examined (below),
so a citizen fixing a mistake in her text is never held back by her own
typos; attempts that store nothing have their own ceiling, ATTEMPT_FACTOR
times the limit, so a script cannot make us validate (and read uploads)
for free. Such an attempt decodes nothing: it costs reading the body.

Evidence is the costly part of a report (decoding and re-encoding images,
up to a second of CPU a file): it is examined only once every other field
is valid, and then

- the report counts against the limit before its files are examined, and
  stays counted whether they are accepted or not: a script sending
  images in reports it makes invalid spends the same limit as a citizen
  filing reports (REPORT_RATE_LIMIT, 5 a minute by default);
- one client examines one report's files at a time (`evidence_slot`, a
  slot in the shared counters): one address keeps at most one worker busy
  with uploads. A second upload meanwhile gets a 429 asking it to wait a
  few seconds. The slot is freed when the work ends, or after
  EVIDENCE_SLOT_SECONDS if the worker was killed holding it.

An IPv6 client is its /64 (portal.clients), and each count above also
applies to the wider network it is in (CLIENT_IPV6_WIDE_PREFIX, /56): a
household or small office may spread over several /64s, so that network
gets CLIENT_IPV6_WIDE_FACTOR (3) times each limit, and as many evidence
slots. A /64 adds to its network's count only what its own limit let
through: one client over its limit cannot use up its neighbours' share.

REPORT_RATE_LIMIT=0 turns all of this off (the benchmark, where every client
has the same address).
"""

import hashlib
import math
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal import counters
from portal.clients import client_ip, client_network

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
ATTEMPT_FACTOR = 4
# How long a client's evidence slot lasts if it is never released: twice
# gunicorn's worker timeout (30 s), so a worker still examining files never
# loses it, and one killed while doing so frees it within a minute.
EVIDENCE_SLOT_SECONDS = 60
# The wait asked of a second upload while the first is examined: three files
# at the worst accepted take about three seconds.
EVIDENCE_BUSY_RETRY_AFTER = 5


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


def _hashed(address):
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def client_key(request):
    """The client's address (see portal.clients), hashed: the cache keeps no address."""
    return _hashed(client_ip(request))


def network_key(request):
    """The client's wider IPv6 network, hashed; None for IPv4 (portal.clients)."""
    network = client_network(request)
    return None if network is None else _hashed(network)


@dataclass(frozen=True)
class Hit:
    """One counted request: whether it is allowed, and for how long the window still runs."""

    allowed: bool
    keys: tuple = ()  # the counters it added to: the client's, and its network's
    limit: int = 0
    period: int = 0
    retry_after: int = 0  # seconds until the window ends: the Retry-After header
    attempts: bool = False  # refused by the ceiling on attempts, not by the limit
    busy: bool = False  # refused because the client's evidence slot is taken
    network: bool = False  # refused by the count of the client's wider network

    def undo(self):
        """Give the hit back (the window may have ended in between: nothing to give)."""
        for key in self.keys:
            counters.undo(key)


ALLOWED = Hit(allowed=True)


def _now():
    """The clock, on its own so a test can stop it at a known point in a window."""
    return time.time()


def hit(request, scope, rate=None, factor=1):
    """Count one hit; `allowed` is False once the client went over factor × limit."""
    limit = parse_rate(settings.REPORT_RATE_LIMIT if rate is None else rate)
    if limit is None:
        return ALLOWED
    count, period = limit
    count *= factor
    now = _now()
    window = int(now // period)
    key = f"throttle:{scope}:{client_key(request)}:{window}"
    keys, limit = [key], count
    allowed = counters.hit(key, timeout=period + 1) <= count
    network = network_key(request)
    refused_by_network = False
    if allowed and network is not None:
        # Only what the client's own limit let through counts towards its network's.
        wide = f"throttle:{scope}:network:{network}:{window}"
        keys.append(wide)
        if counters.hit(wide, timeout=period + 1) > count * settings.CLIENT_IPV6_WIDE_FACTOR:
            allowed, refused_by_network = False, True
            limit = count * settings.CLIENT_IPV6_WIDE_FACTOR
    return Hit(
        allowed=allowed,
        keys=tuple(keys),
        limit=limit,
        period=period,
        retry_after=max(1, math.ceil((window + 1) * period - now)),
        attempts=factor > 1,
        network=refused_by_network,
    )


def report_gate(request):
    """Before validation: every attempt counts against the ceiling until a report is stored."""
    return hit(request, "report-attempt", factor=ATTEMPT_FACTOR)


def admit_report(request, gate):
    """After validation, before storing: counts one report against the limit.

    Form and API share the counter. When the report is admitted, its attempt
    is given back: only attempts that store nothing come near the ceiling.
    """
    admitted = hit(request, "report")
    if admitted.allowed:
        gate.undo()
    return admitted


class Busy(Exception):
    """The client's evidence slot is taken: `hit` is the refusal to answer with."""

    def __init__(self, hit):
        super().__init__("evidence slot taken")
        self.hit = hit


def evidence_slot_key(request):
    return f"throttle:evidence-slot:{client_key(request)}"


def network_slot_keys(request):
    """The evidence slots of the client's wider network; none for IPv4."""
    network = network_key(request)
    if network is None:
        return []
    return [
        f"throttle:evidence-slot:network:{network}:{n}"
        for n in range(settings.CLIENT_IPV6_WIDE_FACTOR)
    ]


def _busy(network=False):
    return Busy(
        Hit(
            allowed=False,
            retry_after=EVIDENCE_BUSY_RETRY_AFTER,
            busy=True,
            network=network,
            limit=settings.CLIENT_IPV6_WIDE_FACTOR if network else 1,
        )
    )


@contextmanager
def evidence_slot(request):
    """Hold the client's evidence slot, and one of its network's, while its files are
    examined; raises Busy if the client's is taken or all of its network's are."""
    if parse_rate(settings.REPORT_RATE_LIMIT) is None:
        yield
        return
    key = evidence_slot_key(request)
    if not counters.acquire(key, timeout=EVIDENCE_SLOT_SECONDS):
        raise _busy()
    held = [key]
    try:
        slots = network_slot_keys(request)
        if slots:
            taken = next(
                (slot for slot in slots if counters.acquire(slot, timeout=EVIDENCE_SLOT_SECONDS)),
                None,
            )
            if taken is None:
                raise _busy(network=True)
            held.append(taken)
        yield
    finally:
        for slot in held:
            counters.release(slot)


def _in_unit(size, n):
    if size == 86400:
        return ngettext("%(n)s ngày", "%(n)s ngày", n) % {"n": n}
    if size == 3600:
        return ngettext("%(n)s giờ", "%(n)s giờ", n) % {"n": n}
    if size == 60:
        return ngettext("%(n)s phút", "%(n)s phút", n) % {"n": n}
    return ngettext("%(n)s giây", "%(n)s giây", n) % {"n": n}


def duration(seconds, exact=False):
    """`3600` → "1 giờ". Exact (a period): the largest unit that divides it; else a wait,
    rounded up in the largest unit it reaches, so the client never comes back too early."""
    for size in (86400, 3600, 60):
        if exact and seconds % size == 0:
            return _in_unit(size, seconds // size)
        if not exact and seconds >= size:
            return _in_unit(size, math.ceil(seconds / size))
    return _in_unit(1, seconds)


def message(hit):
    """What the client is told on a 429, from the configured rate and the time left."""
    if hit.busy and hit.network:
        return _(
            "Mạng của bạn (cùng một nhà hoặc cơ quan) đang có %(count)s phản ánh được kiểm "
            "tra tệp đính kèm, là mức tối đa cùng lúc. Hãy đợi %(wait)s rồi gửi lại."
        ) % {"count": hit.limit, "wait": duration(hit.retry_after)}
    if hit.busy:
        return _(
            "Tệp đính kèm của phản ánh bạn vừa gửi vẫn đang được kiểm tra: mỗi lần chỉ kiểm "
            "tra tệp của một phản ánh. Hãy đợi %(wait)s rồi gửi lại."
        ) % {"wait": duration(hit.retry_after)}
    words = {
        "limit": hit.limit,
        "period": duration(hit.period, exact=True),
        "wait": duration(hit.retry_after),
    }
    if hit.network and hit.attempts:
        return (
            _(
                "Mạng của bạn (cùng một nhà hoặc cơ quan) đã gửi quá %(limit)s lần chưa được "
                "trong %(period)s. Hãy đợi %(wait)s rồi gửi lại."
            )
            % words
        )
    if hit.network:
        return (
            _(
                "Mạng của bạn (cùng một nhà hoặc cơ quan) đã gửi tối đa %(limit)s phản ánh "
                "trong %(period)s. Hãy đợi %(wait)s rồi gửi lại."
            )
            % words
        )
    if hit.attempts:
        return (
            _(
                "Bạn gửi quá nhanh: đã gửi quá %(limit)s lần chưa được trong %(period)s. "
                "Hãy đợi %(wait)s rồi gửi lại."
            )
            % words
        )
    return (
        _(
            "Bạn gửi quá nhanh: tối đa %(limit)s phản ánh trong %(period)s. "
            "Hãy đợi %(wait)s rồi gửi lại."
        )
        % words
    )
