"""Who is asking: the client's address, behind as many proxies as we trust.

Used by report throttling and by the admin's login lockout (django-axes), so
that both count the same client the same way.
"""

from django.conf import settings


def client_ip(request):
    """REMOTE_ADDR, or the address our trusted proxies saw (X-Forwarded-For).

    With REPORT_TRUSTED_PROXIES = n, the n-th address from the right of
    X-Forwarded-For is the one the outermost trusted proxy received; anything
    left of it can be forged by the client.
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
    return address
