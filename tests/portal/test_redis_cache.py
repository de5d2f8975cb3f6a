"""With Redis (production), the cache reuses its client objects and still answers right.

Runs in the PostgreSQL + Redis leg of CI (.ci/run sets REDIS_URL there).
"""

import secrets

import pytest
from django.conf import settings
from django.core.cache import caches

from portal.redis_cache import PortalRedisCache

pytestmark = pytest.mark.skipif(
    not settings.REDIS_URL, reason="needs REDIS_URL: the PostgreSQL + Redis run has it"
)


def test_every_call_shares_one_client_and_reads_what_was_written():
    page, count = f"test-page-{secrets.token_hex(4)}", f"test-count-{secrets.token_hex(4)}"
    cache = caches["default"]
    assert isinstance(cache, PortalRedisCache)

    cache.set(page, ("text/html", b"trang"), 30)
    cache.add(count, 0, 30)

    assert cache.get(page) == ("text/html", b"trang")
    assert cache.incr(count) == 1
    assert cache._cache.get_client() is cache._cache.get_client()
    cache.delete_many([page, count])
