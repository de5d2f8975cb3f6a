"""Where a browser says a request comes from: our own pages, another site, or no page at all.

Browsers label what they send: `Sec-Fetch-Site` (every current browser)
says whether the page that made the request is ours (`same-origin`), another
site's (`cross-site`, `same-site` for a neighbouring subdomain), or none (an
address typed, a bookmark). `Origin` says the same on every POST, in older
browsers too. A chatbot, an app or `curl` sends neither, and is no page at all.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost

# Sec-Fetch-Site values a page of ours, or the user themselves, gives.
OURS = frozenset({"same-origin", "none"})


def our_origins(request):
    """The origins of our own pages: the one asked for, and those the deployment trusts."""
    return {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}


def sent_from_our_pages(request):
    """Whether the browser says the form it posted was on one of our own pages.

    Browsers send Origin with every POST; when one leaves it out, Referer
    (our Referrer-Policy keeps it for our own pages) stands in. Neither, or
    `Origin: null` (a sandboxed frame, a data: page), is as good as another site.
    """
    try:
        ours = our_origins(request)
    except DisallowedHost:
        return False
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        return origin in ours
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    return bool(referer.netloc) and f"{referer.scheme}://{referer.netloc}" in ours


def from_another_site(request):
    """Whether a browser sent this request for a page that is not ours.

    The browser's own label decides (`Sec-Fetch-Site`); without it, `Origin`
    (`null` included: a sandboxed frame or a data: page hides where it is).
    A request with neither comes from no web page: a chatbot, an app, `curl`.
    """
    site = request.META.get("HTTP_SEC_FETCH_SITE")
    if site:
        return site.strip().lower() not in OURS
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        return False
    try:
        return origin not in our_origins(request)
    except DisallowedHost:
        return True
