"""Who is asking: the client's address, behind as many proxies as we trust.

Used by report throttling and by the admin's login lockout (django-axes), so
that both count the same client the same way.

An IPv6 client gets a whole /64 (or more) from its provider and may pick any
address inside it for each request: counted address by address, 30 of 30
reports passed a limit of 5 and 20 wrong passwords never locked. So an IPv6
client is its network prefix (CLIENT_IPV6_PREFIX, /64 by default).
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The client's address as counted: IPv4 as is, IPv6 as its prefix; None if unreadable.

    REMOTE_ADDR, or with REPORT_TRUSTED_PROXIES = n the n-th address from the
    right of X-Forwarded-For: the one the outermost trusted proxy received;
    anything left of it can be forged by the client.
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
    return counted_address(address)


def counted_address(text):
    """`2001:db8:1:2:a:b:c:d` → `2001:db8:1:2::` (/64); `::ffff:203.0.113.7` → `203.0.113.7`."""
    try:
        address = ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped:  # a dual-stack socket's view of an IPv4 client
        return str(address.ipv4_mapped)
    network = ipaddress.IPv6Network((address, settings.CLIENT_IPV6_PREFIX), strict=False)
    return str(network.network_address)
